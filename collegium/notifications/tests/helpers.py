"""Checking a notification as its recipient gets it: stored, emailed, linking to the page."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from collegium.notifications.models import Notification

SITE = "http://testserver"


def told(event: str, person, path: str) -> Notification:
    """The person's notification of the event, and its email, both linking to the page."""
    notification = Notification.objects.get(event=event, recipient=person)
    assert notification.link == f"{SITE}{path}"
    (email,) = [
        m for m in mail.outbox if m.to == [person.email] and m.subject == notification.subject
    ]
    assert f"{SITE}{path}" in email.body
    assert isinstance(email, EmailMultiAlternatives)
    ((html, _),) = email.alternatives
    assert f'href="{SITE}{path}"' in str(html)
    return notification
