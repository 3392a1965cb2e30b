"""A form sent twice at once (a double click) is refused politely, not with a server error.

Each service checks for the row before creating it, but the second request can check before
the first has saved: another_request_saves_first() plays that race."""

import re

import pytest
from django.core.exceptions import ValidationError

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import DeclaredConflict, ReviewerProfile, Role, RoleGrant
from collegium.people.services import register, roles
from collegium.people.tests.helpers import another_request_saves_first


def twice(call, message):
    call()
    with another_request_saves_first(), pytest.raises(ValidationError, match=re.escape(message)):
        call()


@pytest.mark.django_db
def test_registering_twice_at_once(outsider, school_a):
    def call():
        register.register_reviewer(
            outsider,
            home_school=school_a,
            job_title="Deputy head",
            phases=["primary"],
            subjects=[],
            years_in_senior_leadership=2,
        )

    twice(call, "You are already registered as a reviewer")
    assert ReviewerProfile.objects.filter(user=outsider).count() == 1
    assert AuditEvent.objects.filter(action=verbs.REVIEWER_REGISTERED).count() == 1


@pytest.mark.django_db
def test_declaring_a_conflict_twice_at_once(reviewer, school_d):
    profile = reviewer.reviewer_profile

    def call():
        register.declare_conflict(reviewer, profile, school=school_d, reason="My sister")

    twice(call, f"A conflict with {school_d.name} is already declared")
    assert DeclaredConflict.objects.filter(reviewer=profile).count() == 1
    assert AuditEvent.objects.filter(action=verbs.CONFLICT_DECLARED).count() == 1


@pytest.mark.django_db
def test_granting_a_role_twice_at_once(network_admin, outsider, school_a):
    def call():
        roles.grant_role(network_admin, outsider, role=Role.GOVERNOR, school=school_a)

    twice(call, f"{outsider} is already governor of {school_a}")
    assert RoleGrant.objects.filter(user=outsider).count() == 1


@pytest.mark.django_db
def test_granting_a_network_role_twice_at_once(network_admin, outsider):
    def call():
        roles.grant_role(network_admin, outsider, role=Role.MODERATOR)

    twice(call, f"{outsider} is already moderator")
    assert RoleGrant.objects.filter(user=outsider).count() == 1


@pytest.mark.django_db
def test_adding_a_person_twice_at_once(network_admin):
    def call():
        roles.add_person(network_admin, email="New.Person@example.org", full_name="New Person")

    twice(call, "A person with this email address already has an account")
    assert User.objects.filter(email="new.person@example.org").count() == 1
    assert AuditEvent.objects.filter(action=verbs.PERSON_ADDED).count() == 1


@pytest.mark.django_db
def test_calling_twice_without_a_race_is_refused_too(network_admin, outsider):
    roles.grant_role(network_admin, outsider, role=Role.MODERATOR)
    with pytest.raises(ValidationError, match="is already moderator"):
        roles.grant_role(network_admin, outsider, role=Role.MODERATOR)
