"""Live data for the consistency statistics, as the long tables the pure packages take.

Only reviews whose judgements are agreed (or whose review is closed) count. Levels are stored
with 1 = strongest; the statistics want larger = better, so on a scale of n levels a level
becomes the value n + 1 − level. Strands judged met / not met, ungraded frameworks and
proposals without a level are left out.

A review's **term** is the school term its first day falls in, named by academic year:
autumn 1 September–31 December, spring 1 January–31 March, summer 1 April–31 August (Easter
moves, so this is the nearest fixed rule). Labels such as "2025/26 autumn" sort in time order.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

from collegium.calibration.selectors import calibration_ratings as calibration_grades
from collegium.context.selectors import unshrunk_value_added
from collegium.frameworks.models import ScaleLevel, Strand
from collegium.people.dates import academic_year_label
from collegium.people.models import ReviewerProfile
from collegium.quality.terms import term_of as moderation_term_of
from collegium.reviews.models import Judgement, JudgementProposal, Review
from collegium.schools.models import Census, Finance, KeyStage2Result, KeyStage4Result

COUNTED = (Review.Status.AGREED, Review.Status.CLOSED)
RATING_COLUMNS = [
    "unit",
    "review",
    "strand",
    "rater",
    "reviewer",
    "school",
    "value",
    "top",
    "framework",
    "area",
    "cluster",
    "term",
]
JUDGEMENT_COLUMNS = ["school", "review", "strand", "area", "judgement", "label"]


def calibration_ratings() -> pd.DataFrame:
    """Calibration grades as rows like live_ratings' (each pack standing in for a school), so
    the severity model sees how each reviewer grades the same anonymised evidence."""
    table = calibration_grades()
    if table.empty:
        return pd.DataFrame(columns=["rater", "reviewer", "school", "strand", "value", "term"])
    profiles = ReviewerProfile.objects.filter(pk__in=set(table["reviewer"])).select_related("user")
    names = {p.pk: p.user.full_name for p in profiles}
    codes = dict(Strand.objects.filter(pk__in=set(table["strand"])).values_list("pk", "code"))
    return pd.DataFrame(
        {
            "rater": table["reviewer"],
            "reviewer": table["reviewer"].map(names),
            "school": table["school"],
            "strand": table["strand"].map(codes),
            "value": table["value"].astype(float),
            "term": [term_of(moment.date()) for moment in table["submitted_at"]],
        }
    )


def term_of(day: date) -> str:
    """The school term a date falls in, e.g. "2025/26 autumn" (labels sort in date order)."""
    term = moderation_term_of(day)
    return f"{academic_year_label(term.academic_year)} {term.season}"


def scales() -> dict[int, dict[int, str]]:
    """Each framework version's scale: position → label, 1 = strongest."""
    result: dict[int, dict[int, str]] = {}
    for level in ScaleLevel.objects.order_by("version_id", "position"):
        result.setdefault(level.version_id, {})[level.position] = level.label
    return result


def _area_label(strand: Any) -> str:
    area = strand.area
    return f"{area.version.framework.name}: {area.code} {area.title}"


def _value(level: int | None, scale: dict[int, str] | None) -> int | None:
    if level is None or not scale or level not in scale:
        return None
    return len(scale) + 1 - level


def _latest_proposals(review_id: int | None = None) -> Iterable[JudgementProposal]:
    """Each reviewer's latest proposal per strand, in counted reviews on graded strands."""
    counted = JudgementProposal.objects.filter(
        review__status__in=COUNTED, strand__met_or_not_met=False, level__isnull=False
    )
    proposals = (
        (counted if review_id is None else counted.filter(review_id=review_id))
        .select_related(
            "review__cluster",
            "proposed_by__reviewer__user",
            "strand__area__version__framework",
        )
        .order_by("review_id", "strand_id", "proposed_by__reviewer_id", "-created_at", "-pk")
    )
    seen: set[tuple[int, int, int]] = set()
    for proposal in proposals:
        key = (proposal.review_id, proposal.strand_id, proposal.proposed_by.reviewer_id)
        if key not in seen:
            seen.add(key)
            yield proposal


def live_ratings(review_id: int | None = None) -> pd.DataFrame:
    """One row per (review, strand, reviewer): the reviewer's latest proposed value, in every
    counted review or in one."""
    scale_of = scales()
    rows = []
    for proposal in _latest_proposals(review_id):
        review = proposal.review
        value = _value(proposal.level, scale_of.get(review.framework_version_id))
        if value is None:
            continue
        rows.append(
            {
                "unit": f"{review.pk}:{proposal.strand_id}",
                "review": review.pk,
                "strand": proposal.strand.code,
                "rater": proposal.proposed_by.reviewer_id,
                "reviewer": proposal.proposed_by.reviewer.user.full_name,
                "school": review.school_id,
                "value": value,
                "top": len(scale_of[review.framework_version_id]),
                "framework": proposal.strand.area.version.framework.name,
                "area": _area_label(proposal.strand),
                "cluster": review.cluster.name if review.cluster else "No cluster",
                "term": term_of(review.start_date),
            }
        )
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


def agreed_judgements() -> pd.DataFrame:
    """One row per agreed strand judgement (several per school and area), larger = better.

    The bias audit groups them by framework area and clusters its errors by school.
    """
    scale_of = scales()
    judgements = Judgement.objects.filter(
        review__status__in=COUNTED, strand__met_or_not_met=False, level__isnull=False
    ).select_related("review", "strand__area__version__framework")
    rows = []
    for judgement in judgements:
        scale = scale_of.get(judgement.review.framework_version_id)
        value = _value(judgement.level, scale)
        if value is None or scale is None:
            continue
        rows.append(
            {
                "school": judgement.review.school_id,
                "review": judgement.review_id,
                "strand": judgement.strand.code,
                "area": _area_label(judgement.strand),
                "judgement": value,
                "label": scale[judgement.level or 0],
            }
        )
    return pd.DataFrame(rows, columns=JUDGEMENT_COLUMNS)


def _latest(model: Any, urns: list[int], fields: list[str]) -> pd.DataFrame:
    """Per school, the latest year's non-missing value of each field."""
    rows = model.objects.filter(school_id__in=urns).values("school_id", "year", *fields)
    frame = pd.DataFrame(list(rows), columns=["school_id", "year", *fields])
    frame = frame.sort_values("year").drop(columns="year")
    frame[fields] = frame[fields].astype(float)
    return frame.groupby("school_id").last().reindex(urns)


def _standardised(series: pd.Series) -> pd.Series:
    spread = series.std()
    centred = series - series.mean()
    return centred / spread if pd.notna(spread) and spread > 0 else centred


def value_added(urns: list[int]) -> pd.DataFrame:
    """Each school's value added on one scale: its contextual value added (CVA) where a fit of
    the network's pupil files holds it, else the DfE's progress measure; with ``value_added_se``
    (CVA only) and ``cva`` (which was used).

    CVA is the school's residual before shrinkage (the bias audit shrinks by its own error)
    divided by the fit's spread of schools τ, its standard error likewise. DfE progress is
    KS2 (mean of reading, writing and maths progress) or KS4 Progress 8, each standardised
    across the schools here so that primary and secondary schools share one scale; a school
    with both gets the mean of the two."""
    frame = pd.DataFrame(
        {"value_added": progress(urns), "value_added_se": float("nan"), "cva": False}, index=urns
    )
    for urn, (residual, error, tau) in unshrunk_value_added(urns).items():
        frame.loc[urn, ["value_added", "value_added_se", "cva"]] = [
            residual / tau,
            error / tau,
            True,
        ]
    return frame


def progress(urns: list[int]) -> pd.Series:
    """The DfE progress measures, standardised as `value_added` says."""
    ks2 = _latest(KeyStage2Result, urns, ["reading_progress", "writing_progress", "maths_progress"])
    ks4 = _latest(KeyStage4Result, urns, ["progress_8"])
    both = pd.concat(
        [_standardised(ks2.mean(axis=1, skipna=True)), _standardised(ks4["progress_8"])], axis=1
    )
    return both.mean(axis=1, skipna=True)


def fsm_quintiles(pct_fsm: pd.Series) -> pd.Series:
    """1 (fewest pupils eligible for FSM) to 5 (most), across the schools given."""
    known = pct_fsm.dropna()
    if known.empty:
        return pd.Series(index=pct_fsm.index, dtype=float)
    ranks = known.rank(method="first")
    quintile = ((ranks - 1) * 5 // len(known) + 1).astype(float)
    return quintile.reindex(pct_fsm.index)


def school_context(urns: Iterable[int]) -> pd.DataFrame:
    """One row per school: value_added (with value_added_se and cva: `value_added`),
    fsm_quintile, pct_fsm, sen (% SEN support plus % with an EHC plan), income_per_pupil (£),
    from each school's latest figures."""
    urns = sorted(set(urns))
    census = _latest(Census, urns, ["pct_fsm_ever", "pct_sen_support", "pct_ehc_plan"])
    finance = _latest(Finance, urns, ["income_per_pupil"])
    sen = census[["pct_sen_support", "pct_ehc_plan"]].sum(axis=1, min_count=1)
    measured = value_added(urns)
    frame = pd.DataFrame(
        {
            "school": urns,
            "value_added": measured["value_added"].to_numpy(float),
            "value_added_se": measured["value_added_se"].to_numpy(float),
            "cva": measured["cva"].to_numpy(bool),
            "fsm_quintile": fsm_quintiles(census["pct_fsm_ever"]).to_numpy(),
            "pct_fsm": census["pct_fsm_ever"].to_numpy(),
            "sen": sen.to_numpy(),
            "income_per_pupil": finance["income_per_pupil"].to_numpy(),
        }
    )
    return frame
