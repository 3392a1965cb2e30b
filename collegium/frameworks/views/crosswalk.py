"""The crosswalk page: pick two published versions, see and change the mappings between them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from collegium import access
from collegium.frameworks import selectors, services
from collegium.frameworks.forms import CrosswalkForm, MappingForm
from collegium.frameworks.models import FrameworkVersion, StrandMapping
from collegium.frameworks.views.versions import page
from collegium.pages import posted


def _address(one: FrameworkVersion, other: FrameworkVersion) -> str:
    return f"{reverse('frameworks:crosswalk')}?one={one.pk}&other={other.pk}"


def crosswalk(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    chosen = CrosswalkForm(request.GET or None, selectors.published_versions())
    if not chosen.is_valid():
        return page(request, "crosswalk.html", {"chosen": chosen, "form": None})
    one, other = chosen.cleaned_data["one"], chosen.cleaned_data["other"]
    form = MappingForm(posted(request), selectors.strands_of(one), selectors.strands_of(other))
    if request.method == "POST" and form.is_valid():
        try:
            mapping = services.add_mapping(
                request.user, form.strand("from_strand"), form.strand("to_strand")
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{mapping} has been added to the crosswalk.")
            return redirect(_address(one, other))
    context = {
        "chosen": chosen,
        "form": form,
        "one": one,
        "other": other,
        "mappings": selectors.mappings_between(one, other),
    }
    return page(request, "crosswalk.html", context)


def remove_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "framework.edit")
    mapping = get_object_or_404(
        StrandMapping.objects.select_related("from_strand__area__version__framework", "to_strand"),
        pk=pk,
    )
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_mapping(request.user, mapping)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{mapping} has been removed from the crosswalk.")
            return redirect("frameworks:crosswalk")
    context = {
        "form": form,
        "heading": f"Remove the mapping {mapping}?",
        "warning": "Evidence recorded against one of these strands will no longer show "
        "under the other.",
        "back": reverse("frameworks:crosswalk"),
    }
    return page(request, "remove.html", context)
