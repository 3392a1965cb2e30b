"""Reviews whose judgements are agreed, built directly: agreeing judgements belongs to the visit
and is tested there."""

from datetime import date, timedelta

import pytest

from collegium.frameworks.models import Strand
from collegium.people.models import Accreditation, ReviewerProfile
from collegium.reviews.models import (
    EvidenceNote,
    Judgement,
    JudgementProposal,
    Review,
    TeamMember,
)
from collegium.schools.models import Phase
from conftest import make_user

LEVELS = {"A1S1": 1, "A1S2": 2, "A2S1": 2, "A2S2": 1}  # A2S2 is met / not met: 1 = met


def strands_of(review: Review) -> dict[str, Strand]:
    return {s.code: s for s in Strand.objects.filter(area__version=review.framework_version)}


def peer_of(review: Review) -> TeamMember:
    """The review's first peer reviewer, one joining the team if it has none."""
    peer = review.team.filter(role=TeamMember.Role.PEER).first()
    if peer is not None:
        return peer
    profile = ReviewerProfile.objects.filter(user__full_name="Pip Peer").first()
    if profile is None:
        profile = ReviewerProfile.objects.create(
            user=make_user("Pip Peer"),
            home_school=review.school,
            job_title="Deputy head",
            phases=[Phase.PRIMARY],
            years_in_senior_leadership=4,
        )
    return TeamMember.objects.create(review=review, reviewer=profile, role=TeamMember.Role.PEER)


def agree(review: Review, levels: dict[str, int] | None = None) -> Review:
    """Every strand proposed by a peer and agreed at `levels`, as the visit's rules require."""
    strands = strands_of(review)
    lead = review.team.get(role="lead")
    peer = peer_of(review)
    note = EvidenceNote.objects.create(review=review, author=lead, text="Phonics lesson, Year 1.")
    note.strands.set([strands["A1S1"]])
    for code, level in (levels or LEVELS).items():
        JudgementProposal.objects.create(
            review=review, strand=strands[code], proposed_by=peer, level=level, rationale="Seen."
        )
        judgement = Judgement.objects.create(
            review=review, strand=strands[code], level=level, rationale=f"Agreed for {code}."
        )
        judgement.evidence.set([note])
    review.status = Review.Status.AGREED
    review.save(update_fields=["status"])
    return review


def seasoned_lead(school, name: str = "Seb Seasoned") -> ReviewerProfile:
    """A lead first accredited three years ago."""
    profile = ReviewerProfile.objects.create(
        user=make_user(name),
        home_school=school,
        job_title="Headteacher",
        phases=[Phase.PRIMARY],
        years_in_senior_leadership=15,
    )
    granted = date.today() - timedelta(days=3 * 365)
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=granted,
        expires_on=granted + timedelta(days=5 * 365),
        granted_by=make_user(f"Moderator of {name}"),
    )
    return profile


def review_of(school, version, lead: ReviewerProfile, start: date) -> Review:
    review = Review.objects.create(
        school=school,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=version,
        start_date=start,
        days=2,
    )
    TeamMember.objects.create(review=review, reviewer=lead, role=TeamMember.Role.LEAD)
    return review


@pytest.fixture
def agreed_review(review) -> Review:
    """School A's review, led by a lead accredited a month ago, its judgements agreed."""
    return agree(review)


@pytest.fixture
def settled_review(agreed_review, lead_reviewer) -> Review:
    """The same review, its lead now accredited three years ago: no reason to pick it."""
    first = lead_reviewer.reviewer_profile.accreditations.get()
    first.granted_on = agreed_review.start_date - timedelta(days=3 * 365)
    first.save()
    return agreed_review
