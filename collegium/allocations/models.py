"""One run of the reviewer allocation optimiser for a cluster, and the places it
proposes; a network-wide run over every cluster, whose parts are such runs. Nothing here is a
team place until the coordinator accepts the run."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from collegium.words import lower_first


class OptimiserRun(models.Model):
    """What every run of the optimiser keeps: who started it, its progress as the task writes it,
    its certificate and its times. Each kind of run adds its `status` (with `ACTIVE`)."""

    ACTIVE: tuple[str, ...] = ()
    status: models.CharField[str, str]

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.FloatField(default=0.0)  # 0 to 1
    progress_message = models.CharField(max_length=300, blank=True)
    certificate = models.JSONField(null=True, blank=True)  # allocation.Certificate as a dict
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now)  # last put in the queue
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def started(self) -> str:
        return f"{timezone.localtime(self.created_at):%-d %B %Y at %H:%M}"

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


class NetworkRun(OptimiserRun):
    """One solve over a term's reviews in every cluster (issue 21 part 2). Once solved, each
    cluster's share is an AllocationRun `part` its coordinator checks and accepts as any run."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        PROPOSED = "proposed", "Proposed"
        FAILED = "failed", "Failed"

    class Reviews(models.TextChoices):
        QUALITY_ASSURANCE = "qa", "Quality assurance reviews"
        ALLOCATED = "all", "Quality assurance and cluster peer reviews"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    term = models.ForeignKey("termdates.SchoolTerm", on_delete=models.PROTECT, related_name="+")
    reviews = models.CharField(max_length=3, choices=Reviews.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)

    class Meta(OptimiserRun.Meta):
        pass

    def __str__(self) -> str:
        return f"Network allocation for the {lower_first(self.term.label)} started {self.started}"


class AllocationRun(OptimiserRun):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, related_name="allocation_runs"
    )
    # The network-wide run this is the cluster's part of; None for a run of the cluster alone.
    network_run = models.ForeignKey(
        NetworkRun, null=True, blank=True, on_delete=models.CASCADE, related_name="parts"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    unfilled = models.JSONField(default=list, blank=True)  # [{review_id, role, slots, reason}]
    excluded = models.JSONField(default=list, blank=True)  # [[review_id, profile_id]] removed
    reoptimisations = models.PositiveSmallIntegerField(default=0)
    changed = models.PositiveIntegerField(null=True, blank=True)  # places moved by the last repair

    class Meta(OptimiserRun.Meta):
        pass

    def __str__(self) -> str:
        return f"Allocation for {self.cluster.name} started {self.started}"


class ProposedPlace(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead reviewer"
        PEER = "peer", "Peer reviewer"

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="places")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        "people.ReviewerProfile", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=4, choices=Role.choices)
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)  # why chosen, in words
    locked = models.BooleanField(default=False)  # kept by re-optimisation
    on_team = models.BooleanField(default=False)  # already a team place before the run

    class Meta:
        ordering = ["review__start_date", "review__school__name", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "review", "reviewer"], name="one_proposed_place_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} as {lower_first(self.get_role_display())} on {self.review}"

    @property
    def cluster_id(self) -> int:
        return self.run.cluster_id


class ReviewerPreferences(models.Model):
    """What a reviewer would like from the allocation (issue 21): the optimiser's pair scores
    use it (allocations/scoring.py). Kept here, not in people, because the strands of
    expertise are framework data, which sits above people in the layers."""

    reviewer = models.OneToOneField(
        "people.ReviewerProfile", on_delete=models.CASCADE, related_name="preferences"
    )
    phases = models.JSONField(default=list, blank=True)  # Phase values they would like
    strands = models.JSONField(default=list, blank=True)  # framework strand titles they know
    preferred_weeks = models.JSONField(default=list, blank=True)  # ISO dates of Mondays
    avoided_weeks = models.JSONField(default=list, blank=True)  # ISO dates of Mondays
    max_km = models.PositiveSmallIntegerField(null=True, blank=True)  # None: no limit of theirs
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Preferences of {self.reviewer}"


class Backup(models.Model):
    """A reviewer who could take a place the run filled, best first, kept with the run so a
    declined or unanswered place can be offered on without running the optimiser again."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="backups")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=4, choices=ProposedPlace.Role.choices)
    reviewer = models.ForeignKey(
        "people.ReviewerProfile", on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField()  # 1 is asked first
    score = models.FloatField(default=0.0)

    class Meta:
        ordering = ["run", "review", "role", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "review", "role", "reviewer"], name="one_backup_row_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"Backup {self.rank}: {self.reviewer} for {self.review}"


class PlaceRequest(models.Model):
    """A reviewer asked to confirm a place an accepted run gave them. The team place is held
    (a TeamMember) while they are asked; a decline or no answer by `due` frees it and the
    run's next backup is asked."""

    class Status(models.TextChoices):
        ASKED = "asked", "Asked"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        TIMED_OUT = "timed_out", "No answer in time"

    OPEN = (Status.ASKED,)

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="requests")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        "people.ReviewerProfile", on_delete=models.CASCADE, related_name="place_requests"
    )
    role = models.CharField(max_length=4, choices=ProposedPlace.Role.choices)
    member = models.ForeignKey(
        "reviews.TeamMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    is_backup = models.BooleanField(default=False)  # asked after someone else said no
    due = models.DateField()
    reason = models.TextField(blank=True)  # the reviewer's, when they decline
    # When nobody could take the place after this request ended: why, in words.
    unfilled_reason = models.TextField(blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review__start_date", "review_id", "role", "asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "review", "reviewer"], name="one_request_per_reviewer_and_review"
            )
        ]

    def __str__(self) -> str:
        role = lower_first(self.get_role_display())
        return f"{self.reviewer} asked to be {role} on {self.review}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
