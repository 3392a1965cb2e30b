"""Issue 15: a school invited to a cluster whose head has no account: the head is invited by
email, chooses a password and lands on the invitation to answer it."""

import re
import smtplib
from html import unescape
from urllib.parse import unquote

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Cluster, Membership
from collegium.people.models import HeadInvitation, Role, RoleGrant

NEW_PASSWORD = "a long and unusual passphrase 42"


def head_url(membership: Membership) -> str:
    return reverse("people:invite-head", args=[membership.cluster_id, membership.pk])


def link_in(email) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", str(email.body))
    assert found is not None
    return found.group(1)


def choose_password(client, email):
    """Follow the emailed link and choose a password: where it leads."""
    form_page = client.get(link_in(email), follow=True)
    assert form_page.status_code == 200
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def is_leader(person, school) -> bool:
    return RoleGrant.objects.filter(user=person, role=Role.SCHOOL_LEADER, school=school).exists()


def test_the_head_is_emailed_sets_a_password_and_answers_the_invitation(
    client_for, network_admin, cluster, school_d
):
    client = client_for(network_admin)
    response = client.post(reverse("clusters:invite", args=[cluster.pk]), {"urn": "900004"})
    membership = Membership.objects.get(cluster=cluster, school=school_d)
    assert response["Location"] == head_url(membership)  # nobody at Damson could answer

    warning = unescape(client.get(reverse("clusters:detail", args=[cluster.pk])).text)
    assert "Nobody at this school has a Collegium account" in warning
    assert "invite the head of Damson School by email" in warning

    response = client.post(
        head_url(membership),
        {"full_name": "Dana Head", "email": "Dana.Head@example.org"},
        follow=True,
    )
    assert "Dana Head has been emailed a link to choose a password" in unescape(response.text)
    head = User.objects.get(email="dana.head@example.org")
    assert not is_leader(head, school_d)  # not until they accept

    # The head follows the link in the email, chooses a password, accepts, and lands on the
    # invitation.
    (email,) = mail.outbox
    assert email.to == ["dana.head@example.org"]
    visitor = client_for(None)
    accept_url = choose_password(visitor, email)["Location"]
    assert accept_url.startswith("/reviewers/head-invitations/")
    assert "Become the leader of Damson School on Collegium" in visitor.get(accept_url).text
    assert not is_leader(head, school_d)
    response = visitor.post(accept_url)
    respond_url = reverse("clusters:respond", args=[membership.pk])
    assert response["Location"] == respond_url
    assert is_leader(head, school_d)
    assert AuditEvent.objects.filter(action=verbs.ROLE_GRANTED, actor=network_admin).exists()
    assert "Do you want your school to join this cluster?" in visitor.get(respond_url).text
    visitor.post(respond_url, {"answer": "accept"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.MEMBER
    after = unescape(client.get(reverse("clusters:detail", args=[cluster.pk])).text)
    assert "Nobody at this school has a Collegium account" not in after


def test_an_admin_cannot_make_themselves_or_an_existing_account_the_leader_by_a_link(
    client_for, network_admin, cluster, school_d, outsider
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    roleless = User.objects.create_user("rory@example.org", None, full_name="Rory Roleless")
    RoleGrant.objects.create(user=roleless, role=Role.GOVERNOR, school=school_d)
    events = AuditEvent.objects.count()
    # Their own address; an account with a password; one with a role but no password.
    for email in (network_admin.email, outsider.email.upper(), roleless.email):
        response = client_for(network_admin).post(
            head_url(membership), {"full_name": "X", "email": email}
        )
        assert response.status_code == 400
        text = unescape(response.text)
        assert "already has a Collegium account: make them the leader of Damson" in text
    assert not RoleGrant.objects.filter(role=Role.SCHOOL_LEADER, school=school_d).exists()
    assert AuditEvent.objects.count() == events
    assert mail.outbox == []


def test_an_account_that_never_chose_a_password_is_emailed_and_leads_once_it_accepts(
    client_for, network_admin, cluster, school_d
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    head = User.objects.create_user("dana@example.org", None, full_name="Dana Head")
    response = client_for(network_admin).post(
        head_url(membership), {"full_name": "Dana Head", "email": "dana@example.org"}
    )
    assert response.status_code == 302
    assert not is_leader(head, school_d)
    (email,) = mail.outbox
    visitor = client_for(None)
    accept_url = choose_password(visitor, email)["Location"]
    visitor.post(accept_url)
    assert is_leader(head, school_d)


def test_only_the_invited_person_can_accept_and_nothing_changes_for_others(
    client_for, network_admin, cluster, school_d, outsider, school_leader
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    client_for(network_admin).post(
        head_url(membership), {"full_name": "Dana Head", "email": "dana@example.org"}
    )
    head = User.objects.get(email="dana@example.org")
    accept_url = re.search(r"next=(\S+)", str(mail.outbox[0].body))
    assert accept_url is not None
    path = unquote(accept_url.group(1))
    for other in (outsider, network_admin, school_leader):
        assert client_for(other).get(path).status_code == 404
        assert client_for(other).post(path).status_code == 404
    anonymous = client_for(None).post(path)
    assert anonymous["Location"].startswith(reverse("accounts:sign-in"))
    forged = path.replace(":", "x:", 1)
    assert client_for(head).post(forged).status_code == 404
    assert not RoleGrant.objects.filter(role=Role.SCHOOL_LEADER, school=school_d).exists()
    # Someone else became the leader before they accepted: the invitation has lapsed.
    RoleGrant.objects.create(user=outsider, role=Role.SCHOOL_LEADER, school=school_d)
    response = client_for(head).post(path)
    assert response.status_code == 400
    text = unescape(response.text)
    assert "Your invitation to lead Damson School has lapsed: Damson School already" in text
    assert not is_leader(head, school_d)


def test_a_failed_email_is_not_reported_as_sent(
    client_for, network_admin, cluster, school_d, monkeypatch
):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    response = client_for(network_admin).post(
        head_url(membership), {"full_name": "Dana Head", "email": "dana@example.org"}, follow=True
    )
    text = unescape(response.text)
    assert "The email to Dana Head (dana@example.org) could not be sent" in text
    assert "send it again with “invite the head of Damson School by email”" in text
    assert "has been emailed" not in text and "was sent an invitation" not in text
    assert not HeadInvitation.objects.exists()  # nobody is waited for
    assert not RoleGrant.objects.filter(role=Role.SCHOOL_LEADER, school=school_d).exists()


def test_a_school_with_a_leader_is_refused(
    client_for, network_admin, cluster, school_a, school_leader
):
    membership = Membership.objects.get(cluster=cluster, school=school_a)
    membership.status = Membership.Status.INVITED
    membership.save()
    response = client_for(network_admin).post(
        head_url(membership), {"full_name": "Nina New", "email": "nina@example.org"}
    )
    assert response.status_code == 400
    assert "Ash Primary School already has a leader on Collegium" in unescape(response.text)
    assert not User.objects.filter(email="nina@example.org").exists()
    assert mail.outbox == []


def test_others_are_refused_and_nothing_changes(
    client_for, school_leader, governor, outsider, coordinator, network_admin, cluster, school_d
):
    mine = Membership.objects.create(
        cluster=cluster, school=school_d, status=Membership.Status.DECLINED
    )
    other_cluster = Cluster.objects.create(name="Riverside Cluster", locality="Riverside")
    theirs = Membership.objects.create(cluster=other_cluster, school=school_d)
    data = {"full_name": "Nina New", "email": "nina@example.org"}
    # Only a network admin makes a school's first leader: not even the cluster's coordinator.
    for person in (school_leader, governor, outsider, coordinator):
        for membership in (mine, theirs):
            assert client_for(person).post(head_url(membership), data).status_code == 403
    # A declined invitation has no head to ask.
    assert client_for(network_admin).post(head_url(mine), data).status_code == 404
    response = client_for(None).post(head_url(mine), data)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not User.objects.filter(email="nina@example.org").exists()
    assert mail.outbox == []


def test_a_coordinator_inviting_a_school_nobody_can_answer_for_leaves_it_to_a_network_admin(
    client_for, coordinator, network_admin, cluster, school_d
):
    response = client_for(coordinator).post(
        reverse("clusters:invite", args=[cluster.pk]), {"urn": "900004"}, follow=True
    )
    text = unescape(response.text)
    assert "its head is invited by email" in text
    assert "a network admin invites its head" in text
    assert "invite the head of Damson School by email" not in text
    membership = Membership.objects.get(cluster=cluster, school=school_d)
    home = unescape(client_for(network_admin).get("/").text)
    assert "Invite the head of Damson School: nobody there can answer Testtown Cluster" in home
    assert f'href="{head_url(membership)}"' in home
    assert "Invite the head of" not in unescape(client_for(coordinator).get("/").text)
    invited_head(client_for, network_admin, membership)  # emailed: waiting for them to accept
    assert "Invite the head of" not in unescape(client_for(network_admin).get("/").text)


def invited_head(client_for, network_admin, membership):
    """The head invited by the network admin, and their link to accept (password chosen)."""
    client_for(network_admin).post(
        head_url(membership), {"full_name": "Dana Head", "email": "dana@example.org"}
    )
    found = re.search(r"next=(\S+)", str(mail.outbox[-1].body))
    assert found is not None
    return User.objects.get(email="dana@example.org"), unquote(found.group(1))


def test_the_link_works_once_so_a_removed_leader_cannot_restore_themselves(
    client_for, network_admin, cluster, school_d
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    head, path = invited_head(client_for, network_admin, membership)
    _, second = invited_head(client_for, network_admin, membership)  # sent again meanwhile
    assert client_for(head).post(path).status_code == 302
    assert client_for(head).post(path).status_code == 302  # followed again: still the leader
    RoleGrant.objects.filter(user=head, school=school_d).delete()  # removed by an admin
    for link in (path, second):
        response = client_for(head).post(link)
        assert response.status_code == 400
        assert "you have accepted an invitation to lead it before" in unescape(response.text)
    assert not is_leader(head, school_d)


def test_the_link_lapses_with_the_cluster_invitation_or_the_senders_role(
    client_for, network_admin, cluster, school_d
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    head, path = invited_head(client_for, network_admin, membership)
    membership.status = Membership.Status.WITHDRAWN
    membership.save()
    response = client_for(head).post(path)
    assert "the cluster's invitation to the school is no longer open" in unescape(response.text)
    membership.status = Membership.Status.INVITED
    membership.save()
    RoleGrant.objects.filter(user=network_admin).delete()
    response = client_for(head).post(path)
    assert "the person who sent it is no longer a network admin" in unescape(response.text)
    assert not is_leader(head, school_d)


def test_the_cluster_page_says_whom_it_waits_for(
    client_for, network_admin, coordinator, cluster, school_d
):
    membership = Membership.objects.create(cluster=cluster, school=school_d)
    invited_head(client_for, network_admin, membership)
    waiting = "Dana Head was sent an invitation to lead it, waiting for them to accept"
    page = unescape(
        client_for(network_admin).get(reverse("clusters:detail", args=[cluster.pk])).text
    )
    assert waiting in page and "send it again" in page
    page = unescape(client_for(coordinator).get(reverse("clusters:detail", args=[cluster.pk])).text)
    assert waiting in page and "send it again" not in page
