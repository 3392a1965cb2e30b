"""I1 pages before the plan: a review's improvement page (its agreed priority, the workshop and
the plan or the way to start it), and the coordinator's workshop: scheduled with invitations,
then recorded."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from collegium import access
from collegium.accounts.models import User
from collegium.improvement.forms.plan import RecordWorkshopForm, ScheduleWorkshopForm
from collegium.improvement.models import ActionPlan, Workshop
from collegium.improvement.services import workshops
from collegium.pages import posted, render_page


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"improvement/plan/{template}", context)


@require_GET
@login_required
def review_page(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk)
    context = {
        "review": review,
        "reason": workshops.not_ready_reason(review),
        "findings": workshops.findings_of(review),
        "workshop": Workshop.objects.filter(review=review).prefetch_related("attendees").first(),
        "plan": ActionPlan.objects.filter(review=review).first(),
        "today": date.today(),
    }
    return _page(request, "review.html", context)


@login_required
def schedule_workshop(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(
        request.user, review_pk, "improvement.schedule_workshop"
    )
    workshop = Workshop.objects.filter(review=review).first()
    initial = {}
    if workshop is not None:
        initial = model_to_dict(workshop, ["held_on", "location", "other_attendees"])
        initial["attendees"] = list(workshop.attendees.values_list("pk", flat=True))
    choices = workshops.attendee_choices(review)
    form = ScheduleWorkshopForm(posted(request), choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(User.objects.filter(pk__in=data["attendees"]).order_by("full_name"))
        try:
            workshop = workshops.schedule_workshop(
                request.user,
                review,
                data["held_on"],
                data["location"],
                chosen,
                data["other_attendees"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _scheduled_message(workshop, chosen))
            return redirect("improvement:review", review_pk=review.pk)
    context = {"review": review, "form": form, "workshop": workshop}
    context["reason"] = workshops.not_ready_reason(review)
    return _page(request, "workshop_schedule.html", context)


def _people(count: int) -> str:
    return f"{count} {'person has' if count == 1 else 'people have'}"


def _scheduled_message(workshop: Workshop, chosen: list[User]) -> str:
    """When the workshop is, and how many invitations were emailed (only to those with an
    email address: the others are named, so that they can be told another way)."""
    emailed = workshops.with_email(chosen)
    said = f"The workshop is on {workshop.held_on:%-d %B %Y}. {_people(len(emailed))} been emailed."
    unreachable = [person.full_name for person in chosen if person not in emailed]
    if unreachable:
        said += (
            f" {', '.join(unreachable)} {'has' if len(unreachable) == 1 else 'have'} no email "
            "address, so please invite them another way."
        )
    return said


@login_required
def record_workshop(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk, "improvement.plan")
    workshop = get_object_or_404(Workshop, review=review)
    initial = model_to_dict(workshop, ["other_attendees", "scrutiny", "notes"])
    initial["attended"] = list(workshop.attendees.values_list("pk", flat=True))
    choices = workshops.attendee_choices(review)
    form = RecordWorkshopForm(posted(request), choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshops.record_workshop(
                request.user,
                workshop,
                list(User.objects.filter(pk__in=data["attended"])),
                data["other_attendees"],
                data["scrutiny"],
                data["notes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The workshop has been recorded.")
            return redirect("improvement:review", review_pk=review.pk)
    context = {"review": review, "form": form, "workshop": workshop}
    return _page(request, "workshop_record.html", context)
