"""D2 pages: a school's contextual value added among similar schools (for the school, and in a
review's pre-review analysis), uploading pupil files, the network's list of them and the
template. The figures are stored when a file is uploaded; these pages only read them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.context import selectors, services
from collegium.context.charts import chart
from collegium.context.forms import UploadForm
from collegium.context.models import PRIOR_ATTAINMENT, UNIT, Measure
from collegium.context.reading import COLUMNS, MAX_REPORTED, template_text
from collegium.pages import form_page, posted
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
    return {
        "school": school,
        "standings": [(standing, _chart(standing)) for standing in standings],
        "can_upload": access.can(request.user, "school.upload_pupils", school),
        "prior": PRIOR_ATTAINMENT,
        "points": selectors.points,
        "intake_label": INTAKE_LABELS,
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
        done="The pupil file has been uploaded",
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
