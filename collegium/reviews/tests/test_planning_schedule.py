"""Scheduling a review (R1–R2, N3): the checks, the review and its empty report, the audit."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Membership
from collegium.frameworks.models import FrameworkVersion
from collegium.reports.models import Report
from collegium.reviews.models import Review
from collegium.reviews.services.planning import schedule_review
from collegium.reviews.services.planning_types import REVIEW_TYPES, review_dates
from collegium.reviews.tests.planning_helpers import free_monday, sign_mou
from tests.term_time import term_monday

Kind = Review.Kind


@pytest.fixture
def signed(cluster, school_a, school_b, school_c, coordinator):
    return sign_mou(cluster, [school_a, school_b, school_c], coordinator)


def schedule(coordinator, school, version, cluster, **overrides):
    args: dict[str, Any] = (
        dict(kind=Kind.QUALITY_ASSURANCE, start_date=free_monday(), days=3) | overrides
    )
    return schedule_review(
        coordinator,
        school,
        args["kind"],
        version,
        args["start_date"],
        args["days"],
        cluster,
        confirm_second=args.get("confirm_second", False),
    )


def test_the_review_types_table():
    qa, cluster, h2h = (
        REVIEW_TYPES[k] for k in (Kind.QUALITY_ASSURANCE, Kind.CLUSTER, Kind.HEAD_TO_HEAD)
    )
    assert (qa.default_days, qa.min_days, qa.max_days, qa.min_peers, qa.max_peers) == (
        3,
        1,
        5,
        2,
        4,
    )
    assert (cluster.min_days, cluster.max_days, cluster.min_peers, cluster.max_peers) == (
        1,
        2,
        1,
        4,
    )
    assert (h2h.min_days, h2h.max_days, h2h.min_peers, h2h.max_peers) == (1, 1, 0, 0)
    assert qa.lead_must_be_accredited and cluster.lead_must_be_accredited
    assert not h2h.lead_must_be_accredited


def test_a_coordinator_schedules_a_review_with_its_empty_report(
    coordinator, school_a, cluster, framework_version, signed
):
    review = schedule(coordinator, school_a, framework_version, cluster)
    assert review.status == Review.Status.PLANNING
    assert review.created_by == coordinator
    assert Report.objects.get(review=review).status == Report.Status.DRAFT
    event = AuditEvent.objects.get(action=verbs.REVIEW_SCHEDULED)
    assert (event.after or {})["school_id"] == school_a.pk and (event.after or {})["days"] == 3


def test_a_school_that_has_not_signed_the_current_mou_cannot_be_reviewed(
    coordinator, school_a, school_b, cluster, framework_version
):
    sign_mou(cluster, [school_b], coordinator)
    with pytest.raises(ValidationError, match="has not signed the current memorandum"):
        schedule(coordinator, school_a, framework_version, cluster)
    assert not Review.objects.exists()


def test_a_school_outside_the_cluster_cannot_be_reviewed_in_it(
    coordinator, school_d, cluster, framework_version, signed
):
    with pytest.raises(ValidationError, match="Damson School is not a member of Testtown"):
        schedule(coordinator, school_d, framework_version, cluster)


def test_an_invited_school_is_not_yet_a_member(
    coordinator, school_a, cluster, framework_version, signed
):
    Membership.objects.filter(school=school_a).update(status=Membership.Status.INVITED)
    with pytest.raises(ValidationError, match="is not a member"):
        schedule(coordinator, school_a, framework_version, cluster)


def test_the_framework_version_must_be_published(
    coordinator, school_a, cluster, framework_version, signed
):
    FrameworkVersion.objects.filter(pk=framework_version.pk).update(status="draft")
    framework_version.refresh_from_db()
    with pytest.raises(ValidationError, match="Choose a published framework version"):
        schedule(coordinator, school_a, framework_version, cluster)


@pytest.mark.parametrize("offset", [5, 6])  # Saturday, Sunday
def test_the_start_must_be_a_working_day(
    coordinator, school_a, cluster, framework_version, signed, offset
):
    weekend = free_monday() + timedelta(days=offset)
    with pytest.raises(ValidationError, match="is not a working day"):
        schedule(coordinator, school_a, framework_version, cluster, start_date=weekend)


def test_a_bank_holiday_is_not_a_working_day(
    coordinator, school_a, cluster, framework_version, signed
):
    christmas = free_monday().replace(month=12, day=25)
    christmas = christmas.replace(year=christmas.year + 1)
    with pytest.raises(ValidationError, match="not a bank holiday"):
        schedule(coordinator, school_a, framework_version, cluster, start_date=christmas)


@pytest.mark.parametrize(
    ("kind", "days", "allowed"),
    [
        (Kind.QUALITY_ASSURANCE, 1, True),
        (Kind.QUALITY_ASSURANCE, 5, True),
        (Kind.QUALITY_ASSURANCE, 6, False),
        (Kind.QUALITY_ASSURANCE, 0, False),
        (Kind.CLUSTER, 2, True),
        (Kind.CLUSTER, 3, False),
        (Kind.HEAD_TO_HEAD, 1, True),
        (Kind.HEAD_TO_HEAD, 2, False),
    ],
)
def test_days_within_the_type_s_range(
    coordinator, school_a, cluster, framework_version, signed, kind, days, allowed
):
    if allowed:
        assert schedule(coordinator, school_a, framework_version, cluster, kind=kind, days=days)
        return
    with pytest.raises(ValidationError, match="lasts .*: change the days"):
        schedule(coordinator, school_a, framework_version, cluster, kind=kind, days=days)
    assert not Review.objects.exists()


def test_two_reviews_of_a_school_cannot_overlap(
    coordinator, school_a, cluster, framework_version, signed
):
    first = schedule(coordinator, school_a, framework_version, cluster)
    with pytest.raises(ValidationError, match="already has a review from"):
        schedule(
            coordinator,
            school_a,
            framework_version,
            cluster,
            start_date=first.start_date + timedelta(days=2),
        )
    later = term_monday(after=first.start_date + timedelta(weeks=1))
    assert schedule(
        coordinator, school_a, framework_version, cluster, start_date=later, confirm_second=True
    )


def test_review_days_skip_weekends(db):
    monday = free_monday()
    dates = review_dates(monday + timedelta(days=4), 2)  # Friday and the next Monday
    assert dates == [monday + timedelta(days=4), monday + timedelta(days=7)]
