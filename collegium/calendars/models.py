"""Calendar events sent by email (one row per thing invited to, keyed by what it is, e.g.
"workshop-4") and each person's secret calendar feed address (ADR 0022)."""

from django.conf import settings
from django.db import models


class CalendarEvent(models.Model):
    """What was last sent for one event: its SEQUENCE rises whenever the details change, so
    calendar programs replace the copy they hold (same UID) instead of adding another."""

    key = models.CharField(max_length=100, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    cancelled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key


class CalendarFeed(models.Model):
    """A person's calendar feed: anyone holding the address reads the person's events, so
    resetting it replaces the token and the old address stops working. Only a SHA-256 digest of
    the token is kept (as for API tokens): the address is shown once, when it is made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the token, hex
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
