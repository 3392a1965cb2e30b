"""I2: support brokered between schools for the support needs of action plans (a need is an
item of the plan, `improvement.SupportNeed`): standing offers, requests from the school with
the need to a school that could help, and the support given under an accepted request.

The tables kept their names from when these models were part of improvement (ADR 0016)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from collegium.improvement.models import SupportNeed
from collegium.reviews.models import Review


class StandingOffer(models.Model):
    """I2: support a school offers to any school in the network, on a strand."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="support_offers"
    )
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    days_available = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "improvement_standingoffer"
        ordering = ["school__name", "pk"]

    def __str__(self) -> str:
        return f"Support offered by {self.school.name}: {self.description[:60]}"


class SupportRequest(models.Model):
    """I2: a request from the school with the need to a school that could help."""

    class Status(models.TextChoices):
        SENT = "sent", "Awaiting a reply"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    need = models.ForeignKey(SupportNeed, on_delete=models.CASCADE, related_name="requests")
    offering_school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="support_requests_received"
    )
    offer = models.ForeignKey(
        StandingOffer, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    days_agreed = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    response = models.TextField(blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "improvement_supportrequest"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "offering_school"],
                condition=Q(status__in=["sent", "accepted"]),
                name="one_open_request_per_need_and_school",
            )
        ]

    def __str__(self) -> str:
        return f"Request for support from {self.offering_school.name}"

    @property
    def review(self) -> Review:
        return self.need.plan.review

    @property
    def requesting_school_id(self) -> int:
        return self.review.school_id


class SupportSession(models.Model):
    """I2: support actually given under an accepted request: who, what, when, days."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="sessions")
    given_on = models.DateField()
    days = models.DecimalField(max_digits=4, decimal_places=1)
    given_by = models.CharField(max_length=300)  # names and roles of those who gave it
    what = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "improvement_supportsession"
        ordering = ["request", "given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.days} days of support on {self.given_on:%-d %B %Y}"
