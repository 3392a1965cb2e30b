"""C1 complaints: a school's complaint about its review, and the stages that hear it.

A complaint is heard in up to three stages, each with a time limit in school working days:
1 resolution by the lead reviewer and the cluster coordinator, 2 review by a moderator not
connected to the review, 3 an independent hearing by an adjudicator. After the outcome of stage 1
or 2 the school takes it further or accepts it; the hearing's outcome is final. Every change goes
through complaints/services.py.
"""

from datetime import date

from django.conf import settings
from django.db import models

from collegium.reviews.models import Review
from collegium.words import lower_first


class Outcome(models.TextChoices):
    NOT_UPHELD = "not_upheld", "Not upheld"
    UPHELD_IN_PART = "upheld_in_part", "Upheld in part"
    UPHELD = "upheld", "Upheld"


class Complaint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    # The review's report rather than the review: the complaint's audit events then stay off the
    # review's history page, which the whole team and every moderator read, since nobody but the
    # parties sees a complaint. A report's primary key is its review's.
    report = models.ForeignKey(
        "reports.Report", on_delete=models.PROTECT, related_name="complaints"
    )
    concern = models.ForeignKey(  # the concern raised in the visit that it takes further, if any
        "reviews.Concern",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField()  # the time limits and the term's statistics count from it
    strands = models.ManyToManyField("frameworks.Strand", blank=True, related_name="+")
    about_conduct = models.BooleanField(default=False)
    about_process = models.BooleanField(default=False)
    grounds = models.TextField()
    outcome_sought = models.TextField()
    stage = models.PositiveSmallIntegerField(default=1)  # the stage under way, or the last one
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)  # once closed
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status="open"),
                name="one_open_complaint_per_review",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__gte=1, stage__lte=3), name="complaint_stage_1_to_3"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="closed_complaint_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Complaint about the {self.report.review} received on {self.received_on:%-d %B %Y}"

    @property
    def review(self) -> Review:
        """The review complained about: the access policy reads objects' `review`."""
        return self.report.review

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def contested(self) -> list[str]:
        """What is contested, in words: "judgements", "conduct", "process"."""
        kinds = [("judgements", bool(self.pk) and self.strands.exists())]
        kinds += [("conduct", self.about_conduct), ("process", self.about_process)]
        return [kind for kind, contested in kinds if contested]


class Stage(models.Model):
    class Number(models.IntegerChoices):
        RESOLUTION = 1, "Resolution by the lead reviewer and the cluster coordinator"
        REVIEW = 2, "Review by a moderator"
        HEARING = 3, "Independent hearing by an adjudicator"

    class Choice(models.TextChoices):
        """What the school did with the stage's outcome."""

        ESCALATED = "escalated", "Taken further"
        ACCEPTED = "accepted", "Accepted"
        LAPSED = "lapsed", "Not taken further in time"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(choices=Number.choices)
    opened_on = models.DateField()
    due_on = models.DateField()  # the outcome is due by then
    # Stages 2 and 3: the moderator or adjudicator a network admin assigned (stage 1 is the
    # review's lead and its cluster's coordinator, so nobody is assigned).
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    revisions = models.ManyToManyField("reviews.JudgementRevision", blank=True, related_name="+")
    answer_due_on = models.DateField(null=True, blank=True)  # the school's last day to go on
    school_choice = models.CharField(max_length=9, choices=Choice.choices, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_on = models.DateField(null=True, blank=True)
    reminded_before_on = models.DateField(null=True, blank=True)  # the reminder before the day
    reminded_due_on = models.DateField(null=True, blank=True)  # the reminder on the day

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="one_of_each_stage"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="stage_number_1_to_3"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", decided_on__isnull=True)
                | (
                    ~models.Q(outcome="")
                    & ~models.Q(reasons="")
                    & models.Q(decided_on__isnull=False)
                ),
                name="decided_stage_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"Stage {self.number} of the {self.complaint}"

    @property
    def name(self) -> str:
        """ "stage 2, review by a moderator", as a sentence reads it."""
        label = self.Number(self.number).label
        return f"stage {self.number}, {lower_first(label)}"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    @property
    def is_last(self) -> bool:
        return self.number == self.Number.HEARING

    def is_late(self, today: date) -> bool:
        return not self.is_decided and self.due_on < today
