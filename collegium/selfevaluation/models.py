"""S1 a school's self-evaluation: one per school per academic year, against one framework version.

Every change goes through selfevaluation/services.py; TRANSITIONS there is the table of allowed
status changes. A strand's `revision` rises on every save, so an edit based on an older revision
is refused as a conflict instead of overwriting another leader's work.
"""

from django.conf import settings
from django.db import models

from collegium.people.dates import academic_year_label


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_self_evaluation_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school.name} self-evaluation {self.year_label}"

    @property
    def year_label(self) -> str:
        return academic_year_label(self.academic_year)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class StrandEvaluation(models.Model):
    self_evaluation = models.ForeignKey(
        SelfEvaluation, on_delete=models.CASCADE, related_name="strands"
    )
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # None when ungraded
    narrative = models.TextField(blank=True)
    evidence = models.TextField(blank=True)  # links and references, one per line
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["self_evaluation", "strand__area__position", "strand__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_evaluation", "strand"], name="one_entry_per_strand"
            )
        ]

    def __str__(self) -> str:
        return f"{self.strand} in {self.self_evaluation}"

    @property
    def evidence_lines(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]
