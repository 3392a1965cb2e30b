"""The planning pages: the list, scheduling, the overview, analysis, focus, moving, cancelling and
starting the visit, with the people who must be refused."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from collegium.clusters.models import Cluster
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.tests.planning_helpers import free_monday, sign_mou
from collegium.schools.models import Census, Inspection
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from conftest import make_user

Status = Review.Status


@pytest.fixture
def stranger_reviewer(school_b):
    """A registered reviewer who is not on the review's team."""
    user = make_user("Sid Stranger")
    ReviewerProfile.objects.create(
        user=user, home_school=school_b, job_title="Head of maths", years_in_senior_leadership=3
    )
    return user


def url(name, review):
    return f"/reviews/{review.pk}/{name}" if name else f"/reviews/{review.pk}/"


# --- the list ---


def test_each_person_lists_only_their_reviews(
    client_for, review, school_leader, reviewer, coordinator, moderator, outsider, governor
):
    for person in (school_leader, reviewer, coordinator, moderator):
        page = client_for(person).get("/reviews/")
        assert page.status_code == 200
        assert "Ash Primary School" in page.content.decode()
    for person in (outsider, governor):
        page = client_for(person).get("/reviews/")
        main = page.content.decode().split("<main")[1]  # the header names the governor's school
        assert "Ash Primary School" not in main
        assert "You have no reviews yet" in page.content.decode()


def test_the_list_asks_a_visitor_to_sign_in(client_for, review):
    page = client_for(None).get("/reviews/")
    assert page.status_code == 302 and "/sign-in/" in page.url


def test_only_a_coordinator_is_offered_scheduling(client_for, review, coordinator, school_leader):
    assert "Schedule a review" in client_for(coordinator).get("/reviews/").content.decode()
    assert "Schedule a review" not in client_for(school_leader).get("/reviews/").content.decode()


# --- scheduling ---


def schedule_data(school, version, start=None, **overrides):
    start = start or free_monday()
    return {
        "school": school.pk,
        "kind": "qa",
        "framework_version": version.pk,
        "start_date": start.isoformat(),
        "days": "3",
    } | overrides


def test_a_coordinator_schedules_a_review(
    client_for, coordinator, cluster, school_a, school_b, school_c, framework_version
):
    sign_mou(cluster, [school_a, school_b, school_c], coordinator)
    client = client_for(coordinator)
    form = client.get("/reviews/schedule/")
    assert form.status_code == 200 and "Ash Primary School" in form.content.decode()
    done = client.post("/reviews/schedule/", schedule_data(school_a, framework_version))
    review = Review.objects.get()
    assert done.status_code == 302 and done.url == f"/reviews/{review.pk}/team/"
    assert (review.school, review.cluster, review.days) == (school_a, cluster, 3)


def test_scheduling_an_unsigned_school_is_refused_with_the_reason(
    client_for, coordinator, cluster, school_a, framework_version
):
    page = client_for(coordinator).post(
        "/reviews/schedule/", schedule_data(school_a, framework_version)
    )
    assert page.status_code == 400
    assert "has not signed the current memorandum of understanding" in page.content.decode()
    assert not Review.objects.exists()


def test_bad_input_is_refused_and_changes_nothing(
    client_for, coordinator, cluster, school_a, framework_version
):
    sign_mou(cluster, [school_a], coordinator)
    past = date.today() - timedelta(days=7)
    client = client_for(coordinator)
    page = client.post(
        "/reviews/schedule/", schedule_data(school_a, framework_version, past, days="x")
    )
    body = page.content.decode()
    assert page.status_code == 400
    assert "The start date must be today or in the future" in body
    assert "The number of days must be a whole number between 1 and 5" in body
    page = client.post("/reviews/schedule/", {})
    assert "Choose the school" in page.content.decode()
    assert not Review.objects.exists()


def test_a_school_leader_cannot_schedule(
    client_for, school_leader, cluster, school_a, framework_version
):
    sign_mou(cluster, [school_a], school_leader)
    assert client_for(school_leader).get("/reviews/schedule/").status_code == 403
    page = client_for(school_leader).post(
        "/reviews/schedule/", schedule_data(school_a, framework_version)
    )
    assert page.status_code == 403 and not Review.objects.exists()


def test_a_network_admin_chooses_the_cluster_first(client_for, network_admin, cluster, school_a):
    Cluster.objects.create(name="Second Cluster")
    client = client_for(network_admin)
    choose = client.get("/reviews/schedule/")
    assert (
        "Testtown Cluster" in choose.content.decode()
        and 'name="cluster"' in choose.content.decode()
    )
    form = client.get(f"/reviews/schedule/?cluster={cluster.pk}")
    assert "Ash Primary School" in form.content.decode()


# --- reading a review ---


@pytest.mark.parametrize("page", ["", "analysis/", "timetable/"])
def test_people_of_the_review_read_its_pages(
    client_for, review, school_leader, reviewer, lead_reviewer, coordinator, moderator, page
):
    for person in (school_leader, reviewer, lead_reviewer, coordinator, moderator):
        assert client_for(person).get(url(page, review)).status_code == 200


@pytest.mark.parametrize(
    "page", ["", "analysis/", "timetable/", "focus/", "team/", "move/", "cancel/", "start/"]
)
def test_people_outside_the_review_get_not_found(
    client_for, review, outsider, governor, stranger_reviewer, page
):
    for person in (outsider, governor, stranger_reviewer):
        assert client_for(person).get(url(page, review)).status_code == 404


@pytest.mark.parametrize("page", ["", "analysis/", "focus/", "team/", "start/"])
def test_a_visitor_is_asked_to_sign_in(client_for, review, page):
    response = client_for(None).get(url(page, review))
    assert response.status_code == 302 and "/sign-in/" in response.url


def test_the_overview_shows_the_plan_team_and_next_step(client_for, review, school_leader):
    body = client_for(school_leader).get(url("", review)).content.decode()
    assert "Reading in key stage 1" in body
    assert "Lena Lead" in body and "Cedar Academy" in body and "Lead reviewer" in body
    assert "The team needs 1 more peer reviewer" in body
    assert (
        "Set the focus" in body
        and "Start the visit" not in body
        and "Cancel the review" not in body
    )


def test_the_lead_is_offered_to_start_and_the_coordinator_to_cancel(
    client_for, review, lead_reviewer, coordinator
):
    assert "Start the visit" in client_for(lead_reviewer).get(url("", review)).content.decode()
    body = client_for(coordinator).get(url("", review)).content.decode()
    assert "Cancel the review" in body and "Form the team" in body


def test_the_analysis_shows_context_and_self_evaluation(
    client_for, review, school_a, school_leader, framework_version
):
    Census.objects.create(school=school_a, year=2025, pupils=412, pct_fsm_ever=31.5, pct_eal=12.0)
    Inspection.objects.create(
        school=school_a, inspected_on=date(2023, 5, 10), rating="Good", source="Ofsted"
    )
    client = client_for(school_leader)
    body = client.get(url("analysis/", review)).content.decode()
    assert "412" in body and "31.5%" in body and "Good" in body
    assert "has not submitted a self-evaluation yet" in body
    year = review.start_date.year if review.start_date.month >= 9 else review.start_date.year - 1
    se = SelfEvaluation.objects.create(
        school=school_a,
        academic_year=year,
        framework_version=framework_version,
        status="submitted",
        summary="We know ourselves well.",
    )
    strand = framework_version.areas.get(code="A1").strands.get(code="A1S1")
    StrandEvaluation.objects.create(
        self_evaluation=se, strand=strand, level=2, narrative="Reading is strong."
    )
    body = client.get(url("analysis/", review)).content.decode()
    assert (
        "We know ourselves well." in body and "Reading is strong." in body and "Effective" in body
    )


# --- focus ---


def test_the_school_leader_sets_the_focus(client_for, review, school_leader):
    data = {
        "focus": "Maths mastery",
        "nominee_name": "Pat Deputy",
        "nominee_role": "Deputy head",
        "max_activities_per_day": "5",
    }
    done = client_for(school_leader).post(url("focus/", review), data)
    assert done.status_code == 302
    review.refresh_from_db()
    assert (review.focus, review.nominee_name, review.max_activities_per_day) == (
        "Maths mastery",
        "Pat Deputy",
        5,
    )


def test_a_bad_focus_changes_nothing(client_for, review, school_leader):
    data = {
        "focus": "",
        "nominee_name": "Pat",
        "nominee_role": "Deputy",
        "max_activities_per_day": "40",
    }
    page = client_for(school_leader).post(url("focus/", review), data)
    body = page.content.decode()
    assert page.status_code == 400 and "Enter the focus of the review" in body
    assert "The most activities a day must be a whole number between 1 and 12" in body
    review.refresh_from_db()
    assert review.focus == "Reading in key stage 1"


@pytest.mark.parametrize("who", ["coordinator", "lead_reviewer", "reviewer", "moderator"])
def test_only_the_school_sets_the_focus(client_for, review, request, who):
    person = request.getfixturevalue(who)
    data = {
        "focus": "Taken over",
        "nominee_name": "X",
        "nominee_role": "Y",
        "max_activities_per_day": "3",
    }
    assert client_for(person).post(url("focus/", review), data).status_code == 403
    review.refresh_from_db()
    assert review.focus == "Reading in key stage 1"


# --- moving, cancelling, starting ---


def test_the_coordinator_cancels_the_review(client_for, review, coordinator, school_leader):
    assert client_for(school_leader).post(url("cancel/", review)).status_code == 403
    review.refresh_from_db()
    assert review.status == Status.PLANNING
    done = client_for(coordinator).post(url("cancel/", review))
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.status == Status.CANCELLED
    again = client_for(coordinator).post(url("cancel/", review))
    assert (
        again.status_code == 400
        and "You cannot cancel a review that is cancelled" in again.content.decode()
    )


def test_a_move_with_bad_dates_changes_nothing(client_for, review, coordinator):
    saturday = review.start_date + timedelta(days=5)
    page = client_for(coordinator).post(
        url("move/", review), {"start_date": saturday.isoformat(), "days": "3"}
    )
    assert page.status_code == 400 and "is not a working day" in page.content.decode()
    review.refresh_from_db()
    assert review.start_date != saturday


def first_day_today(review: Review) -> None:
    """The visit is due to start today, so only the team can stop it starting."""
    Review.objects.filter(pk=review.pk).update(start_date=timezone.localdate())


def test_the_lead_cannot_start_with_a_short_team(client_for, review, lead_reviewer, reviewer):
    first_day_today(review)
    assert client_for(reviewer).post(url("start/", review)).status_code == 403
    page = client_for(lead_reviewer).post(url("start/", review))
    assert page.status_code == 400
    assert "The team needs 1 more peer reviewer before the visit can start" in page.content.decode()
    review.refresh_from_db()
    assert review.status == Status.PLANNING


def test_the_lead_starts_the_visit(client_for, review, lead_reviewer, la):
    from collegium.reviews.tests.test_team_rules import new_reviewer
    from conftest import make_school

    extra = new_reviewer("Second Peer", make_school(la, 930001, "Fir School"))
    TeamMember.objects.create(review=review, reviewer=extra, role=TeamMember.Role.PEER)
    first_day_today(review)
    assert client_for(lead_reviewer).post(url("start/", review)).status_code == 302
    review.refresh_from_db()
    assert review.status == Status.VISIT


def test_two_leaders_saving_the_focus_get_a_conflict(client_for, review, school_leader, school_a):
    from collegium.people.models import Role, RoleGrant

    other = make_user("Dee Deputy")
    RoleGrant.objects.create(user=other, role=Role.SCHOOL_LEADER, school=school_a)
    first, second = client_for(school_leader), client_for(other)
    pages = [c.get(url("focus/", review)).content.decode() for c in (first, second)]
    versions = [p.split('name="version" value="')[1].split('"')[0] for p in pages]
    fields = {"nominee_name": "Pat", "nominee_role": "Deputy", "max_activities_per_day": "5"}
    done = first.post(url("focus/", review), fields | {"focus": "Maths", "version": versions[0]})
    assert done.status_code == 302
    page = second.post(url("focus/", review), fields | {"focus": "Science", "version": versions[1]})
    assert page.status_code == 400
    assert "Someone else changed the focus after you opened this page" in page.content.decode()
    review.refresh_from_db()
    assert review.focus == "Maths"
