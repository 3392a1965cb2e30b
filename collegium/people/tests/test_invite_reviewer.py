"""Issue 15: a network admin invites a person to the reviewer register."""

import re
import smtplib
from html import unescape

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import ReviewerProfile

URL = reverse("people:invite-reviewer")
DATA = {
    "full_name": "Rita Newreviewer",
    "email": "Rita.New@example.org",
    "home_school": "Beech Primary",
    "job_title": "Deputy headteacher",
    "years_in_senior_leadership": "4",
}


def test_a_new_person_gets_an_account_a_register_entry_and_an_email(
    client_for, network_admin, school_a, school_b
):
    client = client_for(network_admin)
    assert "Invite a reviewer" in client.get(reverse("people:roles")).text
    response = client.post(URL, DATA)
    assert response.status_code == 302
    person = User.objects.get(email="rita.new@example.org")
    profile = ReviewerProfile.objects.get(user=person)
    assert profile.home_school == school_b  # chosen by name
    assert profile.job_title == "Deputy headteacher"
    assert profile.phases == ["primary"]
    assert response["Location"] == reverse("people:record", args=[profile.pk])
    assert AuditEvent.objects.filter(
        action=verbs.REVIEWER_INVITED, object_id=str(profile.pk), actor=network_admin
    ).exists()
    (email,) = mail.outbox
    assert email.to == ["rita.new@example.org"]
    assert re.search(r"\?next=/reviewers/me/", str(email.body))
    page = unescape(client.get(response["Location"]).text)
    assert "Rita Newreviewer is on the reviewer register" in page


def test_a_person_with_an_account_is_put_on_the_register(
    client_for, network_admin, outsider, school_b
):
    response = client_for(network_admin).post(URL, DATA | {"email": outsider.email})
    assert response.status_code == 302
    assert ReviewerProfile.objects.get(user=outsider).home_school == school_b
    assert mail.outbox == []  # they already have a password


def test_someone_already_on_the_register_is_refused(client_for, network_admin, reviewer, school_b):
    response = client_for(network_admin).post(URL, DATA | {"email": reviewer.email})
    assert response.status_code == 400
    assert "Rhys Reviewer is already on the reviewer register" in unescape(response.text)
    assert ReviewerProfile.objects.get(user=reviewer).job_title == "Deputy headteacher"


def test_an_ambiguous_home_school_asks_which(client_for, network_admin, school_a, school_b):
    response = client_for(network_admin).post(URL, DATA | {"home_school": "Primary"})
    assert response.status_code == 400
    assert "Which school did you mean by ‘Primary’?" in unescape(response.text)
    assert not User.objects.filter(email="rita.new@example.org").exists()


def test_others_are_refused_and_nothing_changes(
    client_for, school_leader, coordinator, moderator, reviewer, school_b
):
    for person in (school_leader, coordinator, moderator, reviewer):
        assert client_for(person).post(URL, DATA).status_code == 403
    response = client_for(None).post(URL, DATA)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not User.objects.filter(email="rita.new@example.org").exists()
    assert mail.outbox == []


def test_a_failed_email_is_not_reported_as_sent(client_for, network_admin, school_b, monkeypatch):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    response = client_for(network_admin).post(URL, DATA, follow=True)
    text = unescape(response.text)
    assert "the email with the link to choose a password could not be sent" in text
    assert "I have forgotten my password" in text
    assert "has been emailed" not in text
    assert ReviewerProfile.objects.filter(user__email="rita.new@example.org").exists()


def test_the_link_is_built_on_the_site_address_not_the_request_host(
    client_for, network_admin, school_b, settings
):
    settings.SITE_URL = "https://collegium.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    client_for(network_admin).post(URL, DATA, HTTP_HOST="evil.example.com")
    (email,) = mail.outbox
    assert "https://collegium.example.org/account/" in str(email.body)
    assert "evil.example.com" not in str(email.body)
