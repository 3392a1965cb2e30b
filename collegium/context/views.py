"""D2 pages: a school's contextual value added among similar schools (for the school, and in a
review's pre-review analysis), uploading pupil files, the network's list of them and the
template. The figures are stored when a file is uploaded; these pages only read them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.context import counts, selectors, services
from collegium.context.charts import chart
from collegium.context.forms import CountsForm, UploadForm
from collegium.context.models import PRIOR_ATTAINMENT, UNIT, Measure
from collegium.context.reading import COLUMNS, MAX_REPORTED, template_text
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.schools.models import School

XLABEL = f"{UNIT.capitalize()} above or below similar intake (95 % interval)"
# The model's covariates as the page names them (collegium/cva/design.py).
INTAKE_LABELS = {
    "prior_attainment": "prior attainment (and its square)",
    "fsm": "free school meals (FSM)",
    "eal": "English as an additional language (EAL)",
    "sen_support": "SEN support",
    "sen_ehcp": "an education, health and care plan",
    "male": "gender",
    "month_in_year": "month of birth",
    "idaci": "the IDACI score of the home area",
}


@require_GET
def school(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "school.value_added")
    return render(request, "context/school.html", _value_added(request, school))


@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewed school's contextual value added, for whoever reads the pre-review analysis."""
    review = access.get_review_for(request.user, pk, "review.view")
    context = _value_added(request, review.school) | {"review": review}
    return render(request, "context/school.html", context)


def _value_added(request: HttpRequest, school: School) -> dict[str, Any]:
    standings = selectors.standings_of(school)
    can_upload = access.can(request.user, "school.upload_pupils", school)
    return {
        "school": school,
        "standings": [(standing, _chart(standing)) for standing in standings],
        "can_upload": can_upload,
        "uploads": selectors.school_files(school)[:5] if can_upload else [],
        "prior": PRIOR_ATTAINMENT,
        "points": selectors.points,
        "intake_label": INTAKE_LABELS,
    }


@require_GET
def similar(request: HttpRequest, urn: int) -> HttpResponse:
    """D3: the school beside its similar schools, its local authority and England (public; the
    contextual value added only for those who may read it)."""
    school = access.get_school_for(request.user, urn)
    return render_page(request, "context/similar.html", _similar(request, school))


@require_GET
def review_similar(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.view")
    return render_page(request, "context/similar.html", _similar(request, review.school, review))


def _similar(request: HttpRequest, school: School, review: Any = None) -> dict[str, Any]:
    return {
        "school": school,
        "review": review,
        "c": selectors.comparison_of(school),
        "value_added": access.can(request.user, "school.value_added", school),
    }


def _chart(standing: selectors.Standing) -> str:
    rows = [
        (row.school.name, row.effect, row.low, row.high, row.school_id == standing.result.school_id)
        for row in reversed(standing.neighbours)
    ]
    return chart("caterpillar", rows, xlabel=XLABEL) if rows else ""


def upload(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "school.upload_pupils")
    return _upload_page(request, school, reverse("context:school", args=[school.urn]))


def upload_network(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "pupils.upload_network")
    return _upload_page(request, None, reverse("context:files"))


def _upload_page(request: HttpRequest, school: School | None, next_url: str) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES or None)

    def apply(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return services.upload_pupil_file(
            request.user,
            school=school,
            year=data["year"],
            measure=data["measure"],
            file_name=upload.name,
            content=upload.read(),
        )

    page = {
        "school": school,
        "columns": COLUMNS,
        "prior": [(Measure(key).label, text) for key, text in PRIOR_ATTAINMENT.items()],
        "max_reported": MAX_REPORTED,
        "cancel_url": next_url,
    }
    return form_page(
        request,
        form,
        apply,
        done=(
            "The pupil file has been uploaded. The contextual value added is being worked "
            "out: this page shows how far it has got"
        ),
        next_url=next_url,
        page=page,
        template="context/upload.html",
        refused=lambda error: form.add_error("file", error),
    )


@require_GET
def files(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "pupils.upload_network")
    page, pagination = paginate(request, selectors.pupil_files())
    return render(request, "context/files.html", {"page": page, "pagination": pagination})


@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """A template pupil file: the header and two made-up pupils."""
    access.require(request.user, "school.upload_pupils")
    response = HttpResponse(template_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pupil-file-template.csv"'
    return response


# D4: census counts and the off-rolling signal.
FUNNEL_X = "Pupils in the year group a year earlier"
FUNNEL_Y = "% of them no longer on roll"


def upload_counts(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "school.upload_pupils")
    return _counts_page(request, school, reverse("context:school", args=[school.urn]))


def upload_counts_network(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "pupils.upload_network")
    return _counts_page(request, None, reverse("context:files"))


def _counts_page(request: HttpRequest, school: School | None, next_url: str) -> HttpResponse:
    form = CountsForm(posted(request), request.FILES or None)

    def apply(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return services.upload_census_counts(
            request.user, school=school, file_name=upload.name, content=upload.read()
        )

    return form_page(
        request,
        form,
        apply,
        done="The census counts have been uploaded",
        next_url=next_url,
        page={"school": school, "cancel_url": next_url, "max_reported": MAX_REPORTED},
        template="context/counts_upload.html",
        refused=lambda error: form.add_error("file", error),
    )


@require_GET
def counts_template(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "school.upload_pupils")
    response = HttpResponse(counts.TEMPLATE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="census-counts-template.csv"'
    return response


@require_GET
def offrolling(request: HttpRequest) -> HttpResponse:
    """Moderators' list of cohorts that shrank more than schools usually lose."""
    access.require(request.user, "offrolling.view")
    flagged = selectors.flagged_schools()
    return render_page(request, "context/offrolling.html", {"flagged": flagged})


@require_GET
def review_offrolling(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewed school's cohorts, each as a question, with the funnel plot."""
    review = access.get_review_for(request.user, pk, "review.view")
    signals = selectors.offrolling_of(review.school)
    page = {"review": review, "school": review.school, "signals": signals}
    return render_page(
        request, "context/review_offrolling.html", page | {"funnel": _funnel(signals)}
    )


def _funnel(signals: list[Any]) -> str:
    if not signals:
        return ""
    own = signals[0]
    rows = [(s.change.before, s.change.share_lost, s is own) for s in selectors.funnel_of(own)]
    return chart("funnel", rows, expected=own.expected, xlabel=FUNNEL_X, ylabel=FUNNEL_Y)
