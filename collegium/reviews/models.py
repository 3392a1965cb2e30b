"""R1–R6: a review, its team, its timetable, the evidence, concerns and judgements.

Every change of state goes through reviews/services; TRANSITIONS there is the table of
allowed status changes.
"""

from django.conf import settings
from django.db import models

from collegium.words import lower_first


class Review(models.Model):
    class Kind(models.TextChoices):
        QUALITY_ASSURANCE = "qa", "Quality assurance review"
        CLUSTER = "cluster", "Cluster peer review"
        HEAD_TO_HEAD = "head_to_head", "Head-to-head review"

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        VISIT = "visit", "Visit under way"
        AGREED = "agreed", "Judgements agreed"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="reviews")
    cluster = models.ForeignKey(
        "clusters.Cluster", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    start_date = models.DateField()
    days = models.PositiveSmallIntegerField()
    focus = models.TextField(blank=True)  # chosen by the school
    nominee_name = models.CharField(max_length=200, blank=True)  # joins team meetings
    nominee_role = models.CharField(max_length=200, blank=True)
    max_activities_per_day = models.PositiveSmallIntegerField(default=6)  # set by the school
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "school__name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.school.name} from {self.start_date:%-d %B %Y}"


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead reviewer"
        PEER = "peer", "Peer reviewer"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="team")
    reviewer = models.ForeignKey(
        "people.ReviewerProfile", on_delete=models.PROTECT, related_name="team_places"
    )
    role = models.CharField(max_length=4, choices=Role.choices)
    locked = models.BooleanField(default=False)  # the optimiser never moves a locked member
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["review", "role", "reviewer__user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reviewer"], name="one_place_per_reviewer"),
            models.UniqueConstraint(
                fields=["review"], condition=models.Q(role="lead"), name="one_lead_per_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.user.full_name}, {lower_first(self.get_role_display())}"


class Activity(models.Model):
    class Kind(models.TextChoices):
        LESSON_VISIT = "lesson_visit", "Lesson visit"
        LEARNING_WALK = "learning_walk", "Learning walk"
        DEEP_DIVE = "deep_dive", "Subject deep-dive"
        MEETING_PUPILS = "meeting_pupils", "Meeting with pupils"
        MEETING_STAFF = "meeting_staff", "Meeting with staff"
        MEETING_GOVERNORS = "meeting_governors", "Meeting with governors"
        MEETING_PARENTS = "meeting_parents", "Meeting with parents"
        WORK_SCRUTINY = "work_scrutiny", "Work scrutiny"
        CASE_SAMPLING = "case_sampling", "Case sampling"
        TEAM_MEETING = "team_meeting", "Team meeting"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="activities")
    day = models.PositiveSmallIntegerField()  # 1 = the review's first day
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=100, blank=True)  # for a deep-dive
    led_by_staff = models.CharField(max_length=200, blank=True)  # the school's member of staff
    reviewer = models.ForeignKey(
        TeamMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    needs_host_leader = models.BooleanField(default=False)  # the school asks for a host leader
    host_leader = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} on day {self.day} at {self.starts_at:%H:%M}"

    @property
    def label(self) -> str:
        """How the timetable names the activity: its kind, and the subject of a deep-dive."""
        kind = self.get_kind_display()
        return f"{kind}: {self.subject}" if self.subject else kind


class Concern(models.Model):
    """R5: raised by the school with the lead reviewer during the visit."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "raised_at"]

    def __str__(self) -> str:
        return f"Concern about the {self.review} raised on {self.raised_at:%-d %B %Y}"

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None


class EvidenceNote(models.Model):
    """R4: a quick note tagged to strands. `revision` rises on every save, so an edit based on
    an older revision is refused as a conflict instead of overwriting someone's work."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evidence")
    author = models.ForeignKey(TeamMember, on_delete=models.PROTECT, related_name="evidence")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    strands = models.ManyToManyField("frameworks.Strand", related_name="evidence")
    text = models.TextField()
    revision = models.PositiveIntegerField(default=1)
    # Set by the new-note form, so a save sent twice (a retry after a lost answer) is one note.
    client_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_key"],
                condition=~models.Q(client_key=""),
                name="one_note_per_client_key",
            )
        ]

    def __str__(self) -> str:
        return f"Evidence note {self.pk} by {self.author.reviewer.user.full_name}"


class JudgementProposal(models.Model):
    """R6: a reviewer's proposed level for a strand. Never edited: a new proposal is a new row,
    so the history of proposals is kept."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proposals")
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(TeamMember, on_delete=models.PROTECT, related_name="proposals")
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # None on an ungraded framework
    rationale = models.TextField()
    evidence = models.ManyToManyField(EvidenceNote, related_name="cited_by_proposals")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "strand", "-created_at"]

    def __str__(self) -> str:
        return f"Proposed judgement on {self.strand} by {self.proposed_by.reviewer.user.full_name}"


class Judgement(models.Model):
    """R6: the level the lead agreed for a strand in the team meeting."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="judgements")
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale = models.TextField()
    # Why the lead agreed the strand with no proposal from another member of the team (a
    # head-to-head review, a one-person team); empty when a peer proposed a level.
    no_peer_reason = models.TextField(blank=True)
    evidence = models.ManyToManyField(EvidenceNote, related_name="cited_by_judgements")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "strand__area__position", "strand__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "strand"], name="one_judgement_per_strand")
        ]

    def __str__(self) -> str:
        return f"Agreed judgement on {self.strand}"


class JudgementRevision(models.Model):
    """A change to an agreed judgement after the team agreed it: a moderator's adjusted level (Q1)
    or the outcome of a complaint (C1). The judgement holds the level now; these rows keep every
    earlier one, who changed it and why. Only services/revisions.py writes them."""

    class Source(models.TextChoices):
        MODERATION = "moderation", "Moderation"
        COMPLAINT = "complaint", "Complaint outcome"

    judgement = models.ForeignKey(Judgement, on_delete=models.CASCADE, related_name="revisions")
    source = models.CharField(max_length=10, choices=Source.choices)
    old_level = models.PositiveSmallIntegerField(null=True, blank=True)
    new_level = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["judgement", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} change to the {self.judgement}"


class Findings(models.Model):
    """R6: what the team agreed beyond the strand levels, with exactly one improvement priority."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="findings")
    strengths = models.TextField()
    areas_to_develop = models.TextField()
    excellence_strand = models.ForeignKey(
        "frameworks.Strand", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_of_excellence = models.TextField(blank=True)
    priority_strand = models.ForeignKey(
        "frameworks.Strand", on_delete=models.PROTECT, related_name="+"
    )
    improvement_priority = models.TextField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "findings"

    def __str__(self) -> str:
        return f"Findings of the {self.review}"
