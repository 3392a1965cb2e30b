"""The optimiser and school terms: a review with a day in the holidays is left out with the
reason, no reviewer is available in a holiday week (so none is suggested), and a reviewer is
never proposed for a week they are already reviewing in."""

from collections import Counter
from datetime import timedelta

import pytest

from collegium.allocation import PEER, Rules, allocate, count_violations
from collegium.allocations.problem import build
from collegium.allocations.services import runs
from collegium.people.models import AvailableWeek
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning_types import review_dates
from collegium.termdates.calendar import school_calendar
from tests.term_time import holiday_week_after, term_monday

pytestmark = pytest.mark.django_db


def review_of(school, cluster, version, start) -> Review:
    return Review.objects.create(
        school=school, cluster=cluster, kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=version, start_date=start, days=3, focus="Reading",
    )  # fmt: skip


def week_number(built, monday) -> int:
    return (monday - built.week_one).days // 7 + 1


def test_a_review_in_the_holidays_is_left_out_with_the_reason(
    cluster, open_review, ready, school_b, framework_version, coordinator
):
    holiday = holiday_week_after(open_review.start_date)
    in_holidays = review_of(school_b, cluster, framework_version, holiday)
    first_day = review_dates(holiday, 3)[0]
    name = school_calendar().holiday_of(first_day)
    built = build(cluster)
    assert [r.id for r in built.reviews] == [open_review.pk]
    assert built.left_out == [
        {
            "review_id": in_holidays.pk,
            "role": "lead",
            "slots": 0,
            "reason": f"{first_day:%A %-d %B %Y} is in the school holidays ({name}): move the "
            "review into term time on its page, then run the optimiser again",
        }
    ]
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    assert in_holidays.pk not in {p.review_id for p in run.places.all()}
    assert [gap["review_id"] for gap in run.unfilled] == [in_holidays.pk]


def test_no_reviewer_is_available_in_a_holiday_week_nor_is_one_suggested(
    cluster, open_review, ready, school_b, framework_version
):
    holiday = holiday_week_after(open_review.start_date)
    after = review_of(school_b, cluster, framework_version, term_monday(after=holiday))
    for profile in ready.values():  # everyone offers the holiday week, nobody the later one
        AvailableWeek.objects.create(reviewer=profile, week_starting=holiday)
    built = build(cluster)
    in_holidays = week_number(built, holiday)
    assert all(in_holidays not in reviewer.weeks for reviewer in built.reviewers)
    assert all(1 in reviewer.weeks for reviewer in built.reviewers)
    result = allocate(built.reviews, built.reviewers)
    reasons = " ".join(gap.reason for gap in result.unfilled if gap.review_id == after.pk)
    assert reasons and f"week {in_holidays}" not in reasons


def test_a_reviewer_already_reviewing_that_week_is_never_proposed(
    cluster, open_review, ready, school_b, framework_version
):
    chosen = {a.reviewer_id for a in allocate(*built_pair(cluster)).assignments}
    assert ready["eli"].pk in chosen
    elsewhere = review_of(school_b, cluster, framework_version, open_review.start_date)
    for key, role in (("lena", "lead"), ("eli", PEER), ("fay", PEER)):
        TeamMember.objects.create(review=elsewhere, reviewer=ready[key], role=role)
    built = build(cluster)
    assert [r.id for r in built.reviews] == [open_review.pk]  # the full team is not in the run
    eli = next(v for v in built.reviewers if v.id == ready["eli"].pk)
    assert 1 not in eli.weeks
    chosen = {a.reviewer_id for a in allocate(built.reviews, built.reviewers).assignments}
    assert not chosen & {ready["lena"].pk, ready["eli"].pk, ready["fay"].pk}


def built_pair(cluster):
    built = build(cluster)
    return built.reviews, built.reviewers


def test_two_reviews_in_one_week_never_share_a_reviewer(
    cluster, open_review, ready, school_b, framework_version
):
    review_of(school_b, cluster, framework_version, open_review.start_date)
    built = build(cluster)
    assert len(built.reviews) == 2 and {r.week for r in built.reviews} == {1}
    result = allocate(built.reviews, built.reviewers)
    assert result.assignments
    assert max(Counter(a.reviewer_id for a in result.assignments).values()) == 1
    broken = count_violations(built.reviews, built.reviewers, result.assignments, Rules())
    assert broken["more than one review in a week"] == 0


def test_the_week_after_a_holiday_counts_from_the_same_first_week(
    cluster, open_review, ready, school_b, framework_version
):
    holiday = holiday_week_after(open_review.start_date)
    later = term_monday(after=holiday)
    review_of(school_b, cluster, framework_version, later)
    built = build(cluster)
    assert sorted(r.week for r in built.reviews) == [1, week_number(built, later)]
    assert week_number(built, later) > week_number(built, holiday) > 1
    assert later - timedelta(weeks=week_number(built, later) - 1) == built.week_one
