"""D3: suggestions come from within a distance (50 km unless the head widens it), so that a
school in Camden is not offered schools in York; a school with no place on the map is kept."""

import pytest
from django.urls import reverse

from collegium.support.selectors.brokerage import WITHIN_KM, suggest_schools
from collegium.support.tests.test_brokerage import context_data, heads, network, place  # noqa: F401

pytestmark = pytest.mark.django_db

CAMDEN = (51.5390, -0.1426)
YORK = (53.9600, -1.0873)
ISLINGTON = (51.5465, -0.1058)  # about 2.7 km from Camden


@pytest.fixture
def camden(network, school_a, school_b, school_c):  # noqa: F811
    """Ash is in Camden; Beech (judged Leading) is in York; Cedar (offering help) in Islington."""
    place(school_a, *CAMDEN)
    place(school_b, *YORK)
    place(school_c, *ISLINGTON)
    return network.support_needs.get()


def test_a_camden_school_is_not_offered_york_schools_at_the_default(camden, school_c):
    assert WITHIN_KM == 50
    suggestions = suggest_schools(camden)
    assert [s.school for s in suggestions] == [school_c]
    assert suggestions[0].km is not None and suggestions[0].km < 5


def test_widening_the_distance_offers_them_and_nearby_schools_still_show_their_distance(
    camden, school_b, school_c
):
    assert {s.school for s in suggest_schools(camden, within_km=300)} == {school_b, school_c}
    assert {s.school for s in suggest_schools(camden, within_km=None)} == {school_b, school_c}
    york = next(s for s in suggest_schools(camden, within_km=None) if s.school == school_b)
    assert york.km is not None and york.km > 250


def test_a_school_with_no_place_on_the_map_is_kept(camden, school_b):
    school_b.latitude = school_b.longitude = None
    school_b.save()
    assert school_b in [s.school for s in suggest_schools(camden)]


def test_the_head_widens_the_distance_on_the_need_page_others_are_refused(
    client_for, camden, school_leader, governor, outsider
):
    url = reverse("support:need", args=[camden.pk])
    near = client_for(school_leader).get(url).text
    assert "Suggested schools within 50 km" in near
    assert "Beech Primary School" not in near and "Cedar" in near
    wide = client_for(school_leader).get(url + "?within=any").text
    assert "Suggested schools at any distance" in wide and "Beech Primary School" in wide
    wrong = client_for(school_leader).get(url + "?within=7")
    assert wrong.status_code == 400 and "Choose how far to look from the list" in wrong.text
    assert client_for(governor).get(url + "?within=any").status_code == 403
    assert client_for(outsider).get(url).status_code == 404
