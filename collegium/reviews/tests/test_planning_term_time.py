"""Scheduling in term time and confirming a second review in the review cycle (the academic
year): every refusal gives its reason and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reviews.models import Review
from collegium.reviews.services.planning import SECOND_REVIEW, move_review, schedule_review
from collegium.reviews.tests.planning_helpers import free_for, sign_mou
from collegium.termdates import services as termdates
from collegium.termdates.calendar import is_school_working_day
from collegium.termdates.models import SchoolTerm
from collegium.workingdays import is_working_day
from tests.term_time import term_monday

Kind = Review.Kind


@pytest.fixture
def signed(cluster, school_a, school_b, school_c, coordinator):
    return sign_mou(cluster, [school_a, school_b, school_c], coordinator)


def schedule(coordinator, school, version, cluster, start, days=3, confirm=False):
    return schedule_review(
        coordinator, school, Kind.QUALITY_ASSURANCE, version, start, days, cluster, confirm
    )


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (date(2026, 8, 10), "Monday 10 August 2026 is in the school holidays (summer)"),
        (date(2026, 12, 29), "Tuesday 29 December 2026 is in the school holidays (Christmas)"),
        (
            date(2026, 10, 27),
            "Tuesday 27 October 2026 is in the school holidays (autumn half term)",
        ),
        (date(2027, 4, 6), "Tuesday 6 April 2027 is in the school holidays (Easter)"),
        # Thursday, Friday, then the Monday of the half term.
        (date(2026, 10, 22), "Monday 26 October 2026 is in the school holidays (autumn half term)"),
        (date(2027, 7, 21), "Friday 23 July 2027 is in the school holidays (summer)"),
    ],
)
def test_every_day_of_a_review_must_be_in_term_time(
    coordinator, school_a, cluster, framework_version, signed, start, reason
):
    with pytest.raises(ValidationError) as refused:
        schedule(coordinator, school_a, framework_version, cluster, start)
    assert refused.value.messages == [f"{reason}: choose dates in term time"]
    assert not Review.objects.exists()


def test_a_review_wholly_in_term_is_scheduled(
    coordinator, school_a, cluster, framework_version, signed
):
    review = schedule(coordinator, school_a, framework_version, cluster, date(2026, 10, 21))
    assert review.start_date == date(2026, 10, 21)  # Wednesday to Friday before half term


def test_a_year_without_term_dates_takes_any_working_day(
    coordinator, school_a, cluster, framework_version, signed
):
    assert not SchoolTerm.objects.filter(academic_year=2030).exists()
    review = schedule(coordinator, school_a, framework_version, cluster, date(2031, 8, 11))
    assert review.start_date == date(2031, 8, 11)


def test_changed_term_dates_apply_at_once(
    coordinator, school_a, cluster, framework_version, signed, network_admin
):
    autumn = SchoolTerm.objects.get(academic_year=2026, season="autumn")
    termdates.change_term(
        network_admin, autumn, date(2026, 9, 2), date(2026, 12, 18), date(2026, 11, 2),
        date(2026, 11, 6),
    )  # fmt: skip
    assert schedule(coordinator, school_a, framework_version, cluster, date(2026, 10, 26))
    with pytest.raises(ValidationError, match="autumn half term"):
        schedule(coordinator, school_b_of(cluster), framework_version, cluster, date(2026, 11, 3))


def school_b_of(cluster):
    return cluster.memberships.order_by("school__urn")[1].school


def test_a_review_cannot_be_moved_into_the_holidays(review, coordinator):
    before = (review.start_date, review.days)
    holiday = date(2027, 2, 15)
    with pytest.raises(ValidationError, match="Monday 15 February 2027 is in the school holidays"):
        move_review(coordinator, review, holiday, 3)
    review.refresh_from_db()
    assert (review.start_date, review.days) == before


# --- a second review in the review cycle ---


def test_a_second_review_in_the_academic_year_needs_confirming(
    coordinator, school_a, cluster, framework_version, signed
):
    first = schedule(coordinator, school_a, framework_version, cluster, date(2026, 10, 5))
    with pytest.raises(ValidationError) as refused:
        schedule(coordinator, school_a, framework_version, cluster, date(2027, 5, 10))
    error = refused.value
    assert error.code == SECOND_REVIEW
    assert error.messages == [
        "Ash Primary School already has a review in 2026/27, from 5 October 2026: confirm that "
        "you mean to review the school a second time this academic year"
    ]
    assert list(Review.objects.all()) == [first]
    second = schedule(
        coordinator, school_a, framework_version, cluster, date(2027, 5, 10), confirm=True
    )
    assert Review.objects.count() == 2 and second.start_date == date(2027, 5, 10)


def test_a_review_in_another_academic_year_needs_no_confirming(
    coordinator, school_a, cluster, framework_version, signed
):
    schedule(coordinator, school_a, framework_version, cluster, date(2027, 7, 12))
    assert schedule(coordinator, school_a, framework_version, cluster, date(2027, 9, 6))


def test_a_cancelled_review_does_not_count(
    coordinator, school_a, cluster, framework_version, signed
):
    first = schedule(coordinator, school_a, framework_version, cluster, date(2026, 10, 5))
    Review.objects.filter(pk=first.pk).update(status=Review.Status.CANCELLED)
    assert schedule(coordinator, school_a, framework_version, cluster, date(2027, 5, 10))


def test_moving_a_review_into_a_year_with_another_needs_confirming(
    coordinator, school_a, cluster, framework_version, signed
):
    first = schedule(coordinator, school_a, framework_version, cluster, date(2026, 10, 5))
    later = schedule(coordinator, school_a, framework_version, cluster, date(2027, 9, 13))
    move_review(coordinator, first, date(2026, 11, 9), 3)  # its own year: only itself
    with pytest.raises(ValidationError, match="already has a review in 2027/28, from 13 September"):
        move_review(coordinator, first, date(2027, 10, 4), 3)
    first.refresh_from_db()
    assert first.start_date == date(2026, 11, 9)
    move_review(coordinator, first, date(2027, 10, 4), 3, confirm_second=True)
    first.refresh_from_db()
    assert first.start_date == date(2027, 10, 4) and later.pk != first.pk


# --- the schedule and move pages ---


def earlier_review_in_the_year_of(day: date, review_of, cluster, version) -> Review:
    """A review of the school in the same academic year as `day`, that does not overlap it."""
    year = current_academic_year(day)
    start = date(year, 9, 1) if day > date(year, 9, 5) else date(year + 1, 8, 2)
    return Review.objects.create(
        school=review_of, cluster=cluster, kind=Kind.CLUSTER, framework_version=version,
        start_date=start, days=1,
    )  # fmt: skip


def schedule_data(school, version, start: date, **extra) -> dict:
    return {
        "school": school.pk,
        "kind": "qa",
        "framework_version": version.pk,
        "start_date": start.isoformat(),
        "days": "3",
    } | extra


def test_the_schedule_page_asks_to_confirm_a_second_review(
    client_for, coordinator, school_a, cluster, framework_version, signed
):
    start = term_monday(weeks_ahead=1)
    other = earlier_review_in_the_year_of(start, school_a, cluster, framework_version)
    client = client_for(coordinator)
    assert "Yes, schedule a second review" not in client.get("/reviews/schedule/").content.decode()
    page = client.post("/reviews/schedule/", schedule_data(school_a, framework_version, start))
    text = page.content.decode()
    assert page.status_code == 400
    assert f"already has a review in {academic_year_label(current_academic_year(start))}" in text
    assert "Yes, schedule a second review" in text
    assert list(Review.objects.all()) == [other]
    done = client.post(
        "/reviews/schedule/",
        schedule_data(school_a, framework_version, start, confirm_second="on"),
    )
    assert done.status_code == 302
    assert Review.objects.filter(school=school_a, start_date=start).exists()


def test_the_schedule_page_refuses_the_holidays(
    client_for, coordinator, school_a, cluster, framework_version, signed, school_leader
):
    holiday = next_holiday_weekday()
    page = client_for(coordinator).post(
        "/reviews/schedule/", schedule_data(school_a, framework_version, holiday)
    )
    assert page.status_code == 400
    assert "is in the school holidays" in page.content.decode()
    assert "choose dates in term time" in page.content.decode()
    assert "term-dates/" in page.content.decode()  # the link to the term dates
    start = term_monday(weeks_ahead=1)
    refused = client_for(school_leader).post(
        "/reviews/schedule/", schedule_data(school_a, framework_version, start)
    )
    assert refused.status_code == 403
    assert not Review.objects.exists()


def next_holiday_weekday() -> date:
    """A working day in the coming school holidays, adding the next year's dates if need be."""
    day = date.today() + timedelta(days=1)
    year = current_academic_year(day)
    if not SchoolTerm.objects.filter(academic_year=year + 1).exists():
        termdates.add_year(None, year + 1)
    if not SchoolTerm.objects.filter(academic_year=year).exists():
        termdates.add_year(None, year)
    while is_school_working_day(day) or not is_working_day(day):
        day += timedelta(days=1)
    return day


def test_the_move_page_asks_to_confirm_a_second_review(
    client_for, coordinator, review, framework_version, cluster, reviewer
):
    start = term_monday(after=max(review.start_date, date.today()) + timedelta(weeks=1))
    earlier_review_in_the_year_of(start, review.school, cluster, framework_version)
    for member in review.team.all():
        free_for(member.reviewer, start, 3)
    client = client_for(coordinator)
    url = f"/reviews/{review.pk}/move/"
    data = {"start_date": start.isoformat(), "days": "3"}
    page = client.post(url, data)
    assert page.status_code == 400
    assert "Yes, schedule a second review" in page.content.decode()
    assert client_for(reviewer).post(url, data | {"confirm_second": "on"}).status_code == 403
    review.refresh_from_db()
    assert review.start_date != start
    assert client.post(url, data | {"confirm_second": "on"}).status_code == 302
    review.refresh_from_db()
    assert review.start_date == start
