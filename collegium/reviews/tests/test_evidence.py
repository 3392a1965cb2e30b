"""R4 evidence services: only the author, only during the visit, strands of the review's
framework, and a stale revision refused as a conflict instead of overwriting."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand
from collegium.reviews.models import Activity, EvidenceNote, Review
from collegium.reviews.services.evidence import EvidenceConflict, edit_evidence, record_evidence


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def place(review, user):
    return review.team.get(reviewer__user=user)


def strand(review, code):
    return Strand.objects.get(area__version=review.framework_version, code=code)


def note_by(review, user, text="Pupils read fluently in year 2", codes=("A1S1",)):
    ids = [strand(review, code).pk for code in codes]
    return record_evidence(user, review, place(review, user), text, ids)


def test_reviewer_records_a_note_tagged_to_strands(visit, reviewer):
    note = note_by(visit, reviewer, codes=("A1S1", "A2S2"))
    assert sorted(note.strands.values_list("code", flat=True)) == ["A1S1", "A2S2"]
    assert note.revision == 1
    event = AuditEvent.objects.get(action=verbs.EVIDENCE_RECORDED, object_id=str(note.pk))
    assert (event.after or {})["strands"] == ["A1S1", "A2S2"]
    assert event.actor == reviewer


def test_note_can_name_an_activity_of_the_review(visit, reviewer):
    activity = Activity.objects.create(
        review=visit, day=1, starts_at="09:00", ends_at="10:00", kind="lesson_visit"
    )
    note = record_evidence(reviewer, visit, place(visit, reviewer), "Seen", [], activity)
    assert note.activity == activity


def test_evidence_is_refused_before_the_visit_and_after_agreement(review, reviewer):
    with pytest.raises(ValidationError, match="once the visit has started"):
        note_by(review, reviewer)
    for status in (Review.Status.AGREED, Review.Status.CLOSED):
        review.status = status
        review.save()
        with pytest.raises(ValidationError, match="Judgements have been agreed, so evidence"):
            note_by(review, reviewer)
    assert not EvidenceNote.objects.exists()


def test_nobody_records_evidence_in_someone_elses_name(visit, reviewer, lead_reviewer):
    with pytest.raises(ValidationError, match="as yourself"):
        record_evidence(lead_reviewer, visit, place(visit, reviewer), "Not mine", [])
    assert not EvidenceNote.objects.exists()


def test_strand_from_another_framework_is_refused(visit, reviewer):
    other = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="other", name="Other"), number=1
    )
    area = Area.objects.create(version=other, position=1, code="X", title="X")
    foreign = Strand.objects.create(area=area, position=1, code="X1", title="Elsewhere")
    with pytest.raises(ValidationError, match="Choose strands from this review's framework"):
        record_evidence(reviewer, visit, place(visit, reviewer), "Note", [foreign.pk])
    assert not EvidenceNote.objects.exists()


def test_activity_of_another_review_is_refused(visit, reviewer, school_b, framework_version):
    other = Review.objects.create(
        school=school_b,
        kind="qa",
        framework_version=framework_version,
        start_date=visit.start_date,
        days=1,
    )
    activity = Activity.objects.create(
        review=other, day=1, starts_at="09:00", ends_at="10:00", kind="lesson_visit"
    )
    with pytest.raises(ValidationError, match="activity from this review"):
        record_evidence(reviewer, visit, place(visit, reviewer), "Note", [], activity)


def test_empty_note_is_refused(visit, reviewer):
    with pytest.raises(ValidationError, match="Enter your note"):
        note_by(visit, reviewer, text="   ")


def test_author_edits_their_note_and_the_revision_rises(visit, reviewer):
    note = note_by(visit, reviewer)
    edited = edit_evidence(
        reviewer, note, "Most pupils read fluently", [strand(visit, "A1S2").pk], 1
    )
    assert (edited.text, edited.revision) == ("Most pupils read fluently", 2)
    assert list(edited.strands.values_list("code", flat=True)) == ["A1S2"]
    event = AuditEvent.objects.get(action=verbs.EVIDENCE_CHANGED)
    assert (event.before or {})["text"] == "Pupils read fluently in year 2"
    assert event.after == {
        "text": "Most pupils read fluently",
        "revision": 2,
        "activity_id": None,
        "strands": ["A1S2"],
    }


def test_saving_the_same_text_again_changes_nothing(visit, reviewer):
    note = note_by(visit, reviewer)
    again = edit_evidence(reviewer, note, note.text, [strand(visit, "A1S1").pk], 1)
    assert again.revision == 1
    assert not AuditEvent.objects.filter(action=verbs.EVIDENCE_CHANGED).exists()


def test_only_the_author_edits(visit, reviewer, lead_reviewer):
    note = note_by(visit, reviewer)
    with pytest.raises(ValidationError, match="only change your own notes"):
        edit_evidence(lead_reviewer, note, "Overwritten", [], 1)
    note.refresh_from_db()
    assert note.text == "Pupils read fluently in year 2"


def test_stale_revision_is_a_conflict_naming_who_and_showing_their_text(visit, reviewer):
    note = note_by(visit, reviewer)
    edit_evidence(reviewer, note, "Second version from the phone", [], 1)
    with pytest.raises(EvidenceConflict) as raised:
        edit_evidence(reviewer, note, "Stale version from the laptop", [], 1)
    message = raised.value.message
    assert "Rhys Reviewer changed this note at" in message
    assert "“Second version from the phone”" in message
    assert "Your text has not been saved" in message
    note.refresh_from_db()
    assert (note.text, note.revision) == ("Second version from the phone", 2)


def test_editing_is_refused_once_judgements_are_agreed(visit, reviewer):
    note = note_by(visit, reviewer)
    visit.status = Review.Status.AGREED
    visit.save()
    with pytest.raises(ValidationError, match="Judgements have been agreed"):
        edit_evidence(reviewer, note, "Late change", [], 1)
    note.refresh_from_db()
    assert note.revision == 1
