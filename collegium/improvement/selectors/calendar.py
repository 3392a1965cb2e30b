"""The improvement events in a person's calendar (collegium/calendars): the workshops they are
invited to and the milestones of the action plans they may open, each as the invitation email
names it (same key, so the same UID)."""

from datetime import datetime

from django.db.models import Q

from collegium import access
from collegium.accounts.models import User
from collegium.calendars.services import ONE_DAY, Entry
from collegium.improvement.models import Milestone, Workshop
from collegium.links import site_link


def workshop_entry(workshop: Workshop) -> Entry:
    review = workshop.review
    school = review.school.name
    return Entry(
        key=f"workshop-{workshop.pk}",
        title=f"Improvement workshop for {school}",
        start=datetime.combine(workshop.held_on, workshop.starts_at),
        end=datetime.combine(workshop.held_on, workshop.ends_at),
        location=workshop.location,
        description=(
            f"The improvement workshop after the review of {school}: the agreed improvement "
            "priority is turned into an action plan."
        ),
        url=site_link("improvement:review", review.pk),
    )


def workshop_entries(user: User) -> list[Entry]:
    """The workshops the person is invited to, where they may open the review's improvement."""
    workshops = (
        Workshop.objects.filter(attendees=user)
        .select_related("review__school", "review__cluster")
        .order_by("held_on", "pk")
    )
    return [
        workshop_entry(workshop)
        for workshop in workshops
        if access.can(user, "improvement.view", workshop.review)
    ]


def milestone_entries(user: User) -> list[Entry]:
    """Milestones still to be met, of plans the person leads the school of or owns an action
    in: all-day events on the day each is due."""
    leads = access.roles_of(user).leads
    milestones = (
        Milestone.objects.filter(
            Q(action__plan__review__school_id__in=leads) | Q(action__owner=user),
            done_on__isnull=True,
        )
        .exclude(status=Milestone.Status.DONE)
        .select_related("action__plan__review__school", "action__plan__review__cluster")
        .distinct()
        .order_by("due_on", "pk")
    )
    found = []
    for milestone in milestones:
        plan = milestone.action.plan
        if not access.can(user, "improvement.view", plan):
            continue
        found.append(
            Entry(
                key=f"milestone-{milestone.pk}",
                title=f"Milestone due: {milestone.description}",
                start=milestone.due_on,
                end=milestone.due_on + ONE_DAY,
                description=f"A milestone of {plan.review.school.name}'s action plan.",
                url=site_link("improvement:plan", plan.pk),
            )
        )
    return found


def calendar_entries(user: User) -> list[Entry]:
    return workshop_entries(user) + milestone_entries(user)
