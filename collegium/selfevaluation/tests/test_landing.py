"""selfevaluation:mine, the way in from the navigation, and a school's year-by-year list."""

from django.urls import reverse

from collegium.people.models import Role
from collegium.selfevaluation import services
from collegium.selfevaluation.tests.conftest import THIS_YEAR, text_of
from conftest import grant

MINE = reverse("selfevaluation:mine")


def school_url(school) -> str:
    return reverse("selfevaluation:school", args=[school.pk])


def test_a_head_goes_straight_to_their_school(client_for, school_leader, school_a):
    response = client_for(school_leader).get(MINE)
    assert response.status_code == 302 and response["Location"] == school_url(school_a)


def test_a_head_of_several_schools_chooses_one(client_for, school_leader, school_a, school_d):
    grant(school_leader, Role.SCHOOL_LEADER, school=school_d)
    page = text_of(client_for(school_leader).get(MINE))
    assert "Ash Primary School" in page and "Damson School" in page
    assert school_url(school_d) in page


def test_a_moderator_sees_the_schools_with_self_evaluations(client_for, moderator, draft):
    page = text_of(client_for(moderator).get(MINE))
    assert "Ash Primary School" in page


def test_people_without_a_school_role_are_refused(client_for, outsider, reviewer):
    for person in (outsider, reviewer):
        assert client_for(person).get(MINE).status_code == 403
    response = client_for(None).get(MINE)
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_school_page_lists_every_year_with_its_status(
    client_for, school_leader, school_a, submitted, framework_version
):
    services.start_self_evaluation(school_leader, school_a, THIS_YEAR + 1, framework_version)
    page = text_of(client_for(school_leader).get(school_url(school_a)))
    assert submitted.year_label in page and "Submitted" in page and "Draft" in page
    assert "Test framework, version 1" in page
    assert "Start a self-evaluation" not in page  # this year and the next are both started


def test_a_governor_and_a_moderator_read_the_list_but_cannot_start(
    client_for, governor, moderator, school_a, draft
):
    for person in (governor, moderator):
        response = client_for(person).get(school_url(school_a))
        assert response.status_code == 200
        assert draft.year_label in text_of(response)
        assert "Start a self-evaluation" not in text_of(response)


def test_the_head_is_offered_to_start(client_for, school_leader, school_a, framework_version):
    page = text_of(client_for(school_leader).get(school_url(school_a)))
    assert "Start a self-evaluation" in page
    assert "Ash Primary School has not started a self-evaluation yet" in page


def test_outsiders_and_other_schools_are_refused_the_list(
    client_for, outsider, leader_of_b, reviewer, school_a, draft
):
    for person in (outsider, leader_of_b, reviewer):
        assert client_for(person).get(school_url(school_a)).status_code == 403
    response = client_for(None).get(school_url(school_a))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert client_for(outsider).get(reverse("selfevaluation:school", args=[1])).status_code == 404
