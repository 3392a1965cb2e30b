from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from collegium import access
from collegium.navigation import more_for
from collegium.todo import to_dos_for, when


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "to_dos": to_dos_for(request.user, timezone.localdate()),
        "when": when,
        "more": more_for(request),
        "guides": guides_for(request.user),
    }
    return render(request, "home.html", context)


GUIDES = (  # (slug, name): a help page per part people play, collegium/jinja2/help/<slug>.html
    ("head", "If you lead a school"),
    ("governor", "If you are a governor"),
    ("reviewer", "If you are a reviewer"),
    ("lead-reviewer", "If you lead a review team"),
    ("coordinator", "If you coordinate a cluster"),
    ("moderator", "If you are a moderator"),
    ("adjudicator", "If you are an adjudicator"),
    ("network-admin", "If you run the network"),
)


GUIDE_OF = {
    access.SCHOOL_LEADER: "head",
    access.GOVERNOR: "governor",
    access.REVIEWER: "reviewer",
    access.LEAD_REVIEWER: "lead-reviewer",
    access.COORDINATOR: "coordinator",
    access.MODERATOR: "moderator",
    access.ADJUDICATOR: "adjudicator",
    access.NETWORK_ADMIN: "network-admin",
}


def guides_for(user: Any) -> list[tuple[str, str]]:
    """The guides to the parts the person plays, in the order of GUIDES."""
    held = {GUIDE_OF[column] for column in access.roles_of(user).columns() if column in GUIDE_OF}
    return [(slug, name) for slug, name in GUIDES if slug in held]


def help_index(request: HttpRequest) -> HttpResponse:
    return render(request, "help/index.html", {"guides": GUIDES})


def help_guide(request: HttpRequest, role: str) -> HttpResponse:
    if role not in dict(GUIDES):
        raise Http404("No such guide")
    return render(request, f"help/{role}.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest, *args: Any) -> HttpResponse:
    # No request context: the database may be what failed.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
