"""Reads of a person's own notifications (nobody reads another person's)."""

from django.db.models import QuerySet

from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.types import Person


def notifications_of(person: Person) -> QuerySet[Notification]:
    if not person.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=person).order_by("-created", "-pk")


def unread_count(person: Person) -> int:
    return notifications_of(person).filter(read_at__isnull=True).count()


def frequency_chosen(person: Person) -> str:
    found = Preference.objects.filter(person_id=person.pk).first() if person.pk else None
    return found.frequency if found else Frequency.IMMEDIATE


def failed_emails() -> QuerySet[Notification]:
    """Emails the mail server refused, for the network admins: newest first."""
    return (
        Notification.objects.filter(email_state=EmailState.FAILED)
        .select_related("recipient")
        .order_by("-created", "-pk")
    )
