"""History entries of confidential text show a fingerprint, not the text, to people the access
policy does not let read that text: a draft public summary (summary.read_draft), a school's
self-evaluation (selfevaluation.view), evidence notes (review.view)."""

from collegium.audit.selectors import visible_changes
from collegium.audit.services import fingerprint, record_change, snapshot
from collegium.reports.models import Report
from collegium.reports.services import save_draft
from collegium.reviews.models import EvidenceNote
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


def test_evidence_text_is_shown_to_those_who_may_read_the_review(
    review, lead_reviewer, school_leader, outsider
):
    lead = review.team.get(role="lead")
    note = EvidenceNote.objects.create(review=review, author=lead, text=SECRET)
    event = record_change(lead_reviewer, "recorded", note, None, snapshot(note, ["text"]))
    assert visible_changes(school_leader, event)[0].after == SECRET
    assert visible_changes(outsider, event)[0].after == fingerprint(SECRET)


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
