"""The daily digest: each person who chose it gets one email a day listing what they were told
since the last digest (notifications waiting "in digest"). A digest that cannot be sent leaves
them waiting, with the error, for the next one: it is never recorded as sent."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.notifications.services import absolute, attempt, common_context


def send_digests() -> int:
    """Send today's digests; how many people were sent one."""
    people = Preference.objects.filter(frequency=Frequency.DAILY).values_list("pk", flat=True)
    return sum(send_digest(pk) for pk in list(people))


def send_digest(preference_pk: int) -> bool:
    with transaction.atomic():
        preference = (
            Preference.objects.select_for_update().select_related("person").get(pk=preference_pk)
        )
        person = preference.person
        items = list(
            Notification.objects.select_for_update()
            .filter(recipient=person, email_state=EmailState.IN_DIGEST)
            .order_by("created", "pk")
        )
        preference.last_digest_at = timezone.now()
        preference.save(update_fields=["last_digest_at"])
        if not items or not person.is_active or not person.email:
            return False
        return attempt(items[0], digest_message(person.email, items), items) is None


def digest_message(address: str, items: list[Notification]) -> EmailMultiAlternatives:
    count = len(items)
    subject = f"Your daily summary from Collegium: {count} new {_things(count)}"
    context = {
        "items": items,
        "subject": subject,
        "link": absolute(reverse("notifications:list")),
        "person": items[0].recipient,
        **common_context(),
    }
    message = EmailMultiAlternatives(
        subject,
        render_to_string("notifications/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [address],
    )
    message.attach_alternative(render_to_string("notifications/digest.html", context), "text/html")
    calendars = [item for item in items if item.calendar]
    for number, item in enumerate(calendars, start=1):
        name = "invite.ics" if len(calendars) == 1 else f"invite-{number}.ics"
        method = item.calendar_method or "REQUEST"
        message.attach(name, bytes(item.calendar or b""), f"text/calendar; method={method}")
    return message


def _things(count: int) -> str:
    return "notification" if count == 1 else "notifications"
