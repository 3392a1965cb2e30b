"""Reads for the coordinator's run page about reviewers' answers (issue 21): who was asked,
who confirmed, declined or did not answer in time, and which places no backup could take."""

from dataclasses import dataclass, field

from collegium.allocations.models import AllocationRun, PlaceRequest
from collegium.reviews.models import Review

Status = PlaceRequest.Status
TAGS = {
    Status.ASKED: "govuk-tag--blue",
    Status.CONFIRMED: "govuk-tag--green",
    Status.DECLINED: "govuk-tag--red",
    Status.TIMED_OUT: "govuk-tag--orange",
}


@dataclass
class Answer:
    request: PlaceRequest
    status: str  # the tag's words
    tag: str  # its colour class
    detail: str  # the due date, the reason, or what happened to the place


@dataclass
class ReviewAnswers:
    review: Review
    answers: list[Answer] = field(default_factory=list)


def _answer(r: PlaceRequest) -> Answer:
    status = ("Backup asked" if r.is_backup else "Asked") if r.is_open else r.get_status_display()
    if r.is_open:
        detail = f"Answer due by {r.due:%-d %B %Y}"
    elif r.status == Status.CONFIRMED:
        detail = f"Confirmed {r.answered_at:%-d %B %Y}" if r.answered_at else "Confirmed"
    elif r.status == Status.DECLINED:
        detail = f"Reason given: {r.reason}" if r.reason else "No reason given"
    else:
        detail = f"No answer by {r.due:%-d %B %Y}"
    if r.unfilled_reason:
        detail += f". {r.unfilled_reason}"
    return Answer(r, status, TAGS[Status(r.status)], detail)


def answers(run: AllocationRun) -> list[ReviewAnswers]:
    """The run's place requests, review by review, in the order they were asked."""
    found: dict[int, ReviewAnswers] = {}
    requests = run.requests.select_related("review__school", "reviewer__user")
    for r in requests:
        found.setdefault(r.review_id, ReviewAnswers(r.review)).answers.append(_answer(r))
    return list(found.values())
