"""Reviews to complain about, built directly (the visit and the report have their own tests), and
complaints at each stage taken there through the services.

Days are fixed so time limits are predictable: the network has no term dates for 2026/27 in
these tests, so every weekday that is not a bank holiday is a school working day.
"""

from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone

from collegium.complaints import services
from collegium.complaints.models import Complaint, Outcome
from collegium.frameworks.models import Strand
from collegium.reports.models import Report
from collegium.reviews.models import EvidenceNote, Judgement, JudgementProposal, Review, TeamMember

MONDAY = date(2027, 1, 11)  # the report is final on this day
LEVELS = {"A1S1": 2, "A1S2": 2, "A2S1": 3, "A2S2": 1}  # A2S2 is met / not met: 1 = met


def strands_of(review: Review) -> dict[str, Strand]:
    return {s.code: s for s in Strand.objects.filter(area__version=review.framework_version)}


def agree(review: Review) -> Review:
    """Every strand proposed by the peer reviewer, citing a note, and agreed."""
    strands = strands_of(review)
    peer = review.team.get(role=TeamMember.Role.PEER)
    note = EvidenceNote.objects.create(review=review, author=peer, text="Phonics lesson, Year 1.")
    note.strands.set([strands["A1S1"]])
    for code, level in LEVELS.items():
        proposal = JudgementProposal.objects.create(
            review=review, strand=strands[code], proposed_by=peer, level=level, rationale="Seen."
        )
        proposal.evidence.set([note])
        judgement = Judgement.objects.create(
            review=review, strand=strands[code], level=level, rationale=f"Agreed for {code}."
        )
        judgement.evidence.set([note])
    review.status = Review.Status.AGREED
    review.save(update_fields=["status"])
    return review


def final(review: Review, on: date = MONDAY) -> Report:
    finalised = timezone.make_aware(datetime.combine(on, datetime.min.time().replace(hour=12)))
    report, _ = Report.objects.get_or_create(review=review)
    report.status, report.finalised_at = Report.Status.FINAL, finalised
    report.summary, report.summary_agreed_at = "Pupils read well.", finalised
    report.save()
    return report


@pytest.fixture
def in_visit(review) -> Review:
    Report.objects.create(review=review)
    review.status = Review.Status.VISIT
    review.save(update_fields=["status"])
    return review


@pytest.fixture
def agreed(in_visit) -> Review:
    return agree(in_visit)


@pytest.fixture
def finalised(agreed) -> Review:
    final(agreed)
    return Review.objects.get(pk=agreed.pk)  # as the next request reads it, with its report


def make_complaint(leader, review: Review, today: date = MONDAY, **fields: Any) -> Complaint:
    strands = strands_of(review)
    given: dict[str, Any] = {
        "strands": [strands["A1S1"], strands["A2S1"]],
        "about_conduct": False,
        "about_process": True,
        "grounds": "The team saw one phonics lesson and judged all of reading on it.",
        "outcome_sought": "Look again at reading with the evidence we sent.",
    }
    return services.raise_complaint(leader, review, **(given | fields), today=today)


@pytest.fixture
def complaint(finalised, school_leader) -> Complaint:
    """At stage 1, received on MONDAY."""
    return make_complaint(school_leader, finalised)


def at_stage_2(complaint: Complaint, lead, leader, network_admin, moderator) -> Complaint:
    services.decide_stage(lead, complaint, Outcome.NOT_UPHELD, "Seen in two lessons.", today=MONDAY)
    services.escalate(leader, complaint, today=date(2027, 1, 12))
    services.assign_handler(network_admin, complaint, moderator, today=date(2027, 1, 12))
    return Complaint.objects.get(pk=complaint.pk)


@pytest.fixture
def stage_2(complaint, lead_reviewer, school_leader, network_admin, moderator) -> Complaint:
    """Stage 1 not upheld on MONDAY, taken further the next day, the moderator assigned."""
    return at_stage_2(complaint, lead_reviewer, school_leader, network_admin, moderator)


@pytest.fixture
def stage_3(stage_2, moderator, school_leader, network_admin, adjudicator) -> Complaint:
    """Stage 2 not upheld on 13 January, taken further on the 14th, the adjudicator assigned."""
    services.decide_stage(
        moderator, stage_2, Outcome.NOT_UPHELD, "The evidence holds.", today=date(2027, 1, 13)
    )
    services.escalate(school_leader, stage_2, today=date(2027, 1, 14))
    services.assign_handler(network_admin, stage_2, adjudicator, today=date(2027, 1, 14))
    return Complaint.objects.get(pk=stage_2.pk)
