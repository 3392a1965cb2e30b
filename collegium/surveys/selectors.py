"""Q5 results: per lead reviewer, only once enough schools have answered that no one school's
answers can be picked out, and for the network with its response rate."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from collegium import access
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review, TeamMember
from collegium.surveys.models import QUESTIONS, RATINGS, Question, ReviewSurvey

MIN_RESPONSES = 5
ELIGIBLE = [Review.Status.AGREED, Review.Status.CLOSED]
FIELDS = [q.field for q in QUESTIONS]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    mean: float | None
    counts: list[tuple[str, int]]  # (answer, number of schools), strongly disagree first


@dataclass(frozen=True)
class LeadResults:
    lead: ReviewerProfile
    responses: int
    questions: list[QuestionResult]  # empty until MIN_RESPONSES schools have answered

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_RESPONSES

    @property
    def waiting_message(self) -> str:
        return (
            f"Results are shown once at least {MIN_RESPONSES} schools have answered: "
            f"{self.responses} so far"
        )


@dataclass(frozen=True)
class NetworkResults:
    responses: int
    eligible_reviews: int  # reviews whose judgements are agreed, or closed
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.eligible_reviews if self.eligible_reviews else None


def summarise(rows: Sequence[Sequence[int]]) -> list[QuestionResult]:
    """Mean and distribution per question of rating rows in QUESTIONS order."""
    results = []
    for index, question in enumerate(QUESTIONS):
        ratings = [row[index] for row in rows]
        counts = Counter(ratings)
        mean = sum(ratings) / len(ratings) if ratings else None
        results.append(
            QuestionResult(question, mean, [(label, counts[value]) for value, label in RATINGS])
        )
    return results


def _ratings(surveys: QuerySet[ReviewSurvey]) -> list[tuple[int, ...]]:
    return list(surveys.values_list(*FIELDS))


def surveys_led_by(lead: ReviewerProfile) -> QuerySet[ReviewSurvey]:
    """Answers about reviews this person led (one filter call: the same team place)."""
    return ReviewSurvey.objects.filter(
        review__team__reviewer=lead, review__team__role=TeamMember.Role.LEAD
    )


def lead_results(lead: ReviewerProfile) -> LeadResults:
    rows = _ratings(surveys_led_by(lead))
    shown = len(rows) >= MIN_RESPONSES
    return LeadResults(lead, len(rows), summarise(rows) if shown else [])


def network_results() -> NetworkResults:
    surveys = ReviewSurvey.objects.filter(review__status__in=ELIGIBLE)
    rows = _ratings(surveys)
    eligible = Review.objects.filter(status__in=ELIGIBLE).count()
    return NetworkResults(len(rows), eligible, summarise(rows))


def response_counts() -> dict[int, int]:
    """Number of answered surveys per lead reviewer's profile id."""
    places = (
        TeamMember.objects.filter(role=TeamMember.Role.LEAD, review__survey__isnull=False)
        .values("reviewer")
        .annotate(responses=Count("review__survey"))
    )
    return {place["reviewer"]: place["responses"] for place in places}


def leads_with_results(user: Any) -> list[tuple[ReviewerProfile, int]]:
    """Leads with enough answers for results to be shown, of those the person may read, with
    their number of answers."""
    counts = response_counts()
    enough = [pk for pk, responses in counts.items() if responses >= MIN_RESPONSES]
    profiles: Iterable[ReviewerProfile] = ReviewerProfile.objects.filter(
        pk__in=enough
    ).select_related("user")
    return [(lead, counts[lead.pk]) for lead in access.visible(user, "survey.results", profiles)]
