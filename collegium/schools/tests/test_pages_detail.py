from datetime import date
from decimal import Decimal

from django.urls import reverse

from collegium.clusters.models import Membership
from collegium.schools.models import (
    Absence,
    Census,
    CoordinateSource,
    Finance,
    Inspection,
    KeyStage2Result,
    SchoolLink,
)


def url(school) -> str:
    return reverse("schools:detail", args=[school.urn])


def add_context(school) -> None:
    Census.objects.create(school=school, year=2018, pupils=300, pct_fsm_ever=10.0)
    Census.objects.create(
        school=school,
        year=2019,
        pupils=321,
        pct_fsm_ever=24.46,
        pct_eal=8.0,
        pct_sen_support=11.0,
        pct_ehc_plan=1.5,
    )
    Absence.objects.create(school=school, year=2019, pct_overall=4.2, pct_persistent=None)
    Finance.objects.create(
        school=school, year=2018, income=Decimal("1500000"), income_per_pupil=Decimal("4672.90")
    )
    KeyStage2Result.objects.create(
        school=school, year=2018, pupils=45, reading_progress=1.2, pct_expected_standard=71.0
    )
    Inspection.objects.create(
        school=school, inspected_on=date(2017, 3, 14), rating="Good", source="Ofsted"
    )


def test_anyone_sees_the_school_in_context(client_for, school_a):
    add_context(school_a)
    response = client_for(None).get(url(school_a))
    text = response.text
    assert response.status_code == 200
    assert "Ash Primary School" in text and "Oak Learning Trust" in text
    assert "2018/19" in text and "2017/18" in text and "321" in text
    assert "24.5%" in text and "8.0%" in text and "11.0%" in text and "1.5%" in text
    assert "£4,673" in text
    assert "Key stage 2 results" in text and "71.0%" in text
    assert "14 March 2017" in text and "Good" in text
    assert "4.2%" in text


def test_missing_figures_show_a_dash_and_unknown_location_says_so(client_for, school_b):
    text = client_for(None).get(url(school_b)).text
    assert "No yearly figures" in text and "Pupils on roll" not in text
    assert "–" in text
    assert "Not known" in text
    assert "No inspections are recorded for this school" in text
    assert "Key stage 2 results" not in text


def test_estimated_coordinates_are_described_in_words(client_for, school_a):
    school_a.latitude, school_a.longitude = 51.5, -0.1
    school_a.coordinate_source = CoordinateSource.POSTCODE_DISTRICT
    school_a.save()
    text = client_for(None).get(url(school_a)).text
    assert "51.50000, -0.10000" in text
    assert "Estimated from schools in the same postcode district (TT1)" in text


def test_predecessors_and_successors_link_to_schools_in_the_register(
    client_for, school_a, school_d
):
    SchoolLink.objects.create(urn=school_a.urn, linked_urn=school_d.urn, link_type="Successor")
    SchoolLink.objects.create(
        urn=school_a.urn, linked_urn=123456, linked_name="Old Ash Infants", link_type="Predecessor"
    )
    text = client_for(None).get(url(school_a)).text
    assert f'href="{url(school_d)}">Damson School</a>' in text
    assert "Old Ash Infants" in text and "123456" in text


def test_cluster_is_named_for_the_public_and_linked_for_members(
    client_for, school_leader, cluster, school_a
):
    cluster_url = reverse("clusters:detail", args=[cluster.pk])
    public = client_for(None).get(url(school_a)).text
    assert "Testtown Cluster" in public and cluster_url not in public
    assert cluster_url in client_for(school_leader).get(url(school_a)).text


def test_a_pending_invitation_is_shown_only_to_the_school_and_the_cluster(
    client_for, cluster, coordinator, school_d
):
    from collegium.people.models import Role, RoleGrant
    from conftest import make_user

    Membership.objects.create(cluster=cluster, school=school_d)
    head_of_d = make_user("Dana Head")
    RoleGrant.objects.create(user=head_of_d, role=Role.SCHOOL_LEADER, school=school_d)
    for person in (head_of_d, coordinator):
        page = client_for(person).get(url(school_d)).text
        assert "Invited to join" in page and "Testtown Cluster" in page
    public = client_for(None).get(url(school_d)).text
    assert "Testtown Cluster" not in public
    assert "Not in a cluster" in public


def test_history_link_only_for_those_who_may_see_it(
    client_for, school_leader, governor, outsider, moderator, network_admin, school_a
):
    history = reverse("audit:history", args=["schools.school", school_a.urn])
    for person in (school_leader, moderator, network_admin):
        assert history in client_for(person).get(url(school_a)).text
    for person in (None, governor, outsider):
        assert history not in client_for(person).get(url(school_a)).text
    edit = reverse("schools:edit", args=[school_a.urn])
    assert edit in client_for(network_admin).get(url(school_a)).text
    assert edit not in client_for(school_leader).get(url(school_a)).text


def test_unknown_urn_is_not_found(client_for, outsider, school_a):
    assert client_for(outsider).get(reverse("schools:detail", args=[999999])).status_code == 404


def test_page_takes_few_queries(client_for, cluster, school_a, django_assert_max_num_queries):
    add_context(school_a)
    client = client_for(None)
    # Six yearly tables and their stored comparators; the count does not grow with the rows
    # (test_pages_detail_queries.py).
    with django_assert_max_num_queries(13):
        client.get(url(school_a))
