"""V1 a school's surveys for its leaders: the school's page, opening a survey, its link and QR
code, one-time codes, closing it, the numbers the school enters, and the results with their CSV
export (the rule for groups under 10 is the selectors')."""

from typing import Any

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from collegium import access
from collegium.exports import table_response
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.voice import selectors
from collegium.voice.forms import CodesForm, OpenSurveyForm, SizesForm
from collegium.voice.models import Survey
from collegium.voice.services import surveys
from collegium.voice.suppression import FEWER, shown


def survey_url(survey: Survey) -> str:
    return reverse("voice:survey", args=[survey.pk])


def answer_link(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("voice:answer", args=[survey.token]))


@require_GET
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The surveys of the person's school; someone with several schools chooses one."""
    access.require(request.user, "voice.results")
    roles = access.roles_of(request.user)
    schools = selectors.schools_named(roles.leads | roles.governs)
    if len(schools) == 1:
        return redirect("voice:school", schools[0].pk)
    return render_page(request, "voice/mine.html", {"schools": schools})


@require_GET
@login_required
def school(request: HttpRequest, urn: int) -> HttpResponse:
    found = access.get_school_for(request.user, urn, "voice.results")
    context = {
        "school": found,
        "surveys": selectors.surveys_of(found.pk),
        "may_run": access.can(request.user, "voice.run", found),
        "today": timezone.localdate(),
        "shown": shown,
        "fewer": FEWER,
    }
    return render_page(request, "voice/school.html", context)


@login_required
def open_survey(request: HttpRequest, urn: int) -> HttpResponse:
    found = access.get_school_for(request.user, urn, "voice.run")
    form = OpenSurveyForm(posted(request), versions=selectors.published_versions())
    return form_page(
        request,
        form,
        lambda data: surveys.open_survey(request.user, found, **data),
        done="The survey has been opened. Share its link or QR code.",
        next_url=survey_url,
        page={
            "title": "Open a survey",
            "caption": found.name,
            "intro": [
                "Nobody needs an account to answer, and no response keeps a name, email address "
                "or anything about the device it was sent from. Results are shown once 10 people "
                "have answered."
            ],
            "button": "Open the survey",
            "cancel_url": reverse("voice:school", args=[found.pk]),
        },
    )


@login_required
def sizes(request: HttpRequest, urn: int) -> HttpResponse:
    found = access.get_school_for(request.user, urn, "voice.run")
    year = current_academic_year()

    def apply(data: dict[str, Any]) -> None:
        for audience, number in data.items():
            if number is not None:
                surveys.record_size(request.user, found, year, audience, number)

    return form_page(
        request,
        SizesForm(posted(request)),
        apply,
        done="The numbers have been saved",
        next_url=reverse("voice:school", args=[found.pk]),
        page={
            "title": f"Your school community in {academic_year_label(year)}",
            "caption": found.name,
            "intro": ["Response rates are worked out from these. Pupils come from the census."],
            "cancel_url": reverse("voice:school", args=[found.pk]),
        },
    )


@require_GET
@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_voice_survey_for(request.user, pk)
    may_run = access.can(request.user, "voice.run", found)
    context = {
        "survey": found,
        "results": selectors.results_of(found),
        "comments": selectors.comments_of(found) if may_run else [],
        "may_run": may_run,
        "link": answer_link(request, found) if may_run else None,
        "is_open": found.is_open(timezone.localdate()),
        "today": timezone.localdate(),
        "fewer": FEWER,
    }
    return render_page(request, "voice/survey.html", context)


@require_GET
@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_voice_survey_for(request.user, pk)
    header, *rows = selectors.export_rows(selectors.results_of(found))
    return table_response(f"survey-{found.pk}-results", header, rows, "csv")


@require_GET
@login_required
def qr_code(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_voice_survey_for(request.user, pk, "voice.run")
    svg = segno.make(answer_link(request, found), error="m").svg_inline(scale=4, omitsize=True)
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_voice_survey_for(request.user, pk, "voice.run")
    return confirm_page(
        request,
        lambda: surveys.close_survey(request.user, found),
        done="The survey has been closed",
        next_url=survey_url(found),
        page={
            "title": f"Close the {found.get_audience_display().lower()} survey now",
            "summary": "Nobody can answer it after this. The answers already sent are kept.",
            "button": "Close the survey",
            "cancel_url": survey_url(found),
        },
    )


@login_required
def codes(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_voice_survey_for(request.user, pk, "voice.run")
    return form_page(
        request,
        CodesForm(posted(request)),
        lambda data: surveys.issue_codes(request.user, found, data["count"]),
        done=lambda issued: f"{len(issued)} more codes are ready to print",
        next_url=reverse("voice:codes", args=[found.pk]),
        page=lambda: {"survey": found, "codes": surveys.codes_of(found)},
        template="voice/codes.html",
    )
