"""Reads for the coordinator's run page about reviewers' answers (issue 21): who was asked,
who confirmed, declined or did not answer in time, whose place was taken back, and which places
no backup could take. The reviewer's place page shows the same state (answer_of)."""

from dataclasses import dataclass, field
from datetime import date

from collegium.allocations.models import AllocationRun, PlaceRequest
from collegium.allocations.services.consent import is_cancelled, is_closed, is_past_due
from collegium.people.dates import today as local_today
from collegium.reviews.models import Review
from collegium.words import lower_first

Status = PlaceRequest.Status
TAGS = {
    Status.ASKED: "govuk-tag--blue",
    Status.CONFIRMED: "govuk-tag--green",
    Status.DECLINED: "govuk-tag--red",
    Status.TIMED_OUT: "govuk-tag--orange",
}
WITHDRAWN_TAG = "govuk-tag--grey"


@dataclass
class Answer:
    request: PlaceRequest
    status: str  # the tag's words
    tag: str  # its colour class
    detail: str  # the due date, the reason, or what happened to the place
    open: bool = False  # the reviewer may still confirm or decline


@dataclass
class ReviewAnswers:
    review: Review
    answers: list[Answer] = field(default_factory=list)


def answer_of(r: PlaceRequest, today: date | None = None) -> Answer:
    """The request's true state, worked out from the request itself: a place taken back or
    past its due date is closed even before the daily task times it out."""
    confirmed = f"Confirmed {r.answered_at:%-d %B %Y}" if r.answered_at else "Confirmed"
    if r.status in (Status.ASKED, Status.CONFIRMED) and is_closed(r):
        why = "The review was cancelled" if is_cancelled(r) else "The coordinator changed the team"
        if r.status == Status.CONFIRMED:
            why = f"{confirmed}, then {lower_first(why)}"
        return Answer(r, "Withdrawn", WITHDRAWN_TAG, why)
    if is_past_due(r, today):
        return Answer(r, Status.TIMED_OUT.label, TAGS[Status.TIMED_OUT], _no_answer(r))
    if r.is_open:
        status = "Backup asked" if r.is_backup else "Asked"
        return Answer(r, status, TAGS[Status.ASKED], f"Answer due by {r.due:%-d %B %Y}", True)
    if r.status == Status.CONFIRMED:
        detail = confirmed
    elif r.status == Status.DECLINED:
        detail = f"Reason given: {r.reason}" if r.reason else "No reason given"
    else:
        detail = _no_answer(r)
    return Answer(r, r.get_status_display(), TAGS[Status(r.status)], detail)


def _no_answer(r: PlaceRequest) -> str:
    return f"No answer by {r.due:%-d %B %Y}"


def answers(run: AllocationRun, today: date | None = None) -> list[ReviewAnswers]:
    """The run's place requests, review by review, in the order they were asked."""
    today = today or local_today()
    found: dict[int, ReviewAnswers] = {}
    requests = run.requests.select_related("review__school", "reviewer__user", "member")
    for r in requests:
        answer = answer_of(r, today)
        if r.unfilled_reason:  # for the coordinator: the place is still to fill
            answer.detail += f". {r.unfilled_reason}"
        found.setdefault(r.review_id, ReviewAnswers(r.review)).answers.append(answer)
    return list(found.values())
