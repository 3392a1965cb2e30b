"""Roles (§1) and the reviewer register (P1–P4)."""

from datetime import date

from django.conf import settings
from django.db import models

from collegium.schools.models import Phase

# The subjects of the national curriculum in England, plus the statutory RE and RSHE.
SUBJECTS = (
    "Art and design",
    "Citizenship",
    "Computing",
    "Design and technology",
    "English",
    "Geography",
    "History",
    "Languages",
    "Mathematics",
    "Music",
    "Physical education",
    "Relationships, sex and health education",
    "Religious education",
    "Science",
)


class Role(models.TextChoices):
    SCHOOL_LEADER = "school_leader", "School leader"
    GOVERNOR = "governor", "Governor"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Designated safeguarding lead"
    CLUSTER_COORDINATOR = "cluster_coordinator", "Cluster coordinator"
    MODERATOR = "moderator", "Moderator"
    ADJUDICATOR = "adjudicator", "Adjudicator"
    NETWORK_ADMIN = "network_admin", "Network admin"


SCHOOL_ROLES = {Role.SCHOOL_LEADER, Role.GOVERNOR, Role.SAFEGUARDING_LEAD}
CLUSTER_ROLES = {Role.CLUSTER_COORDINATOR}


class RoleGrant(models.Model):
    """One role held by one person, scoped to a school or a cluster where the role needs it.

    Reviewer and lead reviewer are not granted here: they follow from the reviewer
    register (a profile, and a current accreditation).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cluster = models.ForeignKey(
        "clusters.Cluster", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=models.Q(school__isnull=False),
                name="one_grant_per_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "cluster"],
                condition=models.Q(cluster__isnull=False),
                name="one_grant_per_cluster",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(school__isnull=True, cluster__isnull=True),
                name="one_network_grant",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["school_leader", "governor", "safeguarding_lead"],
                        school__isnull=False,
                        cluster__isnull=True,
                    )
                    | models.Q(
                        role="cluster_coordinator", cluster__isnull=False, school__isnull=True
                    )
                    | models.Q(
                        role__in=["moderator", "adjudicator", "network_admin"],
                        school__isnull=True,
                        cluster__isnull=True,
                    )
                ),
                name="role_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.school or self.cluster
        suffix = f" of {scope}" if scope else ""
        return f"{self.user}: {self.get_role_display()}{suffix}"


class ReviewerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    home_school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="reviewers"
    )
    job_title = models.CharField(max_length=100)
    phases = models.JSONField(default=list, help_text="Phase values the reviewer knows well")
    subjects = models.JSONField(default=list)
    years_in_senior_leadership = models.PositiveSmallIntegerField()
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)

    def phase_labels(self) -> list[str]:
        return [Phase(p).label for p in self.phases if p in Phase.values]


class TrainingRecord(models.Model):
    class Kind(models.TextChoices):
        MODULE = "module", "Training module"
        SHADOWING = "shadowing", "Shadowing a review"

    reviewer = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE, related_name="training")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MODULE)
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    completed_on = models.DateField()

    class Meta:
        ordering = ["reviewer", "-completed_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider}, {self.completed_on:%B %Y})"


class Accreditation(models.Model):
    """Lead-reviewer accreditation, granted and revoked by a moderator."""

    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="accreditations"
    )
    granted_on = models.DateField()
    expires_on = models.DateField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_on = models.DateField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revocation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["reviewer", "-granted_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("granted_on")),
                name="accreditation_expires_after_grant",
            )
        ]

    def __str__(self) -> str:
        return f"Lead reviewer accreditation from {self.granted_on:%d %B %Y}"

    def state(self, on: date) -> str:
        """revoked, expired (expires_on <= on), future (not yet started) or current."""
        if self.revoked_on is not None:
            return "revoked"
        if self.expires_on <= on:
            return "expired"
        if self.granted_on > on:
            return "future"
        return "current"


class CapacityApproval(models.Model):
    """Days a year the reviewer's employer (the home school's head) releases them for."""

    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="capacity_approvals"
    )
    academic_year = models.PositiveSmallIntegerField(help_text="Year the academic year starts")
    days = models.PositiveSmallIntegerField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    # Set when a network admin approved because the home school has no leader on Collegium.
    network_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["reviewer", "-academic_year", "-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "academic_year"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_approval_a_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.days} days in {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.academic_year}/{(self.academic_year + 1) % 100:02d}"


class AvailableWeek(models.Model):
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="available_weeks"
    )
    week_starting = models.DateField(help_text="A Monday")

    class Meta:
        ordering = ["reviewer", "week_starting"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "week_starting"], name="one_row_a_week")
        ]

    def __str__(self) -> str:
        return f"Week of {self.week_starting:%d %B %Y}"


class Blackout(models.Model):
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="blackouts"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["reviewer", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="blackout_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%d %B %Y} to {self.ends_on:%d %B %Y}"


class DeclaredConflict(models.Model):
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reviewer", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "school"], name="one_declaration_a_school")
        ]

    def __str__(self) -> str:
        return f"{self.school.name}: {self.reason[:50]}"


class FormerEmployment(models.Model):
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="former_employment"
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    left_on = models.DateField()

    class Meta:
        ordering = ["reviewer", "-left_on"]

    def __str__(self) -> str:
        return f"{self.school.name} until {self.left_on:%B %Y}"


class PastReview(models.Model):
    """A review the reviewer took part in (P1 'reviews done'), including ones before Collegium."""

    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="past_reviews"
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    as_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["reviewer", "-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.school.name} on {self.reviewed_on:%d %B %Y}"


class HeadInvitation(models.Model):
    """A network admin's emailed link for the head of a school with no leader on Collegium to
    become its leader and answer the cluster's invitation (ADR 0025). It is accepted once: a
    leader who was removed cannot restore themselves with it, or with a second link."""

    token_digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the signed token
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(
        "clusters.Membership", on_delete=models.CASCADE, related_name="head_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.person} invited to lead {self.school}"
