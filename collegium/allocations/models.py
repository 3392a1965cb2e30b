"""One run of the reviewer allocation optimiser for a cluster, and the places it
proposes. Nothing here is a team place until the coordinator accepts the run."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from collegium.words import lower_first


class AllocationRun(models.Model):
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)  # 0 to 1
    progress_message = models.CharField(max_length=300, blank=True)
    certificate = models.JSONField(null=True, blank=True)  # allocation.Certificate as a dict
    unfilled = models.JSONField(default=list, blank=True)  # [{review_id, role, slots, reason}]
    excluded = models.JSONField(default=list, blank=True)  # [[review_id, profile_id]] removed
    reoptimisations = models.PositiveSmallIntegerField(default=0)
    changed = models.PositiveIntegerField(null=True, blank=True)  # places moved by the last repair
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now)  # last put in the queue
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Allocation for {self.cluster.name} started {self.started}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def started(self) -> str:
        return f"{timezone.localtime(self.created_at):%-d %B %Y at %H:%M}"

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


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
