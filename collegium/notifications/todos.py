"""What the home page asks of network admins about emails (collegium/todo.py): when the mail
server refused some, look at which (a wrong address, or the mail server down)."""

from datetime import date

from django.urls import reverse

from collegium import access
from collegium.notifications.selectors import failed_emails
from collegium.todo import ToDo
from collegium.types import Person

ACTION = "people.manage_roles"  # the network admins, who can correct a person's email address


def to_dos(user: Person, today: date) -> list[ToDo]:
    if not access.can(user, ACTION):
        return []
    count = failed_emails().count()
    if not count:
        return []
    text = "1 email could not be sent" if count == 1 else f"{count} emails could not be sent"
    return [ToDo(f"{text}: see which and why", reverse("notifications:failed"), ACTION)]
