"""Calibration exercises (Q2): a moderator's pack of anonymised evidence, graded by reviewers
independently and compared with the moderator's reference level."""

from django.conf import settings
from django.db import models

from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile
from collegium.words import time_uk


class CalibrationPack(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="calibration_packs"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The session where the moderator and the invited reviewers meet: all three or none.
    session_on = models.DateField(null=True, blank=True)
    session_starts_at = models.TimeField(null=True, blank=True)
    session_ends_at = models.TimeField(null=True, blank=True)
    session_place = models.CharField(max_length=300, blank=True)  # a room or an online link
    grades_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        session_on__isnull=True,
                        session_starts_at__isnull=True,
                        session_ends_at__isnull=True,
                    )
                    | models.Q(
                        session_on__isnull=False,
                        session_starts_at__isnull=False,
                        session_ends_at__gt=models.F("session_starts_at"),
                    )
                ),
                name="calibration_session_whole_and_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_session(self) -> bool:
        return self.session_on is not None

    @property
    def session_when(self) -> str:
        """The session as GOV.UK writes it: "Tuesday 9 March 2027, 3:30pm to 5pm"."""
        if self.session_on is None or self.session_starts_at is None:
            return ""
        assert self.session_ends_at is not None
        times = f"{time_uk(self.session_starts_at)} to {time_uk(self.session_ends_at)}"
        return f"{self.session_on:%A %-d %B %Y}, {times}"


class PackItem(models.Model):
    pack = models.ForeignKey(CalibrationPack, on_delete=models.CASCADE, related_name="items")
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField()  # anonymised by the moderator
    reference_level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pack", "pk"]

    def __str__(self) -> str:
        return f"{self.strand.code} in {self.pack}"


class Invitation(models.Model):
    pack = models.ForeignKey(CalibrationPack, on_delete=models.CASCADE, related_name="invitations")
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="calibration_invitations"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pack", "reviewer__user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "reviewer"], name="one_invitation_per_pack")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} for {self.pack}"


class Grade(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="grades")
    item = models.ForeignKey(PackItem, on_delete=models.CASCADE, related_name="grades")
    level = models.PositiveSmallIntegerField()  # 1 = strongest; met/not met: 1 = met

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "item"], name="one_grade_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.level}"
