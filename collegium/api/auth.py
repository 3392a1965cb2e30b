"""X3: a request's personal API token (`Authorization: Bearer clg_…`) and its rate limit.

A token stands for its person: `request.user` becomes them, so every endpoint asks the one
access policy (collegium.access) exactly as the pages do. A suspended person's token stops
working. Each token may make RATE_LIMIT requests a minute (counted in Django's cache); the
public endpoints, which need no token, count PUBLIC_RATE_LIMIT a minute per client address (the
address sign-in protection reads, behind the trusted proxies), token or not."""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from collegium.accounts.protection import client_address
from collegium.api import services
from collegium.api.models import ApiToken

RATE_LIMIT = 120  # requests per token per minute
PUBLIC_RATE_LIMIT = 60  # requests to the public endpoints per client address per minute


class TooManyRequests(Exception):
    """The token, or the address on a public endpoint, has made its requests this minute."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after  # seconds until the next minute starts


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
    if _over(f"api-rate:{token.digest}", RATE_LIMIT):
        raise TooManyRequests(f"A token may make {RATE_LIMIT} requests a minute", 60)


def count_public(request: HttpRequest) -> None:
    """Count a request to a public endpoint against its client address."""
    address = client_address(request) or "unknown"
    if _over(f"api-public-rate:{address}", PUBLIC_RATE_LIMIT):
        detail = (
            f"Without a token, one address may make {PUBLIC_RATE_LIMIT} requests a minute. "
            "Wait until the next minute, or send a personal API token"
        )
        raise TooManyRequests(detail, 60 - timezone.now().second)


def _over(counter: str, limit: int) -> bool:
    """Count one request this minute; whether it is more than `limit`."""
    key = f"{counter}:{timezone.now():%Y%m%d%H%M}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > limit


def token_of(request: Any) -> ApiToken:
    """The token the request was authorised with (set by Ninja as `request.auth`)."""
    token: ApiToken = request.auth
    return token
