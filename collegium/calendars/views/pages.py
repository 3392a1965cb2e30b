"""The person's calendar page (their feed's address, how to add it, and its reset) and the
feed itself, read by calendar programs without signing in: the secret address is the key."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium.calendars import selectors, services
from collegium.calendars.views.entries import entries_for
from collegium.links import site_link
from collegium.pages import confirm_page, render_page
from collegium.types import AuthenticatedHttpRequest

NEW_ADDRESS = "calendars.new_address"  # a reset's token, shown once on the next page


@require_GET
@login_required
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The address is shown once, when it is made (only its digest is kept): on the first
    visit, and right after a reset."""
    token = request.session.pop(NEW_ADDRESS, None) or services.create_feed(request.user)
    feed = selectors.feed_of(request.user)
    if token is not None and (feed is None or feed.digest != services.digest_of(token)):
        token = None  # reset again since, elsewhere
    context: dict[str, object] = {"feed": feed, "events": len(entries_for(request.user))}
    if token is not None:
        https = site_link("calendars:feed", token)
        context |= {
            "https_url": https,
            "webcal_url": "webcal://" + https.split("://", 1)[1],
            "google_url": "https://calendar.google.com/calendar/r?cid=" + https,
        }
    return render_page(request, "calendars/calendar.html", context)


def _shown_once(request: AuthenticatedHttpRequest, token: str) -> str:
    request.session[NEW_ADDRESS] = token
    return token


@login_required
def reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    back = reverse("calendars:calendar")
    return confirm_page(
        request,
        lambda: _shown_once(request, services.reset_feed(request.user)),
        done="Your calendar has a new address. The old address no longer works.",
        next_url=back,
        page={
            "caption": "Your calendar",
            "title": "Reset your calendar address?",
            "warning": "Calendars using the old address will stop showing your Collegium "
            "events. You will need to add the new address to them.",
            "button": "Reset the address",
            "cancel_url": back,
        },
    )


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.feed_by_token(token)
    if found is None:
        raise Http404("No calendar has this address")
    body = services.feed(f"Collegium: {found.user.full_name}", entries_for(found.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="collegium.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
