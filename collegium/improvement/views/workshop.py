"""I1 pages before the plan: a review's improvement page (its agreed priority, the workshop and
the plan or the way to start it), and the coordinator's workshop: scheduled with invitations,
then recorded."""

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.accounts.models import User
from collegium.improvement.forms.plan import RecordWorkshopForm, ScheduleWorkshopForm
from collegium.improvement.models import Workshop
from collegium.improvement.selectors import workshops as selectors
from collegium.improvement.services import workshops
from collegium.pages import form_page, posted, render_page
from collegium.reviews.models import Review
from collegium.types import AuthenticatedHttpRequest
from collegium.words import time_uk


def _review_url(review: Review) -> str:
    return reverse("improvement:review", kwargs={"review_pk": review.pk})


@require_GET
@login_required
def review_page(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk)
    context = {
        "review": review,
        "reason": workshops.not_ready_reason(review),
        "findings": workshops.findings_of(review),
        "workshop": selectors.workshop_of(review),
        "plan": selectors.plan_of(review),
        "today": date.today(),
    }
    return render_page(request, "improvement/plan/review.html", context)


@login_required
def schedule_workshop(request: AuthenticatedHttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(
        request.user, review_pk, "improvement.schedule_workshop"
    )
    workshop = selectors.workshop_of(review)
    initial = {}
    if workshop is not None:
        initial = model_to_dict(
            workshop, ["held_on", "starts_at", "ends_at", "location", "other_attendees"]
        )
        initial["attendees"] = selectors.attendee_ids(workshop)
    choices = workshops.attendee_choices(review)
    form = ScheduleWorkshopForm(posted(request), choices, initial=initial)
    valid = form.is_bound and form.is_valid()
    chosen = selectors.people(form.cleaned_data["attendees"]) if valid else []
    return form_page(
        request,
        form,
        lambda data: workshops.schedule_workshop(
            request.user,
            review,
            data["held_on"],
            data["location"],
            chosen,
            data["other_attendees"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        ),
        done=_scheduled_message(form.cleaned_data, chosen) if valid else "",
        next_url=_review_url(review),
        page={"review": review, "workshop": workshop, "reason": workshops.not_ready_reason(review)},
        template="improvement/plan/workshop_schedule.html",
    )


def _people(count: int) -> str:
    return f"{count} {'person has' if count == 1 else 'people have'}"


def _scheduled_message(data: dict[str, Any], chosen: list[User]) -> str:
    """When the workshop is, and how many are invited (by email, straight away or in their daily
    digest, to those with an email address: the others are named, so that they can be told
    another way)."""
    emailed = workshops.with_email(chosen)
    times = f"{time_uk(data['starts_at'])} to {time_uk(data['ends_at'])}"
    when = f"{data['held_on']:%-d %B %Y}, {times}"
    said = f"The workshop is on {when}. {_people(len(emailed))} been invited by email."
    unreachable = [person.full_name for person in chosen if person not in emailed]
    if unreachable:
        said += (
            f" {', '.join(unreachable)} {'has' if len(unreachable) == 1 else 'have'} no email "
            "address, so please invite them another way."
        )
    return said


@login_required
def record_workshop(request: AuthenticatedHttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk, "improvement.plan")
    workshop = selectors.recorded_workshop(review)
    initial = model_to_dict(workshop, ["other_attendees", "scrutiny", "notes"])
    initial["attended"] = selectors.attendee_ids(workshop)
    form = RecordWorkshopForm(posted(request), workshops.attendee_choices(review), initial=initial)

    def record(data: dict[str, Any]) -> Workshop:
        attended = selectors.people(data["attended"])
        return workshops.record_workshop(
            request.user,
            workshop,
            attended,
            data["other_attendees"],
            data["scrutiny"],
            data["notes"],
        )

    return form_page(
        request,
        form,
        record,
        done="The workshop has been recorded.",
        next_url=_review_url(review),
        page={"review": review, "workshop": workshop},
        template="improvement/plan/workshop_record.html",
    )
