"""Reviewers' preferences (issue 21): the choices their page offers, saving them, and reading
them for a run as scoring.Wishes."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from collegium.allocations.models import ReviewerPreferences
from collegium.allocations.scoring import Wishes
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.dates import coming_mondays
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review as ReviewRow
from collegium.termdates.calendar import school_calendar

FIELDS = ["phases", "strands", "preferred_weeks", "avoided_weeks", "max_km"]


def preferences_of(profile: ReviewerProfile) -> ReviewerPreferences:
    """The reviewer's preferences; unsaved and empty if they have stated none."""
    found = ReviewerPreferences.objects.filter(reviewer=profile).first()
    return found or ReviewerPreferences(reviewer=profile)


def strand_choices() -> list[str]:
    """The strand titles of every published framework version, each once, in order."""
    titles = Strand.objects.filter(
        area__version__status=FrameworkVersion.Status.PUBLISHED
    ).values_list("title", flat=True)
    return sorted(set(titles), key=str.lower)


def term_weeks() -> list[date]:
    """The coming Mondays of weeks with at least one school working day."""
    calendar = school_calendar()
    return [
        monday
        for monday in coming_mondays()
        if any(calendar.is_school_working_day(monday + timedelta(days=n)) for n in range(5))
    ]


def save_preferences(actor: Any, profile: ReviewerProfile, **data: Any) -> ReviewerPreferences:
    """Store what the reviewer would like; weeks as ISO dates, no limit as None."""
    with transaction.atomic():
        ReviewerProfile.objects.select_for_update().get(pk=profile.pk)
        prefs = preferences_of(profile)
        before = snapshot(prefs, FIELDS) if prefs.pk else None
        prefs.phases = sorted(data["phases"])
        prefs.strands = sorted(data["strands"], key=str.lower)
        prefs.preferred_weeks = sorted(d.isoformat() for d in data["preferred_weeks"])
        prefs.avoided_weeks = sorted(d.isoformat() for d in data["avoided_weeks"])
        prefs.max_km = data["max_km"]
        prefs.save()
        record_change(
            actor, verbs.REVIEWER_PREFERENCES_SAVED, prefs, before, snapshot(prefs, FIELDS)
        )
    return prefs


def wishes_for(profile_ids: list[int], week_one: date) -> dict[int, Wishes]:
    """Each reviewer's preferences, weeks numbered from the run's `week_one`."""

    def weeks(isos: list[str]) -> frozenset[int]:
        return frozenset((date.fromisoformat(d) - week_one).days // 7 + 1 for d in isos)

    return {
        p.reviewer_id: Wishes(
            phases=frozenset(p.phases),
            strands=frozenset(p.strands),
            preferred_weeks=weeks(p.preferred_weeks),
            avoided_weeks=weeks(p.avoided_weeks),
            max_km=float(p.max_km) if p.max_km is not None else None,
        )
        for p in ReviewerPreferences.objects.filter(reviewer_id__in=profile_ids)
    }


def strands_by_version(rows: list[ReviewRow]) -> dict[int, list[str]]:
    """The strand titles of each review's framework version."""
    versions = {r.framework_version_id for r in rows}
    found: dict[int, list[str]] = {v: [] for v in versions}
    strands = Strand.objects.filter(area__version_id__in=versions).values_list(
        "area__version_id", "title"
    )
    for version_id, title in strands:
        found[version_id].append(title)
    return found
