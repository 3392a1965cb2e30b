"""'Add a person' says whether the email with the password link went: never "emailed" when the
mail server refused it."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from collegium.accounts.models import User
from collegium.people.tests.helpers import text_of

ADD = reverse("people:add-person")
NEW = {"full_name": "Pat Newhead", "email": "pat.newhead@example.org"}


@pytest.fixture
def refused_mail(monkeypatch):
    def send(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)


def test_a_failed_email_is_reported_as_not_sent(client_for, network_admin, refused_mail):
    response = client_for(network_admin).post(ADD, NEW, follow=True)
    text = text_of(response)
    assert "the email with the link to choose their password could not be sent" in text
    assert "has been added and emailed" not in text
    assert User.objects.filter(email=NEW["email"]).exists()  # the person is added all the same
    assert not mail.outbox


def test_a_sent_email_is_reported_as_sent(client_for, network_admin):
    text = text_of(client_for(network_admin).post(ADD, NEW, follow=True))
    assert "has been added and emailed a link to choose their password" in text
    assert [m.to for m in mail.outbox] == [[NEW["email"]]]


def test_someone_who_may_not_add_people_is_refused(client_for, school_leader, refused_mail):
    assert client_for(school_leader).post(ADD, NEW).status_code == 403
    assert not User.objects.filter(email=NEW["email"]).exists()
