"""people:roles: network admins add people and grant or revoke their roles."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import Role, RoleGrant
from collegium.people.tests.helpers import before_of, is_sign_in_redirect, register_state, text_of

ROLES = reverse("people:roles")
ADD = reverse("people:add-person")


def grant_url(user):
    return reverse("people:grant-role", args=[user.pk])


def revoke_url(grant):
    return reverse("people:revoke-role", args=[grant.pk])


@pytest.mark.django_db
def test_the_admin_lists_people_and_their_roles(client_for, network_admin, school_leader, reviewer):
    text = text_of(client_for(network_admin).get(ROLES))
    assert "Sam Leader sam.leader@example.org School leader of Ash Primary School Revoke" in text
    assert "Rhys Reviewer rhys.reviewer@example.org Reviewer" in text
    text = text_of(client_for(network_admin).get(ROLES, {"q": "rhys"}))
    assert "Rhys Reviewer" in text and "Sam Leader" not in text


@pytest.mark.django_db
def test_the_admin_adds_a_person_who_is_emailed_a_link(client_for, network_admin):
    response = client_for(network_admin).post(
        ADD, {"full_name": "Pat Newhead", "email": "Pat.Newhead@Example.org"}, follow=True
    )
    assert "emailed a link to choose their password" in text_of(response)
    person = User.objects.get(email="pat.newhead@example.org")
    assert person.full_name == "Pat Newhead" and not person.has_usable_password()
    assert AuditEvent.objects.filter(action=verbs.PERSON_ADDED).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat.newhead@example.org"]
    link = re.search(r"http://testserver(/account/password-reset/\S+)", str(mail.outbox[0].body))
    assert link is not None
    # The link leads to the page where they choose a password.
    landing = client_for(None).get(link.group(1), follow=True)
    assert landing.status_code == 200
    assert 'type="password"' in landing.content.decode()


@pytest.mark.django_db
def test_an_existing_email_is_refused(client_for, network_admin, outsider):
    before = register_state()
    response = client_for(network_admin).post(
        ADD, {"full_name": "Olive Again", "email": "olive.outsider@example.org"}
    )
    assert response.status_code == 400
    assert "A person with this email address already has an account" in text_of(response)
    assert register_state() == before and User.objects.count() == 2
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"role": "school_leader", "school": "900002"}, ("school_leader", 900002, None)),
        ({"role": "governor", "school": "900001"}, ("governor", 900001, None)),
        ({"role": "moderator"}, ("moderator", None, None)),
        ({"role": "cluster_coordinator", "cluster": "CLUSTER"}, ("cluster_coordinator", None, 1)),
    ],
)
def test_the_admin_grants_a_role(
    client_for, network_admin, outsider, school_b, cluster, data, kind
):
    if data.get("cluster") == "CLUSTER":
        data = data | {"cluster": str(cluster.pk)}
        kind = (kind[0], None, cluster.pk)
    response = client_for(network_admin).post(grant_url(outsider), data, follow=True)
    assert "The role has been granted to Olive Outsider." in text_of(response)
    grant = RoleGrant.objects.get(user=outsider)
    assert (grant.role, grant.school_id, grant.cluster_id) == kind
    assert AuditEvent.objects.filter(action=verbs.ROLE_GRANTED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "school_leader"}, "Enter the URN of the school for a school leader"),
        ({"role": "governor", "school": "123456"}, "There is no school with URN 123456"),
        (
            {"role": "moderator", "school": "900001"},
            "Leave the school URN empty: moderators are not tied to a school",
        ),
        ({"role": "cluster_coordinator"}, "Select the cluster they coordinate"),
        (
            {"role": "adjudicator", "cluster": "CLUSTER"},
            "Leave the cluster empty: adjudicators are not tied to a cluster",
        ),
        ({"role": ""}, "Choose a role"),
        ({"role": "school_leader", "school": "900001"}, "Sam Leader is already school leader of"),
    ],
)
def test_an_invalid_or_duplicate_grant_is_refused(
    client_for, network_admin, school_leader, cluster, data, message
):
    if data.get("cluster") == "CLUSTER":
        data = data | {"cluster": str(cluster.pk)}
    before = register_state()
    response = client_for(network_admin).post(grant_url(school_leader), data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_the_admin_revokes_a_grant(client_for, network_admin, school_leader):
    grant = RoleGrant.objects.get(user=school_leader)
    client = client_for(network_admin)
    assert "Sam Leader: School leader of Ash Primary School" in text_of(
        client.get(revoke_url(grant))
    )
    response = client.post(revoke_url(grant), follow=True)
    assert "The role has been revoked from Sam Leader." in text_of(response)
    assert not RoleGrant.objects.filter(user=school_leader).exists()
    assert access.roles_of(User.objects.get(pk=school_leader.pk)).leads == frozenset()
    assert before_of(AuditEvent.objects.get(action=verbs.ROLE_REVOKED))["role"] == "school_leader"


@pytest.mark.django_db
def test_the_last_network_admin_cannot_be_revoked(client_for, network_admin):
    grant = RoleGrant.objects.get(user=network_admin)
    before = register_state()
    response = client_for(network_admin).post(revoke_url(grant))
    assert response.status_code == 400
    assert "You cannot remove the last network admin" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_an_admin_can_hand_over_and_step_down(client_for, network_admin, outsider):
    client = client_for(network_admin)
    client.post(grant_url(outsider), {"role": "network_admin"})
    response = client.post(revoke_url(RoleGrant.objects.get(user=network_admin)))
    assert response.status_code == 302
    assert client.get(ROLES).status_code == 403  # their rights end at once
    assert RoleGrant.objects.filter(role=Role.NETWORK_ADMIN).get().user == outsider


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "moderator", "school_leader", "coordinator"])
def test_others_are_refused(client_for, persona, request, network_admin):
    client = client_for(request.getfixturevalue(persona))
    before = register_state()
    grant = RoleGrant.objects.get(user=network_admin)
    assert client.get(ROLES).status_code == 403
    assert client.post(ADD, {"full_name": "X", "email": "x@example.org"}).status_code == 403
    # who has an account, and which roles, is not theirs to know: the person's pages are not found
    assert client.post(grant_url(network_admin), {"role": "moderator"}).status_code == 404
    assert client.post(revoke_url(grant)).status_code == 404
    assert register_state() == before and mail.outbox == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, network_admin):
    grant = RoleGrant.objects.get(user=network_admin)
    assert is_sign_in_redirect(client_for(None).get(ROLES))
    assert is_sign_in_redirect(client_for(None).post(revoke_url(grant)))
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


@pytest.mark.django_db
def test_an_unknown_person_is_not_found(client_for, network_admin):
    assert (
        client_for(network_admin).get(reverse("people:grant-role", args=[999])).status_code == 404
    )


@pytest.mark.django_db
def test_the_plain_text_invitation_shows_names_as_written(client_for, network_admin, outsider):
    refused = client_for(outsider).post(ADD, {"full_name": "Siobhán O'Brien", "email": "x@y.org"})
    assert refused.status_code in (403, 404) and mail.outbox == []
    client_for(network_admin).post(ADD, {"full_name": "Siobhán O'Brien", "email": "so@example.org"})
    body = str(mail.outbox[0].body)
    assert "Hello Siobhán O'Brien," in body and "&#39;" not in body
