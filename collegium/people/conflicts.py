"""P4 conflicts of interest: the schools a reviewer must not review, and why.

Automatic rules (own school, same trust, former employment within
settings.FORMER_EMPLOYMENT_YEARS, schools whose staff reviewed the reviewer's home school
within settings.REVIEW_CYCLE_YEARS) plus the reviewer's declared conflicts. Each rule is one
query at most, so a whole register entry costs a handful of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max

from collegium.people.dates import today as local_today
from collegium.people.dates import years_before
from collegium.people.models import PastReview, ReviewerProfile
from collegium.schools.models import School


@dataclass(frozen=True)
class Conflict:
    school_urn: int
    school_name: str
    reason: str


def _day(d: date) -> str:
    return f"{d:%-d %B %Y}"


def _home(profile: ReviewerProfile, on: date, only: School | None) -> list[Conflict]:
    home = profile.home_school
    if only is not None and only.pk != home.pk:
        return []
    return [Conflict(home.urn, home.name, "Their home school")]


def _same_trust(profile: ReviewerProfile, on: date, only: School | None) -> list[Conflict]:
    home = profile.home_school
    trust = home.trust_name
    if not trust.strip():
        return []
    reason = f"In the same trust as their home school ({trust})"
    if only is not None:
        same = only.pk != home.pk and only.trust_name == trust
        return [Conflict(only.urn, only.name, reason)] if same else []
    schools = School.objects.filter(trust_name=trust).exclude(urn=home.urn).only("urn", "name")
    return [Conflict(school.urn, school.name, reason) for school in schools]


def _former_employment(profile: ReviewerProfile, on: date, only: School | None) -> list[Conflict]:
    since = years_before(on, settings.FORMER_EMPLOYMENT_YEARS)
    jobs = profile.former_employment.filter(left_on__gte=since).select_related("school")
    if only is not None:
        jobs = jobs.filter(school=only)
    return [
        Conflict(job.school_id, job.school.name, f"They worked there until {_day(job.left_on)}")
        for job in jobs
    ]


def _reviewed_home_school(
    profile: ReviewerProfile, on: date, only: School | None
) -> list[Conflict]:
    """Schools whose staff reviewed the reviewer's home school in the last review cycle."""
    home_id = profile.home_school_id
    reviews = PastReview.objects.filter(
        school_id=home_id,
        reviewed_on__gte=years_before(on, settings.REVIEW_CYCLE_YEARS),
        reviewed_on__lte=on,
    ).exclude(reviewer__home_school_id=home_id)
    if only is not None:
        reviews = reviews.filter(reviewer__home_school=only)
    rows = reviews.values("reviewer__home_school_id", "reviewer__home_school__name").annotate(
        last=Max("reviewed_on")
    )
    return [
        Conflict(
            row["reviewer__home_school_id"],
            row["reviewer__home_school__name"],
            f"Its staff reviewed their home school on {_day(row['last'])}",
        )
        for row in rows.order_by("reviewer__home_school__name")
    ]


def _declared(profile: ReviewerProfile, on: date, only: School | None) -> list[Conflict]:
    declared = profile.declared_conflicts.select_related("school")
    if only is not None:
        declared = declared.filter(school=only)
    return [Conflict(d.school_id, d.school.name, f"Declared: {d.reason}") for d in declared]


RULES: tuple[Callable[[ReviewerProfile, date, School | None], list[Conflict]], ...] = (
    _home,
    _same_trust,
    _former_employment,
    _reviewed_home_school,
    _declared,
)


def conflicts_for(profile: ReviewerProfile, today: date | None = None) -> list[Conflict]:
    """Every school the reviewer has a conflict of interest with, one entry per reason."""
    on = today or local_today()
    return [conflict for rule in RULES for conflict in rule(profile, on, None)]


def has_conflict(profile: ReviewerProfile, school: School, today: date | None = None) -> str | None:
    """Why the reviewer may not review the school, in words; None when they may."""
    on = today or local_today()
    reasons = [conflict.reason for rule in RULES for conflict in rule(profile, on, school)]
    return "; ".join(reasons) or None
