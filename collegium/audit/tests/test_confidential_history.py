"""History entries of confidential text show a fingerprint, not the text, to people the access
policy does not let read that text: a draft public summary (summary.read_draft), a school's
self-evaluation (selfevaluation.view), evidence notes and proposals (review.read_evidence)."""

from collegium.audit.selectors import visible_changes
from collegium.audit.services import fingerprint, record_change, snapshot
from collegium.reports.models import Report
from collegium.reports.services.cycle import save_draft
from collegium.reviews.models import EvidenceNote, JudgementProposal, Review
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation

SECRET = "Pupils in Year 2 are SECRETLY behind."


def drafted(review, lead_reviewer) -> Report:
    report = Report.objects.create(review=review)
    return save_draft(lead_reviewer, report, "The school knows itself.", SECRET, report.revision)


def history_url(review) -> str:
    return f"/history/reviews.review/{review.pk}/"


def test_a_draft_summary_is_a_fingerprint_to_those_who_may_not_read_it(
    review, lead_reviewer, network_admin, moderator, coordinator, client_for
):
    drafted(review, lead_reviewer)
    for person in (network_admin, moderator, coordinator):
        response = client_for(person).get(history_url(review))
        assert response.status_code == 200
        assert "SECRETLY" not in response.text
        assert fingerprint(SECRET) in response.text


def test_the_team_the_school_and_readers_it_allowed_see_the_text(
    review, lead_reviewer, reviewer, school_leader, coordinator, client_for
):
    report = drafted(review, lead_reviewer)
    report.shared_with = [Report.Audience.COORDINATOR]
    report.save()
    for person in (lead_reviewer, reviewer, school_leader, coordinator):
        assert "SECRETLY" in client_for(person).get(history_url(review)).text


def test_others_still_cannot_open_the_history(review, lead_reviewer, outsider, client_for):
    drafted(review, lead_reviewer)
    assert client_for(outsider).get(history_url(review)).status_code == 404
    response = client_for(None).get(history_url(review))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_self_evaluation_text_is_a_fingerprint_to_a_network_admin(
    school_a, framework_version, school_leader, moderator, network_admin
):
    evaluation = SelfEvaluation.objects.create(
        school=school_a, academic_year=2026, framework_version=framework_version
    )
    strand = framework_version.areas.get(code="A1").strands.get(code="A1S1")
    entry = StrandEvaluation.objects.create(self_evaluation=evaluation, strand=strand)
    before = snapshot(entry, ["narrative"])
    entry.narrative = SECRET
    entry.save()
    event = record_change(school_leader, "saved", entry, before, snapshot(entry, ["narrative"]))
    assert visible_changes(school_leader, event)[0].after == SECRET
    assert visible_changes(moderator, event)[0].after == SECRET
    assert visible_changes(network_admin, event)[0].after == fingerprint(SECRET)


def test_evidence_text_is_shown_to_those_who_may_read_the_notes(
    review, lead_reviewer, school_leader, moderator, outsider
):
    lead = review.team.get(role="lead")
    note = EvidenceNote.objects.create(review=review, author=lead, text=SECRET)
    event = record_change(lead_reviewer, "recorded", note, None, snapshot(note, ["text"]))
    assert visible_changes(lead_reviewer, event)[0].after == SECRET
    assert visible_changes(moderator, event)[0].after == SECRET
    assert visible_changes(school_leader, event)[0].after == fingerprint(SECRET)  # not yet
    assert visible_changes(outsider, event)[0].after == fingerprint(SECRET)
    Review.objects.filter(pk=review.pk).update(status=Review.Status.AGREED)
    assert visible_changes(school_leader, event)[0].after == SECRET


def test_a_proposal_is_withheld_from_the_school_during_the_visit(review, reviewer, school_leader):
    member = review.team.get(reviewer__user=reviewer)
    strand = review.framework_version.areas.get(code="A1").strands.get(code="A1S1")
    proposal = JudgementProposal.objects.create(
        review=review, strand=strand, proposed_by=member, level=3, rationale=SECRET
    )
    after = snapshot(proposal, ["level", "rationale"])
    event = record_change(reviewer, "proposed", proposal, None, after)
    hidden = {change.field: change.after for change in visible_changes(school_leader, event)}
    assert hidden == {"level": "withheld", "rationale": fingerprint(SECRET)}
    assert {c.field: c.after for c in visible_changes(reviewer, event)} == after


def test_an_entry_whose_record_is_gone_is_a_fingerprint(review, lead_reviewer, school_leader):
    lead = review.team.get(role="lead")
    note = EvidenceNote.objects.create(review=review, author=lead, text=SECRET)
    event = record_change(lead_reviewer, "recorded", note, None, snapshot(note, ["text"]))
    note.delete()
    assert visible_changes(school_leader, event)[0].after == fingerprint(SECRET)


def test_a_fingerprint_counts_words_and_hides_the_text():
    assert fingerprint("") == ""
    print_ = fingerprint(SECRET)
    assert print_.startswith("7 words, fingerprint ") and "SECRET" not in print_
    assert fingerprint(SECRET) == print_ != fingerprint(SECRET + "!")
