"""A network admin erases a person: name, email and what they wrote about themselves become a
stable pseudonym, the account is closed, judgements and statistics keep their values."""

import pytest
from django.utils import timezone

from collegium.api.models import ApiToken
from collegium.api.tests.helpers import token_for
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change, snapshot
from collegium.consistency.models import StoredFigures
from collegium.frameworks.models import Strand
from collegium.people.models import Blackout, DeclaredConflict, RoleGrant
from collegium.reviews.models import EvidenceNote, Judgement, JudgementProposal, TeamMember


def erase_url(person) -> str:
    return f"/privacy/people/{person.pk}/erase/"


@pytest.mark.django_db
def test_an_erased_reviewer_becomes_a_pseudonym(client_for, network_admin, reviewer, school_c):
    profile = reviewer.reviewer_profile
    Blackout.objects.create(
        reviewer=profile, starts_on="2027-01-04", ends_on="2027-01-08", reason="My operation"
    )
    DeclaredConflict.objects.create(
        reviewer=profile, school=school_c, reason="My sister works here"
    )
    record_change(reviewer, verbs.REVIEWER_PROFILE_CHANGED, profile, None, {"job_title": "Head"})
    record_change(network_admin, verbs.PERSON_ADDED, reviewer, None, snapshot(reviewer, ["email"]))
    token_for(reviewer)
    StoredFigures.objects.create(
        kind="severity", data_hash="x", format=1, data_read_at=timezone.now(), figures=b""
    )
    email = reviewer.email
    page = client_for(network_admin).get(erase_url(reviewer)).text
    assert f"Former reviewer {reviewer.pk}" in page
    assert client_for(network_admin).post(erase_url(reviewer)).status_code == 302

    reviewer.refresh_from_db()
    assert reviewer.full_name == f"Former reviewer {reviewer.pk}"
    assert reviewer.email.endswith("@erased.invalid") and not reviewer.is_active
    assert not reviewer.has_usable_password()
    profile.refresh_from_db()
    assert profile.job_title == "Former reviewer"
    assert Blackout.objects.get().reason == ""
    assert "sister" not in DeclaredConflict.objects.get().reason
    assert not ApiToken.objects.filter(user=reviewer).exists()
    trail = " ".join(
        f"{e.actor_name} {e.object_repr} {e.before} {e.after}" for e in AuditEvent.objects.all()
    )
    assert "Rhys Reviewer" not in trail and email not in trail
    assert f"Former reviewer {reviewer.pk}" in trail
    assert not StoredFigures.objects.exists()  # figures naming reviewers are worked out again


@pytest.mark.django_db
def test_judgements_keep_their_values(client_for, network_admin, review, reviewer):
    member = TeamMember.objects.get(review=review, reviewer__user=reviewer)
    note = EvidenceNote.objects.create(review=review, author=member, text="Reading is strong")
    strand = Strand.objects.filter(area__version=review.framework_version).first()
    assert strand is not None
    JudgementProposal.objects.create(
        review=review, strand=strand, proposed_by=member, level=3, rationale="Strong"
    )
    Judgement.objects.create(review=review, strand=strand, level=3, rationale="Agreed")
    client_for(network_admin).post(erase_url(reviewer))
    note.refresh_from_db()
    assert note.text == "Reading is strong" and note.author == member
    assert list(Judgement.objects.values_list("strand_id", "level")) == [(strand.pk, 3)]
    proposal = JudgementProposal.objects.get()
    assert (proposal.level, proposal.proposed_by) == (3, member)


@pytest.mark.django_db
def test_a_member_without_a_profile_is_a_former_member(client_for, network_admin, governor):
    client_for(network_admin).post(erase_url(governor))
    governor.refresh_from_db()
    assert governor.full_name == f"Former member {governor.pk}"
    assert not RoleGrant.objects.filter(user=governor).exists()


@pytest.mark.django_db
def test_only_a_network_admin_erases_and_never_themselves(
    client_for, client, network_admin, moderator, reviewer
):
    assert client_for(moderator).post(erase_url(reviewer)).status_code == 404
    assert client.post(erase_url(reviewer)).status_code == 302  # sent to sign in
    refused = client_for(network_admin).post(erase_url(network_admin))
    assert refused.status_code == 400 and "your own account" in refused.text
    reviewer.refresh_from_db()
    network_admin.refresh_from_db()
    assert reviewer.full_name == "Rhys Reviewer" and network_admin.full_name == "Nia Admin"


@pytest.mark.django_db
def test_an_erased_account_is_not_erased_again_or_restored(client_for, network_admin, reviewer):
    admin = client_for(network_admin)
    admin.post(erase_url(reviewer))
    assert admin.post(erase_url(reviewer)).status_code == 400
    assert admin.post(f"/privacy/people/{reviewer.pk}/restore/").status_code == 400
    reviewer.refresh_from_db()
    assert not reviewer.is_active


@pytest.mark.django_db
def test_other_peoples_notifications_name_the_pseudonym(
    client_for, network_admin, reviewer, school_leader
):
    from collegium.notifications.models import Notification
    from collegium.notifications.services import notify

    reviewer.full_name = "Rhys O'Reviewer"
    reviewer.save()
    notify(
        [school_leader],
        "judgement-changed",
        subject=f"{reviewer.full_name} joins the team",
        context={"body": f"{reviewer.full_name} ({reviewer.email}) joins the team"},
        link="/",
    )
    email = reviewer.email
    assert client_for(network_admin).post(erase_url(reviewer)).status_code == 302
    told = Notification.objects.get(recipient=school_leader)
    everything = f"{told.subject} {told.text_body} {told.html_body}"
    assert "Reviewer" not in everything.replace("Former reviewer", "") and email not in everything
    assert f"Former reviewer {reviewer.pk} joins the team" == told.subject
    page = client_for(school_leader).get("/notifications/").text
    assert "O'Reviewer" not in page and "O&#x27;Reviewer" not in page
