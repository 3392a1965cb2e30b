"""Bringing people onto Collegium from the pages that need them (issue 15).

- `invite_head`: a school invited to a cluster has no leader on Collegium, so nobody could
  answer; a network admin (who grants roles anyway) gives the head an account and an emailed
  link. The school leader role is granted only when they follow it, choose their password and
  accept (`accept_head`): the signed token in the link names them, the school and the
  invitation to answer. The link works once, while that invitation is open and its sender is
  still a network admin. An account that already has a password or a role is refused (its
  roles are granted on the people page), so nobody becomes a leader by a link sent to
  themselves (ADR 0025).
- `invite_reviewer`: a network admin puts a person on the reviewer register, with an account
  if they have none.
The views then email the link to choose a password (`roles.send_invitation`).
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Membership
from collegium.people import notices
from collegium.people.models import HeadInvitation, ReviewerProfile, Role, RoleGrant
from collegium.people.services.register import PROFILE_FIELDS
from collegium.people.services.roles import add_person, grant_role
from collegium.people.services.unique import create_once
from collegium.schools.models import Phase, School


@dataclass(frozen=True)
class Invited:
    person: User
    new_account: bool  # True: they have no password yet, so the email sets one
    token: str = ""  # a head's invitation: the signed token their link accepts with


HEAD_SALT = "collegium.people.head-invitation"
INVITE_HEADS = "people.manage_roles"  # a school's first leader is made by a network admin
ALREADY_HAS_AN_ACCOUNT = (
    "{email} already has a Collegium account: make them the leader of {school} on the people "
    "page instead."
)


def _person(actor: User, email: str, full_name: str) -> Invited:
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        return Invited(add_person(actor, email=email, full_name=full_name), True)
    if not existing.is_active:
        raise ValidationError(
            f"The account for {email} is closed. Reopen it on the people page first."
        )
    return Invited(existing, not existing.has_usable_password())


def _leader_problem(school: School) -> str:
    led = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school=school, user__is_active=True
    ).exists()
    return (
        f"{school.name} already has a leader on Collegium: they can answer the invitation"
        if led
        else ""
    )


def invite_head(
    actor: User, membership: Membership, *, email: str, full_name: str, then: str = ""
) -> Invited:
    """The head of a school with no leader on Collegium gets an account with no password and a
    token for their emailed link (kept as a `HeadInvitation`); nothing is granted until they
    accept (`accept_head`). `then`: the page their link goes to once they have accepted."""
    email = email.strip().lower()
    school = membership.school
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # two invitations take turns
        if problem := _leader_problem(school):
            raise ValidationError(problem)
        existing = User.objects.filter(email__iexact=email).first()
        if email == actor.email.lower() or (
            existing is not None
            and (existing.has_usable_password() or RoleGrant.objects.filter(user=existing).exists())
        ):
            raise ValidationError(ALREADY_HAS_AN_ACCOUNT.format(email=email, school=school.name))
        invited = _person(actor, email, full_name)
        # The nonce: two links for one person in the same second are still two links.
        payload = {"user": invited.person.pk, "then": then, "n": secrets.token_urlsafe(8)}
        token = signing.dumps(payload, salt=HEAD_SALT)
        HeadInvitation.objects.create(
            token_digest=_digest(token),
            person=invited.person,
            school=school,
            membership=membership,
            invited_by=actor,
        )
    return Invited(invited.person, True, token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def read_head_invitation(token: str) -> tuple[HeadInvitation, str] | None:
    """The invitation a head's link carries and the page it goes to once accepted, or None when
    the link is not one of ours or has expired (it lasts as long as the link to choose a
    password)."""
    try:
        data = signing.loads(token, salt=HEAD_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None
    found = HeadInvitation.objects.select_related("school", "invited_by")
    invitation = found.filter(token_digest=_digest(token)).first()
    return (invitation, str(data.get("then") or "")) if invitation else None


def forget_head_link(token: str) -> None:
    HeadInvitation.objects.filter(token_digest=_digest(token), accepted_at__isnull=True).delete()


def accept_head(user: User, invitation: HeadInvitation) -> RoleGrant:
    """The invited head accepts: they become the school's leader, unless the link has lapsed
    (someone else leads the school, the cluster's invitation is no longer open, the sender is
    no longer a network admin, or they accepted before, with this link or another)."""
    school = invitation.school
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        mine = RoleGrant.objects.filter(user=user, role=Role.SCHOOL_LEADER, school=school).first()
        if mine is not None:
            return mine  # the link followed a second time
        locked = HeadInvitation.objects.select_for_update().get(pk=invitation.pk)
        if problem := _lapsed(locked):
            raise ValidationError(
                f"Your invitation to lead {school.name} has lapsed: {problem}. Ask a network "
                "admin if you should lead it."
            )
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        return grant_role(locked.invited_by, user, role=Role.SCHOOL_LEADER, school=school)


def _lapsed(invitation: HeadInvitation) -> str:
    if _leader_problem(invitation.school):
        return f"{invitation.school.name} already has a leader on Collegium"
    accepted = HeadInvitation.objects.filter(
        person_id=invitation.person_id, school_id=invitation.school_id, accepted_at__isnull=False
    )
    if accepted.exists():
        return "you have accepted an invitation to lead it before"
    if not Membership.objects.filter(
        pk=invitation.membership_id, status=Membership.Status.INVITED
    ).exists():
        return "the cluster's invitation to the school is no longer open"
    sender = invitation.invited_by
    if sender is None or not access.can(sender, INVITE_HEADS):
        return "the person who sent it is no longer a network admin"
    return ""


def invite_reviewer(
    actor: User,
    *,
    email: str,
    full_name: str,
    home_school: School,
    job_title: str,
    years_in_senior_leadership: int,
) -> Invited:
    """A person on the reviewer register, their home school and job title filled in; they add
    their phases, subjects and the rest of their record when they sign in."""
    with transaction.atomic():
        invited = _person(actor, email, full_name)
        person = invited.person
        profile = create_once(
            lambda: ReviewerProfile.objects.create(
                user=person,
                home_school=home_school,
                job_title=job_title.strip(),
                phases=[] if home_school.phase == Phase.NOT_APPLICABLE else [home_school.phase],
                subjects=[],
                years_in_senior_leadership=years_in_senior_leadership,
            ),
            ReviewerProfile.objects.filter(user=person).exists,
            f"{person} is already on the reviewer register",
        )
        record_change(
            actor, verbs.REVIEWER_INVITED, profile, None, snapshot(profile, PROFILE_FIELDS)
        )
        notices.staff_registered(profile)
    return invited
