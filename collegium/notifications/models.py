"""What Collegium told a person: one stored notification per person and event, listed in the
service and emailed (at once, or in the person's daily digest), and each person's choice."""

from django.conf import settings
from django.db import models


class EmailState(models.TextChoices):
    WAITING = "waiting", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"
    IN_DIGEST = "in_digest", "Waiting for the daily digest"
    NOT_EMAILED = "not_emailed", "Not emailed"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "Send each email straight away"
    DAILY = "daily", "Send one email a day with everything new (a daily digest)"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.SlugField(max_length=60)
    subject = models.CharField(max_length=300)
    text_body = models.TextField()
    html_body = models.TextField()
    link = models.URLField(max_length=500)  # absolute: it is followed from an email
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=12, choices=EmailState.choices, default=EmailState.WAITING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_tried_at = models.DateTimeField(null=True, blank=True)  # the next retry waits from it
    emailed_at = models.DateTimeField(null=True, blank=True)
    calendar = models.BinaryField(null=True, blank=True)  # an iCalendar invitation (.ics)
    calendar_method = models.CharField(max_length=10, blank=True)  # REQUEST or CANCEL

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "attempts"]),
        ]

    def __str__(self) -> str:
        return self.subject


class Preference(models.Model):
    """A person's choice of emails; someone without one gets each email straight away."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.person}: {self.get_frequency_display()}"
