"""People and their role grants, managed by network admins."""

import logging
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string

from collegium.accounts.forms import PasswordLinkForm
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Cluster
from collegium.people.models import CLUSTER_ROLES, SCHOOL_ROLES, Role, RoleGrant
from collegium.people.services.unique import create_once
from collegium.schools.models import School
from collegium.words import lower_first

logger = logging.getLogger(__name__)

GRANT_FIELDS = ["user_id", "role", "school_id", "cluster_id"]


def add_person(actor: User | None, *, email: str, full_name: str) -> User:
    email = email.strip().lower()
    with transaction.atomic():
        user = create_once(
            lambda: User.objects.create_user(email, None, full_name=full_name.strip()),
            User.objects.filter(email__iexact=email).exists,
            "A person with this email address already has an account",
        )
        record_change(actor, verbs.PERSON_ADDED, user, None, snapshot(user, ["email", "full_name"]))
    return user


class InvitationLinkForm(PasswordLinkForm):
    """The password link form, but a failed send is told to the caller (Django's form only
    logs it), so the page never says "emailed" when the email could not be sent."""

    sent = False

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        try:
            EmailMultiAlternatives(subject, body, from_email, [to_email]).send()
        except Exception:  # the mail server refused it or could not be reached
            logger.exception("The invitation email to person %s could not be sent", to_email)
            return
        self.sent = True


def send_invitation(request: HttpRequest, user: User, next_url: str = "") -> bool:
    """Email the person a link to choose their password; with `next_url` (a page of this site)
    the link signs them in once the password is chosen and takes them there. Whether the email
    was sent. The link is built on settings.SITE_URL, as every emailed link is, never on the
    Host the request came with (which whoever sends the request chooses)."""
    site = urlsplit(settings.SITE_URL)
    form = InvitationLinkForm({"email": user.email})
    form.is_valid()
    form.save(
        request=request,
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="people/invitation_subject.txt",
        email_template_name="people/invitation_email.txt",
        extra_email_context={"next": next_url},
    )
    return form.sent


def scope_problem(
    role: str, school: School | None, cluster: Cluster | None
) -> tuple[str, str] | None:
    """The field that does not suit the role and why, or None when the scope is right."""
    label = lower_first(Role(role).label)
    if role in SCHOOL_ROLES and school is None:
        return "school", f"Enter the URN of the school for a {label}"
    if role in CLUSTER_ROLES and cluster is None:
        return "cluster", "Select the cluster they coordinate"
    if role not in SCHOOL_ROLES and school is not None:
        return "school", f"Leave the school URN empty: {label}s are not tied to a school"
    if role not in CLUSTER_ROLES and cluster is not None:
        return "cluster", f"Leave the cluster empty: {label}s are not tied to a cluster"
    return None


def grant_role(
    actor: User | None,
    user: User,
    *,
    role: str,
    school: School | None = None,
    cluster: Cluster | None = None,
) -> RoleGrant:
    problem = scope_problem(role, school, cluster)
    if problem:
        raise ValidationError(problem[1])
    scope = f" of {school or cluster}" if school or cluster else ""
    with transaction.atomic():
        grant = create_once(
            lambda: RoleGrant.objects.create(user=user, role=role, school=school, cluster=cluster),
            RoleGrant.objects.filter(user=user, role=role, school=school, cluster=cluster).exists,
            f"{user} is already {lower_first(Role(role).label)}{scope}",
        )
        record_change(actor, verbs.ROLE_GRANTED, grant, None, snapshot(grant, GRANT_FIELDS))
    return grant


def revoke_role(actor: User, grant: RoleGrant) -> None:
    with transaction.atomic():
        admins = list(RoleGrant.objects.select_for_update().filter(role=Role.NETWORK_ADMIN))
        if grant.role == Role.NETWORK_ADMIN and len(admins) <= 1:
            raise ValidationError(
                "You cannot remove the last network admin. Grant the role to someone else first."
            )
        record_change(actor, verbs.ROLE_REVOKED, grant, snapshot(grant, GRANT_FIELDS), None)
        grant.delete()
