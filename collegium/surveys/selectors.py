"""Q5 results per lead reviewer and for the network, shown so that no school's answers can be
picked out, alone or as the difference of two figures.

The rule (k = MIN_RESPONSES = 5):
- A lead's figures use their answers in whole batches of 5, oldest first: nothing (not even a
  count) below 5, then 5, 10, 15... So a figure moves only when 5 more schools have answered, and
  the difference of two figures seen before and after covers at least 5 schools.
- The network's figures pool the leads' released batches, and only once at least MIN_LEADS (3)
  leads have some: the network minus any one lead's results (what a lead can subtract) is then the
  pooled answers of at least two other leads, never one school and never one colleague's results.
  Answers not yet in a released batch wait, so the network's figures also move 5 at a time.
- Counts of answers are shown as bands of 5 ("10 to 14"), and the response rate from the band's
  lower end, so a count does not tell when one more school answered.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from collegium import access
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review, TeamMember
from collegium.surveys.models import QUESTIONS, RATINGS, Question, ReviewSurvey
from collegium.types import Person

MIN_RESPONSES = 5
MIN_LEADS = 3
ELIGIBLE = [Review.Status.AGREED, Review.Status.CLOSED]
FIELDS = [q.field for q in QUESTIONS]
Row = tuple[int, ...]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    mean: float | None
    counts: list[tuple[str, int]]  # (answer, number of schools), strongly disagree first


@dataclass(frozen=True)
class LeadResults:
    lead: ReviewerProfile
    included: int  # answers in the figures: 0 or a multiple of MIN_RESPONSES
    questions: list[QuestionResult]  # empty until MIN_RESPONSES schools have answered

    @property
    def shown(self) -> bool:
        return self.included >= MIN_RESPONSES

    @property
    def waiting_message(self) -> str:
        return f"Results are shown once at least {MIN_RESPONSES} schools have answered"


@dataclass(frozen=True)
class NetworkResults:
    responses: int  # every answer: never shown as it is, only in bands of MIN_RESPONSES
    eligible_reviews: int  # reviews whose judgements are agreed, or closed
    included: int  # answers pooled in the figures
    questions: list[QuestionResult]  # empty until MIN_LEADS leads have results

    @property
    def shown(self) -> bool:
        return bool(self.questions)

    @property
    def responses_band(self) -> str:
        low = released_count(self.responses)
        return f"{low} to {low + MIN_RESPONSES - 1}" if low else f"Fewer than {MIN_RESPONSES}"

    @property
    def response_rate(self) -> float | None:
        """At least this share of reviews were answered (from the band's lower end)."""
        low = released_count(self.responses)
        return low / self.eligible_reviews if low and self.eligible_reviews else None


def released_count(answers: int) -> int:
    return answers - answers % MIN_RESPONSES


def released(rows: Sequence[Row]) -> list[Row]:
    """The whole batches of MIN_RESPONSES answers, of rows given oldest first."""
    return list(rows[: released_count(len(rows))])


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


def _oldest_first(surveys: QuerySet[ReviewSurvey]) -> QuerySet[ReviewSurvey]:
    return surveys.filter(review__status__in=ELIGIBLE).order_by("answered_at", "pk")


def surveys_led_by(lead: ReviewerProfile) -> QuerySet[ReviewSurvey]:
    """Answers about reviews this person led (one filter call: the same team place)."""
    return ReviewSurvey.objects.filter(
        review__team__reviewer=lead, review__team__role=TeamMember.Role.LEAD
    )


def lead_results(lead: ReviewerProfile) -> LeadResults:
    rows = released(list(_oldest_first(surveys_led_by(lead)).values_list(*FIELDS)))
    return LeadResults(lead, len(rows), summarise(rows) if rows else [])


def released_by_lead() -> dict[int, list[Row]]:
    """Each lead's released answers, by their reviewer profile's id; leads with none left out."""
    led = ReviewSurvey.objects.filter(review__team__role=TeamMember.Role.LEAD)
    answers: dict[int, list[Row]] = defaultdict(list)
    for lead, *ratings in _oldest_first(led).values_list("review__team__reviewer", *FIELDS):
        answers[lead].append(tuple(ratings))
    batches = {lead: released(rows) for lead, rows in answers.items()}
    return {lead: rows for lead, rows in batches.items() if rows}


def network_results() -> NetworkResults:
    batches = released_by_lead()
    pooled = [row for rows in batches.values() for row in rows]
    shown = len(batches) >= MIN_LEADS
    return NetworkResults(
        responses=ReviewSurvey.objects.filter(review__status__in=ELIGIBLE).count(),
        eligible_reviews=Review.objects.filter(status__in=ELIGIBLE).count(),
        included=len(pooled) if shown else 0,
        questions=summarise(pooled) if shown else [],
    )


def leads_with_results(user: Person) -> list[tuple[ReviewerProfile, int]]:
    """Leads whose results are shown, of those the person may read, with the number of answers
    their figures include."""
    counts = {lead: len(rows) for lead, rows in released_by_lead().items()}
    profiles: Iterable[ReviewerProfile] = ReviewerProfile.objects.filter(
        pk__in=counts
    ).select_related("user")
    return [(lead, counts[lead.pk]) for lead in access.visible(user, "survey.results", profiles)]
