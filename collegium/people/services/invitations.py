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
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Membership
from collegium.people import notices
from collegium.people.models import HeadInvitationUse, ReviewerProfile, Role, RoleGrant
from collegium.people.services.register import PROFILE_FIELDS
from collegium.people.services.roles import add_person, grant_role
from collegium.people.services.unique import create_once
from collegium.schools.models import Phase, School


@dataclass(frozen=True)
class Invited:
    person: User
    new_account: bool  # True: they have no password yet, so the email sets one
    token: str = ""  # a head's invitation: the signed token their link accepts with


@dataclass(frozen=True)
class HeadInvitation:
    """What a head's link says: who was invited, to lead which school, by whom, and the page
    (the cluster invitation) they go to once they have accepted."""

    user_pk: int
    school: School
    inviter: User | None
    then: str
    membership_pk: int  # 0 in a link made before links named it: lapsed
    token_digest: str


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
    token for their emailed link; nothing is granted until they accept (`accept_head`)."""
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
    payload = {
        "user": invited.person.pk,
        "school": school.pk,
        "membership": membership.pk,
        "by": actor.pk,
        "then": then,
    }
    return Invited(invited.person, True, signing.dumps(payload, salt=HEAD_SALT))


def read_head_invitation(token: str) -> HeadInvitation | None:
    """The invitation a head's link carries, or None when the link is not one of ours or has
    expired (it lasts as long as the link to choose a password)."""
    try:
        data = signing.loads(token, salt=HEAD_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        school = School.objects.get(pk=data["school"])
    except (signing.BadSignature, School.DoesNotExist, KeyError, TypeError):
        return None
    inviter = User.objects.filter(pk=data.get("by")).first()
    return HeadInvitation(
        int(data["user"]),
        school,
        inviter,
        str(data.get("then") or ""),
        int(data.get("membership") or 0),
        hashlib.sha256(token.encode()).hexdigest(),
    )


def accept_head(user: User, invitation: HeadInvitation) -> RoleGrant:
    """The invited head accepts: they become the school's leader, unless the link has lapsed
    (someone else leads the school, the cluster's invitation is no longer open, the sender is
    no longer a network admin, or the link was used before)."""
    school = invitation.school
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        mine = RoleGrant.objects.filter(user=user, role=Role.SCHOOL_LEADER, school=school).first()
        if mine is not None:
            return mine  # the link followed a second time
        if problem := _lapsed(invitation):
            raise ValidationError(
                f"Your invitation to lead {school.name} has lapsed: {problem}. Ask a network "
                "admin if you should lead it."
            )
        HeadInvitationUse.objects.create(
            token_digest=invitation.token_digest, person=user, school=school
        )
        return grant_role(invitation.inviter, user, role=Role.SCHOOL_LEADER, school=school)


def _lapsed(invitation: HeadInvitation) -> str:
    if _leader_problem(invitation.school):
        return f"{invitation.school.name} already has a leader on Collegium"
    if HeadInvitationUse.objects.filter(token_digest=invitation.token_digest).exists():
        return "its link has been used already"
    if not Membership.objects.filter(
        pk=invitation.membership_pk, status=Membership.Status.INVITED
    ).exists():
        return "the cluster's invitation to the school is no longer open"
    if invitation.inviter is None or not access.can(invitation.inviter, INVITE_HEADS):
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
