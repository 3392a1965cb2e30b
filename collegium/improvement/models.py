"""I1 and I3: what a school does after its review. The workshop turns the agreed priority into an
action plan (actions with owners and dated milestones, success measures, support needed from
other schools); milestones are checked in on, and the priority's outcome is recorded at the
school's next review. Support brokered for the plan's needs (I2) is collegium/support."""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from collegium.reviews.models import Review
from collegium.words import time_uk


class Workshop(models.Model):
    """I1: the improvement workshop the coordinator holds once the judgements are agreed."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="workshop")
    held_on = models.DateField()
    starts_at = models.TimeField(default=time(15, 30))  # after school, unless the form says
    ends_at = models.TimeField(default=time(17, 0))
    location = models.CharField(max_length=200, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    other_attendees = models.TextField(blank=True, help_text="Names and roles, one per line")
    scrutiny = models.TextField(blank=True)  # how the agreed priority was scrutinised
    notes = models.TextField(blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="workshop_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return f"Improvement workshop for {self.review.school.name} on {self.held_on:%-d %B %Y}"

    @property
    def times(self) -> str:
        """The time of day, as GOV.UK writes it: "3:30pm to 5pm"."""
        return f"{time_uk(self.starts_at)} to {time_uk(self.ends_at)}"

    @property
    def is_recorded(self) -> bool:
        return bool(self.notes or self.scrutiny)


class ActionPlan(models.Model):
    """I1: one plan per review, for its one agreed improvement priority."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Under way"
        COMPLETED = "completed", "Completed"

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        PARTLY = "partly", "Partly achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="action_plan")
    priority_strand = models.ForeignKey(
        "frameworks.Strand", on_delete=models.PROTECT, related_name="+"
    )
    priority = models.TextField()  # the agreed improvement priority, copied from the findings
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)  # a stale edit is refused, not applied
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # I3: revisited at the school's next review
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    outcome_review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisited_plans"
    )
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-review__start_date"]

    def __str__(self) -> str:
        review = self.review
        return f"Action plan for {review.school.name} after the review of {review.start_date:%B %Y}"

    @property
    def school_id(self) -> int:
        return self.review.school_id


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Milestone(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(max_length=300)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # last overdue reminder sent

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.description} (due {self.due_on:%-d %B %Y})"


class CheckIn(models.Model):
    """I3: a dated report on a milestone, with the evidence for its status."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="check_ins")
    status = models.CharField(max_length=12, choices=Milestone.Status.choices)
    evidence = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Check-in on {self.milestone}: {self.get_status_display()}"


class SuccessMeasure(models.Model):
    """How the school will know the priority is met: a strand's level at the next review, a figure
    from its context data, a survey result, or a described observation."""

    class Kind(models.TextChoices):
        STRAND = "strand", "A framework strand"
        CONTEXT = "context", "A figure from the school's context data"
        SURVEY = "survey", "A survey result"
        OBSERVATION = "observation", "A described observation"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField()
    strand = models.ForeignKey(
        "frameworks.Strand", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    context_figure = models.CharField(
        max_length=40, blank=True
    )  # a key of selectors.figures.FIGURES
    baseline = models.CharField(max_length=100, blank=True)
    target = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class MeasureReading(models.Model):
    """A dated value of a survey or observation measure (context figures come from the register)."""

    measure = models.ForeignKey(SuccessMeasure, on_delete=models.CASCADE, related_name="readings")
    taken_on = models.DateField()
    value = models.CharField(max_length=100)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["measure", "taken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.value} on {self.taken_on:%-d %B %Y}"


class SupportNeed(models.Model):
    """I1/I2: support the school needs from other schools to act on its priority."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="support_needs")
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    days_wanted = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def review(self) -> Review:
        return self.plan.review
