from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from collegium.complaints.selectors import steps_for as complaint_steps
from collegium.improvement.selectors.next_steps import next_steps
from collegium.safeguarding.selectors import steps_for as safeguarding_steps
from collegium.support.selectors.lists import steps_for as support_steps


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Complaints first: each has a deadline counted in days, and another party waits on it.
    improvement = next_steps(request.user, today, support_steps(request.user))
    steps = [*complaint_steps(request.user, today), *improvement]
    steps += safeguarding_steps(request.user, today)
    return render(request, "home.html", {"next_steps": steps})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest, *args: Any) -> HttpResponse:
    # No request context: the database may be what failed.
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
