"""V1 answering a survey: public pages, no account, found by the survey's secret link.

No message, session or log line is written for a response. A browser that has answered keeps a
signed cookie saying only that it answered this survey (no identifier), and is told so if it
comes back; staff and governor surveys can also need a one-time code.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.pages import form_page, posted
from collegium.voice import selectors
from collegium.voice.forms import ResponseForm
from collegium.voice.models import Survey
from collegium.voice.services.responses import CODE_REFUSED, submit_response

COOKIE_DAYS = 180
ANSWERED = "answered"


def _cookie(survey: Survey) -> str:
    return f"voice-{survey.pk}"


def has_answered(request: HttpRequest, survey: Survey) -> bool:
    salt = f"voice:{survey.token}"
    return request.get_signed_cookie(_cookie(survey), default=None, salt=salt) == ANSWERED


def _found(request: HttpRequest, token: str) -> Survey:
    found = Survey.objects.select_related("school", "version__bank")
    return access.get_for(request.user, found, "voice.respond", token=token)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    survey = _found(request, token)
    context = {"survey": survey, "is_open": survey.is_open(timezone.localdate())}
    if not context["is_open"] or has_answered(request, survey):
        return render(request, "voice/answer_closed.html", context)
    version = survey.version
    questions, scale = selectors.questions_of(version), selectors.scale_of(version)
    form = ResponseForm(posted(request), survey=survey, questions=questions, scale=scale)

    def refused(error: ValidationError) -> None:
        form.add_error("code" if error.code == CODE_REFUSED else None, error)

    response = form_page(
        request,
        form,
        lambda data: submit_response(survey, form.answers(), data.get("code", "")),
        done="Your answers have been sent",
        next_url=reverse("voice:thanks", args=[survey.token]),
        page=context,
        template="voice/answer.html",
        refused=refused,
    )
    if response.status_code == 302:
        _remember(request, response, survey)
    return response


def _remember(request: HttpRequest, response: HttpResponse, survey: Survey) -> None:
    response.set_signed_cookie(
        _cookie(survey),
        ANSWERED,
        salt=f"voice:{survey.token}",
        max_age=COOKIE_DAYS * 86_400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = _found(request, token)
    if not has_answered(request, survey):
        raise Http404
    return render(request, "voice/thanks.html", {"survey": survey})
