"""A review visit as a calendar event (collegium/calendars): the one entry the invitation
emails (scheduled, moved, a place on the team) and the person's calendar feed both use, so
calendars hold one copy of the visit, updated in place."""

from collegium.calendars.services import ONE_DAY, Entry
from collegium.links import site_link
from collegium.reviews.models import Review
from collegium.reviews.services.planning_types import review_dates


def visit_entry(review: Review) -> Entry:
    """All day from the first day of the visit to the last (a school working day each)."""
    days = review_dates(review.start_date, review.days)
    school = review.school
    count = f"{len(days)} school day{'s' if len(days) > 1 else ''}"
    return Entry(
        key=f"review-visit-{review.pk}",
        title=f"{review.get_kind_display()} of {school.name}",
        start=days[0],
        end=days[-1] + ONE_DAY,
        location=", ".join(part for part in (school.name, school.town, school.postcode) if part),
        description=f"The review visit: {count}, {', '.join(f'{d:%A %-d %B}' for d in days)}.",
        url=site_link("reviews:detail", review.pk),
    )
