"""N2 clusters of 3–7 schools and N3 their versioned memorandum of understanding."""

from django.conf import settings
from django.db import models

MIN_SCHOOLS = 3
MAX_SCHOOLS = 7


class Cluster(models.Model):
    name = models.CharField(max_length=200, unique=True)
    locality = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A school's place in a cluster. Rows are never deleted: they are the history."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        MEMBER = "member", "Member"
        DECLINED = "declined", "Declined"
        LEFT = "left", "Left"
        WITHDRAWN = "withdrawn", "Invitation withdrawn"

    CURRENT = (Status.INVITED, Status.MEMBER)  # the statuses that hold one of the 7 places

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cluster", "school__name"]
        constraints = [
            # A school is in (or invited to) at most one cluster at a time.
            models.UniqueConstraint(
                fields=["school"],
                condition=models.Q(status__in=["invited", "member"]),
                name="one_current_cluster_per_school",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school.name} in {self.cluster.name} ({self.get_status_display()})"


class MemorandumOfUnderstanding(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="mous")
    version = models.PositiveIntegerField()
    review_protocols = models.TextField()
    data_sharing = models.TextField()
    follow_up_support = models.TextField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cluster", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "version"], name="one_mou_per_version")
        ]
        verbose_name = "memorandum of understanding"

    def __str__(self) -> str:
        return f"{self.cluster.name} MoU version {self.version}"


class Signature(models.Model):
    """A member school's head signing one MoU version."""

    mou = models.ForeignKey(
        MemorandumOfUnderstanding, on_delete=models.CASCADE, related_name="signatures"
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mou", "school"], name="one_signature_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.school.name} signed {self.mou}"


class MouTemplate(models.Model):
    """The network's starting text for a new cluster's memorandum (one row, kept up to date)."""

    review_protocols = models.TextField()
    data_sharing = models.TextField()
    follow_up_support = models.TextField()
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "memorandum template"

    def __str__(self) -> str:
        return "The network's memorandum template"
