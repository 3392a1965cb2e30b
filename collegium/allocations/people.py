"""The reviewers a run may use, read from the register in a handful of queries (P1–P4):
capacity is the days the home school approved for the academic year minus the days already
committed to other reviews, in whole reviews of the run's longest review."""

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q

from collegium.allocation import Reviewer
from collegium.people.dates import current_academic_year, years_before
from collegium.people.dates import today as local_today
from collegium.people.models import (
    Accreditation,
    AvailableWeek,
    Blackout,
    CapacityApproval,
    DeclaredConflict,
    FormerEmployment,
    PastReview,
    ReviewerProfile,
)
from collegium.reviews.models import Review as ReviewRow
from collegium.reviews.models import TeamMember
from collegium.reviews.selectors import committed_days
from collegium.schools.models import School

if TYPE_CHECKING:
    from collegium.allocations.problem import Places, Trusts

Member = tuple[int, str, str]  # profile id, role, name


class ReviewerRows:
    def __init__(self, rows: list[ReviewRow], week_one: date, week_of: dict[int, int]) -> None:
        self.rows, self.week_one, self.week_of = rows, week_one, week_of
        self.today = local_today()
        self.year = current_academic_year(rows[0].start_date)
        self.members: dict[int, list[Member]] = defaultdict(list)
        for m in TeamMember.objects.filter(review__in=rows).select_related("reviewer__user"):
            self.members[m.review_id].append((m.reviewer_id, m.role, m.reviewer.user.full_name))
        member_ids = {pk for team in self.members.values() for pk, _, _ in team}
        approvals = CapacityApproval.objects.filter(  # a suspended reviewer is not suggested
            Q(reviewer__user__is_active=True) | Q(reviewer_id__in=member_ids),
            academic_year=self.year,
            withdrawn_at__isnull=True,
            days__gt=0,
        )
        self.approved = dict(approvals.values_list("reviewer_id", "days"))
        ids = set(self.approved) | member_ids
        self.profiles = {
            p.pk: p
            for p in ReviewerProfile.objects.filter(pk__in=ids)
            .select_related("user", "home_school")
            .order_by("pk")
        }
        self.schools: list[School] = [p.home_school for p in self.profiles.values()]
        self.partners = last_cycle_partners(self.today)

    def load(self, excluded: list[list[int]]) -> None:
        ids, last = list(self.profiles), self.rows[-1].start_date
        self.committed = committed_days(ids, self.year, [r.pk for r in self.rows])
        self.accredited = set(
            Accreditation.objects.filter(
                reviewer_id__in=ids,
                granted_on__lte=self.today,
                expires_on__gt=last,
                revoked_on__isnull=True,
            ).values_list("reviewer_id", flat=True)
        )
        self.weeks = self._weeks(ids, last)
        self.history = _history(ids, self.today)
        self.declared = _by_reviewer(DeclaredConflict.objects.filter(reviewer_id__in=ids))
        school_of = {r.pk: r.school_id for r in self.rows}
        for review_id, profile_id in excluded:
            if review_id in school_of:
                self.declared[profile_id].add(school_of[review_id])
        since = years_before(self.today, settings.FORMER_EMPLOYMENT_YEARS)
        self.former = _by_reviewer(
            FormerEmployment.objects.filter(reviewer_id__in=ids, left_on__gte=since)
        )

    def _weeks(self, ids: list[int], last: date) -> dict[int, set[int]]:
        """Weeks each reviewer marked available, free of blackouts and of other reviews."""
        end = last + timedelta(days=6)
        marked = AvailableWeek.objects.filter(
            reviewer_id__in=ids, week_starting__gte=self.week_one, week_starting__lte=end
        ).values_list("reviewer_id", "week_starting")
        weeks: dict[int, set[int]] = defaultdict(set)
        for pk, monday in marked:
            weeks[pk].add((monday - self.week_one).days // 7 + 1)
        busy = self._busy(ids, end)
        for pk in ids:
            weeks[pk] -= busy[pk]
        for review_id, team in self.members.items():
            for pk, _, _ in team:
                weeks[pk].add(self.week_of[review_id])
        return weeks

    def _busy(self, ids: list[int], end: date) -> dict[int, set[int]]:
        busy: dict[int, set[int]] = defaultdict(set)
        blackouts = Blackout.objects.filter(
            reviewer_id__in=ids, starts_on__lte=end, ends_on__gte=self.week_one
        )
        for b in blackouts:
            busy[b.reviewer_id] |= self._weeks_between(b.starts_on, b.ends_on)
        places = (
            TeamMember.objects.filter(
                reviewer_id__in=ids,
                review__start_date__gte=self.week_one - timedelta(days=14),
                review__start_date__lte=end,
            )
            .exclude(review__in=self.rows)
            .exclude(review__status=ReviewRow.Status.CANCELLED)
            .select_related("review")
        )
        for m in places:
            finish = m.review.start_date + timedelta(days=m.review.days + 4)
            busy[m.reviewer_id] |= self._weeks_between(m.review.start_date, finish)
        return busy

    def _weeks_between(self, first: date, last: date) -> set[int]:
        start = (first - self.week_one).days // 7 + 1
        return set(range(start, (last - self.week_one).days // 7 + 2))

    def reviewer(self, pk: int, places: "Places", trusts: "Trusts") -> Reviewer:
        profile = self.profiles[pk]
        longest = max(r.days for r in self.rows)
        free = max(self.approved.get(pk, 0) - self.committed.get(pk, 0), 0)
        own = sum(1 for team in self.members.values() for m in team if m[0] == pk)
        east, north = places.of(profile.home_school)
        return Reviewer(
            id=pk,
            name=profile.user.full_name,
            school_id=profile.home_school_id,
            trust_id=trusts.of(profile.home_school),
            phases=frozenset(profile.phases),
            subjects=frozenset(profile.subjects),
            accredited_lead=pk in self.accredited,
            capacity=max(free // longest, own),
            weeks=frozenset(self.weeks.get(pk, set())),
            east_km=east,
            north_km=north,
            reviewed_schools=frozenset(self.history.get(pk, set())),
            declared_conflicts=frozenset(self.declared.get(pk, set())),
            former_schools=frozenset(self.former.get(pk, set())),
        )


def _by_reviewer(rows) -> dict[int, set[int]]:  # type: ignore[no-untyped-def]
    found: dict[int, set[int]] = defaultdict(set)
    for reviewer_id, school_id in rows.values_list("reviewer_id", "school_id"):
        found[reviewer_id].add(school_id)
    return found


def _history(ids: list[int], today: date) -> dict[int, set[int]]:
    """Schools each reviewer has reviewed: the register's past reviews and Collegium's own."""
    history = _by_reviewer(PastReview.objects.filter(reviewer_id__in=ids))
    places = (
        TeamMember.objects.filter(reviewer_id__in=ids, review__start_date__lt=today)
        .exclude(review__status=ReviewRow.Status.CANCELLED)
        .values_list("reviewer_id", "review__school_id")
    )
    for reviewer_id, school_id in places:
        history[reviewer_id].add(school_id)
    return history


def last_cycle_partners(today: date) -> dict[int, frozenset[int]]:
    """Schools whose staff reviewed each other within the review cycle, both ways round."""
    since = years_before(today, settings.REVIEW_CYCLE_YEARS)
    pairs = PastReview.objects.filter(reviewed_on__gte=since, reviewed_on__lte=today).values_list(
        "school_id", "reviewer__home_school_id"
    )
    partners: dict[int, set[int]] = defaultdict(set)
    for reviewed, home in pairs:
        if reviewed != home:
            partners[reviewed].add(home)
            partners[home].add(reviewed)
    return {school: frozenset(found) for school, found in partners.items()}


def reviewers_for(
    rows: list[ReviewRow], week_one: date, week_of: dict[int, int], excluded: list[list[int]]
) -> ReviewerRows:
    people = ReviewerRows(rows, week_one, week_of)
    people.load(excluded)
    return people
