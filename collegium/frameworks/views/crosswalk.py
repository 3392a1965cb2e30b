"""The crosswalk page: pick two published versions, see and change the mappings between them."""

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse

from collegium import access
from collegium.frameworks import selectors, services
from collegium.frameworks.forms import CrosswalkForm, MappingForm
from collegium.frameworks.models import FrameworkVersion, StrandMapping
from collegium.pages import form_page, posted, render_page
from collegium.types import AuthenticatedHttpRequest

TEMPLATE = "frameworks/crosswalk.html"


def _address(one: FrameworkVersion, other: FrameworkVersion) -> str:
    return f"{reverse('frameworks:crosswalk')}?one={one.pk}&other={other.pk}"


@login_required
def crosswalk(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    chosen = CrosswalkForm(request.GET or None, selectors.published_versions())
    if not chosen.is_valid():
        return render_page(request, TEMPLATE, {"chosen": chosen, "form": None})
    one, other = chosen.cleaned_data["one"], chosen.cleaned_data["other"]
    form = MappingForm(posted(request), selectors.strands_of(one), selectors.strands_of(other))
    return form_page(
        request,
        form,
        lambda data: services.add_mapping(
            request.user, form.strand("from_strand"), form.strand("to_strand")
        ),
        done=lambda mapping: f"{mapping} has been added to the crosswalk.",
        next_url=_address(one, other),
        page=lambda: (
            {"chosen": chosen, "one": one, "other": other}
            | {"mappings": selectors.mappings_between(one, other)}
        ),
        template=TEMPLATE,
    )


@login_required
def remove_mapping(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "framework.edit")
    mapping = access.get_part(
        StrandMapping.objects.select_related("from_strand__area__version__framework", "to_strand"),
        pk=pk,
    )
    page = {
        "heading": f"Remove the mapping {mapping}?",
        "warning": "Evidence recorded against one of these strands will no longer show "
        "under the other.",
        "back": reverse("frameworks:crosswalk"),
    }
    return form_page(
        request,
        Form(posted(request)),
        lambda data: services.remove_mapping(request.user, mapping),
        done=f"{mapping} has been removed from the crosswalk.",
        next_url=reverse("frameworks:crosswalk"),
        page=page,
        template="frameworks/remove.html",
    )
