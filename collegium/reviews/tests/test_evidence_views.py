"""The evidence pages: the quick-note form, the author's change page, the autosave endpoint
(200 / 400 / 409) and the crosswalk view, with everyone who must be refused."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand, StrandMapping
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import EvidenceNote, Review
from collegium.reviews.services.evidence import edit_evidence, record_evidence
from conftest import make_user


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def strand(review, code):
    return Strand.objects.get(area__version=review.framework_version, code=code)


def page(review):
    return reverse("reviews:evidence", args=[review.pk])


def save_url(review):
    return reverse("reviews:evidence-save", args=[review.pk])


def note_by(review, user, text="Phonics lessons well paced", code="A1S1"):
    member = review.team.get(reviewer__user=user)
    return record_evidence(user, review, member, text, [strand(review, code).pk])


def notes():
    return list(EvidenceNote.objects.values_list("pk", "text", "revision"))


def test_reviewer_sees_the_form_with_strands_grouped_by_area(client_for, reviewer, visit):
    response = client_for(reviewer).get(page(visit))
    assert response.status_code == 200
    text = unescape(response.text)
    assert "Add a note" in text and "A1 Area 1" in text and "A2S2 Strand 2.2" in text
    assert 'data-autosave-url="' + save_url(visit) in text
    assert 'aria-live="polite"' in text


def test_reviewer_saves_a_note_without_javascript(client_for, reviewer, visit):
    client = client_for(reviewer)
    data = {"text": "Year 2 read with expression", "strands": [strand(visit, "A1S2").pk]}
    response = client.post(page(visit), data)
    assert response.status_code == 302
    note = EvidenceNote.objects.get()
    assert note.author.reviewer.user == reviewer
    listed = unescape(client.get(page(visit)).text)
    assert "Your note has been saved" in listed and "Year 2 read with expression" in listed


def test_notes_are_filtered_by_strand(client_for, reviewer, lead_reviewer, visit):
    note_by(visit, reviewer, "About phonics", "A1S1")
    note_by(visit, lead_reviewer, "About attendance", "A2S1")
    text = client_for(reviewer).get(page(visit), {"strand": strand(visit, "A2S1").pk}).text
    assert "About attendance" in text and "About phonics" not in text


def test_author_sees_change_link_only_on_their_own_notes(
    client_for, reviewer, lead_reviewer, visit
):
    mine = note_by(visit, reviewer)
    theirs = note_by(visit, lead_reviewer, "The lead's note")
    text = client_for(reviewer).get(page(visit)).text
    assert reverse("reviews:evidence-change", args=[visit.pk, mine.pk]) in text
    assert reverse("reviews:evidence-change", args=[visit.pk, theirs.pk]) not in text
    change = reverse("reviews:evidence-change", args=[visit.pk, theirs.pk])
    assert client_for(reviewer).get(change).status_code == 403


def test_author_changes_a_note_and_a_stale_form_is_a_conflict(client_for, reviewer, visit):
    note = note_by(visit, reviewer)
    change = reverse("reviews:evidence-change", args=[visit.pk, note.pk])
    client = client_for(reviewer)
    assert "Phonics lessons well paced" in client.get(change).text
    edit_evidence(reviewer, note, "Changed on my phone", [strand(visit, "A1S1").pk], 1)
    stale = {
        "text": "From the laptop",
        "strands": [strand(visit, "A1S1").pk],
        "note": note.pk,
        "base_revision": 1,
    }
    response = client.post(change, stale)
    assert response.status_code == 400
    text = unescape(response.text)
    assert "Rhys Reviewer changed this note at" in text and "“Changed on my phone”" in text
    assert "Save again to replace their version with yours" in text
    assert EvidenceNote.objects.get().text == "Changed on my phone"
    assert 'name="base_revision" value="2"' in text  # a second, informed save replaces theirs
    assert client.post(change, stale | {"base_revision": 2}).status_code == 302
    assert EvidenceNote.objects.get().text == "From the laptop"


def test_autosave_creates_then_edits_the_note(client_for, reviewer, visit):
    client = client_for(reviewer)
    first = client.post(save_url(visit), {"text": "Draft", "strands": []})
    assert first.status_code == 200
    body = first.json()
    assert body["revision"] == 1 and body["message"].startswith("Saved at ")
    second = client.post(
        save_url(visit),
        {
            "text": "Draft, longer",
            "note": body["note"],
            "base_revision": 1,
            "strands": [strand(visit, "A1S1").pk],
        },
    )
    assert second.json()["revision"] == 2
    assert notes() == [(body["note"], "Draft, longer", 2)]


def test_a_new_note_sent_twice_is_one_note(client_for, reviewer, visit):
    """The first answer was lost, so the page sends the new note again, a little longer."""
    client = client_for(reviewer)
    key = "c0ffee" * 5
    first = client.post(save_url(visit), {"text": "Draft", "strands": [], "client_key": key})
    again = client.post(save_url(visit), {"text": "Draft, more", "strands": [], "client_key": key})
    assert again.status_code == 200
    assert again.json()["note"] == first.json()["note"]
    assert notes() == [(first.json()["note"], "Draft, more", 2)]


def test_the_form_carries_a_fresh_key_for_each_new_note(client_for, reviewer, visit):
    client = client_for(reviewer)
    keys = [client.get(page(visit)).text.split('name="client_key" value="')[1][:32] for _ in "ab"]
    assert keys[0] != keys[1] and all(len(key) == 32 for key in keys)


def test_autosave_refuses_bad_input_with_400(client_for, reviewer, visit):
    client = client_for(reviewer)
    empty = client.post(save_url(visit), {"text": ""})
    assert empty.status_code == 400
    assert empty.json() == {
        "message": "Not saved: Enter your note",
        "errors": {"text": ["Enter your note"]},
    }
    bad_strand = client.post(save_url(visit), {"text": "Note", "strands": ["999999"]})
    assert bad_strand.status_code == 400
    assert notes() == []


def test_autosave_returns_409_on_a_stale_revision(client_for, reviewer, visit):
    note = note_by(visit, reviewer)
    edit_evidence(reviewer, note, "Newer text", [strand(visit, "A1S1").pk], 1)
    response = client_for(reviewer).post(
        save_url(visit), {"text": "Older", "note": note.pk, "base_revision": 1}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["message"].startswith("Conflict: Rhys Reviewer changed this note at")
    assert body["text"] == "Newer text" and body["revision"] == 2
    assert body["strands"] == [strand(visit, "A1S1").pk]
    assert notes() == [(note.pk, "Newer text", 2)]


def test_autosave_after_agreement_is_refused(client_for, reviewer, visit):
    note = note_by(visit, reviewer)
    visit.status = Review.Status.AGREED
    visit.save()
    response = client_for(reviewer).post(
        save_url(visit), {"text": "Late", "note": note.pk, "base_revision": 1}
    )
    assert response.status_code == 400
    assert "Judgements have been agreed" in response.json()["message"]
    text = client_for(reviewer).get(page(visit)).text
    assert "Add a note" not in text and "Judgements have been agreed" in text
    assert notes() == [(note.pk, "Phonics lessons well paced", 1)]


def test_school_leader_cannot_post_or_read_the_notes_during_the_visit(
    client_for, school_leader, visit, reviewer
):
    note_by(visit, reviewer)
    client = client_for(school_leader)
    text = client.get(page(visit)).text
    assert "Phonics lessons well paced" not in text and "Add a note" not in text
    assert client.post(page(visit), {"text": "School note"}).status_code == 403
    assert client.post(save_url(visit), {"text": "School note"}).status_code == 403
    assert len(notes()) == 1


def test_people_off_the_team_get_not_found(client_for, outsider, governor, visit, school_d):
    other = make_user("Pat Peer")
    ReviewerProfile.objects.create(
        user=other, home_school=school_d, job_title="Deputy", years_in_senior_leadership=3
    )
    for person in (outsider, governor, other):
        client = client_for(person)
        assert client.get(page(visit)).status_code == 404
        assert client.post(page(visit), {"text": "Intruder"}).status_code == 404
        assert client.post(save_url(visit), {"text": "Intruder"}).status_code == 404
    assert notes() == []


def test_anonymous_visitor_is_asked_to_sign_in(client_for, visit):
    for response in (
        client_for(None).get(page(visit)),
        client_for(None).post(save_url(visit), {"text": "Anonymous"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert notes() == []


def test_notes_show_under_another_framework_through_the_crosswalk(client_for, reviewer, visit):
    other = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="quadrants", name="Four quadrants"),
        number=1,
        status=FrameworkVersion.Status.PUBLISHED,
    )
    area = Area.objects.create(version=other, position=1, code="Q1", title="Achievement")
    target = Strand.objects.create(area=area, position=1, code="Q1S1", title="Pupils' progress")
    StrandMapping.objects.create(from_strand=target, to_strand=strand(visit, "A1S1"))
    note_by(visit, reviewer, "Progress in phonics is strong")
    text = unescape(client_for(reviewer).get(page(visit), {"framework": other.pk}).text)
    assert "Under Four quadrants, version 1" in text
    assert "Q1S1 Pupils' progress" in text
    assert "Rhys Reviewer: Progress in phonics is strong" in text


def test_autosave_takes_only_posts_and_only_notes_of_this_review(
    client_for, reviewer, visit, school_b, framework_version
):
    client = client_for(reviewer)
    assert client.get(save_url(visit)).status_code == 405
    other = Review.objects.create(
        school=school_b,
        kind="qa",
        framework_version=framework_version,
        start_date=visit.start_date,
        days=1,
        status=Review.Status.VISIT,
    )
    member = other.team.create(reviewer=reviewer.reviewer_profile, role="peer")
    elsewhere = record_evidence(reviewer, other, member, "On another review", [])
    response = client.post(
        save_url(visit), {"text": "Moved", "note": elsewhere.pk, "base_revision": 1}
    )
    assert response.status_code == 404
    assert notes() == [(elsewhere.pk, "On another review", 1)]


def test_before_the_visit_the_team_is_told_when_evidence_opens(client_for, reviewer, review):
    text = client_for(reviewer).get(page(review)).text
    assert "Evidence can be recorded once the visit has started" in text
    assert "Add a note" not in text
    response = client_for(reviewer).post(page(review), {"text": "Too early"})
    assert response.status_code == 400
    assert "Evidence can be recorded once the visit has started" in response.text
    assert notes() == []


def test_change_page_is_read_only_after_agreement(client_for, reviewer, visit):
    note = note_by(visit, reviewer)
    visit.status = Review.Status.AGREED
    visit.save()
    change = reverse("reviews:evidence-change", args=[visit.pk, note.pk])
    text = client_for(reviewer).get(change).text
    assert "Judgements have been agreed, so evidence can no longer be changed" in text
    assert 'name="text"' not in text
