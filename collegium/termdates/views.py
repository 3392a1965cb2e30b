"""The network's term dates: everyone signed in reads them; a network admin changes a term or
adds a year from England's usual pattern."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from collegium import access
from collegium.pages import posted, render_page
from collegium.people.dates import academic_year_label, today
from collegium.reviews.selectors import planned_outside_term
from collegium.termdates import selectors, services
from collegium.termdates.forms import AddYearForm, TermForm
from collegium.termdates.models import SchoolTerm
from collegium.words import lower_first


@login_required
def term_dates(request: HttpRequest) -> HttpResponse:
    """The page lists the terms; posting it adds a year (network admins only)."""
    adding = request.method == "POST"
    access.require(request.user, "termdates.edit" if adding else "termdates.view")
    to_add = selectors.years_to_add(today())
    form = AddYearForm(posted(request), [year.year for year in to_add])
    if adding and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.add_year(request.user, year)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"England's usual term dates for {academic_year_label(year)} have been added: "
                "check each term against your local authority's dates.",
            )
            return redirect("termdates:list")
    may_edit = access.can(request.user, "termdates.edit")
    context = {
        "form": form,
        "years": selectors.years_with_dates(),
        "to_add": to_add,
        "may_edit": may_edit,
        "outside": planned_outside_term(today()) if may_edit else [],
    }
    return render_page(request, "termdates/list.html", context)


@login_required
def edit_term(request: HttpRequest, key: str) -> HttpResponse:
    access.require(request.user, "termdates.edit")
    year, _, season = key.partition("-")
    if not year.isdigit() or len(year) != 4:
        raise Http404
    term = get_object_or_404(SchoolTerm, academic_year=int(year), season=season)
    initial = {name: getattr(term, name) for name in services.DATE_FIELDS}
    form = TermForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_term(request.user, term, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The {lower_first(term.label)} has been saved.")
            return redirect("termdates:list")
    return render_page(request, "termdates/edit.html", {"form": form, "term": term})
