"""The network's term dates: everyone signed in reads them; a network admin changes a term or
adds a year from England's usual pattern."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.pages import form_page, posted
from collegium.people.dates import academic_year_label, today
from collegium.reviews.selectors import planned_outside_term
from collegium.termdates import selectors, services
from collegium.termdates.forms import AddYearForm, TermForm
from collegium.termdates.models import SchoolTerm
from collegium.types import AuthenticatedHttpRequest
from collegium.words import lower_first


def _added(year: int) -> str:
    return (
        f"England's usual term dates for {academic_year_label(year)} have been added: "
        "check each term against your local authority's dates."
    )


@login_required
def term_dates(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page lists the terms; posting it adds a year (network admins only)."""
    access.require(request.user, "termdates.edit" if request.method == "POST" else "termdates.view")
    to_add = selectors.years_to_add(today())

    def add(data: dict[str, Any]) -> int:
        year: int = data["year"]
        services.add_year(request.user, year)
        return year

    def context() -> dict[str, Any]:
        may_edit = access.can(request.user, "termdates.edit")
        return {
            "years": selectors.years_with_dates(),
            "to_add": to_add,
            "may_edit": may_edit,
            "outside": planned_outside_term(today()) if may_edit else [],
        }

    return form_page(
        request,
        AddYearForm(posted(request), [year.year for year in to_add]),
        add,
        done=_added,
        next_url=reverse("termdates:list"),
        page=context,
        template="termdates/list.html",
    )


@login_required
def edit_term(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    access.require(request.user, "termdates.edit")
    year, _, season = key.partition("-")
    if not year.isdigit() or len(year) != 4:
        raise Http404
    term = access.get_part(SchoolTerm.objects.all(), academic_year=int(year), season=season)
    initial = {name: getattr(term, name) for name in services.DATE_FIELDS}
    return form_page(
        request,
        TermForm(posted(request), initial=initial),
        lambda data: services.change_term(request.user, term, **data),
        done=f"The {lower_first(term.label)} has been saved.",
        next_url=reverse("termdates:list"),
        page={"term": term},
        template="termdates/edit.html",
    )
