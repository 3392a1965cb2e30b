"""X3: the person's API tokens page: make one (shown once), see when each was last used, revoke."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.api import selectors, services
from collegium.api.forms import TokenForm
from collegium.pages import confirm_page, form_page, posted, render_page

SHOWN = "api_token_shown"  # the new token, kept in the session until its page shows it once


def _create(request: HttpRequest, data: dict[str, Any]) -> Any:
    token, secret = services.create_token(request.user, data["name"], data["scope"], data["days"])
    request.session[SHOWN] = secret
    return token


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(posted(request))
    return form_page(
        request,
        form,
        lambda data: _create(request, data),
        done="Your API token has been made",
        next_url=reverse("api:token-made"),
        page={
            "tokens": selectors.tokens_of(request.user),
            "docs_url": reverse("api-v1:openapi-view"),
        },
        template="api/tokens.html",
    )


@require_GET
@login_required
def token_made(request: HttpRequest) -> HttpResponse:
    """The new token, shown once: the session forgets it as the page is made."""
    context = {"secret": request.session.pop(SHOWN, None)}
    return render_page(request, "api/token_made.html", context)


@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.get_part(selectors.tokens_of(request.user), pk=pk)
    return confirm_page(
        request,
        lambda: services.revoke_token(request.user, token),
        done=f"{token} has been revoked",
        next_url=reverse("api:tokens"),
        page={
            "title": f"Revoke {token}?",
            "warning": "Anything using this token will stop working at once.",
            "button": "Revoke token",
            "cancel_url": reverse("api:tokens"),
        },
    )
