"""What the home page asks about people (collegium/todo.py): network admins invite the head of
each school invited to a cluster that nobody there can answer, as nobody at it is on Collegium
(a school's first leader is made by a network admin, ADR 0025); heads approve the days of their
staff on the reviewer register who have none approved this academic year."""

from datetime import date

from django.db.models import Q
from django.urls import reverse

from collegium import access
from collegium.clusters.models import Membership
from collegium.people.selectors import pending_head_invitations, schools_without_leader, staff_of
from collegium.people.services.invitations import INVITE_HEADS
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    return _days_to_approve(user) + (_heads_to_invite() if access.can(user, INVITE_HEADS) else [])


def _days_to_approve(user: Person) -> list[ToDo]:
    # `days`: this year's approved days (staff_of), None while none are approved.
    staff = staff_of(user).filter(Q(days__isnull=True), user__is_active=True)
    waiting = [profile for profile in staff if profile.user_id != user.pk]
    return [
        ToDo(
            f"Approve the days {profile.user.full_name} may spend reviewing this year "
            f"({profile.home_school.name})",
            reverse("people:approve-days", args=[profile.pk]),
            "reviewer.approve_days",
            profile,
        )
        for profile in waiting
    ]


def _heads_to_invite() -> list[ToDo]:
    invited = Membership.objects.filter(status=Membership.Status.INVITED)
    places = list(invited.select_related("school", "cluster").order_by("invited_at", "pk"))
    leaderless = schools_without_leader(place.school_id for place in places)
    waiting = pending_head_invitations(place.pk for place in places)  # emailed, not yet accepted
    return [
        ToDo(
            f"Invite the head of {place.school.name}: nobody there can answer "
            f"{place.cluster.name}'s invitation",
            reverse("people:invite-head", args=[place.cluster_id, place.pk]),
            INVITE_HEADS,
        )
        for place in places
        if place.school_id in leaderless and place.pk not in waiting
    ]
