"""Demo data: complaints made and heard through the services, on the demo's reviews.

- the published review: a complaint upheld in part at stage 1, which changed a judgement (the
  report and the public summary show the correction), accepted by the school and closed;
- the review whose report is final but not published: at stage 3, the hearing, with the
  adjudicator (so its summary is held);
- the review whose report is with the school: at stage 2, with a moderator;
- the review in its visit: at stage 1, taking the school's concern further.
"""

from django.db.models import QuerySet

from collegium.accounts.models import User
from collegium.complaints import services
from collegium.complaints.eligibility import eligible_handlers
from collegium.complaints.models import Complaint, Outcome
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.people.models import Role
from collegium.reviews.models import Concern, Findings, Judgement, Review, TeamMember

GROUNDS = (
    "The team judged the whole of this strand on one lesson and a short meeting, and did not "
    "read the evidence we sent before the visit."
)
SOUGHT = "The judgement looked at again with all the evidence we sent."


def load_demo_complaints() -> None:
    admin = User.objects.filter(role_grants__role=Role.NETWORK_ADMIN).order_by("pk")[0]
    reports = Review.objects.order_by("start_date", "pk")
    published = reports.filter(report__status="published").first()
    final = reports.filter(report__status="final").first()
    checking = reports.filter(report__status="accuracy_check").first()
    visit = reports.filter(status=Review.Status.VISIT).first()
    if published is not None:
        _upheld_in_part(published)
    if final is not None:
        _at_stage(final, 3, admin)
    if checking is not None:
        _at_stage(checking, 2, admin)
    if visit is not None:
        _during_the_visit(visit)


def _head_of(review: Review) -> User:
    return User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER, role_grants__school=review.school_id
    ).order_by("pk")[0]


def _lead_of(review: Review) -> User:
    return TeamMember.objects.get(review=review, role=TeamMember.Role.LEAD).reviewer.user


def _judgements(review: Review) -> QuerySet[Judgement]:
    return Judgement.objects.filter(review=review, level__isnull=False).select_related("strand")


def _raise(
    review: Review,
    judgement: Judgement | None,
    conduct: bool = False,
    grounds: str = GROUNDS,
    concern: Concern | None = None,
) -> Complaint:
    """The head's complaint about the judgement (and the process), or about the conduct."""
    return services.raise_complaint(
        _head_of(review),
        review,
        strands=[judgement.strand] if judgement else [],
        about_conduct=conduct,
        about_process=not conduct,
        grounds=grounds,
        outcome_sought=SOUGHT,
        concern=concern,
    )


def _upheld_in_part(review: Review) -> None:
    """Stage 1 upheld in part: the contested strand moves one level up (1 is the strongest),
    and the school accepts."""
    labels = scale_labels(review.framework_version)
    # Not a strand a review of this cycle made its priority: the demo's support suggestions
    # for those strands rest on which schools are strong in them.
    priorities = Findings.objects.filter(review__report__isnull=False).values("priority_strand")
    judgements = _judgements(review).exclude(strand_id__in=priorities)
    judgement = next(
        (j for j in judgements if (j.level or 1) - 1 in strand_levels(j.strand, labels)), None
    )
    if judgement is None:
        return
    better = (judgement.level or 1) - 1
    complaint = _raise(review, judgement)
    services.decide_stage(
        _lead_of(review),
        complaint,
        Outcome.UPHELD_IN_PART,
        "The evidence the school sent shows the strand is stronger than the team judged; the "
        "process complaint is not upheld, since the timetable was agreed with the school.",
        {judgement.strand_id: better},
    )
    services.accept_outcome(_head_of(review), complaint)


def _at_stage(review: Review, number: int, admin: User) -> None:
    """Taken to stage `number` by the school after each outcome, each stage assigned."""
    complaint = _raise(review, _judgements(review).first())
    services.decide_stage(
        _lead_of(review),
        complaint,
        Outcome.NOT_UPHELD,
        "The lesson and the meeting were enough to judge the strand, and the evidence the "
        "school sent was read before the team meeting.",
    )
    for stage in range(2, number + 1):
        services.escalate(_head_of(review), complaint)
        (handler, *_) = eligible_handlers(complaint, stage)
        services.assign_handler(admin, complaint, handler)
        if stage < number:
            services.decide_stage(
                handler,
                complaint,
                Outcome.NOT_UPHELD,
                "The team's rationale cites enough evidence for the level it agreed.",
            )


def _during_the_visit(review: Review) -> None:
    concern = review.concerns.order_by("raised_at").first()
    grounds = f"The concern we raised has not been resolved: {concern.text}" if concern else GROUNDS
    _raise(review, None, conduct=True, grounds=grounds, concern=concern)
