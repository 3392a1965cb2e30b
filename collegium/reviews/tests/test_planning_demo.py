"""The demo review plan is built through the services and keeps every rule."""

from collegium.reviews.demo import TIMETABLE, load_demo_review_plan
from collegium.reviews.models import Review
from collegium.reviews.services.timetable import conduct_problems
from collegium.reviews.tests.planning_helpers import free_for, free_monday, sign_mou
from collegium.reviews.tests.test_team_rules import new_reviewer
from conftest import make_school


def test_the_demo_review_has_a_team_focus_and_three_day_timetable(
    coordinator,
    school_leader,
    school_a,
    school_b,
    cluster,
    framework_version,
    lead_reviewer,
    reviewer,
    la,
):
    sign_mou(cluster, [school_a, school_b], coordinator)
    start = free_monday()
    lead, peer = lead_reviewer.reviewer_profile, reviewer.reviewer_profile
    other = new_reviewer("Priya Patel", make_school(la, 950001, "Juniper School"))
    for profile in (lead, peer, other):
        free_for(profile, start, 3)
    review = load_demo_review_plan(
        coordinator,
        school_leader,
        school_a,
        cluster,
        framework_version,
        lead,
        [peer, other],
        start,
        "qa",
    )
    assert review.status == Review.Status.PLANNING and review.days == 3
    assert review.team.count() == 3 and review.nominee_name
    assert review.activities.count() == len(TIMETABLE)
    assert {a.day for a in review.activities.all()} == {1, 2, 3}
    assert all(conduct_problems(review, a) == [] for a in review.activities.all())
    assert review.report.status == "draft"
