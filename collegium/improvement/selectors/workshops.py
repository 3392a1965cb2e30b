"""Reads for the review's improvement page and the workshop's pages (I1)."""

from collegium import access
from collegium.accounts.models import User
from collegium.improvement.models import ActionPlan, Workshop
from collegium.reviews.models import Review


def workshop_of(review: Review) -> Workshop | None:
    return Workshop.objects.filter(review=review).prefetch_related("attendees").first()


def recorded_workshop(review: Review) -> Workshop:
    """The review's workshop, or 404 when none is scheduled."""
    return access.get_part(Workshop.objects.prefetch_related("attendees"), review=review)


def plan_of(review: Review) -> ActionPlan | None:
    return ActionPlan.objects.filter(review=review).first()


def attendee_ids(workshop: Workshop) -> list[int]:
    return [person.pk for person in workshop.attendees.all()]


def people(ids: list[int]) -> list[User]:
    """The people chosen on a workshop's form, by name."""
    return list(User.objects.filter(pk__in=ids).order_by("full_name"))
