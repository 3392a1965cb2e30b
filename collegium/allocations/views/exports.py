"""Download of an optimiser run's proposed teams as CSV or XLSX (collegium/exports.py): each
review's places, with the reviewer, their home school, role, lock and why they were chosen, and
its empty places. Fetched as the run's page fetches it (`allocation.run`)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.allocations import selectors
from collegium.allocations.models import ProposedPlace
from collegium.exports import table_response
from collegium.reviews.models import Review

HEADERS = [
    "School reviewed",
    "URN",
    "Review starts",
    "Role",
    "Reviewer",
    "Reviewer's school",
    "Locked",
    "Already on the team",
    "Score",
    "Why",
]


def _place_row(review: Review, place: ProposedPlace) -> list[object]:
    return [
        review.school.name,
        review.school_id,
        review.start_date,
        place.get_role_display(),
        place.reviewer.user.full_name,
        place.reviewer.home_school.name,
        place.locked,
        place.on_team,
        round(place.score, 2),
        "; ".join(str(reason) for reason in place.reasons),
    ]


def _gap_row(review: Review, gap: dict[str, Any]) -> list[object]:
    slots = int(gap.get("slots") or 0)
    role = ProposedPlace.Role(gap["role"]).label if gap.get("role") else ""
    empty = f"{slots} empty place{'s' if slots != 1 else ''}" if slots else "Not allocated"
    return [review.school.name, review.school_id, review.start_date, role, empty] + [
        "",
        None,
        None,
        None,
        str(gap.get("reason", "")),
    ]


@require_GET
@login_required
def teams_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = access.get_run_for(request.user, pk)
    teams = selectors.proposal(run) if run.status != run.Status.QUEUED else []
    rows: list[list[object]] = []
    for team in teams:
        rows += [_place_row(team.review, place) for place in team.places]
        rows += [_gap_row(team.review, gap) for gap in team.unfilled]
    return table_response(f"allocation-run-{run.pk}-teams", HEADERS, rows, fmt)
