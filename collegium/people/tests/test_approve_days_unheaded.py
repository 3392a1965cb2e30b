"""Issue 15: a network admin approves a reviewer's days when nobody leads the home school on
Collegium; while a leader has an account, that head approves."""

from html import unescape

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.dates import current_academic_year
from collegium.people.models import CapacityApproval, Role
from conftest import grant, make_user

REASON = "The head agreed 10 days by phone on 1 December"


def url(profile) -> str:
    return reverse("people:approve-days-unheaded", args=[profile.pk])


def data(**changes) -> dict[str, str]:
    return {"academic_year": str(current_academic_year()), "days": "10", "reason": REASON} | changes


def test_network_admin_approves_with_a_reason_shown_on_the_record(
    client_for, network_admin, profile
):
    client = client_for(network_admin)
    record = reverse("people:record", args=[profile.pk])
    assert "Approve days as network admin" in client.get(record).text
    response = client.post(url(profile), data())
    assert response.status_code == 302
    approval = CapacityApproval.objects.get(reviewer=profile)
    assert (approval.days, approval.approved_by, approval.network_reason) == (
        10,
        network_admin,
        REASON,
    )
    event = AuditEvent.objects.get(action=verbs.DAYS_APPROVED)
    assert event.actor == network_admin
    assert (event.after or {})["network_reason"] == REASON
    page = unescape(client.get(record).text)
    assert "As network admin, because Beech Primary School had no leader on Collegium" in page
    assert REASON in page


def test_refused_while_the_home_school_has_a_leader(client_for, network_admin, profile, school_b):
    grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    client = client_for(network_admin)
    assert (
        "Approve days as network admin"
        not in client.get(reverse("people:record", args=[profile.pk])).text
    )
    response = client.post(url(profile), data())
    assert response.status_code == 400
    assert "Beech Primary School has a leader on Collegium who can approve these days" in (
        unescape(response.text)
    )
    assert not CapacityApproval.objects.exists()


def test_allowed_when_the_reviewer_is_the_schools_only_leader(
    client_for, network_admin, profile, school_b
):
    grant(profile.user, Role.SCHOOL_LEADER, school=school_b)
    own = client_for(profile.user).post(reverse("people:approve-days", args=[profile.pk]), {})
    assert own.status_code in (400, 403, 404)  # she may not approve her own days
    assert not CapacityApproval.objects.exists()
    client = client_for(network_admin)
    record = reverse("people:record", args=[profile.pk])
    assert "Approve days as network admin" in client.get(record).text
    assert client.post(url(profile), data()).status_code == 302
    approval = CapacityApproval.objects.get(reviewer=profile)
    assert (approval.approved_by, approval.network_reason) == (network_admin, REASON)


def test_refused_when_another_leader_leads_the_reviewers_school(
    client_for, network_admin, profile, school_b
):
    grant(profile.user, Role.SCHOOL_LEADER, school=school_b)
    grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    client = client_for(network_admin)
    record = reverse("people:record", args=[profile.pk])
    assert "Approve days as network admin" not in client.get(record).text
    response = client.post(url(profile), data())
    assert response.status_code == 400
    assert "has a leader on Collegium who can approve these days" in unescape(response.text)
    assert not CapacityApproval.objects.exists()


def test_a_reason_is_needed(client_for, network_admin, profile):
    response = client_for(network_admin).post(url(profile), data(reason=""))
    assert response.status_code == 400
    assert "Enter why you are approving the days" in unescape(response.text)
    assert not CapacityApproval.objects.exists()


def test_others_are_refused_and_nothing_changes(
    client_for, school_leader, coordinator, moderator, reviewer, profile
):
    for person in (school_leader, coordinator, moderator, reviewer):
        assert client_for(person).post(url(profile), data()).status_code in (403, 404)
    response = client_for(None).post(url(profile), data())
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not CapacityApproval.objects.exists()
    assert not AuditEvent.objects.filter(action=verbs.DAYS_APPROVED).exists()
