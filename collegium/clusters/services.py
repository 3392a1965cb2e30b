"""Changes to clusters (N2) and their memorandum of understanding (N3)."""

from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium.access import forget_roles
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters import selectors
from collegium.clusters.models import (
    MAX_SCHOOLS,
    MIN_SCHOOLS,
    Cluster,
    Membership,
    MemorandumOfUnderstanding,
    MouTemplate,
    Signature,
)
from collegium.clusters.signals import cluster_created, mou_published, school_invited
from collegium.schools.models import School

MEMBERSHIP_FIELDS = ["cluster_id", "school_id", "status", "joined_at", "ended_at"]
CLUSTER_FIELDS = ["name", "locality"]
MOU_FIELDS = ["version", "review_protocols", "data_sharing", "follow_up_support"]
FULL = f"A cluster can have at most {MAX_SCHOOLS} schools. Remove a school before inviting another."


def create_cluster(
    actor: User, name: str, locality: str, schools: Sequence[School], coordinator: User
) -> Cluster:
    """A new cluster, its founding schools invited, and its coordinator given the role."""
    name = name.strip()
    if not MIN_SCHOOLS <= len(set(schools)) <= MAX_SCHOOLS:
        raise ValidationError(
            f"A cluster starts with between {MIN_SCHOOLS} and {MAX_SCHOOLS} schools. "
            f"You chose {len(set(schools))}."
        )
    if Cluster.objects.filter(name__iexact=name).exists():
        raise ValidationError(_name_taken(name))
    with transaction.atomic():
        _refuse_schools_elsewhere(schools)
        cluster = _new_cluster(actor, name, locality)
        record_change(
            actor, verbs.CLUSTER_CREATED, cluster, None, snapshot(cluster, CLUSTER_FIELDS)
        )
        for school in dict.fromkeys(schools):
            _invite(actor, cluster, school)
        cluster_created.send(  # people grants the coordinator the role
            sender=Cluster, cluster=cluster, actor=actor, coordinator=coordinator
        )
    forget_roles(coordinator)
    return cluster


def _name_taken(name: str) -> str:
    return f"There is already a cluster called {name}. Choose another name."


def _new_cluster(actor: User, name: str, locality: str) -> Cluster:
    try:
        with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
            return Cluster.objects.create(name=name, locality=locality.strip(), created_by=actor)
    except IntegrityError as error:  # the same name, created by someone else a moment ago
        if Cluster.objects.filter(name__iexact=name).exists():
            raise ValidationError(_name_taken(name)) from error
        raise


def invite_school(actor: User, cluster: Cluster, school: School) -> Membership:
    with transaction.atomic():
        Cluster.objects.select_for_update().get(pk=cluster.pk)  # one invitation at a time
        if selectors.current_memberships(cluster).count() >= MAX_SCHOOLS:
            raise ValidationError(FULL)
        _refuse_schools_elsewhere([school])
        return _invite(actor, cluster, school)


def _invite(actor: User, cluster: Cluster, school: School) -> Membership:
    try:
        with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
            membership = Membership.objects.create(cluster=cluster, school=school)
    except IntegrityError as error:  # invited elsewhere by someone else a moment ago
        if Membership.objects.filter(school=school, status__in=Membership.CURRENT).exists():
            raise ValidationError(
                f"{school.name} (URN {school.pk}) is already in or invited to another cluster"
            ) from error
        raise
    record_change(
        actor, verbs.SCHOOL_INVITED, membership, None, snapshot(membership, MEMBERSHIP_FIELDS)
    )
    school_invited.send(sender=Membership, membership=membership, actor=actor)  # leaders told
    return membership


def _refuse_schools_elsewhere(schools: Sequence[School]) -> None:
    # Locked in URN order so that two clusters inviting the same school take turns.
    list(School.objects.select_for_update().filter(pk__in=[s.pk for s in schools]).order_by("pk"))
    taken = selectors.current_places_of(schools)
    if taken:
        raise ValidationError([_taken_message(place) for place in taken])


def _taken_message(place: Membership) -> str:
    where = "is already in" if place.status == Membership.Status.MEMBER else "is already invited to"
    return f"{place.school.name} (URN {place.school_id}) {where} {place.cluster.name}"


def remove_school(actor: User, membership: Membership) -> Membership:
    """A member leaves, or an open invitation is withdrawn; the row stays as history."""
    leaving = {
        Membership.Status.MEMBER: Membership.Status.LEFT,
        Membership.Status.INVITED: Membership.Status.WITHDRAWN,
    }
    with transaction.atomic():
        _lock(membership, leaving, f"{membership.school.name} is no longer in this cluster.")
        new_status = leaving[Membership.Status(membership.status)]
        return _change_status(
            actor, membership, new_status, verbs.SCHOOL_REMOVED, ended_at=timezone.now()
        )


def respond_to_invitation(actor: User, membership: Membership, accept: bool) -> Membership:
    now = timezone.now()
    with transaction.atomic():
        _lock(
            membership,
            [Membership.Status.INVITED],
            "This invitation has already been answered or withdrawn.",
        )
        if accept:
            return _change_status(
                actor,
                membership,
                Membership.Status.MEMBER,
                verbs.INVITATION_ACCEPTED,
                joined_at=now,
            )
        return _change_status(
            actor, membership, Membership.Status.DECLINED, verbs.INVITATION_DECLINED, ended_at=now
        )


def _lock(membership: Membership, expected: Collection[str], refusal: str) -> None:
    """Lock the cluster and the membership, and refresh the membership from the database:
    someone else may have changed it since the page was loaded."""
    Cluster.objects.select_for_update().get(pk=membership.cluster_id)
    membership.refresh_from_db(
        from_queryset=Membership.objects.select_for_update(),
        fields=["status", "joined_at", "ended_at"],
    )
    if membership.status not in expected:
        raise ValidationError(refusal)


def _change_status(
    actor: User, membership: Membership, status: str, action: str, **dates: Any
) -> Membership:
    """Called inside the transaction that locked the membership."""
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.status = status
    for name, value in dates.items():
        setattr(membership, name, value)
    membership.save(update_fields=["status", *dates])
    record_change(actor, action, membership, before, snapshot(membership, MEMBERSHIP_FIELDS))
    return membership


def publish_mou(
    actor: User, cluster: Cluster, review_protocols: str, data_sharing: str, follow_up_support: str
) -> MemorandumOfUnderstanding:
    """A new version; signatures belong to a version, so every school must sign it again."""
    with transaction.atomic():
        Cluster.objects.select_for_update().get(pk=cluster.pk)
        current = selectors.current_mou(cluster)
        mou = MemorandumOfUnderstanding.objects.create(
            cluster=cluster,
            version=current.version + 1 if current else 1,
            review_protocols=review_protocols.strip(),
            data_sharing=data_sharing.strip(),
            follow_up_support=follow_up_support.strip(),
            published_by=actor,
        )
        before = snapshot(current, MOU_FIELDS) if current else None
        record_change(actor, verbs.MOU_PUBLISHED, mou, before, snapshot(mou, MOU_FIELDS))
        mou_published.send(sender=MemorandumOfUnderstanding, mou=mou, actor=actor)
    return mou


def sign_mou(actor: User, membership: Membership) -> Signature:
    """The school's head signs the cluster's current MoU version for their school."""
    school = membership.school
    with transaction.atomic():
        _lock(
            membership,
            [Membership.Status.MEMBER],
            f"Only member schools can sign. {school.name} is not a member.",
        )
        mou = selectors.current_mou(membership.cluster)
        if mou is None:
            raise ValidationError("There is no memorandum of understanding to sign yet.")
        already = f"{school.name} has already signed version {mou.version} of the memorandum."
        if Signature.objects.filter(mou=mou, school=school).exists():
            raise ValidationError(already)
        before = {"signed_version": selectors.last_signed_version(school, membership.cluster)}
        try:
            with transaction.atomic():  # a savepoint, so a refusal leaves the transaction usable
                signature = Signature.objects.create(mou=mou, school=school, signed_by=actor)
        except IntegrityError as error:  # signed in another tab or by a double click
            if Signature.objects.filter(mou=mou, school=school).exists():
                raise ValidationError(already) from error
            raise
        # Recorded on the membership so the signing shows in both the school's and the
        # cluster's history (a signature points at neither the cluster nor the membership).
        record_change(actor, verbs.MOU_SIGNED, membership, before, {"signed_version": mou.version})
    return signature


def save_mou_template(
    actor: User, *, review_protocols: str, data_sharing: str, follow_up_support: str
) -> MouTemplate:
    """The network's memorandum template: the text a new cluster's first memorandum starts from."""
    parts = {
        "review_protocols": review_protocols.strip(),
        "data_sharing": data_sharing.strip(),
        "follow_up_support": follow_up_support.strip(),
    }
    fields = list(parts)
    with transaction.atomic():
        template = MouTemplate.objects.select_for_update().order_by("pk").first()
        before = snapshot(template, fields) if template else None
        if template is None:
            template = MouTemplate(**parts)
        for name, value in parts.items():
            setattr(template, name, value)
        template.changed_by = actor
        template.save()
        record_change(
            actor, verbs.MOU_TEMPLATE_CHANGED, template, before, snapshot(template, fields)
        )
    return template
