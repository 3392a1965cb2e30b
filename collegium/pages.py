"""Shapes every form page shares.

- `posted`: the submitted data, or None for a page view.
- `render_page`: a page answered 400 when its form has errors, so a refused submission is never
  mistaken for a success.
- `form_page`: a form whose valid submission calls one service; the service's refusal
  (a ValidationError) is shown on the form in its own words and changes nothing.
- `confirm_page`: a page that asks before a change and makes it on POST.
- `json_answer`: a script's submission (the evidence autosave), answered with the service's
  result or its refusal as JSON.

Every view that calls a service on a submission uses `form_page` or `confirm_page`, so no view
catches ValidationError itself.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render

Context = dict[str, Any]
# Where to go once the service has run: a URL, or a function of what the service returned.
NextUrl = str | Callable[[Any], str]
# What to say once it has run: a sentence, or a function of what the service returned.
Done = str | Callable[[Any], str]


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, or None for a page view (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def render_page(request: HttpRequest, template: str, context: Context) -> HttpResponse:
    form = context.get("form")
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    apply: Callable[[dict[str, Any]], Any],
    *,
    done: Done,
    next_url: NextUrl,
    page: Context | Callable[[], Context] | None = None,
    template: str = "form_page.html",
    refused: Callable[[ValidationError], None] | None = None,
    tags: str = "",
) -> HttpResponse:
    """On a valid POST, apply the service to the cleaned data, say `done` and go to `next_url`.

    Otherwise show `template` with the form and `page` (a dict, or a function called after the
    submission so it can show what the refusal changed). A ValidationError from the service is
    added to the form (or handed to `refused`, which may add it to a field). `tags` go on the
    message, for a page that shows it beside what was saved. The page is answered 400 when this
    form has errors, even if the page shows another form as `form` (a page of several forms).
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = apply(form.cleaned_data)
        except ValidationError as error:
            (refused or (lambda err: form.add_error(None, err)))(error)
        else:
            return _done(request, result, done, next_url, tags)
    context = page() if callable(page) else (page or {})
    response = render_page(request, template, {"form": form, **context})
    if form.errors:
        response.status_code = 400
    return response


def confirm_page(
    request: HttpRequest,
    apply: Callable[[], Any],
    *,
    done: Done,
    next_url: NextUrl,
    page: Context | Callable[[], Context],
    template: str = "confirm.html",
) -> HttpResponse:
    """A page that asks before a change; POST makes it, or shows the service's refusal (400).

    `page` may be a function, called only when the page is shown (after a refusal, so it shows
    the state the refusal left; a POST-only button on another page shows that page again).
    """
    error = None
    if request.method == "POST":
        try:
            result = apply()
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            return _done(request, result, done, next_url)
    context = {"error": error, **(page() if callable(page) else page)}
    return render(request, template, context, status=400 if error else 200)


def _done(
    request: HttpRequest, result: Any, done: Done, next_url: NextUrl, tags: str = ""
) -> HttpResponse:
    messages.success(request, done(result) if callable(done) else done, extra_tags=tags)
    return redirect(next_url(result) if callable(next_url) else next_url)


def json_answer(
    apply: Callable[[], Any],
    *,
    answer: Callable[[Any], JsonResponse],
    refused: Callable[[ValidationError], JsonResponse],
) -> JsonResponse:
    """Apply the service for a script and answer its result, or its refusal, as JSON."""
    try:
        result = apply()
    except ValidationError as error:
        return refused(error)
    return answer(result)
