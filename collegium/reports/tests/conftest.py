"""A review whose judgements are agreed, and its report, built directly: the services that agree
judgements belong to the visit and are tested there."""

from datetime import date

import pytest
from django.utils.timezone import now

from collegium.frameworks.models import Strand
from collegium.people.models import Role
from collegium.quality.models import NetworkModerationSettings
from collegium.reports.models import AccuracyComment, Report
from collegium.reports.services.check import add_comment, complete_accuracy_check
from collegium.reports.services.cycle import send_for_accuracy_check
from collegium.reviews.models import EvidenceNote, Findings, Judgement, Review
from conftest import grant, make_user

LEVELS = {"A1S1": 1, "A1S2": 2, "A2S1": 3, "A2S2": 1}  # A2S2 is met / not met: 1 = met
MONDAY = date(2026, 12, 14)  # the Friday after is 18 December; Christmas follows


def agree_judgements(review: Review, lead_user) -> Review:
    strands = {s.code: s for s in Strand.objects.filter(area__version=review.framework_version)}
    lead = review.team.get(role="lead")
    note = EvidenceNote.objects.create(review=review, author=lead, text="Phonics lesson, Year 1.")
    note.strands.set([strands["A1S1"], strands["A1S2"]])
    other = EvidenceNote.objects.create(review=review, author=lead, text="Reading records.")
    other.strands.set([strands["A1S1"]])
    for code, level in LEVELS.items():
        Judgement.objects.create(
            review=review,
            strand=strands[code],
            level=level,
            rationale=f"Agreed rationale for {code}.",
            agreed_by=lead_user,
        )
    Findings.objects.create(
        review=review,
        strengths="Early reading is taught consistently.",
        areas_to_develop="Catch-up for pupils who fall behind.",
        priority_strand=strands["A2S1"],
        improvement_priority="Make sure pupils who fall behind in reading catch up quickly.",
        agreed_by=lead_user,
    )
    review.status = Review.Status.AGREED
    review.save(update_fields=["status"])
    return review


@pytest.fixture
def agreed_review(review, lead_reviewer) -> Review:
    """Moderation before publication (on by default) is turned off: these tests are about the
    report's own cycle; the moderation gate is tested in collegium/quality/tests/test_gate.py."""
    NetworkModerationSettings.objects.create(pk=1, requires_moderation=False)
    return agree_judgements(review, lead_reviewer)


@pytest.fixture
def report(agreed_review) -> Report:
    return Report.objects.create(
        review=agreed_review,
        developmental_report="The school knows itself well.\n\nNext, catch-up in reading.",
        summary="Pupils read well.",
    )


@pytest.fixture
def draft_report(review) -> Report:
    """The report of a review still in planning: nothing agreed, nothing written."""
    return Report.objects.create(review=review)


@pytest.fixture
def sent(report, lead_reviewer) -> Report:
    return send_for_accuracy_check(lead_reviewer, report, today=MONDAY)


ROLL = "418 on roll, not 405."
CLUBS = "We run three after-school clubs, not two."


@pytest.fixture
def checked(sent, school_leader) -> Report:
    """The school raised two points and sent its check."""
    add_comment(school_leader, sent, ROLL)
    add_comment(school_leader, sent, CLUBS)
    return complete_accuracy_check(school_leader, sent, True, sent.revision)


@pytest.fixture
def other_leader(school_b):
    """The leader of another school in the cluster."""
    return grant(make_user("Owen Otherhead"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def other_comment(review, school_b) -> AccuracyComment:
    """A point raised on another school's report."""
    other = Review.objects.create(
        school=school_b,
        cluster=review.cluster,
        kind=review.kind,
        framework_version=review.framework_version,
        start_date=review.start_date,
        days=1,
    )
    report = Report.objects.create(review=other, status=Report.Status.ACCURACY_CHECK)
    return AccuracyComment.objects.create(report=report, text="Not yours.", raised_at=now())
