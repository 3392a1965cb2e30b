"""Sign-in protection: django-axes counts failed sign-ins in the database, shared by every process.

After AXES_FAILURE_LIMIT failures for one email address, or from one network address, sign-in
is refused for AXES_COOLOFF_TIME without checking the password (so a locked attempt costs no
password hash). The settings are in the "Sign-in protection" block of collegium/settings.py.
"""

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from collegium.accounts.forms import SignInForm


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """Refuses a sign-in while its account or address is locked out; never signs anyone in."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            # Not a sign-in page (the test client's login, the shell): nobody to count.
            return None
        return super().authenticate(request, username, **kwargs)  # type: ignore[no-any-return]


def typed_email(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The email address as sign-in compares it, so NAME@x and name@x count as one account."""
    typed = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(typed).strip().lower()[:254] or None  # axes keeps at most 255 characters


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as seen by the nearest of the trusted proxies.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so with N of them the Nth entry from the right is the visitor's; what lies to its left was
    written by the visitor and may be forged.
    """
    proxies = settings.SIGN_IN_TRUSTED_PROXIES
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",")]
    if proxies and len(chain) >= proxies and _is_address(chain[-proxies]):
        return chain[-proxies]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page saying why sign-in is refused and how to get back in."""
    form = SignInForm(request, initial={"username": typed_email(request, credentials)})
    context = {
        "form": form,
        "locked_out_minutes": lockout_minutes(),
        "next": request.POST.get("next", ""),
    }
    return render(request, "accounts/sign_in.html", context, status=429)


def lockout_minutes() -> int:
    cool_off = get_cool_off()
    return int(cool_off.total_seconds() // 60) if cool_off else 0
