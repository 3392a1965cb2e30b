"""The first network admin, made by `manage.py create_network_admin` before anyone can sign in.

No one is signed in to act, so the audit records name no actor (as for tasks).
"""

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from collegium.accounts.models import User
from collegium.links import site_link
from collegium.people.models import Role, RoleGrant
from collegium.people.services.roles import add_person, grant_role


@dataclass(frozen=True)
class SetUp:
    user: User
    created: bool  # a new account
    granted: bool  # the role is new (False: they were already a network admin)


def set_up_network_admin(email: str, full_name: str) -> SetUp:
    """Make the account a network admin, creating it if needed; changes nothing the second time."""
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if user is not None and not user.is_active:
            raise ValidationError(
                f"The account for {email} is closed or suspended, so it cannot be made a network "
                "admin. Nothing was changed. Use another email address, or reopen the account "
                "first."
            )
        if user is None:
            user = add_person(None, email=email, full_name=full_name)
        held = RoleGrant.objects.filter(user=user, role=Role.NETWORK_ADMIN).exists()
        if not held:
            grant_role(None, user, role=Role.NETWORK_ADMIN)
    return SetUp(user=user, created=created, granted=not held)


def set_first_password(setup: SetUp, password: str) -> bool:
    """The password typed at the command line (already checked against the password rules),
    for a new account or one that has never had a password; an account's own password is left
    alone (the command must not take over an account). Whether it was set."""
    user = setup.user
    if not setup.created and user.has_usable_password():
        return False
    user.set_password(password)
    user.save(update_fields=["password"])
    return True


def password_link(user: User) -> str:
    """The same one-time link to choose a password that the invitation email sends."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_link("accounts:password-reset-confirm", uid, token)
