"""Shapes every people page shares: a form page and a confirmation page."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

PER_PAGE = 25


def form_page(
    request: HttpRequest,
    form: forms.Form,
    apply: Callable[[dict[str, Any]], object],
    *,
    done: str,
    next_url: str,
    page: dict[str, Any],
) -> HttpResponse:
    """Validate the form and apply the service, then redirect; or show the form's errors."""
    if request.method == "POST" and form.is_valid():
        try:
            apply(form.cleaned_data)
        except ValidationError as err:
            form.add_error(None, err)
        else:
            messages.success(request, done)
            return redirect(next_url)
    status = 400 if form.errors else 200
    return render(request, "people/form_page.html", {"form": form, **page}, status=status)


def confirm_page(
    request: HttpRequest,
    apply: Callable[[], object],
    *,
    done: str,
    next_url: str,
    page: dict[str, Any],
) -> HttpResponse:
    """A page that asks before an irreversible change; POST makes the change."""
    error = None
    if request.method == "POST":
        try:
            apply()
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            messages.success(request, done)
            return redirect(next_url)
    context = {"error": error, **page}
    return render(request, "people/confirm.html", context, status=400 if error else 200)
