"""Reads for the moderation pages: terms, a term's sample, a review's moderation and outcome."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from collegium import access
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import Strand
from collegium.people.dates import today
from collegium.quality.models import (
    Moderation,
    ModerationSample,
    NetworkModerationSettings,
    SampledReview,
    StrandModeration,
)
from collegium.quality.sampling import AGREED, late_reviews, reviews_in
from collegium.quality.terms import Term, term_of
from collegium.reviews.models import Judgement, Review
from collegium.reviews.selectors import self_evaluation_for_review
from collegium.selfevaluation.selectors import entries_by_strand
from collegium.types import Person


def terms() -> list[Term]:
    """This term and every term with agreed reviews or a sample, the latest first."""
    found = {term_of(today())}
    starts = Review.objects.filter(status__in=AGREED).values_list("start_date", flat=True)
    found |= {term_of(day) for day in starts}
    found |= {s.term for s in ModerationSample.objects.all()}
    return sorted(found, reverse=True)


def sample_for(term: Term) -> ModerationSample | None:
    return ModerationSample.objects.filter(
        academic_year=term.academic_year, season=term.season
    ).first()


@dataclass(frozen=True)
class PickRow:
    pick: SampledReview
    moderation: Moderation | None


def picks_in(sample: ModerationSample) -> QuerySet[SampledReview]:
    return sample.picks.select_related("review__school").order_by("review__school__name", "pk")


def pick_rows(picks: list[SampledReview]) -> list[PickRow]:
    """The picks shown, each with its review's moderation (one query for them all)."""
    reviews = [pick.review_id for pick in picks]
    moderations = {m.review_id: m for m in Moderation.objects.filter(review_id__in=reviews)}
    return [PickRow(pick, moderations.get(pick.review_id)) for pick in picks]


def pool_size(term: Term) -> int:
    return reviews_in(term).count()


def late_count(sample: ModerationSample) -> int:
    """The term's reviews agreed since its sample was drawn, waiting for a draw."""
    return late_reviews(sample).count()


def awaiting_moderation() -> QuerySet[Review]:
    """When the network requires it, the reviews whose summary waits for their moderation: picked
    or with a moderation started (gates.moderation_is_complete), and not completed."""
    if not NetworkModerationSettings.current().requires_moderation:
        return Review.objects.none()
    done = Moderation.objects.filter(status=Moderation.Status.COMPLETED).values("review_id")
    started = Moderation.objects.values("review_id")
    picked = SampledReview.objects.values("review_id")
    reviews = Review.objects.filter(status__in=AGREED).filter(Q(pk__in=picked) | Q(pk__in=started))
    return reviews.exclude(pk__in=done).select_related("school").order_by("start_date", "pk")


def moderation_of(review: Review) -> Moderation | None:
    return Moderation.objects.filter(review=review).select_related("moderator").first()


@dataclass(frozen=True)
class StrandRow:
    """One strand as the moderator and the team see it."""

    strand: Strand
    judgement: Judgement
    choices: dict[int, str]
    self_evaluation_level: int | None
    self_evaluation_shown: bool  # the person may read the school's self-evaluation
    evidence_shown: bool  # the person may read the team's notes (review.read_evidence)
    moderated: StrandModeration | None

    def label(self, level: int | None) -> str:
        return self.choices.get(level, "Not rated") if level is not None else "Not rated"


def strand_rows(
    review: Review, moderation: Moderation | None, user: Person | None
) -> list[StrandRow]:
    """Each agreed strand; the school's own level only for those the access rule
    review.read_self_evaluation allows (not, say, the coordinator reading the outcome), and the
    cited notes only for those review.read_evidence allows."""
    labels = scale_labels(review.framework_version)
    shown = access.can(user, "review.read_self_evaluation", review)
    evidence_shown = access.can(user, "review.read_evidence", review)
    self_evaluation = self_evaluation_for_review(review) if shown else None  # checked just above
    entries = entries_by_strand(self_evaluation) if self_evaluation else {}
    moderated = {m.strand_id: m for m in moderation.strands.all()} if moderation else {}
    judgements = (
        Judgement.objects.filter(review=review)
        .select_related("strand__area")
        .prefetch_related("evidence__author__reviewer__user")
    )
    rows = []
    for judgement in judgements:
        entry = entries.get(judgement.strand_id)
        rows.append(
            StrandRow(
                strand=judgement.strand,
                judgement=judgement,
                choices=strand_levels(judgement.strand, labels),
                self_evaluation_level=entry.level if entry else None,
                self_evaluation_shown=shown,
                evidence_shown=evidence_shown,
                moderated=moderated.get(judgement.strand_id),
            )
        )
    return rows
