"""A person's own notifications, newest first, and their choice of emails. Only the person's
own are ever found: another person's notification is "not found"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from collegium import access
from collegium.notifications import services
from collegium.notifications.forms import FrequencyForm
from collegium.notifications.selectors import (
    failed_emails,
    frequency_chosen,
    notifications_of,
    unread_count,
)
from collegium.notifications.services import MAX_ATTEMPTS
from collegium.notifications.todos import ACTION as FAILED_ACTION
from collegium.pages import form_page, posted
from collegium.pagination import paginate
from collegium.types import AuthenticatedHttpRequest


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page, pagination = paginate(request, notifications_of(request.user))
    context = {
        "page": page,
        "rows": [(n, localtime(n.created)) for n in page.object_list],
        "pagination": pagination,
        "unread": unread_count(request.user),
        "frequency": frequency_chosen(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
def failed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The emails the mail server refused, for the network admins."""
    access.require(request.user, FAILED_ACTION)
    page, pagination = paginate(request, failed_emails())
    context = {
        "page": page,
        "rows": [(n, localtime(n.created)) for n in page.object_list],
        "pagination": pagination,
        "max_attempts": MAX_ATTEMPTS,
    }
    return render(request, "notifications/failed.html", context)


@login_required
@require_POST
def read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_part(notifications_of(request.user), pk=pk)
    services.mark_read(request.user, found)
    return redirect("notifications:list")


@login_required
@require_POST
def read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    changed = services.mark_read(request.user)
    if changed:
        messages.success(request, "All your notifications are marked as read.")
    return redirect("notifications:list")


@login_required
def email_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FrequencyForm(posted(request), initial={"frequency": frequency_chosen(request.user)})
    return form_page(
        request,
        form,
        lambda data: services.choose_frequency(request.user, data["frequency"]),
        done="Your email choice is saved.",
        next_url=reverse("notifications:list"),
        page={
            "title": "How we email you",
            "intro": [
                "Every notification is listed on your notifications page. You can also have "
                "each one emailed to you straight away, or have one email a day listing "
                "everything new.",
            ],
            "button": "Save",
            "cancel_url": reverse("notifications:list"),
        },
    )
