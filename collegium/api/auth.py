"""X3: a request's personal API token (`Authorization: Bearer clg_…`) and its rate limit.

A token stands for its person: `request.user` becomes them, so every endpoint asks the one
access policy (collegium.access) exactly as the pages do. A suspended person's token stops
working. Each token may make RATE_LIMIT requests a minute (counted in Django's cache)."""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from collegium.api import services
from collegium.api.models import ApiToken

RATE_LIMIT = 120  # requests per token per minute


class TooManyRequests(Exception):
    """The token has made RATE_LIMIT requests this minute."""


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = services.live_token(token)
        if found is None:
            return None
        _count(found)
        request.user = found.user
        services.record_use(found, request.method or "", request.get_full_path())
        return found


def _count(token: ApiToken) -> None:
    minute = timezone.now().strftime("%Y%m%d%H%M")
    key = f"api-rate:{token.digest}:{minute}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > RATE_LIMIT:
        raise TooManyRequests


def token_of(request: Any) -> ApiToken:
    """The token the request was authorised with (set by Ninja as `request.auth`)."""
    token: ApiToken = request.auth
    return token
