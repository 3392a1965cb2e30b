"""S1 a school's self-evaluation: one per school per academic year, against one framework version."""

from django.conf import settings
from django.db import models


class SelfEvaluation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="self_evaluations"
    )
    academic_year = models.PositiveSmallIntegerField()  # the year it starts: 2026 = 2026/27
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_self_evaluation_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school.name} self-evaluation {self.academic_year}/{self.academic_year + 1 - 2000:02d}"


class StrandEvaluation(models.Model):
    self_evaluation = models.ForeignKey(
        SelfEvaluation, on_delete=models.CASCADE, related_name="strands"
    )
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # None when ungraded
    narrative = models.TextField(blank=True)
    evidence = models.TextField(blank=True)  # links and references, one per line
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["self_evaluation", "strand__area__position", "strand__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_evaluation", "strand"], name="one_entry_per_strand"
            )
        ]
