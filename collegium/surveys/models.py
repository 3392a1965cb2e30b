"""Q5: the experience of being reviewed. After the team agrees its judgements, the school's
leader answers a short survey; results are read per lead reviewer and for the network.

QUESTIONS is the one list of questions: the form, the service and the results all read it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class Question:
    field: str  # the ReviewSurvey field holding the rating
    topic: str  # a short name for results tables
    text: str  # the statement the school rates, as asked


QUESTIONS: list[Question] = [
    Question(
        "conduct",
        "Conduct",
        "The review team behaved professionally and treated our staff with courtesy",
    ),
    Question(
        "workload",
        "Workload",
        "What the review asked of our staff was reasonable",
    ),
    Question(
        "usefulness",
        "Usefulness",
        "The review will help our school to improve",
    ),
    Question(
        "evidence",
        "Evidence",
        "The evidence the team gathered supported its judgements",
    ),
]

# 1 to 5, from strongly disagree to strongly agree.
RATINGS: list[tuple[int, str]] = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
]
RATING_LABELS = dict(RATINGS)


def _rating(verbose_name: str) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(verbose_name, choices=RATINGS)


class ReviewSurvey(models.Model):
    """The school's one answer to the survey about one review. Never edited once given."""

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, related_name="survey")
    conduct = _rating("conduct")
    workload = _rating("workload")
    usefulness = _rating("usefulness")
    evidence = _rating("evidence")
    comment = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{q.field}__gte": 1, f"{q.field}__lte": 5}),
                name=f"survey_{q.field}_from_1_to_5",
            )
            for q in QUESTIONS
        ]

    def __str__(self) -> str:
        return f"Survey on the {self.review}"

    def answers(self) -> list[tuple[str, str]]:
        """(statement, answer) for each question, as the school gave them."""
        return [(q.text, RATING_LABELS[getattr(self, q.field)]) for q in QUESTIONS]
