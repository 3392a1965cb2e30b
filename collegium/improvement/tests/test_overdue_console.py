"""Issue 6's "done when": on the demo network, overdue milestones produce a notification in the
console email backend (the one `make run` uses), sent by the reminders command."""

from email import message_from_string
from email.message import Message

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings

from collegium.demo.network import DOMAIN

CONSOLE = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
OVERDUE = "Two subject leaders visit and report back"  # Argyle Primary's overdue milestone
OWNER = f"sam.leader@{DOMAIN}"
COORDINATOR = f"cora.coordinator@{DOMAIN}"


def printed_emails(printed: str) -> dict[str, Message]:
    """The emails the console backend printed (each ends with a rule), by whom each is to; in
    a test they are sent once the command has finished, so after what it printed."""
    texts = printed.split("-" * 79)[:-1]
    emails = [message_from_string(text[text.index("MIME-Version") :]) for text in texts]
    return {str(email["To"]): email for email in emails}


def body(email: Message) -> str:
    """The plain-text part of the email (it has an HTML part too)."""
    (text,) = [part for part in email.walk() if part.get_content_type() == "text/plain"]
    payload = text.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


@pytest.mark.usefixtures("demo_network", "a_working_day")
def test_overdue_milestones_are_emailed_to_the_owner_and_coordinator_in_the_console(capsys):
    capsys.readouterr()  # what loading the demo printed
    emailed_once_committed = TestCase.captureOnCommitCallbacks(execute=True)
    with override_settings(MAILERS=CONSOLE), emailed_once_committed:
        call_command("send_overdue_reminders", "--now")
    printed = capsys.readouterr().out

    assert "Reminded 2 people." in printed
    emails = printed_emails(printed)
    assert set(emails) == {OWNER, COORDINATOR}
    for email in emails.values():
        assert email["Subject"] == "1 overdue milestone in an action plan"
        assert "Argyle Primary School, improvement priority:" in body(email)
        assert f"- {OVERDUE}: due" in body(email)
    assert "(owner: you)" in body(emails[OWNER])
    assert "(owner: Sam Leader)" in body(emails[COORDINATOR])
    assert not mail.outbox  # the console had them, not the test outbox

    call_command("send_overdue_reminders", "--now")  # not again within 5 working days
    assert "Reminded 0 people." in capsys.readouterr().out
