"""What the home page asks of network admins about people (collegium/todo.py): invite the head
of each school invited to a cluster that nobody there can answer, as nobody at it is on
Collegium (a school's first leader is made by a network admin, ADR 0025)."""

from datetime import date

from django.urls import reverse

from collegium import access
from collegium.clusters.models import Membership
from collegium.people.selectors import schools_without_leader
from collegium.people.services.invitations import INVITE_HEADS
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    if not access.can(user, INVITE_HEADS):
        return []
    invited = Membership.objects.filter(status=Membership.Status.INVITED)
    places = list(invited.select_related("school", "cluster").order_by("invited_at", "pk"))
    leaderless = schools_without_leader(place.school_id for place in places)
    return [
        ToDo(
            f"Invite the head of {place.school.name}: nobody there can answer "
            f"{place.cluster.name}'s invitation",
            reverse("people:invite-head", args=[place.cluster_id, place.pk]),
            INVITE_HEADS,
        )
        for place in places
        if place.school_id in leaderless
    ]
