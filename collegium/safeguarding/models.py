"""G1 safeguarding as an audit, not a grade: templates as data, each school's annual audit with its
actions, the governing board's review, and the network's external oversight.

An audit template is versioned like a framework (draft → published; a published version never
changes, because audits point at it): sections → items, each with what good looks like, the
evidence expected and whether it is statutory. A school's leaders and its designated safeguarding
lead rate every item red, amber or green with evidence and notes, and give every red or amber item
an action (owner, due date, status); they submit the audit, and a governor records the board's
review of it. The next audit starts from the last one's open actions. Nothing here is part of peer
review: no review, report, judgement or statistic reads these tables. Every change goes through
safeguarding/services/.
"""

from datetime import date

from django.conf import settings
from django.db import models

from collegium.frameworks.versioning import DocumentVersion, VersionedDocument, VersionSection


class AuditTemplate(VersionedDocument):
    pass


class TemplateVersion(DocumentVersion):
    document_field = "template"
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="one_template_version")
        ]


class TemplateSection(VersionSection):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="sections")

    class Meta(VersionSection.Meta):
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="one_section_code_per_version")
        ]


class TemplateItem(models.Model):
    section = models.ForeignKey(TemplateSection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)  # unique within the version, e.g. "SR2"
    title = models.CharField(max_length=300)
    good_looks_like = models.TextField()
    evidence_expected = models.TextField(blank=True)
    statutory = models.BooleanField(default=False)  # a duty in law or statutory guidance

    class Meta:
        ordering = ["section__position", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


NEEDS_ACTION = (Rating.RED, Rating.AMBER)


class SafeguardingAudit(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted to the board"
        REVIEWED = "reviewed", "Reviewed by the board"

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual audit"
        REAUDIT = "reaudit", "Re-audit"

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="safeguarding_audits"
    )
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="audits")
    kind = models.CharField(max_length=7, choices=Kind.choices, default=Kind.ANNUAL)
    previous = models.ForeignKey(  # the audit this one follows, whose open actions it carries
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.DRAFT)
    started_on = models.DateField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The governing board's review, recorded and signed off by a governor.
    board_met_on = models.DateField(null=True, blank=True)
    board_minute_reference = models.CharField(max_length=100, blank=True)
    board_comments = models.TextField(blank=True)
    board_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    board_recorded_at = models.DateTimeField(null=True, blank=True)
    # The school lets moderators and network admins read the whole audit, not only its status.
    shared_with_oversight = models.BooleanField(default=False)
    board_reminded_on = models.DateField(null=True, blank=True)  # the last reminder to the board

    class Meta:
        ordering = ["school", "-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="one_open_safeguarding_audit_per_school",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(submitted_on__isnull=False, status="submitted")
                | models.Q(
                    submitted_on__isnull=False, board_met_on__isnull=False, status="reviewed"
                ),
                name="audit_dates_match_its_status",
            ),
        ]

    def __str__(self) -> str:
        kind = "safeguarding re-audit" if self.kind == self.Kind.REAUDIT else "safeguarding audit"
        return f"{self.school.name}'s {kind} started on {self.started_on:%-d %B %Y}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_reviewed(self) -> bool:
        return self.status == self.Status.REVIEWED


class ItemRating(models.Model):
    audit = models.ForeignKey(SafeguardingAudit, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=5, choices=Rating.choices)
    evidence = models.TextField(blank=True)  # what the school looked at
    notes = models.TextField(blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audit", "item__section__position", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "item"], name="one_rating_per_audit_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_rating_display()}"


class AuditAction(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CARRIED_FORWARD = "carried", "Carried forward to the next audit"

    audit = models.ForeignKey(SafeguardingAudit, on_delete=models.CASCADE, related_name="actions")
    # The item it answers; none for an action carried from an item the new template left out.
    item = models.ForeignKey(
        TemplateItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_due_on = models.DateField(null=True, blank=True)  # the one reminder before it is due
    reminded_overdue_on = models.DateField(null=True, blank=True)  # the last reminder once overdue

    class Meta:
        ordering = ["audit", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="done", completed_on__isnull=False)
                | (~models.Q(status="done") & models.Q(completed_on__isnull=True)),
                name="done_action_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"Safeguarding action due on {self.due_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTIONS

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


OPEN_ACTIONS = (AuditAction.Status.NOT_STARTED, AuditAction.Status.IN_PROGRESS)


class AuditShare(models.Model):
    """The head lets the team of one review read the audit, for that review only."""

    audit = models.ForeignKey(SafeguardingAudit, on_delete=models.CASCADE, related_name="shares")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audit", "shared_at"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "review"], name="one_share_per_review")
        ]

    def __str__(self) -> str:
        return f"Safeguarding audit {self.audit_id} shared for review {self.review_id}"


class OversightVisit(models.Model):
    """A visit by the network's external oversight to check a school's safeguarding."""

    class Outcome(models.TextChoices):
        ASSURED = "assured", "Assured"
        RECOMMENDATIONS = "recommendations", "Assured, with recommendations"
        NOT_ASSURED = "not_assured", "Not assured: the school is followed up"

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="safeguarding_visits"
    )
    visited_on = models.DateField()
    visited_by = models.CharField(max_length=300)  # who visited, in words
    checked = models.TextField()  # what was checked
    outcome = models.CharField(max_length=15, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Safeguarding oversight visit to {self.school.name} on {self.visited_on:%-d %B %Y}"


class DueReminder(models.Model):
    """A reminder that a school's annual audit is due, kept so it is not sent every day."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        ordering = ["school", "-sent_on"]

    def __str__(self) -> str:
        return f"Safeguarding audit due reminder to URN {self.school_id} on {self.sent_on}"
