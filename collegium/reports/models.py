"""R7: the two reports of a review — the confidential developmental report owned by the school,
and the short public summary agreed with it — and the school's factual accuracy comments, each
answered by the lead before the report can be final. Publication goes only through
reports.publication.publish_summary, which checks every gate."""

from django.conf import settings
from django.db import models


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACCURACY_CHECK = "accuracy_check", "Factual accuracy check"
        FINAL = "final", "Final"
        PUBLISHED = "published", "Summary published"

    class Audience(models.TextChoices):
        """Groups the head can allow to read the confidential report."""

        GOVERNORS = "governors", "The school's governors"
        COORDINATOR = "coordinator", "The cluster coordinator"
        MODERATORS = "moderators", "Moderators"

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, primary_key=True, related_name="report"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    developmental_report = models.TextField(blank=True)  # the lead's narrative, confidential
    summary = models.TextField(blank=True)  # public once published
    revision = models.PositiveIntegerField(default=1)  # guards against concurrent edits
    sent_for_check_at = models.DateTimeField(null=True, blank=True)
    accuracy_check_due = models.DateField(null=True, blank=True)  # 5 working days after sending
    accuracy_checked_at = models.DateTimeField(null=True, blank=True)
    summary_agreed_at = models.DateTimeField(null=True, blank=True)
    summary_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    shared_with = models.JSONField(default=list, blank=True)  # Audience values the head allowed
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(  # named in the conflict message of a stale edit
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The chart, drawn once for the data it shows (chart_key), so pages never redraw it.
    chart_svg = models.TextField(blank=True)
    chart_key = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Report on the {self.review}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def school_has_responded(self) -> bool:
        return self.accuracy_checked_at is not None

    @property
    def summary_agreed(self) -> bool:
        return self.summary_agreed_at is not None


class AccuracyComment(models.Model):
    """One point the school raised in its factual accuracy check, and the lead's answer:
    corrected (what the report said and now says) or not corrected (why)."""

    class Outcome(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        NOT_CORRECTED = "not_corrected", "Not corrected"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="accuracy_comments")
    text = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField()
    # A hash of the report's texts as the school read them: "corrected" needs them changed since.
    text_key = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    corrected_from = models.TextField(blank=True)  # the report's words before the correction
    answer = models.TextField(blank=True)  # corrected: the report's words now; else the reason
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="", answered_at__isnull=True)
                | (
                    models.Q(outcome__in=["corrected", "not_corrected"], answered_at__isnull=False)
                    & ~models.Q(answer="")
                ),
                name="accuracy_comment_answered_in_full",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="corrected", corrected_from=""),
                name="accuracy_correction_shows_the_change",
            ),
        ]

    def __str__(self) -> str:
        return f"Factual accuracy comment on the {self.report}"

    @property
    def is_answered(self) -> bool:
        return bool(self.outcome)

    @property
    def is_corrected(self) -> bool:
        return self.outcome == self.Outcome.CORRECTED


class ReportReader(models.Model):
    """A named person the head allowed to read the confidential report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="one_grant_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.user} may read the {self.report}"


class KeptPdf(models.Model):
    """A report's PDF (or its summary's), rendered once for what it shows and kept: `key` is a
    hash of the HTML it was rendered from, so any change to the report or to what it shows
    (judgements, findings, evidence counts, the team…) makes a new one."""

    class Kind(models.TextChoices):
        REPORT = "report", "Developmental report"
        SUMMARY = "summary", "Public summary"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="kept_pdfs")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=64)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_kept_pdf_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} PDF of the {self.report}"
