"""Issue 15: a cluster's schools are chosen by name, town or URN, with or without a script."""

import re
from html import unescape

from django.urls import reverse

from collegium.clusters.models import Cluster, Membership
from conftest import make_school


def create_form(urns: str, coordinator) -> dict[str, str]:
    return {
        "name": "Northfield Cluster",
        "locality": "Northfield",
        "urns": urns,
        "coordinator_email": coordinator.email,
    }


def new_schools(la) -> None:
    """Three schools in no cluster (the coordinator's cluster holds schools A to C)."""
    make_school(la, 900050, "Elm Primary School", town="Brookfield")
    make_school(la, 900051, "Fir Primary School")
    make_school(la, 900052, "Gorse Academy")


def test_founding_schools_by_name_town_and_urn(client_for, network_admin, coordinator, la):
    new_schools(la)
    text = "Fir Primary School\nBrookfield\n900052"  # a name, a town and a URN
    response = client_for(network_admin).post(
        reverse("clusters:create"), create_form(text, coordinator)
    )
    assert response.status_code == 302
    cluster = Cluster.objects.get(name="Northfield Cluster")
    invited = set(cluster.memberships.values_list("school__name", flat=True))
    assert invited == {"Elm Primary School", "Fir Primary School", "Gorse Academy"}


def test_several_matches_ask_which_school_and_the_choice_is_taken(
    client_for, network_admin, coordinator, la
):
    new_schools(la)
    client = client_for(network_admin)
    form = create_form("Elm\nPrimary School\nGorse", coordinator)
    response = client.post(reverse("clusters:create"), form)
    assert response.status_code == 400
    page = unescape(response.text)
    assert "Which school did you mean by ‘Primary School’?" in page
    assert 'name="urns_pick_1"' in page and 'value="900051"' in page
    assert "Beech Primary School" in page and "Testtown, URN 900002" in page
    assert not Cluster.objects.filter(name="Northfield Cluster").exists()

    # The choice comes back with the next submission and replaces the line it answers.
    response = client.post(reverse("clusters:create"), form | {"urns_pick_1": "900051"})
    assert response.status_code == 302
    cluster = Cluster.objects.get(name="Northfield Cluster")
    assert set(cluster.memberships.values_list("school_id", flat=True)) == {
        900050,
        900051,
        900052,
    }


def test_a_school_not_on_the_register_is_named(client_for, coordinator, cluster, la):
    response = client_for(coordinator).post(
        reverse("clusters:invite", args=[cluster.pk]), {"urn": "Brooke"}
    )
    assert response.status_code == 400
    assert (
        "No school called ‘Brooke’ is on the register – check the spelling or search by URN"
        in unescape(response.text)
    )
    assert cluster.memberships.count() == 3


def test_the_autocomplete_label_is_taken(client_for, coordinator, cluster, la, school_leader):
    school = make_school(la, 900060, "Brooke Hill School", town="Brookton")
    response = client_for(coordinator).post(
        reverse("clusters:invite", args=[cluster.pk]),
        {"urn": "Brooke Hill School, Brookton (URN 900060)"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(school=school).cluster == cluster


def test_the_create_page_has_a_box_of_schools_and_the_autocomplete(client_for, network_admin):
    page = client_for(network_admin).get(reverse("clusters:create")).text
    assert re.search(r'<textarea[^>]*name="urns"', page)
    assert 'data-school-picker="many"' in page


def test_others_may_not_create_a_cluster_by_name(client_for, coordinator, school_leader, la):
    new_schools(la)
    form = create_form("Elm\nFir\nGorse", coordinator)
    for person in (coordinator, school_leader):
        assert client_for(person).post(reverse("clusters:create"), form).status_code == 403
    assert not Cluster.objects.filter(name="Northfield Cluster").exists()


def test_the_invite_page_loads_the_autocomplete(client_for, coordinator, cluster):
    page = client_for(coordinator).get(reverse("clusters:invite", args=[cluster.pk])).text
    assert 'data-school-picker="one"' in page
    assert "/static/schools/picker.js" in page
    assert reverse("schools:search-json") in page


def test_the_search_answers_at_most_ten_schools(client_for, outsider, la):
    for number in range(12):
        make_school(la, 900200 + number, f"Rowan School {number:02d}")
    answer = client_for(outsider).get(reverse("schools:search-json"), {"q": "rowan"}).json()
    assert len(answer["results"]) == 10
    first = answer["results"][0]
    assert first == {
        "urn": 900200,
        "name": "Rowan School 00",
        "town": "Testtown",
        "label": "Rowan School 00, Testtown (URN 900200)",
    }
    by_urn = client_for(outsider).get(reverse("schools:search-json"), {"q": "900205"}).json()
    assert [s["urn"] for s in by_urn["results"]] == [900205]


def test_the_search_asks_a_visitor_to_sign_in(client_for, la):
    make_school(la, 900300, "Rowan School")
    response = client_for(None).get(reverse("schools:search-json"), {"q": "rowan"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
