"""How long each kind of record is kept (one row for the network: one network per installation)
and each dry run of the removal of the records kept longer (issue 16, part 3)."""

from django.conf import settings
from django.db import models

# (field, what is kept, default months, what happens when it expires). Why each default: ADR 0021.
KINDS = [
    ("evidence_notes", "Evidence notes", 36, "Deleted"),
    ("reports", "Confidential reports", 72, "Text, factual accuracy comments and PDFs deleted"),
    ("survey_responses", "Survey responses", 24, "Written answers removed; choices kept"),
    ("complaints", "Closed complaints", 72, "Deleted"),
    ("audit_events", "Audit events", 72, "Deleted"),
    ("accounts", "Accounts of people who left", 24, "Erased"),
]
MIN_MONTHS, MAX_MONTHS = 1, 300  # a month to 25 years


def _months(default: int) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(default=default)


class RetentionSettings(models.Model):
    """The one row of retention periods, in months (its primary key is always 1)."""

    evidence_notes = _months(36)  # after the review's report is final
    reports = _months(72)  # after the report is final
    survey_responses = _months(24)  # after the survey's last day
    complaints = _months(72)  # after the complaint is closed
    audit_events = _months(72)  # after the event
    accounts = _months(24)  # after the last sign-in of someone who holds no role
    paused = models.BooleanField(default=False)  # a network admin holds the removal
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "retention settings"
        constraints = (
            models.CheckConstraint(condition=models.Q(pk=1), name="one_retention_settings_row"),
            *[
                models.CheckConstraint(
                    condition=models.Q(
                        **{f"{field}__gte": MIN_MONTHS, f"{field}__lte": MAX_MONTHS}
                    ),
                    name=f"retention_{field}_in_bounds",
                )
                for field, *_ in KINDS
            ],
        )

    def __str__(self) -> str:
        return "Retention periods"

    @classmethod
    def current(cls) -> "RetentionSettings":
        """The saved periods, or the defaults when no network admin has changed them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class RetentionRun(models.Model):
    """A dry run: what had expired on `made_on`, counted per kind. It is carried out (only what
    had expired by then, and is not held) once it is old enough, unless it is discarded first
    (the periods changed) or the removal is paused."""

    made_on = models.DateField()
    due_on = models.DateField()  # carried out on or after this day
    counts = models.JSONField(default=dict)  # kind -> records expired, when made
    held = models.JSONField(default=dict)  # kind -> expired records held, when made
    carried_out_on = models.DateField(null=True, blank=True)
    removed = models.JSONField(default=dict)  # kind -> records removed, when carried out
    discarded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-made_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["discarded"],
                condition=models.Q(carried_out_on__isnull=True, discarded=False),
                name="one_pending_retention_run",
            ),
        ]

    def __str__(self) -> str:
        return f"Retention dry run of {self.made_on:%-d %B %Y}"

    @property
    def is_pending(self) -> bool:
        return self.carried_out_on is None and not self.discarded
