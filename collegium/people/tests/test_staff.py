"""people:staff, approve-days and withdraw-days: the home school's head releases days (P3)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import CapacityApproval, ReviewerProfile, Role, RoleGrant
from collegium.people.services import capacity
from collegium.people.tests.helpers import (
    is_sign_in_redirect,
    register_state,
    rows_locked,
    text_of,
)

STAFF = reverse("people:staff")
YEAR = current_academic_year()


def approve_url(profile):
    return reverse("people:approve-days", args=[profile.pk])


def current(profile):
    return list(
        profile.capacity_approvals.filter(withdrawn_at__isnull=True).values_list(
            "academic_year", "days"
        )
    )


@pytest.mark.django_db
def test_the_leader_sees_their_staff_only(client_for, school_leader, home_staff, profile):
    CapacityApproval.objects.create(
        reviewer=home_staff, academic_year=YEAR, days=15, approved_by=school_leader
    )
    page = client_for(school_leader).get(STAFF)
    text = text_of(page)
    assert f"Days in {academic_year_label(YEAR)}" in text
    assert "Hana Homestaff Assistant head Ash Primary School 15 Withdraw" in text
    assert "Not approved Approve days" in text
    assert "Rhys Reviewer" not in text
    approval = home_staff.capacity_approvals.get()
    assert reverse("people:withdraw-days", args=[home_staff.pk, approval.pk]) in (
        page.content.decode()
    )


@pytest.mark.django_db
def test_the_leader_approves_days(client_for, school_leader, home_staff):
    response = client_for(school_leader).post(
        approve_url(home_staff), {"academic_year": YEAR, "days": "12"}, follow=True
    )
    assert "Days approved for Hana Homestaff." in text_of(response)
    assert current(home_staff) == [(YEAR, 12)]
    approval = home_staff.capacity_approvals.get()
    assert approval.approved_by == school_leader
    assert AuditEvent.objects.filter(action=verbs.DAYS_APPROVED).count() == 1


@pytest.mark.django_db
def test_approving_again_replaces_the_approval_and_keeps_history(
    client_for, school_leader, home_staff
):
    client = client_for(school_leader)
    client.post(approve_url(home_staff), {"academic_year": YEAR, "days": "12"})
    client.post(approve_url(home_staff), {"academic_year": YEAR, "days": "20"})
    client.post(approve_url(home_staff), {"academic_year": YEAR + 1, "days": "5"})
    assert sorted(current(home_staff)) == [(YEAR, 20), (YEAR + 1, 5)]
    old = home_staff.capacity_approvals.get(days=12)
    assert old.withdrawn_at is not None and old.withdrawn_by == school_leader
    assert AuditEvent.objects.filter(action=verbs.APPROVED_DAYS_WITHDRAWN).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("days", ["0", "61", "2.5", "ten", ""])
def test_days_out_of_range_are_refused(client_for, school_leader, home_staff, days):
    before = register_state()
    response = client_for(school_leader).post(
        approve_url(home_staff), {"academic_year": YEAR, "days": days}
    )
    assert response.status_code == 400
    assert "Days must be a whole number between 1 and 60" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_a_past_academic_year_is_refused(client_for, school_leader, home_staff):
    before = register_state()
    response = client_for(school_leader).post(
        approve_url(home_staff), {"academic_year": YEAR - 1, "days": "10"}
    )
    assert response.status_code == 400
    assert "Choose the academic year from the list" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_a_leader_of_another_school_is_refused(client_for, school_leader, profile):
    before = register_state()
    data = {"academic_year": YEAR, "days": "10"}
    assert client_for(school_leader).post(approve_url(profile), data).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_a_reviewer_cannot_approve_their_own_days(client_for, reviewer, profile):
    before = register_state()
    data = {"academic_year": YEAR, "days": "10"}
    assert client_for(reviewer).post(approve_url(profile), data).status_code == 403
    assert client_for(reviewer).get(STAFF).status_code == 403
    assert register_state() == before


OWN_DAYS = (
    "You cannot approve your own days: ask another leader of your school or the network admin"
)


@pytest.mark.django_db
def test_a_head_who_reviews_cannot_approve_their_own_days(client_for, reviewer, profile, school_b):
    RoleGrant.objects.create(user=reviewer, role=Role.SCHOOL_LEADER, school=school_b)
    before = register_state()
    response = client_for(reviewer).post(approve_url(profile), {"academic_year": YEAR, "days": "8"})
    assert response.status_code == 400
    assert OWN_DAYS in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_the_service_refuses_a_head_their_own_days(reviewer, profile, school_b):
    RoleGrant.objects.create(user=reviewer, role=Role.SCHOOL_LEADER, school=school_b)
    with pytest.raises(ValidationError, match="You cannot approve your own days"):
        capacity.approve_days(reviewer, profile, academic_year=YEAR, days=8)
    assert current(profile) == []


@pytest.mark.django_db
def test_approving_locks_the_reviewer_before_the_first_approval(school_leader, home_staff):
    with rows_locked() as locked:
        capacity.approve_days(school_leader, home_staff, academic_year=YEAR, days=8)
    assert locked[0] is ReviewerProfile
    assert current(home_staff) == [(YEAR, 8)]


@pytest.mark.django_db
def test_withdrawing_a_stale_approval_twice_is_refused(school_leader, approval):
    stale = CapacityApproval.objects.get(pk=approval.pk)
    capacity.withdraw_approval(school_leader, approval)
    with pytest.raises(ValidationError, match="These days have already been withdrawn"):
        capacity.withdraw_approval(school_leader, stale)
    assert AuditEvent.objects.filter(action=verbs.APPROVED_DAYS_WITHDRAWN).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "moderator", "network_admin", "governor"])
def test_others_are_refused(client_for, persona, request, home_staff):
    client = client_for(request.getfixturevalue(persona))
    before = register_state()
    assert client.get(STAFF).status_code == 403
    data = {"academic_year": YEAR, "days": "10"}
    assert client.post(approve_url(home_staff), data).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, home_staff):
    assert is_sign_in_redirect(client_for(None).get(STAFF))
    assert is_sign_in_redirect(client_for(None).post(approve_url(home_staff), {"days": "3"}))
    assert not CapacityApproval.objects.exists()


@pytest.fixture
def approval(home_staff, school_leader):
    return CapacityApproval.objects.create(
        reviewer=home_staff, academic_year=YEAR, days=10, approved_by=school_leader
    )


def withdraw_url(approval):
    return reverse("people:withdraw-days", args=[approval.reviewer_id, approval.pk])


@pytest.mark.django_db
def test_the_leader_withdraws_an_approval(client_for, school_leader, approval):
    client = client_for(school_leader)
    record = client.get(reverse("people:record", args=[approval.reviewer_id])).content.decode()
    assert withdraw_url(approval) in record
    assert "10 days in" in text_of(client.get(withdraw_url(approval)))
    response = client.post(withdraw_url(approval), follow=True)
    assert "have been withdrawn" in text_of(response)
    approval.refresh_from_db()
    assert approval.withdrawn_at is not None and approval.withdrawn_by == school_leader
    assert CapacityApproval.objects.count() == 1  # kept as history
    assert client.post(withdraw_url(approval)).status_code == 404  # already withdrawn
    record_page = client.get(reverse("people:record", args=[approval.reviewer_id]))
    assert "by Sam Leader" in text_of(record_page)
    assert withdraw_url(approval) not in record_page.content.decode()


@pytest.mark.django_db
def test_others_cannot_withdraw(client_for, approval, reviewer, moderator):
    before = register_state()
    assert client_for(reviewer).post(withdraw_url(approval)).status_code == 403
    assert client_for(moderator).post(withdraw_url(approval)).status_code == 403
    assert client_for(approval.reviewer.user).post(withdraw_url(approval)).status_code == 403
    assert register_state() == before
