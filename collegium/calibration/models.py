"""Calibration exercises (Q2): a moderator's pack of anonymised evidence, graded by reviewers
independently and compared with the moderator's reference level."""

from django.conf import settings
from django.db import models

from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile


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

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


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
