"""Sending plain-text emails to people: one email each, only to active people with an address
(a suspended person is never emailed), sent after the transaction that caused them commits (a
rolled-back change tells nobody), and a failed email is logged without stopping the others."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from collegium.accounts.models import User

logger = logging.getLogger(__name__)


def email_people(people: Iterable[User], subject: str, body: str) -> None:
    """Email each person (once, however often they are listed) after the current commit."""
    addresses = sorted({p.email for p in people if p.email and p.is_active})
    transaction.on_commit(lambda: _send_each(addresses, subject, body))


def _send_each(addresses: list[str], subject: str, body: str) -> None:
    for address in addresses:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        try:
            message.send()
        except Exception:  # one failed email must not stop the others
            logger.exception("The email %r to %s could not be sent", subject, address)
