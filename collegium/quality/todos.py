"""What the home page asks of moderators (collegium/todo.py): the sampled reviews not yet
moderated."""

from datetime import date

from django.db.models import Q
from django.urls import reverse

from collegium import access
from collegium.quality.models import Moderation, SampledReview
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    if access.MODERATOR not in access.roles_of(user).columns():
        return []
    done = Q(review__moderation__status=Moderation.Status.COMPLETED)
    picks = SampledReview.objects.exclude(done).select_related("review__school")
    return [
        ToDo(
            f"Moderate the review of {pick.review.school.name}",
            reverse("quality:moderate", args=[pick.review_id]),
            "moderation.manage",
            pick.review,
        )
        for pick in picks.order_by("review__start_date", "pk")
    ]
