"""The moderator's pages for calibration exercises: build a pack, open it, invite reviewers,
read the results."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from collegium import access
from collegium.calibration import selectors, services
from collegium.calibration.forms import InviteForm, ItemForm, PackForm
from collegium.calibration.models import CalibrationPack, PackItem
from collegium.pages import posted
from collegium.pagination import paginate


def _page(request: HttpRequest, template: str, context: dict[str, Any], bad: bool) -> HttpResponse:
    return render(request, f"calibration/{template}", context, status=400 if bad else 200)


def _to_pack(pack: CalibrationPack) -> HttpResponse:
    return redirect("calibration:pack", pack.pk)


@login_required
def packs(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    form = PackForm(posted(request))
    if form.is_valid():
        try:
            made = services.create_pack(
                request.user, form.cleaned_data["framework_version"], form.cleaned_data["title"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Exercise created: {made.title}. Now add its items")
            return _to_pack(made)
    page, pagination = paginate(request, selectors.packs())
    context = {"packs": page.object_list, "page": page, "pagination": pagination, "form": form}
    return _page(request, "packs.html", context, form.is_bound)


def _pack_context(pack: CalibrationPack, form: ItemForm) -> dict[str, Any]:
    return {
        "pack": pack,
        "items": selectors.items_of(pack),
        "invitations": list(pack.invitations.select_related("reviewer__user")),
        "form": form,
        "labels": dict(pack.framework_version.scale_levels.values_list("position", "label")),
    }


@login_required
def pack(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    form = ItemForm(posted(request), found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_item(
                request.user, found, data["strand"], data["evidence"], data["reference_level"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Item added for {data['strand'].code}")
            return _to_pack(found)
    return _page(request, "pack.html", _pack_context(found, form), form.is_bound)


def _item_for(pk: int) -> PackItem:
    found = PackItem.objects.select_related("pack__framework_version", "strand").filter(pk=pk)
    if not found.exists():
        raise Http404
    return found.get()


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = _item_for(pk)
    form = ItemForm(posted(request), found.pack, found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_item(
                request.user, found, data["strand"], data["evidence"], data["reference_level"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Item changed for {data['strand'].code}")
            return _to_pack(found.pack)
    context = {"item": found, "pack": found.pack, "form": form}
    return _page(request, "item.html", context, form.is_bound)


def _act(request: HttpRequest, action: Any, done: str, *args: Any) -> None:
    try:
        action(request.user, *args)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


@login_required
@require_POST
def remove_item(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = _item_for(pk)
    _act(request, services.remove_item, f"Item removed for {found.strand.code}", found)
    return _to_pack(found.pack)


@login_required
@require_POST
def open_pack(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    _act(request, services.open_pack, "Exercise opened: invited reviewers can now grade", found)
    return _to_pack(found)


@login_required
@require_POST
def close_pack(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    _act(request, services.close_pack, "Exercise closed", found)
    return _to_pack(found)


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    form = InviteForm(posted(request), found)
    if form.is_valid():
        try:
            made = services.invite(request.user, found, form.cleaned_data["reviewers"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(made)
            messages.success(request, f"{count} reviewer{'' if count == 1 else 's'} invited")
            return _to_pack(found)
    return _page(request, "invite.html", {"pack": found, "form": form}, form.is_bound)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "calibration.manage")
    found = selectors.pack_for(pk)
    items, reviewers = selectors.results(found)
    invited = found.invitations.count()
    context = {"pack": found, "items": items, "reviewers": reviewers, "invited": invited}
    return _page(request, "results.html", context, False)
