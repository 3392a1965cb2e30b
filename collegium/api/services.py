"""X3: making, revoking and using personal API tokens; every use leaves an audit record."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.api.models import ApiToken
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot

PREFIX = "clg_"
LONGEST_LIFE_DAYS = 366
TOKEN_FIELDS = ["name", "shown_start", "scope", "expires_on", "revoked_at"]


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(actor: Any, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the person and the token itself, which is never stored or shown again."""
    if not 1 <= days <= LONGEST_LIFE_DAYS:
        raise ValidationError(f"A token lasts between 1 and {LONGEST_LIFE_DAYS} days")
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name.strip(),
            digest=digest_of(secret),
            shown_start=secret[:8],
            scope=scope,
            expires_on=timezone.localdate() + timedelta(days=days),
        )
        record_change(actor, verbs.API_TOKEN_CREATED, token, None, snapshot(token, TOKEN_FIELDS))
    return token, secret


def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    """Stop the token working; revoking it twice changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        before = snapshot(token, TOKEN_FIELDS)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_change(actor, verbs.API_TOKEN_REVOKED, token, before, snapshot(token, TOKEN_FIELDS))
    return token


def live_token(secret: str) -> ApiToken | None:
    """The token a request presents, if it works: not revoked, not expired, its person active."""
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.is_live or not token.user.is_active:
        return None
    return token


def record_use(token: ApiToken, method: str, path: str) -> None:
    """Note the token's use: when it was last used, and an audit record of the request."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    record_change(token.user, verbs.API_TOKEN_USED, token, None, {"request": f"{method} {path}"})
