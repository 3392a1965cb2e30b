"""The builder's pages for a draft version: scale levels, areas, strands and descriptors.

Each page shows a form; on a valid POST it calls one service in drafts.py, which refuses
(with the reason shown in the error summary) if the version has been published meanwhile.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse

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
from collegium.frameworks.views.versions import version_url
from collegium.pages import form_page, posted
from collegium.types import AuthenticatedHttpRequest

FORM = "frameworks/form.html"
REMOVE = "frameworks/remove.html"


def _draft(request: HttpRequest, slug: str, number: int) -> FrameworkVersion:
    return access.get_version_for(request.user, slug, number, "framework.edit")


def _take_revision(form: Form) -> Callable[[ValidationError], None]:
    """After a conflict the person's text stays in the form, now based on the latest revision,
    so that saving again (having checked the other change) replaces it on purpose."""

    def refused(error: ValidationError) -> None:
        if isinstance(error, drafts.StaleEdit):
            form.data = {**form.data, "seen": error.revision}
        form.add_error(None, error)

    return refused


@login_required
def add_level(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    version = _draft(request, slug, number)
    intro = "The new level goes at the weak end of the scale, below the others."
    return form_page(
        request,
        LevelForm(posted(request)),
        lambda data: drafts.add_scale_level(request.user, version, **data),
        done=lambda level: f"{level.label} has been added to the scale.",
        next_url=version_url(version),
        page={"version": version, "heading": "Add a level to the scale", "intro": intro}
        | {"button": "Add level"},
        template=FORM,
    )


@login_required
def edit_level(request: AuthenticatedHttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    level = access.get_part(version.scale_levels, pk=pk)
    initial = {"label": level.label, "description": level.description}
    form = EditLevelForm(posted(request), initial=initial | {"seen": drafts.revision(level)})
    return form_page(
        request,
        form,
        lambda data: drafts.change_scale_level(request.user, level, **data),
        done=f"Level {level.position} has been changed.",
        next_url=version_url(version),
        page={"version": version, "heading": f"Change level {level.position}: {level.label}"}
        | {"button": "Save"},
        template=FORM,
        refused=_take_revision(form),
    )


@login_required
def remove_level(
    request: AuthenticatedHttpRequest, slug: str, number: int, pk: int
) -> HttpResponse:
    version = _draft(request, slug, number)
    level = access.get_part(version.scale_levels, pk=pk)
    warning = "The descriptors written for this level are removed too."
    return form_page(
        request,
        Form(posted(request)),
        lambda data: drafts.remove_scale_level(request.user, level),
        done=f"{level.label} has been removed from the scale.",
        next_url=version_url(version),
        page={
            "version": version,
            "heading": f"Remove the level {level.label}?",
            "warning": warning,
        },
        template=REMOVE,
    )


@login_required
def add_area(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    version = _draft(request, slug, number)
    return form_page(
        request,
        AreaForm(posted(request)),
        lambda data: drafts.add_area(request.user, version, **data),
        done=lambda area: f"Area {area.code} has been added. Add its strands.",
        next_url=version_url(version),
        page={"version": version, "heading": "Add an area", "button": "Add area"},
        template=FORM,
    )


@login_required
def edit_area(request: AuthenticatedHttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = access.get_part(version.areas, pk=pk)
    initial = {"code": area.code, "title": area.title, "description": area.description}
    form = EditAreaForm(posted(request), initial=initial | {"seen": drafts.revision(area)})
    return form_page(
        request,
        form,
        lambda data: drafts.change_area(request.user, area, **data),
        done=f"Area {area.code} has been changed.",
        next_url=version_url(version),
        page={"version": version, "heading": f"Change area {area.code}", "button": "Save"},
        template=FORM,
        refused=_take_revision(form),
    )


@login_required
def remove_area(request: AuthenticatedHttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = access.get_part(version.areas, pk=pk)
    heading = f"Remove area {area.code}, {area.title}?"
    warning = "Its strands and their descriptors are removed too."
    return form_page(
        request,
        Form(posted(request)),
        lambda data: drafts.remove_area(request.user, area),
        done=f"Area {area.code} has been removed.",
        next_url=version_url(version),
        page={"version": version, "heading": heading, "warning": warning},
        template=REMOVE,
    )


@login_required
def add_strand(request: AuthenticatedHttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    area = access.get_part(version.areas, pk=pk)
    heading = f"Add a strand to area {area.code}"
    return form_page(
        request,
        StrandForm(posted(request)),
        lambda data: drafts.add_strand(request.user, area, **data),
        done=lambda strand: f"Strand {strand.code} has been added to area {area.code}.",
        next_url=version_url(version),
        page={"version": version, "heading": heading, "button": "Add strand"},
        template=FORM,
    )


def _strand(version: FrameworkVersion, pk: int) -> Strand:
    return access.get_part(Strand.objects.select_related("area"), area__version=version, pk=pk)


@login_required
def edit_strand(request: AuthenticatedHttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)
    fields = ["code", "title", "description", "enquiry_question", "met_or_not_met"]
    initial = {name: getattr(strand, name) for name in fields} | {"seen": drafts.revision(strand)}
    form = EditStrandForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        lambda data: drafts.change_strand(request.user, strand, **data),
        done=f"Strand {strand.code} has been changed.",
        next_url=version_url(version),
        page={"version": version, "heading": f"Change strand {strand.code}", "button": "Save"},
        template=FORM,
        refused=_take_revision(form),
    )


@login_required
def remove_strand(
    request: AuthenticatedHttpRequest, slug: str, number: int, pk: int
) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)
    heading = f"Remove strand {strand.code}, {strand.title}?"
    return form_page(
        request,
        Form(posted(request)),
        lambda data: drafts.remove_strand(request.user, strand),
        done=f"Strand {strand.code} has been removed.",
        next_url=version_url(version),
        page={
            "version": version,
            "heading": heading,
            "warning": "Its descriptors are removed too.",
        },
        template=REMOVE,
    )


@login_required
def edit_descriptors(
    request: AuthenticatedHttpRequest, slug: str, number: int, pk: int
) -> HttpResponse:
    version = _draft(request, slug, number)
    strand = _strand(version, pk)
    scale = [LevelSpec(level.label) for level in version.scale_levels.all()]
    labels = labels_for(scale, strand.met_or_not_met)
    form = DescriptorsForm(posted(request), strand, labels, drafts.descriptors_revision(strand))
    intro = (
        "Describe what the strand looks like at each level. Leave a box empty to remove its "
        "descriptor."
        if form.levels
        else "The framework has no scale yet: add its levels first."
    )
    return form_page(
        request,
        form,
        lambda data: drafts.set_descriptors(request.user, strand, form.texts(), data["seen"]),
        done=f"The descriptors of strand {strand.code} have been saved.",
        next_url=version_url(version),
        page={"version": version, "heading": f"Level descriptors for strand {strand.code}"}
        | {"intro": intro, "button": "Save descriptors"},
        template=FORM,
        refused=_take_revision(form),
    )
