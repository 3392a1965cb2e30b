"""The privacy notice and accessibility statement (public), a person's own data, a network
admin's page for a person's account (suspend, restore, erase, produce their data) and the
network admin's retention periods with the latest dry run."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.pages import confirm_page, form_page, posted
from collegium.privacy import runs, services
from collegium.privacy.forms import RetentionForm
from collegium.privacy.models import RetentionRun, RetentionSettings
from collegium.privacy.retention import expired
from collegium.types import AuthenticatedHttpRequest

ACTION = "people.close_accounts"


def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", {"periods": RetentionSettings.current()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/accessibility.html")


def my_data(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "privacy.own_data")
    return render(request, "privacy/my_data.html")


@login_required
def download_my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "privacy.own_data")
    return _zip(services.data_of(request.user, request.user), request.user)


@login_required
def person(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_person_for(request.user, pk, ACTION)
    context = {"person": found, "erased": services.is_erased(found)}
    return render(request, "privacy/person.html", context)


@login_required
def person_data(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_person_for(request.user, pk, ACTION)
    if request.method == "POST":
        return _zip(services.data_of(request.user, found), found)
    return render(request, "privacy/person_data.html", {"person": found})


@login_required
def suspend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_person_for(request.user, pk, ACTION)
    page = {
        "title": "Suspend this account",
        "warning": "They will be signed out, cannot sign in or use an API token, are not "
        "emailed and are not suggested for review teams until you restore the account.",
        "button": "Suspend the account",
    }
    done = f"{found}'s account has been suspended."
    return _confirm_change(request, found, services.suspend, page, done)


@login_required
def restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_person_for(request.user, pk, ACTION)
    page = {
        "title": "Restore this account",
        "summary": "They can sign in again with their password, and hold the roles they held.",
        "button": "Restore the account",
    }
    done = f"{found}'s account has been restored."
    return _confirm_change(request, found, services.restore, page, done)


@login_required
def erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_person_for(request.user, pk, ACTION)
    alias = services.pseudonym(found)
    page = {
        "title": "Erase this person",
        "summary": f"Their name and email address become “{alias}” everywhere, including the "
        "audit trail. Their job title and the reasons they gave for unavailable dates and "
        "conflicts are removed. Their roles and API tokens end and the account is closed. "
        "Judgements, proposals and statistics keep their values.",
        "warning": "This cannot be undone.",
        "button": "Erase this person",
    }
    done = f"The person has been erased. They are now {alias}."
    return _confirm_change(request, found, services.erase, page, done)


@login_required
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "privacy.retention")
    current = RetentionSettings.current()
    form = RetentionForm(posted(request), initial={f: getattr(current, f) for f in runs.FIELDS})
    return form_page(
        request,
        form,
        lambda data: runs.update_periods(request.user, data),
        done="Retention periods saved",
        next_url=reverse("privacy:retention"),
        page=lambda: _retention_page(),
        template="privacy/retention.html",
    )


def _retention_page() -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "pending": runs.pending_run(),
        "last_carried_out": RetentionRun.objects.exclude(carried_out_on=None).first(),
        "today": expired(today),
        "paused": RetentionSettings.current().paused,
    }


def _confirm_change(
    request: AuthenticatedHttpRequest,
    found: User,
    change: Callable[[User, User], Any],
    page: dict[str, str],
    done: str,
) -> HttpResponse:
    """Confirm a change (a service given the admin and the person) to a person's account."""
    back = _person_url(found)
    page = {**page, "caption": f"{found} ({found.email})", "cancel_url": back}
    return confirm_page(
        request, lambda: change(request.user, found), done=done, next_url=back, page=page
    )


def _person_url(found: User) -> str:
    return reverse("privacy:person", args=[found.pk])


def _zip(data: bytes, found: User) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    name = f"collegium-data-{found.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
