"""What the home page asks of people about clusters (collegium/todo.py): heads answer
invitations and sign the memorandum of understanding; coordinators publish it and see who has
not signed."""

from datetime import date

from django.urls import reverse

from collegium import access
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.selectors import current_mou, has_signed_current_mou, schools_not_signed
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    roles = access.roles_of(user)
    return _for_heads(roles.leads) + _for_coordinators(roles.coordinates)


def _for_heads(leads: frozenset[int]) -> list[ToDo]:
    places = Membership.objects.filter(school_id__in=leads, status__in=Membership.CURRENT)
    found = []
    for place in places.select_related("school", "cluster").order_by("invited_at", "pk"):
        school, cluster = place.school.name, place.cluster.name
        if place.status == Membership.Status.INVITED:
            text = f"Answer {cluster}'s invitation to {school}"
            href = reverse("clusters:respond", args=[place.pk])
            found.append(ToDo(text, href, "membership.respond", place))
        elif current_mou(place.cluster) and not has_signed_current_mou(place.school, place.cluster):
            text = f"Sign {cluster}'s memorandum of understanding for {school}"
            href = reverse("clusters:sign-mou", args=[place.cluster_id])
            found.append(ToDo(text, href, "mou.sign", place))
    return found


def _for_coordinators(clusters: frozenset[int]) -> list[ToDo]:
    found = []
    for cluster in Cluster.objects.filter(pk__in=clusters).order_by("name", "pk"):
        if current_mou(cluster) is None:
            text = f"Publish {cluster.name}'s memorandum of understanding"
            href = reverse("clusters:publish-mou", args=[cluster.pk])
            found.append(ToDo(text, href, "cluster.manage", cluster))
            continue
        unsigned = len(schools_not_signed(cluster))
        if unsigned:
            schools = "school has" if unsigned == 1 else "schools have"
            text = f"{unsigned} {schools} not signed {cluster.name}'s memorandum of understanding"
            href = reverse("clusters:detail", args=[cluster.pk])
            found.append(ToDo(text, href, "cluster.view", cluster))
    return found
