"""The builder's pages for a draft version: scale levels, areas, strands and descriptors.

Each page shows a form; on a valid POST it calls one service in drafts.py, which refuses
(with the reason shown in the error summary) if the version has been published meanwhile.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from collegium import access
from collegium.frameworks import drafts
from collegium.frameworks.forms import (
    AreaForm,
    DescriptorsForm,
    EditAreaForm,
    EditLevelForm,
    EditStrandForm,
    LevelForm,
    StrandForm,
)
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.frameworks.spec import LevelSpec, labels_for
from collegium.frameworks.views.versions import page, to_version
from collegium.pages import posted

Change = Callable[[dict[str, Any]], str]  # makes the change, returns the success message


def _draft(request: HttpRequest, slug: str, number: int) -> FrameworkVersion:
    return access.get_version_for(request.user, slug, number, "framework.edit")


def _handle(
    request: HttpRequest,
    version: FrameworkVersion,
    form: Form,
    change: Change,
    context: dict[str, Any],
    template: str = "form.html",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            done = change(form.cleaned_data)
        except ValidationError as error:
            _take_revision(form, error)
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return to_version(version)
    return page(request, template, {"form": form, "version": version, **context})


def _take_revision(form: Form, error: ValidationError) -> None:
    """After a conflict the person's text stays in the form, now based on the latest revision,
    so that saving again (having checked the other change) replaces it on purpose."""
    if isinstance(error, drafts.StaleEdit):
        form.data = {**form.data, "seen": error.revision}


def _remove(
    request: HttpRequest, version: FrameworkVersion, change: Change, heading: str, warning: str
) -> HttpResponse:
    context = {"heading": heading, "warning": warning}
    return _handle(request, version, Form(posted(request)), change, context, "remove.html")


def add_level(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _draft(request, slug, number)

    def change(data: dict[str, Any]) -> str:
        level = drafts.add_scale_level(request.user, version, **data)
        return f"{level.label} has been added to the scale."

    context = {"heading": "Add a level to the scale", "button": "Add level"}
    context["intro"] = "The new level goes at the weak end of the scale, below the others."
    return _handle(request, version, LevelForm(posted(request)), change, context)


def edit_level(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    level = get_object_or_404(version.scale_levels, pk=pk)
    initial = {"label": level.label, "description": level.description}
    initial["seen"] = drafts.revision(level)

    def change(data: dict[str, Any]) -> str:
        drafts.change_scale_level(request.user, level, **data)
        return f"Level {level.position} has been changed."

    form = EditLevelForm(posted(request), initial=initial)
    context = {"heading": f"Change level {level.position}: {level.label}", "button": "Save"}
    return _handle(request, version, form, change, context)


def remove_level(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    level = get_object_or_404(version.scale_levels, pk=pk)

    def change(data: dict[str, Any]) -> str:
        drafts.remove_scale_level(request.user, level)
        return f"{level.label} has been removed from the scale."

    warning = "The descriptors written for this level are removed too."
    return _remove(request, version, change, f"Remove the level {level.label}?", warning)


def add_area(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _draft(request, slug, number)

    def change(data: dict[str, Any]) -> str:
        area = drafts.add_area(request.user, version, **data)
        return f"Area {area.code} has been added. Add its strands."

    context = {"heading": "Add an area", "button": "Add area"}
    return _handle(request, version, AreaForm(posted(request)), change, context)


def edit_area(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = get_object_or_404(version.areas, pk=pk)
    initial = {"code": area.code, "title": area.title, "description": area.description}
    initial["seen"] = drafts.revision(area)

    def change(data: dict[str, Any]) -> str:
        drafts.change_area(request.user, area, **data)
        return f"Area {area.code} has been changed."

    form = EditAreaForm(posted(request), initial=initial)
    context = {"heading": f"Change area {area.code}", "button": "Save"}
    return _handle(request, version, form, change, context)


def remove_area(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = get_object_or_404(version.areas, pk=pk)

    def change(data: dict[str, Any]) -> str:
        drafts.remove_area(request.user, area)
        return f"Area {area.code} has been removed."

    warning = "Its strands and their descriptors are removed too."
    return _remove(request, version, change, f"Remove area {area.code}, {area.title}?", warning)


def add_strand(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = get_object_or_404(version.areas, pk=pk)

    def change(data: dict[str, Any]) -> str:
        strand = drafts.add_strand(request.user, area, **data)
        return f"Strand {strand.code} has been added to area {area.code}."

    context = {"heading": f"Add a strand to area {area.code}", "button": "Add strand"}
    return _handle(request, version, StrandForm(posted(request)), change, context)


def _strand(version: FrameworkVersion, pk: int) -> Strand:
    return get_object_or_404(Strand.objects.select_related("area"), area__version=version, pk=pk)


def edit_strand(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)
    fields = ["code", "title", "description", "enquiry_question", "met_or_not_met"]

    def change(data: dict[str, Any]) -> str:
        drafts.change_strand(request.user, strand, **data)
        return f"Strand {strand.code} has been changed."

    initial = {name: getattr(strand, name) for name in fields} | {"seen": drafts.revision(strand)}
    form = EditStrandForm(posted(request), initial=initial)
    context = {"heading": f"Change strand {strand.code}", "button": "Save"}
    return _handle(request, version, form, change, context)


def remove_strand(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)

    def change(data: dict[str, Any]) -> str:
        drafts.remove_strand(request.user, strand)
        return f"Strand {strand.code} has been removed."

    heading = f"Remove strand {strand.code}, {strand.title}?"
    return _remove(request, version, change, heading, "Its descriptors are removed too.")


def edit_descriptors(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)
    scale = [LevelSpec(level.label) for level in version.scale_levels.all()]
    labels = labels_for(scale, strand.met_or_not_met)
    seen = drafts.descriptors_revision(strand)
    form = DescriptorsForm(posted(request), strand, labels, seen)

    def change(data: dict[str, Any]) -> str:
        drafts.set_descriptors(request.user, strand, form.texts(), data["seen"])
        return f"The descriptors of strand {strand.code} have been saved."

    context = {
        "heading": f"Level descriptors for strand {strand.code}",
        "intro": "Describe what the strand looks like at each level. Leave a box empty to "
        "remove its descriptor.",
        "button": "Save descriptors",
    }
    if not form.levels:
        context["intro"] = "The framework has no scale yet: add its levels first."
    return _handle(request, version, form, change, context)
