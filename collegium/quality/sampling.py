"""Drawing a term's moderation sample: every review picked for a reason, plus a random share.

A review is in the term's pool when its first day falls in the term and its judgements are
agreed (status agreed or closed). It is always picked when:
- its lead's first accreditation was granted within the 12 months before the review started;
- the agreed levels are, on average, at least 1 level from the school's self-evaluation, over the
  strands both rated;
- the agreed levels are far from the school's context: the mean agreed level on the scale is at
  least 2 levels from the level its latest progress measure suggests (Progress 8 when the school
  has one, else the mean of its key stage 2 reading, writing and maths progress);
- the school raised a concern during the review;
- the school made a complaint about the review (C1);
- the lead agreed a strand that no other member of the team had proposed a level for (R6).
Of the rest, the network's random share (rounded to the nearest review) is drawn with a seed
kept on the sample. A term's sample is drawn once: a second draw is refused. The sample keeps
every review it considered; a review of the term agreed after the draw is a late review, and a
moderator draws the late reviews the same way (draw_late_reviews: each with a reason is picked,
then the sample's random share of the rest), so no review escapes the draw by being agreed late.
Each draw tells the other moderators which reviews it picked, once it commits.
"""

import random
import secrets
from datetime import timedelta
from statistics import fmean

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, QuerySet

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.dates import current_academic_year
from collegium.people.models import Accreditation, Role
from collegium.quality.models import ModerationSample, NetworkModerationSettings, SampledReview
from collegium.quality.terms import Term
from collegium.reviews.models import Judgement, Review, TeamMember
from collegium.reviews.selectors import self_evaluation_for_review
from collegium.reviews.services.judgements import peer_proposed_strands
from collegium.schools.models import KeyStage2Result, KeyStage4Result
from collegium.selfevaluation.selectors import entries_by_strand
from collegium.words import lower_first

Reason = SampledReview.Reason
AGREED = [Review.Status.AGREED, Review.Status.CLOSED]
NEW_LEAD_DAYS = 365
SELF_EVALUATION_GAP = 1.0
CONTEXT_GAP = 2.0
# (lowest value, suggested level): level 1 is the strongest.
KS4_BANDS = ((0.5, 1), (0.0, 2), (-0.5, 3))
KS2_BANDS = ((2.0, 1), (0.0, 2), (-2.0, 3))
Pick = tuple[Review, list[str]]  # a review picked for moderation, with its reasons


def reviews_in(term: Term) -> QuerySet[Review]:
    """The term's pool: reviews starting in it whose judgements are agreed."""
    return (
        Review.objects.filter(status__in=AGREED)
        .filter(start_date__gte=term.first_day, start_date__lte=term.last_day)
        .select_related("school", "framework_version")
        .order_by("pk")
    )


def led_by_new_lead(review: Review) -> bool:
    lead = TeamMember.objects.filter(review=review, role=TeamMember.Role.LEAD).first()
    if lead is None:
        return False
    first = Accreditation.objects.filter(reviewer_id=lead.reviewer_id).aggregate(Min("granted_on"))
    granted = first["granted_on__min"]
    return granted is not None and timedelta(0) <= review.start_date - granted < timedelta(
        days=NEW_LEAD_DAYS
    )


def agreed_levels(review: Review) -> dict[int, int]:
    judgements = Judgement.objects.filter(review=review, level__isnull=False)
    return {
        strand: level for strand, level in judgements.values_list("strand_id", "level") if level
    }


def far_from_self_evaluation(review: Review) -> bool:
    self_evaluation = self_evaluation_for_review(review)
    if self_evaluation is None:
        return False
    entries = entries_by_strand(self_evaluation)
    agreed = agreed_levels(review)
    own = {strand: entry.level for strand, entry in entries.items() if entry.level is not None}
    gaps = [abs(level - own[strand]) for strand, level in agreed.items() if strand in own]
    return bool(gaps) and fmean(gaps) >= SELF_EVALUATION_GAP


def suggested_level(review: Review) -> int | None:
    """The level the school's latest progress measure up to the review's year suggests."""
    last_year = current_academic_year(review.start_date)  # results of the year just ended
    ks4 = KeyStage4Result.objects.filter(
        school=review.school, year__lte=last_year, progress_8__isnull=False
    ).first()
    if ks4 is not None and ks4.progress_8 is not None:
        return _band(ks4.progress_8, KS4_BANDS)
    for ks2 in KeyStage2Result.objects.filter(school=review.school, year__lte=last_year):
        measures = [ks2.reading_progress, ks2.writing_progress, ks2.maths_progress]
        known = [m for m in measures if m is not None]
        if known:
            return _band(fmean(known), KS2_BANDS)
    return None


def _band(value: float, bands: tuple[tuple[float, int], ...]) -> int:
    return next((level for lowest, level in bands if value >= lowest), len(bands) + 1)


def far_from_context(review: Review) -> bool:
    suggested = suggested_level(review)
    scaled = Judgement.objects.filter(
        review=review, level__isnull=False, strand__met_or_not_met=False
    ).values_list("level", flat=True)
    levels = [level for level in scaled if level is not None]
    return suggested is not None and bool(levels) and abs(fmean(levels) - suggested) >= CONTEXT_GAP


def agreed_without_peer_proposal(review: Review) -> bool:
    agreed = set(Judgement.objects.filter(review=review).values_list("strand_id", flat=True))
    return bool(agreed - peer_proposed_strands(review))


def made_a_complaint(review: Review) -> bool:
    """The school made a complaint about the review (complaints point at the review's report)."""
    return Review.objects.filter(pk=review.pk, report__complaints__isnull=False).exists()


def reasons_for(review: Review) -> list[str]:
    """Every reason the review must be moderated, in the order Reason lists them."""
    checks = [
        (Reason.NEW_LEAD, led_by_new_lead),
        (Reason.SELF_EVALUATION, far_from_self_evaluation),
        (Reason.CONTEXT, far_from_context),
        (Reason.CONCERN, lambda r: r.concerns.exists()),
        (Reason.COMPLAINT, made_a_complaint),
        (Reason.NO_PEER_PROPOSAL, agreed_without_peer_proposal),
    ]
    return [reason.value for reason, check in checks if check(review)]


def random_pick[T](rest: list[T], share: int, seed: int) -> list[T]:
    count = int(len(rest) * share / 100 + 0.5)
    return random.Random(seed).sample(rest, count)


def draw_sample(actor: User, term: Term, seed: int | None = None) -> ModerationSample:
    """Draw the term's sample once; refused if it has been drawn already."""
    if ModerationSample.objects.filter(academic_year=term.academic_year, season=term.season):
        label = lower_first(term.label)
        raise ValidationError(f"The sample for the {label} has already been drawn.")
    share = NetworkModerationSettings.current().random_share
    seed = secrets.randbits(48) if seed is None else seed
    pool = list(reviews_in(term))
    return _save(actor, term, seed, share, pool, _picks(pool, share, seed))


def _picks(pool: list[Review], share: int, seed: int) -> list[Pick]:
    """Every review of the pool with a reason, then `share` percent of the rest at random."""
    picks: dict[int, Pick] = {}
    rest = []
    for review in pool:
        reasons = reasons_for(review)
        if reasons:
            picks[review.pk] = (review, reasons)
        else:
            rest.append(review)
    for review in random_pick(rest, share, seed):
        picks[review.pk] = (review, [Reason.RANDOM.value])
    return sorted(picks.values(), key=lambda pick: pick[0].pk)


def _save(
    actor: User, term: Term, seed: int, share: int, pool: list[Review], picks: list[Pick]
) -> ModerationSample:
    try:
        with transaction.atomic():
            sample = ModerationSample.objects.create(
                academic_year=term.academic_year,
                season=term.season,
                seed=seed,
                random_share=share,
                drawn_by=actor,
            )
            _add(sample, pool, picks)
            after = snapshot(sample) | {"reviews": {r.pk: reasons for r, reasons in picks}}
            record_change(actor, verbs.MODERATION_SAMPLE_DRAWN, sample, None, after)
            _tell_moderators(actor, term, picks)
    except IntegrityError:  # drawn at the same moment by someone else
        raise ValidationError(
            f"The sample for the {lower_first(term.label)} has already been drawn."
        ) from None
    return sample


def _add(sample: ModerationSample, pool: list[Review], picks: list[Pick]) -> None:
    sample.considered.add(*pool)
    SampledReview.objects.bulk_create(
        SampledReview(sample=sample, review=review, reasons=reasons) for review, reasons in picks
    )


def late_reviews(sample: ModerationSample) -> QuerySet[Review]:
    """The term's reviews agreed since its sample was drawn: no draw has considered them yet."""
    return (
        reviews_in(sample.term)
        .exclude(pk__in=sample.considered.values("pk"))
        .exclude(moderation_pick__isnull=False)
    )


def draw_late_reviews(actor: User, term: Term) -> list[SampledReview]:
    """Draw from the term's late reviews as the sample was drawn, with its random share; the
    seed follows from the sample's, so the draw can be re-run."""
    label = lower_first(term.label)
    with transaction.atomic():
        sample = (
            ModerationSample.objects.select_for_update()
            .filter(academic_year=term.academic_year, season=term.season)
            .first()
        )
        if sample is None:
            raise ValidationError(f"The sample for the {label} has not been drawn yet.")
        late = list(late_reviews(sample))
        if not late:
            raise ValidationError(f"No review of the {label} has been agreed since the last draw.")
        seed = sample.seed + sample.considered.count()
        picks = _picks(late, sample.random_share, seed)
        _add(sample, late, picks)
        after = {"late": [r.pk for r in late], "reviews": {r.pk: why for r, why in picks}}
        record_change(actor, verbs.LATE_REVIEWS_DRAWN, sample, None, after)
        _tell_moderators(actor, term, picks)
    return list(SampledReview.objects.filter(review__in=late))


def _tell_moderators(actor: User, term: Term, picks: list[Pick]) -> None:
    """The other moderators share the picked reviews' moderation (the one drawing saw them)."""
    if not picks:
        return
    moderators = User.objects.filter(role_grants__role=Role.MODERATOR).exclude(pk=actor.pk)
    notify(
        moderators.distinct(),
        "moderation-sample-drawn",
        subject=f"Reviews to moderate: {term.label}",
        context={
            "term": lower_first(term.label),
            "schools": sorted(review.school.name for review, _ in picks),
        },
        link=site_link("quality:home"),
    )
