"""Demo data for a review visit (R4–R6), written only through the visit's services: evidence by
every member of the team, proposed judgements, a concern raised and answered, and (if asked)
the agreed judgements and findings. The review must already be in its visit."""

from collections import Counter

from collegium.frameworks.models import Strand
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import EvidenceNote, Review, TeamMember
from collegium.reviews.services.concerns import raise_concern, respond_to_concern
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import (
    agree_findings,
    agree_judgement,
    agree_judgements,
    level_choices,
    peer_proposed_strands,
    propose_judgement,
)
from collegium.words import lower_first

OBSERVATIONS = [
    "Pupils in the lesson explained their reasoning confidently and built on each other's "
    "answers; the teacher's questions checked understanding before moving on.",
    "Work in books shows steady progress since September, with feedback acted on in most "
    "pieces. Presentation is less consistent in the older year groups.",
    "Leaders know the strengths and weaknesses of the curriculum well and could say what "
    "they had changed this year and why.",
    "Disadvantaged pupils we met read fluently and talked about books they had chosen; two "
    "pupils with SEND had adapted texts that matched the class text.",
    "Attendance records show persistent absence falling; the attendance lead tracks families "
    "weekly and can show the effect of each step taken.",
    "Governors asked challenging questions in the minutes we sampled, especially about "
    "outcomes for pupils with SEND.",
]


# Only a team of one (the visiting head of a head-to-head review) has no peer to propose.
NO_PEER_REASON = "The visiting head is the whole team, so no peer reviewer could propose a level."


def _notes_on_every_strand(review: Review, team: list[TeamMember]) -> list[EvidenceNote]:
    strands = list(Strand.objects.filter(area__version=review.framework_version_id))
    notes = []
    for index, strand in enumerate(strands):
        member = team[index % len(team)]
        tagged = [strand.pk] + ([strands[index + 1].pk] if index + 1 < len(strands) else [])
        text = OBSERVATIONS[index % len(OBSERVATIONS)]
        notes.append(record_evidence(member.reviewer.user, review, member, text, tagged))
    return notes


def _level_for(review: Review, strand: Strand, offset: int) -> int | None:
    choices = [level for level, _ in level_choices(review.framework_version, strand)]
    if not choices:
        return None
    if strand.met_or_not_met:
        return choices[0]
    return choices[min(1 + (strand.position + offset) % 2, len(choices) - 1)]


def _propose_all(review: Review, team: list[TeamMember], notes: list[EvidenceNote]) -> None:
    for strand in Strand.objects.filter(area__version=review.framework_version_id):
        cited = [n.pk for n in notes if strand in n.strands.all()]
        for offset, member in enumerate(team):
            level = _level_for(review, strand, offset)
            rationale = f"The evidence we gathered on {lower_first(strand.title)} points this way."
            propose_judgement(member.reviewer.user, review, member, strand, level, rationale, cited)


def _concern(review: Review, lead: TeamMember) -> None:
    grant = RoleGrant.objects.filter(role=Role.SCHOOL_LEADER, school=review.school).first()
    if grant is None:
        return
    concern = raise_concern(
        grant.user,
        review,
        "A reviewer visited a lesson that the timetable did not include, with a supply teacher.",
    )
    respond_to_concern(
        lead.reviewer.user,
        concern,
        "Thank you for raising this. The visit was a mistake in our copy of the timetable; "
        "the evidence from it has not been used, and we will only visit timetabled lessons.",
    )


def _agree(review: Review, lead: TeamMember, notes: list[EvidenceNote]) -> None:
    actor = lead.reviewer.user
    levels: dict[Strand, int | None] = {}
    peer_proposed = peer_proposed_strands(review)
    for strand in Strand.objects.filter(area__version=review.framework_version_id):
        proposed = Counter(review.proposals.filter(strand=strand).values_list("level", flat=True))
        level = proposed.most_common(1)[0][0] if proposed else _level_for(review, strand, 0)
        levels[strand] = level
        cited = [n.pk for n in notes if strand in n.strands.all()]
        title = lower_first(strand.title)
        rationale = f"The team agreed this judgement of {title} on the evidence."
        reason = "" if strand.pk in peer_proposed else NO_PEER_REASON
        agree_judgement(actor, review, strand, level, rationale, cited, no_peer_reason=reason)
    graded = [s for s in levels if not s.met_or_not_met]
    weakest = max(graded or list(levels), key=lambda s: levels[s] or 0)
    strongest = min(graded or list(levels), key=lambda s: levels[s] or 0)
    agree_findings(
        actor,
        review,
        "Leaders know their school well; pupils are articulate and keen to learn.",
        "Make feedback in older year groups as consistent as in younger ones.",
        weakest,
        f"Improve {lower_first(weakest.title)} so that every pupil benefits from the best practice "
        "already in the school.",
        strongest,
        f"{strongest.title} is a strength other schools in the cluster could learn from.",
    )
    agree_judgements(actor, review)


def load_demo_visit(review: Review, agree: bool = True, concern: bool = True) -> None:
    """Evidence, proposals, a concern and (if `agree`) the agreed judgements for a review
    whose visit has started."""
    team = list(review.team.select_related("reviewer__user").order_by("role"))
    lead = next(member for member in team if member.role == TeamMember.Role.LEAD)
    notes = _notes_on_every_strand(review, team)
    _propose_all(review, [m for m in team if m.role == TeamMember.Role.PEER] or team, notes)
    if concern:
        _concern(review, lead)
    if agree:
        _agree(review, lead, notes)
