"""people:declare-conflict and withdrawing a declared conflict (P4)."""

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import DeclaredConflict
from collegium.people.tests.helpers import (
    after_of,
    before_of,
    is_sign_in_redirect,
    register_state,
    text_of,
)


def url(profile):
    return reverse("people:declare-conflict", args=[profile.pk])


@pytest.mark.django_db
def test_the_reviewer_declares_a_conflict(client_for, reviewer, profile, school_d):
    data = {"school": "900004", "reason": "My partner teaches there"}
    response = client_for(reviewer).post(url(profile), data, follow=True)
    text = text_of(response)
    assert "The conflict of interest has been declared." in text
    assert "Damson School 900004 Declared: My partner teaches there" in text
    assert DeclaredConflict.objects.get(reviewer=profile).school == school_d
    event = AuditEvent.objects.get(action=verbs.CONFLICT_DECLARED)
    assert after_of(event)["reason"] == "My partner teaches there"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"school": "900099", "reason": "x"}, "There is no school with URN 900099 in the register"),
        ({"school": "900004", "reason": ""}, "Enter why there is a conflict of interest"),
        ({"school": "", "reason": "x"}, "Enter the URN of the school they have a conflict with"),
    ],
)
def test_invalid_declarations_change_nothing(
    client_for, reviewer, profile, school_d, data, message
):
    before = register_state()
    response = client_for(reviewer).post(url(profile), data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_a_second_declaration_for_the_same_school_is_refused(
    client_for, reviewer, profile, school_d
):
    DeclaredConflict.objects.create(reviewer=profile, school=school_d, reason="First")
    before = register_state()
    response = client_for(reviewer).post(url(profile), {"school": "900004", "reason": "Again"})
    assert response.status_code == 400
    assert "A conflict with Damson School is already declared" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_others_are_refused(client_for, profile, outsider, school_d):
    before = register_state()
    data = {"school": "900004", "reason": "x"}
    assert client_for(outsider).post(url(profile), data).status_code == 403
    assert is_sign_in_redirect(client_for(None).post(url(profile), data))
    assert register_state() == before


@pytest.mark.django_db
def test_the_reviewer_withdraws_a_declaration(
    client_for, reviewer, profile, school_d, lead_reviewer
):
    conflict = DeclaredConflict.objects.create(reviewer=profile, school=school_d, reason="Old tie")
    withdraw = reverse("people:remove-item", args=[profile.pk, "conflict", conflict.pk])
    assert "Withdraw this declared conflict" in text_of(client_for(reviewer).get(withdraw))
    assert client_for(lead_reviewer).post(withdraw).status_code == 403
    response = client_for(reviewer).post(withdraw, follow=True)
    assert "The declared conflict has been withdrawn." in text_of(response)
    assert not DeclaredConflict.objects.exists()
    assert before_of(AuditEvent.objects.get(action=verbs.CONFLICT_WITHDRAWN))["reason"] == "Old tie"
