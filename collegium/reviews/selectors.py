"""Reads for the review planning pages: a person's reviews, a review's plan, team and timetable."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet, Sum

from collegium import access
from collegium.calendars.services import ONE_DAY, Entry
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.selectors import has_signed_current_mou
from collegium.context.counts import Signal
from collegium.context.selectors import Comparison, comparison_of, offrolling_of
from collegium.frameworks.models import Area, Strand
from collegium.links import site_link
from collegium.people.dates import current_academic_year
from collegium.people.models import ReviewerProfile, Role
from collegium.reviews.calendar import visit_entry
from collegium.reviews.models import (
    Activity,
    EvidenceNote,
    Judgement,
    JudgementProposal,
    Review,
    TeamMember,
)
from collegium.reviews.services.judgements import peer_proposed_strands
from collegium.reviews.services.planning import team_shortfall
from collegium.reviews.services.planning_types import review_dates
from collegium.schools.models import School
from collegium.schools.selectors import SchoolPage, school_page
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.selectors import Overview, overview, submitted_by
from collegium.termdates.calendar import school_calendar
from collegium.types import Person

SEES_EVERY_REVIEW = {Role.MODERATOR, Role.NETWORK_ADMIN}
Status = Review.Status


def reviews_for(user: Person) -> QuerySet[Review]:
    """The reviews the person may read: their school's, their team's, their cluster's, or all."""
    roles = access.roles_of(user)
    reviews = Review.objects.select_related("school", "cluster").order_by("-start_date", "pk")
    if not roles.signed_in:
        return reviews.none()
    if roles.network & SEES_EVERY_REVIEW:
        return reviews
    scope = Q(school_id__in=roles.leads) | Q(cluster_id__in=roles.coordinates)
    if roles.reviewer_id is not None:
        scope |= Q(team__reviewer_id=roles.reviewer_id)
    return reviews.filter(scope).distinct()


def clusters_to_schedule_for(user: Person) -> list[Cluster]:
    """The clusters whose calendar the person may add reviews to."""
    clusters = Cluster.objects.order_by("name")
    return [cluster for cluster in clusters if access.can(user, "review.schedule", cluster)]


@dataclass(frozen=True)
class MemberSchool:
    school: School
    signed: bool  # the current memorandum of understanding


def member_schools(cluster: Cluster) -> list[MemberSchool]:
    members = Membership.objects.filter(cluster=cluster, status=Membership.Status.MEMBER)
    schools = [m.school for m in members.select_related("school").order_by("school__name")]
    return [MemberSchool(s, has_signed_current_mou(s, cluster)) for s in schools]


def team_of(review: Review) -> list[TeamMember]:
    return list(
        review.team.select_related("reviewer__user", "reviewer__home_school").order_by(
            "role", "reviewer__user__full_name"
        )
    )


def reviewers_to_add(review: Review) -> list[ReviewerProfile]:
    """Registered reviewers not yet on the team, for the coordinator to choose from."""
    return list(
        ReviewerProfile.objects.exclude(team_places__review=review)
        .filter(user__is_active=True)
        .select_related("user", "home_school")
        .order_by("user__full_name")
    )


def next_step(review: Review) -> str:
    """What happens next in the review, in words for everyone who reads the overview."""
    if review.status == Status.PLANNING:
        shortfall = team_shortfall(review)
        if shortfall:
            return f"{shortfall}. The cluster coordinator adds reviewers to the team."
        return (
            "The team is ready. The school sets the focus and the timetable; the lead reviewer "
            "starts the visit on its first day."
        )
    steps = {
        Status.VISIT: "The team records evidence and proposes judgements; the lead reviewer "
        "agrees the judgements and the improvement priority.",
        Status.AGREED: "The lead reviewer writes the reports and sends them to the school for "
        "its factual accuracy check.",
        Status.CLOSED: "The review is closed.",
        Status.CANCELLED: "The review was cancelled.",
    }
    return steps[Status(review.status)]


@dataclass(frozen=True)
class Day:
    number: int
    on: date
    activities: list[Activity]


def timetable_of(review: Review) -> list[Day]:
    activities = list(review.activities.select_related("reviewer__reviewer__user"))
    dates = review_dates(review.start_date, review.days)
    return [
        Day(number, on, [a for a in activities if a.day == number])
        for number, on in enumerate(dates, start=1)
    ]


def end_date(review: Review) -> date:
    return review_dates(review.start_date, review.days)[-1]


@dataclass(frozen=True)
class Analysis:
    context: SchoolPage
    self_evaluation: Overview | None
    similar: Comparison  # the school beside similar schools, its LA and England (D3)
    offrolling: list[Signal]  # its year groups a year later, each a question (D4)


def self_evaluation_for_review(review: Review) -> SelfEvaluation | None:
    """The school's submitted self-evaluation for the academic year the review starts in, else
    the latest one submitted for an earlier year."""
    return submitted_by(review.school_id, current_academic_year(review.start_date))


def self_evaluation_for(user: Person, review: Review) -> SelfEvaluation | None:
    """The school's self-evaluation, for those it is shown to: the team, the school, moderators."""
    if not access.can(user, "review.read_self_evaluation", review):
        return None
    return self_evaluation_for_review(review)


def analysis_of(review: Review, user: Person) -> Analysis:
    """The pre-review analysis: the school's context from the register and its self-evaluation."""
    se = self_evaluation_for(user, review)
    return Analysis(
        school_page(review.school),
        overview(se) if se is not None else None,
        comparison_of(review.school),
        offrolling_of(review.school),
    )


def committed_days(profile_ids: list[int], year: int, leave_out: list[int]) -> dict[int, int]:
    """Days each reviewer is on review teams in the academic year starting 1 September of
    `year` (cancelled reviews, and those in `leave_out`, aside)."""
    rows = (
        TeamMember.objects.filter(
            reviewer_id__in=profile_ids,
            review__start_date__gte=date(year, 9, 1),
            review__start_date__lt=date(year + 1, 9, 1),
        )
        .exclude(review__status=Status.CANCELLED)
        .exclude(review_id__in=leave_out)
        .values("reviewer_id")
        .annotate(days=Sum("review__days"))
    )
    return {row["reviewer_id"]: row["days"] or 0 for row in rows}


def reads_evidence(user: Person, review: Review) -> bool:
    """The team and moderators read the team's notes and proposals during the visit; the
    school's leaders once the judgements are agreed (R4)."""
    return access.can(user, "review.read_evidence", review)


def notes_for(user: Person, review: Review) -> list[EvidenceNote]:
    """The review's evidence notes, newest first, for those allowed to read them."""
    if not reads_evidence(user, review):
        return []
    notes = review.evidence.select_related("author__reviewer__user", "activity")
    return list(notes.prefetch_related("strands").order_by("-created_at"))


def proposals_for(user: Person, review: Review) -> QuerySet[JudgementProposal]:
    """Each reviewer's proposed judgements, newest first, for those allowed to read them."""
    if not reads_evidence(user, review):
        return JudgementProposal.objects.none()
    return review.proposals.select_related("proposed_by__reviewer__user")


@dataclass(frozen=True)
class Proposed:
    """A team member and their latest proposal for one strand, if they made one."""

    member: TeamMember
    proposal: JudgementProposal | None


@dataclass(frozen=True)
class StrandCheck:
    strand: Strand
    judgement: Judgement | None
    proposed: list[Proposed]
    peer_proposed: bool  # a member other than the lead proposed a level


def agreement_check(review: Review) -> list[tuple[Area, list[StrandCheck]]]:
    """Every strand, area by area, with each team member's latest proposal and the agreed
    judgement: what the lead checks before agreeing the judgements."""
    team = team_of(review)
    latest: dict[tuple[int, int], JudgementProposal] = {}
    for proposal in review.proposals.order_by("created_at", "pk"):
        latest[proposal.strand_id, proposal.proposed_by_id] = proposal
    judgements = {j.strand_id: j for j in review.judgements.all()}
    peer_proposed = peer_proposed_strands(review)
    return [
        (
            area,
            [
                StrandCheck(
                    strand,
                    judgements.get(strand.pk),
                    [Proposed(m, latest.get((strand.pk, m.pk))) for m in team],
                    strand.pk in peer_proposed,
                )
                for strand in area.strands.all()
            ],
        )
        for area in review.framework_version.areas.prefetch_related("strands")
    ]


def planned_outside_term(today: date) -> list[tuple[Review, date]]:
    """Reviews still being planned with a day that is not a school working day (the term dates
    changed after they were scheduled), each with its first such day: for the term dates page."""
    calendar = school_calendar()
    planned = Review.objects.filter(status=Review.Status.PLANNING, start_date__gte=today)
    found = []
    for review in planned.select_related("school").order_by("start_date"):
        days = review_dates(review.start_date, review.days)
        outside = [day for day in days if not calendar.is_school_working_day(day)]
        if outside:
            found.append((review, outside[0]))
    return found


# The person's calendar (collegium/calendars): the visits they are on or host (reviews/calendar.py,
# as the invitation emails send them), their part of each timetable, and the self-evaluations
# due before them.


def _activity_entry(review: Review, activity: Activity, on: date) -> Entry:
    led = f"Led by {activity.led_by_staff}. " if activity.led_by_staff else ""
    return Entry(
        key=f"review-activity-{activity.pk}",
        title=f"{activity.label}: {review.school.name}",
        start=datetime.combine(on, activity.starts_at),
        end=datetime.combine(on, activity.ends_at),
        location=review.school.name,
        description=f"{led}Day {activity.day} of the review visit.",
        url=site_link("reviews:timetable", review.pk),
    )


def _timetable_entries(user: Person, review: Review, hosting: bool) -> list[Entry]:
    """The head sees the whole timetable of a visit to their school; a reviewer their own
    activities and the team meetings."""
    reviewer_id = access.roles_of(user).reviewer_id
    dates = review_dates(review.start_date, review.days)
    found = []
    for activity in review.activities.select_related("reviewer"):
        mine = activity.reviewer is not None and activity.reviewer.reviewer_id == reviewer_id
        meeting = activity.kind == Activity.Kind.TEAM_MEETING
        if activity.day <= len(dates) and (hosting or mine or meeting):
            found.append(_activity_entry(review, activity, dates[activity.day - 1]))
    return found


def _self_evaluation_due(review: Review) -> Entry | None:
    year = current_academic_year(review.start_date)
    submitted = submitted_by(review.school_id, year)
    if submitted is not None and submitted.academic_year == year:
        return None
    calendar, due = school_calendar(), review.start_date - ONE_DAY
    while not calendar.is_school_working_day(due) and due > review.start_date - 60 * ONE_DAY:
        due -= ONE_DAY
    return Entry(
        key=f"self-evaluation-due-{review.pk}",
        title=f"Self-evaluation due: {review.school.name}",
        start=due,
        end=due + ONE_DAY,
        description=f"Submit the school's self-evaluation before its review on "
        f"{review.start_date:%-d %B %Y}.",
        url=site_link("selfevaluation:school", review.school_id),
    )


def calendar_entries(user: Person) -> list[Entry]:
    """The visits the person is on (reviewer or lead) or hosts (their school's head), each
    with its timetable, and the self-evaluations due before the visits they host."""
    roles = access.roles_of(user)
    scope = Q(school_id__in=roles.leads)
    if roles.reviewer_id is not None:
        scope |= Q(team__reviewer_id=roles.reviewer_id)
    reviews = (
        Review.objects.filter(scope)
        .exclude(status=Status.CANCELLED)
        .select_related("school", "cluster")
        .distinct()
        .order_by("start_date", "pk")
    )
    found = []
    for review in reviews:
        if not access.can(user, "review.view", review):
            continue
        hosting = review.school_id in roles.leads
        found += [visit_entry(review), *_timetable_entries(user, review, hosting)]
        due = _self_evaluation_due(review) if hosting and review.status == Status.PLANNING else None
        if due is not None and access.can(user, "selfevaluation.edit", review.school):
            found.append(due)
    return found
