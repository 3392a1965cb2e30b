import html
import re
from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from collegium.allocations.models import AllocationRun, PlaceRequest, ProposedPlace
from collegium.people.dates import current_academic_year
from collegium.people.models import AvailableWeek, CapacityApproval, ReviewerProfile
from collegium.reviews.models import TeamMember
from collegium.schools.models import Phase
from conftest import make_user
from tests.term_time import term_monday


def text_of(response: Any) -> str:
    page = response.content.decode()
    start, end = page.find("<main"), page.find("</main>")
    main = page[start:end] if start >= 0 else page
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).strip()


def is_sign_in_redirect(response: Any) -> bool:
    return response.status_code == 302 and "/account/sign-in/" in response["Location"]


def state() -> list[Any]:
    """Everything a refused request must leave alone."""
    return [
        list(AllocationRun.objects.values_list("pk", "status", "excluded", "reoptimisations")),
        list(ProposedPlace.objects.values_list("pk", "reviewer_id", "role", "locked")),
        list(TeamMember.objects.values_list("pk", "reviewer_id", "role", "locked")),
    ]


def monday_ahead(weeks: int = 2) -> date:
    """The Monday of the first week wholly in term time at least `weeks` weeks ahead."""
    today = date.today()
    return term_monday(after=today + timedelta(days=7 * weeks - today.weekday()))


def make_ready(profile: ReviewerProfile, approver, monday: date, days: int = 10) -> None:
    """Approved days for the year and the review's week marked available."""
    CapacityApproval.objects.create(
        reviewer=profile,
        academic_year=current_academic_year(monday),
        days=days,
        approved_by=approver,
    )
    AvailableWeek.objects.create(reviewer=profile, week_starting=monday)


def make_peer(school, name: str, subject: str = "English") -> ReviewerProfile:
    return ReviewerProfile.objects.create(
        user=make_user(name),
        home_school=school,
        job_title="Assistant head",
        phases=[Phase.PRIMARY],
        subjects=[subject],
        years_in_senior_leadership=4,
    )


def asked(profile):
    return PlaceRequest.objects.get(reviewer=profile)


def place_url(request, decline=False):
    return reverse(f"allocations:{'decline-place' if decline else 'place'}", args=[request.pk])


def answers():
    return list(PlaceRequest.objects.values_list("pk", "reviewer_id", "status", "reason"))
