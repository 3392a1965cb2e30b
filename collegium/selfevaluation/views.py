from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.selectors import published_versions
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.people.dates import current_academic_year
from collegium.schools.models import School
from collegium.selfevaluation import selectors, services
from collegium.selfevaluation.forms import StartForm, StrandForm
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from collegium.types import AuthenticatedHttpRequest


def _self_evaluation(school: School, year: int) -> SelfEvaluation:
    found = selectors.self_evaluation_in(school, year)
    if found is None:
        raise Http404
    return found


def _detail_url(self_evaluation: SelfEvaluation) -> str:
    return reverse(
        "selfevaluation:detail", args=[self_evaluation.school_id, self_evaluation.academic_year]
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A leader's or governor's way in: straight to their school, or a choice of schools."""
    access.require(request.user, "selfevaluation.view")
    page, pagination = paginate(request, selectors.schools_query(request.user))
    schools = page.object_list
    roles = access.roles_of(request.user)
    if page.paginator.count == 1 and schools[0].pk in roles.leads | roles.governs:
        return redirect("selfevaluation:school", schools[0].pk)
    context = {"page": page, "pagination": pagination}
    return render_page(request, "selfevaluation/mine.html", context)


@login_required
def school_years(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "selfevaluation.view")
    context = {
        "school": school,
        "self_evaluations": selectors.self_evaluations_of(school),
        "may_edit": access.can(request.user, "selfevaluation.edit", school),
        "years_to_start": _years_to_start(school),
    }
    return render_page(request, "selfevaluation/school.html", context)


def _years_to_start(school: School) -> list[int]:
    """This academic year and the next, unless already started."""
    this_year = current_academic_year()
    started = {se.academic_year for se in selectors.self_evaluations_of(school)}
    return [year for year in (this_year, this_year + 1) if year not in started]


@login_required
def start(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "selfevaluation.edit")
    form = StartForm(posted(request), published_versions(), _years_to_start(school))
    return form_page(
        request,
        form,
        lambda data: services.start_self_evaluation(
            request.user, school, data["academic_year"], form.chosen_version()
        ),
        done=lambda started: f"You have started the self-evaluation for {started.year_label}.",
        next_url=_detail_url,
        page={"school": school},
        template="selfevaluation/start.html",
    )


@login_required
def detail(request: HttpRequest, urn: int, year: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "selfevaluation.view")
    self_evaluation = _self_evaluation(school, year)
    context = {
        "school": school,
        "self_evaluation": self_evaluation,
        "overview": selectors.overview(self_evaluation),
        "may_edit": access.can(request.user, "selfevaluation.edit", school)
        and not self_evaluation.is_submitted,
    }
    return render_page(request, "selfevaluation/detail.html", context)


@login_required
def strand(request: AuthenticatedHttpRequest, urn: int, year: int, strand_pk: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "selfevaluation.edit")
    self_evaluation = _self_evaluation(school, year)
    entries = self_evaluation.strands.select_related("strand__area", "updated_by")
    entry = access.get_part(entries, strand_id=strand_pk)
    if request.method != "POST" and self_evaluation.is_submitted:
        return redirect(_detail_url(self_evaluation))
    levels = _levels_for(self_evaluation, entry)
    form = StrandForm(posted(request), levels, initial=_initial(entry))
    shown: dict[str, Any] = {"form": form, "conflict": False}

    def refused(error: ValidationError) -> None:
        if isinstance(error, services.EditConflict):
            shown.update(form=_conflicted(request, entry, levels, error), conflict=True)
        else:
            form.add_error(None, error)

    return form_page(
        request,
        form,
        lambda _: _save(request, entry, form),
        done=f"{entry.strand.code} {entry.strand.title} has been saved.",
        next_url=lambda _: _after_save(request, self_evaluation, entry),
        page=lambda: _strand_context(self_evaluation, entry, levels) | shown,
        template="selfevaluation/strand.html",
        refused=refused,
    )


def _levels_for(self_evaluation: SelfEvaluation, entry: StrandEvaluation) -> dict[int, str]:
    labels = scale_labels(self_evaluation.framework_version)
    if not selectors.takes_level(entry.strand, bool(labels)):
        return {}
    return strand_levels(entry.strand, labels)


def _initial(entry: StrandEvaluation) -> dict[str, Any]:
    fields = ("level", "narrative", "evidence", "revision")
    return {name: getattr(entry, name) for name in fields}


def _save(request: AuthenticatedHttpRequest, entry: StrandEvaluation, form: StrandForm) -> None:
    data = form.cleaned_data
    services.save_strand(
        request.user,
        entry,
        form.chosen_level(),
        data["narrative"],
        data["evidence"],
        data["revision"],
    )


def _conflicted(
    request: HttpRequest, entry: StrandEvaluation, levels: dict[int, str], error: ValidationError
) -> StrandForm:
    """The person's answer kept on the page, now based on the saved revision: saving again
    is a choice made having seen the other version."""
    entry.refresh_from_db()
    data = request.POST.copy()
    data["revision"] = str(entry.revision)
    form = StrandForm(data, levels, initial=_initial(entry))
    form.is_valid()
    form.add_error(None, error)
    return form


def _after_save(
    request: HttpRequest, self_evaluation: SelfEvaluation, entry: StrandEvaluation
) -> str:
    """The next strand, or the overview after the last one or when the person asked for it."""
    _, after = selectors.neighbours(self_evaluation, entry.strand)
    if after is None or request.POST.get("then") == "overview":
        return _detail_url(self_evaluation)
    return reverse(
        "selfevaluation:strand",
        args=[self_evaluation.school_id, self_evaluation.academic_year, after.pk],
    )


def _strand_context(
    self_evaluation: SelfEvaluation, entry: StrandEvaluation, levels: dict[int, str]
) -> dict[str, Any]:
    descriptors = selectors.descriptors_of(entry.strand)
    scale = {} if entry.strand.met_or_not_met else _scale_descriptions(self_evaluation)
    hints = {level: descriptors.get(level) or scale.get(level, "") for level in levels}
    before, after = selectors.neighbours(self_evaluation, entry.strand)
    return {
        "school": self_evaluation.school,
        "self_evaluation": self_evaluation,
        "entry": entry,
        "levels": levels,
        "hints": hints,
        "previous": before,
        "next": after,
    }


def _scale_descriptions(self_evaluation: SelfEvaluation) -> dict[int, str]:
    levels = self_evaluation.framework_version.scale_levels.all()
    return {level.position: level.description for level in levels}


@login_required
def check(request: AuthenticatedHttpRequest, urn: int, year: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "selfevaluation.edit")
    self_evaluation = _self_evaluation(school, year)
    if request.method != "POST" and self_evaluation.is_submitted:
        return redirect(_detail_url(self_evaluation))

    def context() -> dict[str, Any]:
        overview = selectors.overview(self_evaluation)
        return {"school": school, "self_evaluation": self_evaluation, "overview": overview}

    return form_page(
        request,
        Form(posted(request)),
        lambda _: services.submit_self_evaluation(request.user, self_evaluation),
        done=f"Your self-evaluation for {self_evaluation.year_label} has been submitted.",
        next_url=_detail_url(self_evaluation),
        page=context,
        template="selfevaluation/check.html",
    )
