"""Who reads the team's evidence notes and each reviewer's proposals (R4): the team and
moderators during the visit; the school's leaders only once the judgements are agreed. The
school still sees the timetable and its own concerns."""

from html import unescape

import pytest
from django.urls import reverse

from collegium import access
from collegium.people.models import Role
from collegium.reviews.models import Review
from collegium.reviews.selectors import notes_for, proposals_for
from collegium.reviews.services.concerns import raise_concern
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import propose_judgement
from conftest import grant, make_user

pytestmark = pytest.mark.django_db

NOTE = "Year 3 phonics lesson: two pupils lost the thread"
RATIONALE = "Phonics is not yet consistent across Year 3"
HIDDEN = "The review team and moderators read the team's notes during the visit"


@pytest.fixture
def visit(review, reviewer):
    review.status = Review.Status.VISIT
    review.save()
    member = review.team.get(reviewer__user=reviewer)
    strand = review.framework_version.areas.get(code="A1").strands.get(code="A1S1")
    note = record_evidence(reviewer, review, member, NOTE, [strand.pk])
    propose_judgement(reviewer, review, member, strand, 3, RATIONALE, [note.pk])
    return review


def agreed(review, status=Review.Status.AGREED):
    Review.objects.filter(pk=review.pk).update(status=status)
    return Review.objects.get(pk=review.pk)


def pages_read_by(client, review) -> tuple[str, str, str]:
    evidence = unescape(client.get(reverse("reviews:evidence", args=[review.pk])).text)
    judgements = unescape(client.get(reverse("reviews:judgements", args=[review.pk])).text)
    history = unescape(client.get(f"/history/reviews.review/{review.pk}/").text)
    return evidence, judgements, history


def test_the_school_reads_no_notes_or_proposals_during_the_visit(client_for, school_leader, visit):
    assert not access.can(school_leader, "review.read_evidence", visit)
    assert notes_for(school_leader, visit) == []
    assert not proposals_for(school_leader, visit).exists()
    evidence, judgements, history = pages_read_by(client_for(school_leader), visit)
    assert NOTE not in evidence and HIDDEN in evidence
    assert RATIONALE not in judgements
    assert "the school's leaders once the judgements are agreed" in judgements
    assert NOTE not in history and RATIONALE not in history
    assert "fingerprint" in history and "withheld" in history  # it changed, not what it says


@pytest.mark.parametrize("status", [Review.Status.AGREED, Review.Status.CLOSED])
def test_the_school_reads_them_once_the_judgements_are_agreed(
    client_for, school_leader, visit, status
):
    review = agreed(visit, status)
    assert access.can(school_leader, "review.read_evidence", review)
    evidence, judgements, history = pages_read_by(client_for(school_leader), review)
    assert NOTE in evidence and HIDDEN not in evidence
    assert RATIONALE in judgements
    assert NOTE in history and RATIONALE in history


def test_the_team_and_moderators_read_them_during_the_visit(
    client_for, reviewer, lead_reviewer, moderator, visit
):
    for person in (reviewer, lead_reviewer, moderator):
        assert access.can(person, "review.read_evidence", visit)
        evidence, judgements, history = pages_read_by(client_for(person), visit)
        assert NOTE in evidence and RATIONALE in judgements, person
        assert NOTE in history and RATIONALE in history, person


def test_people_outside_the_team_and_moderation_do_not(
    client_for, coordinator, network_admin, visit
):
    for person in (coordinator, network_admin):
        evidence, judgements, _ = pages_read_by(client_for(person), agreed(visit))
        assert NOTE not in evidence and RATIONALE not in judgements, person


def test_another_schools_leader_is_refused_even_once_agreed(la, visit, school_b):
    other_head = grant(make_user("Bea Otherhead"), Role.SCHOOL_LEADER, school=school_b)
    assert not access.can(other_head, "review.read_evidence", agreed(visit))


def test_the_school_still_sees_the_timetable_and_its_own_concerns(client_for, school_leader, visit):
    raise_concern(school_leader, visit, "The lesson visit overran into lunch")
    client = client_for(school_leader)
    assert client.get(reverse("reviews:timetable", args=[visit.pk])).status_code == 200
    concerns = client.get(reverse("reviews:concerns", args=[visit.pk])).text
    assert "The lesson visit overran into lunch" in concerns


def test_the_evidence_form_says_who_sees_a_note_and_when(client_for, reviewer, visit):
    text = unescape(client_for(reviewer).get(reverse("reviews:evidence", args=[visit.pk])).text)
    assert (
        "The review team and moderators see your notes during the visit; the school's leaders "
        "see them once the judgements are agreed." in text
    )
    assert "Other members of the team see it" not in text
