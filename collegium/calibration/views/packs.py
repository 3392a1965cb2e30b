"""The moderator's pages for calibration exercises: build a pack, open it, invite reviewers,
read the results."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.accounts.models import User
from collegium.calibration import selectors, services
from collegium.calibration.forms import InviteForm, ItemForm, PackForm, SessionForm
from collegium.calibration.models import CalibrationPack, Invitation, PackItem
from collegium.pages import confirm_page, form_page, posted
from collegium.pagination import paginate
from collegium.types import AuthenticatedHttpRequest

PACK_TEMPLATE = "calibration/pack.html"


def _pack_url(pack: CalibrationPack) -> str:
    return reverse("calibration:pack", args=[pack.pk])


@login_required
def packs(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "calibration.manage")

    def shown() -> dict[str, Any]:
        listed, pagination = paginate(request, selectors.packs())
        return {"packs": listed.object_list, "page": listed, "pagination": pagination}

    return form_page(
        request,
        PackForm(posted(request)),
        lambda data: services.create_pack(request.user, data["framework_version"], data["title"]),
        done=lambda made: f"Exercise created: {made.title}. Now add its items",
        next_url=_pack_url,
        page=shown,
        template="calibration/packs.html",
    )


def _pack_context(pack: CalibrationPack) -> dict[str, Any]:
    return {
        "pack": pack,
        "items": selectors.items_of(pack),
        "invitations": list(pack.invitations.select_related("reviewer__user")),
        "labels": dict(pack.framework_version.scale_levels.values_list("position", "label")),
    }


@login_required
def pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)

    def apply(data: dict[str, Any]) -> PackItem:
        strand, evidence, level = data["strand"], data["evidence"], data["reference_level"]
        return services.add_item(request.user, found, strand, evidence, level)

    return form_page(
        request,
        ItemForm(posted(request), found),
        apply,
        done=lambda added: f"Item added for {added.strand.code}",
        next_url=_pack_url(found),
        page=lambda: _pack_context(found),
        template=PACK_TEMPLATE,
    )


def _item_for(pk: int) -> PackItem:
    found = PackItem.objects.select_related("pack__framework_version", "strand").filter(pk=pk)
    if not found.exists():
        raise Http404
    return found.get()


@login_required
def item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = _item_for(pk)

    def apply(data: dict[str, Any]) -> PackItem:
        strand, evidence, level = data["strand"], data["evidence"], data["reference_level"]
        return services.change_item(request.user, found, strand, evidence, level)

    return form_page(
        request,
        ItemForm(posted(request), found.pack, found),
        apply,
        done=lambda changed: f"Item changed for {changed.strand.code}",
        next_url=_pack_url(found.pack),
        page={"item": found, "pack": found.pack},
        template="calibration/item.html",
    )


def _pack_page(pack: CalibrationPack) -> dict[str, Any]:
    """The pack page shown again, with the reason, when one of its buttons is refused."""
    return {"form": ItemForm(None, pack), **_pack_context(pack)}


@login_required
@require_POST
def remove_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = _item_for(pk)
    return confirm_page(
        request,
        lambda: services.remove_item(request.user, found),
        done=f"Item removed for {found.strand.code}",
        next_url=_pack_url(found.pack),
        page=lambda: _pack_page(found.pack),
        template=PACK_TEMPLATE,
    )


@login_required
@require_POST
def open_pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _pack_change(
        request, pk, services.open_pack, "Exercise opened: invited reviewers can now grade"
    )


@login_required
@require_POST
def close_pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _pack_change(request, pk, services.close_pack, "Exercise closed")


@login_required
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    return form_page(
        request,
        InviteForm(posted(request), found),
        lambda data: services.invite(request.user, found, data["reviewers"]),
        done=lambda made: f"{len(made)} reviewer{'' if len(made) == 1 else 's'} invited",
        next_url=_pack_url(found),
        page={"pack": found},
        template="calibration/invite.html",
    )


@login_required
def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)

    def apply(data: dict[str, Any]) -> CalibrationPack:
        return services.set_session(
            request.user,
            found,
            data["session_on"],
            data["session_starts_at"],
            data["session_ends_at"],
            data["session_place"],
            data["grades_due_on"],
        )

    return form_page(
        request,
        SessionForm(posted(request), found),
        apply,
        done=lambda changed: f"Session set for {changed.session_when}",
        next_url=_pack_url(found),
        page={"pack": found},
        template="calibration/session.html",
    )


@login_required
@require_POST
def remove_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _pack_change(request, pk, services.remove_session, "Session removed")


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = Invitation.objects.select_related("pack", "reviewer__user").filter(pk=pk).first()
    if found is None:
        raise Http404
    return confirm_page(
        request,
        lambda: services.withdraw_invitation(request.user, found),
        done=f"{found.reviewer.user.full_name} is no longer invited",
        next_url=_pack_url(found.pack),
        page=lambda: _pack_page(found.pack),
        template=PACK_TEMPLATE,
    )


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    items, reviewers = selectors.results(found)
    invited = found.invitations.count()
    context = {"pack": found, "items": items, "reviewers": reviewers, "invited": invited}
    return render(request, "calibration/results.html", context)


def _pack_change(
    request: AuthenticatedHttpRequest,
    pk: int,
    change: Callable[[User, CalibrationPack], CalibrationPack],
    done: str,
) -> HttpResponse:
    """A button on the pack's page that changes the pack: refused with the reason shown there."""
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    return confirm_page(
        request,
        lambda: change(request.user, found),
        done=done,
        next_url=_pack_url(found),
        page=lambda: _pack_page(found),
        template=PACK_TEMPLATE,
    )
