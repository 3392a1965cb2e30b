"""Database rows → the optimiser's plain dataclasses (collegium.allocation).

A run covers the cluster's reviews that are being planned, start today or later, need an
accredited lead (quality assurance and cluster reviews; a head-to-head visit is led by the
visiting head, not allocated) and whose team is not yet full: one lead and the review type's
smallest number of peers. Weeks are numbered from the Monday of the earliest such review, and
a review is placed in the week it starts. School holidays are in no one's weeks: a review with a
day outside term time is left out with the reason (it was scheduled before the term dates
changed), and a week with no school working day is taken out of every reviewer's available
weeks, so the optimiser neither proposes a team in one nor suggests moving a review to one.
Schools' latitude and longitude become kilometres on
a local flat projection (good to about 1 % within the 120 km travel limit); a school without
coordinates is placed at the centre of those that have them.
"""

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q

from collegium.allocation import LEAD, Assignment, Review, Reviewer, Rules, pair_breaks
from collegium.allocations.people import ReviewerRows, reviewers_for
from collegium.allocations.preferences import strands_by_version, wishes_for
from collegium.allocations.scoring import focus_strands, pair_scores
from collegium.clusters.models import Cluster
from collegium.people.dates import monday_of
from collegium.people.dates import today as local_today
from collegium.people.models import SUBJECTS
from collegium.reviews.models import Review as ReviewRow
from collegium.reviews.models import TeamMember
from collegium.reviews.services.planning_types import review_dates, review_type
from collegium.schools.models import School
from collegium.termdates.calendar import SchoolCalendar, not_in_term, school_calendar

KM_PER_DEGREE = 111.2
MID_LATITUDE = 52.5  # England's middle: east–west degrees are shorter further north
# Words in a school's focus that name a curriculum subject without using its name.
SUBJECT_WORDS = {
    "maths": "Mathematics",
    "numeracy": "Mathematics",
    "reading": "English",
    "writing": "English",
    "phonics": "English",
    "literacy": "English",
    "oracy": "English",
    "pe": "Physical education",
    "sport": "Physical education",
    "re": "Religious education",
    "rshe": "Relationships, sex and health education",
    "french": "Languages",
    "spanish": "Languages",
    "art": "Art and design",
}


@dataclass
class Built:
    reviews: list[Review]
    reviewers: list[Reviewer]
    locked: list[Assignment]  # members already on the teams
    week_one: date
    # The reviews the run cannot take, and why.
    left_out: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[int, ReviewRow] = field(default_factory=dict)
    # Reviewers' preferences as scores for every candidate pair, and in words (scoring.py).
    pair_scores: dict[tuple[int, int], float] = field(default_factory=dict)
    notes: dict[tuple[int, int], list[str]] = field(default_factory=dict)


def focus_subjects(focus: str) -> frozenset[str]:
    words = set(focus.lower().replace(",", " ").replace(".", " ").split())
    text = f" {focus.lower()} "
    named = {s for s in SUBJECTS if f" {s.lower()} " in text or s.lower() in words}
    return frozenset(named | {SUBJECT_WORDS[w] for w in words if w in SUBJECT_WORDS})


def reviews_in_scope(cluster: Cluster | None, **only: Any) -> list[ReviewRow]:
    """The cluster's reviews in planning, from today, that need an allocated team; with no
    cluster, every cluster's (a network-wide run). `only` narrows them (a term, a kind)."""
    found = ReviewRow.objects.filter(cluster=cluster) if cluster else ReviewRow.objects.all()
    rows = (
        found.filter(status=ReviewRow.Status.PLANNING, start_date__gte=local_today(), **only)
        .exclude(kind=ReviewRow.Kind.HEAD_TO_HEAD)
        .select_related("school")
        .annotate(
            leads=Count("team", filter=Q(team__role=TeamMember.Role.LEAD)),
            peers=Count("team", filter=Q(team__role=TeamMember.Role.PEER)),
        )
        .order_by("start_date", "school__name")
    )
    return [r for r in rows if r.leads < 1 or r.peers < review_type(r).min_peers]


class Places:
    """National-grid-like kilometres for schools, with a fallback for unknown coordinates."""

    def __init__(self, schools: list[School]) -> None:
        known = [self.km(s) for s in schools if s.latitude is not None and s.longitude is not None]
        n = max(len(known), 1)
        self.centre = (sum(k[0] for k in known) / n, sum(k[1] for k in known) / n)

    @staticmethod
    def km(school: School) -> tuple[float, float]:
        east = (school.longitude or 0.0) * KM_PER_DEGREE * math.cos(math.radians(MID_LATITUDE))
        return east, (school.latitude or 0.0) * KM_PER_DEGREE

    def of(self, school: School) -> tuple[float, float]:
        if school.latitude is None or school.longitude is None:
            return self.centre
        return self.km(school)


class Trusts:
    """Trust names as the whole numbers the optimiser uses; None for a school in no trust."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def of(self, school: School) -> int | None:
        name = school.trust_name.strip().lower()
        return self.ids.setdefault(name, len(self.ids) + 1) if name else None


def build(
    cluster: Cluster | None,
    excluded: list[list[int]] | None = None,
    rows: list[ReviewRow] | None = None,
) -> Built:
    """The run's problem; `excluded` (review id, profile id) pairs were removed by hand; `rows`
    are the reviews of a network-wide run or its part, if not the cluster's in scope."""
    calendar = school_calendar()
    in_scope = reviews_in_scope(cluster) if rows is None else rows
    rows, in_holidays = _in_term(in_scope, calendar)
    if not rows:
        return Built([], [], [], local_today(), left_out=in_holidays)
    week_one = monday_of(rows[0].start_date)
    week_of = {r.pk: (monday_of(r.start_date) - week_one).days // 7 + 1 for r in rows}
    people = reviewers_for(rows, week_one, week_of, excluded or [])
    places, trusts = Places([r.school for r in rows] + people.schools), Trusts()
    reviews = [_review(r, week_of[r.pk], places, trusts, people) for r in rows]
    holidays = holiday_weeks(week_one, max(week_of.values()) + 1, calendar)
    reviewers = [_without(people.reviewer(pk, places, trusts), holidays) for pk in people.profiles]
    built = Built(reviews, reviewers, [], week_one, in_holidays, {r.pk: r for r in rows})
    _lock_members(built, people)
    _score(built, rows)
    return built


def _score(built: Built, rows: list[ReviewRow]) -> None:
    """The reviewers' preferences as pair scores (scoring.py documents the weights)."""
    titles = strands_by_version(rows)
    focus = {r.pk: focus_strands(r.focus, titles[r.framework_version_id]) for r in rows}
    wishes = wishes_for([v.id for v in built.reviewers], built.week_one)
    scored = pair_scores(built.reviews, built.reviewers, wishes, focus)
    built.pair_scores, built.notes = scored.scores, scored.notes


def _in_term(
    rows: list[ReviewRow], calendar: SchoolCalendar
) -> tuple[list[ReviewRow], list[dict[str, Any]]]:
    """The reviews wholly in term time, and the others left out with the reason."""
    kept, left_out = [], []
    for row in rows:
        days = review_dates(row.start_date, row.days)
        outside = next((d for d in days if not calendar.is_school_working_day(d)), None)
        if outside is None:
            kept.append(row)
            continue
        advice = "move the review into term time on its page, then run the optimiser again"
        reason = not_in_term(outside, advice) or ""
        left_out.append({"review_id": row.pk, "role": LEAD, "slots": 0, "reason": reason})
    return kept, left_out


def holiday_weeks(week_one: date, last_week: int, calendar: SchoolCalendar) -> frozenset[int]:
    """The run's weeks, numbered from `week_one`, in which no day is a school working day."""
    return frozenset(
        week
        for week in range(1, last_week + 1)
        if not any(
            calendar.is_school_working_day(week_one + timedelta(weeks=week - 1, days=day))
            for day in range(5)
        )
    )


def _without(reviewer: Reviewer, holidays: frozenset[int]) -> Reviewer:
    return dataclasses.replace(reviewer, weeks=reviewer.weeks - holidays)


def _review(
    row: ReviewRow, week: int, places: Places, trusts: Trusts, people: ReviewerRows
) -> Review:
    rtype = review_type(row)
    east, north = places.of(row.school)
    return Review(
        id=row.pk,
        school_id=row.school_id,
        school_name=row.school.name,
        trust_id=trusts.of(row.school),
        phase=row.school.phase,
        subjects=focus_subjects(row.focus),
        week=week,
        peers=min(max(rtype.min_peers, row.peers), rtype.max_peers),  # type: ignore[attr-defined]
        east_km=east,
        north_km=north,
        last_cycle_partners=people.partners.get(row.school_id, frozenset()),
    )


def _lock_members(built: Built, people: ReviewerRows) -> None:
    """Members already on a team are locked; a review whose member breaks a rule is left out."""
    reviewers = {v.id: v for v in built.reviewers}
    rules = Rules()
    for review in list(built.reviews):
        members = people.members.get(review.id, [])
        broken = [(name, _breaks(review, reviewers[pk], role, rules)) for pk, role, name in members]
        broken = [(name, why) for name, why in broken if why]
        if broken:
            name, why = broken[0]
            built.reviews.remove(review)
            built.left_out.append(_left_out(review, name, why))
            continue
        built.locked += [Assignment(review.id, pk, role) for pk, role, name in members]


def _breaks(review: Review, reviewer: Reviewer, role: str, rules: Rules) -> list[str]:
    broken = pair_breaks(review, reviewer, rules)
    if role == LEAD and not reviewer.accredited_lead:
        broken.append("not an accredited lead")
    return broken


def _left_out(review: Review, name: str, why: list[str]) -> dict[str, Any]:
    return {
        "review_id": review.id,
        "role": LEAD,
        "slots": 0,
        "reason": (
            f"{name} is on the team reviewing {review.school_name} but breaks a rule the "
            f"optimiser keeps ({', '.join(why)}): change the team on the review's page, then "
            "run the optimiser again"
        ),
    }


def week_monday(built: Built, week: int) -> date:
    return built.week_one + timedelta(weeks=week - 1)
