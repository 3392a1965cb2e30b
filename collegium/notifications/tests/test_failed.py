"""The network admins' to-do and page for emails the mail server refused; nobody else sees them."""

import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives

from collegium.notifications.models import EmailState, Notification
from collegium.notifications.services import notify

FAILED = "/notifications/failed/"


@pytest.fixture
def refused(monkeypatch, outsider, reviewer, django_capture_on_commit_callbacks):
    def send(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        for subject in ("The review moved", "A place is offered"):
            notify(
                [outsider, reviewer],
                "judgement-changed",
                subject=subject,
                context={"body": "Details."},
                link="/reviews/1/",
            )
    assert Notification.objects.filter(email_state=EmailState.FAILED).count() == 4


def test_network_admins_are_told_how_many_emails_failed_and_see_which(
    client_for, network_admin, outsider, refused
):
    home = client_for(network_admin).get("/").content.decode()
    assert "4 emails could not be sent" in home
    assert f'href="{FAILED}"' in home
    page = client_for(network_admin).get(FAILED).content.decode()
    assert "Emails that could not be sent" in page
    assert page.count("The review moved") == 2 and outsider.email in page
    assert "No such mailbox" in page


def test_no_to_do_when_every_email_was_sent(client_for, network_admin, outsider):
    notify(
        [outsider], "judgement-changed", subject="Sent", context={"body": "x"}, link="/reviews/1/"
    )
    assert "could not be sent" not in client_for(network_admin).get("/").content.decode()
    assert "Every email has been sent" in client_for(network_admin).get(FAILED).content.decode()


def test_others_are_not_told_and_are_refused_the_page(
    client_for, coordinator, outsider, school_leader, refused
):
    for person in (coordinator, outsider, school_leader):
        assert "could not be sent" not in client_for(person).get("/").content.decode()
        assert client_for(person).get(FAILED).status_code == 403
    anonymous = client_for(None).get(FAILED)
    assert (
        anonymous.status_code == 302
        and "/accounts/login" in anonymous["Location"]
        or ("sign" in anonymous["Location"])
    )
