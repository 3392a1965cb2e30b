"""Reviewer severity from a crossed random-effects model of judgements.

    value = intercept + part (fixed) + strand (fixed) + school (random) + reviewer (random)
            + school × reviewer (random, "halo") + error

A reviewer's severity is minus their random effect: positive means their judgements run
lower than other reviewers' on the same schools and strands. Values must be ordered so that
larger is better (e.g. 1 inadequate … 4 outstanding), and are treated as interval scores.
Calibration grades enter as ratings of a pack, which plays the part of a school.

Halo: a reviewer's view of one school is shared by all the strands they rate there, so the
model has a school × reviewer term. Strand effects are estimated within each reviewer's
ratings of a school (a slot); the crossed school + reviewer model is then fitted to the slot
means, whose residual holds halo plus the strands' own noise. Without the term, halo was read
as severity and intervals were too narrow.

Connectedness: reviewers and schools form a graph (a reviewer rated a school). Each
connected part has its own fixed level, so a region whose reviewers and schools never mix
with the rest is not compared with it; ``part`` says which part a reviewer is in (1 = the
largest) and ``parts_`` lists them.

Readings (column ``reading``): "harsher" when the whole interval lies above the threshold,
"more lenient" when it lies below minus the threshold, otherwise "cannot tell" — an interval
that crosses the threshold is never read as within the usual range.
"""

import numpy as np
import pandas as pd
from scipy import stats

from collegium.reliability.crossed import fit_crossed
from collegium.reliability.design import (
    connected_parts,
    factorize_pairs,
    part_design,
    within_slots,
)

READINGS = ("harsher", "more lenient", "cannot tell")


class SeverityModel:
    """Estimate each reviewer's severity with an interval, and flag clearly extreme ones.

    Parameters
    ----------
    confidence : width of the intervals.
    flag_threshold : a reviewer is flagged when their whole interval lies further than this
        from 0 (in judgement points). ``None``: 1.5 standard deviations of reviewer severity
        as estimated by the model, so a flag means "confidently outside the middle 87 %".
    halo : include the school × reviewer term (used when a reviewer rates several strands
        of a school); ``False`` fits the plain crossed model on the ratings.

    Learned attributes: ``severity_`` (DataFrame, one row per reviewer: reviewer, severity,
    low, high, ratings, schools — calibration packs included —, flagged, reading, part),
    ``parts_`` (part, reviewers, schools, ratings), ``variance_components_`` (school,
    reviewer, school_reviewer — halo, 0 without the term —, residual), ``strand_effects_``
    (Series),
    ``intercept_``, ``separation_reliability_`` (how much of the spread of severity
    estimates is real: high is *bad* news, it means reviewers differ), ``flag_threshold_``,
    ``fit_`` (the underlying ``CrossedFit``).
    """

    def __init__(
        self, confidence: float = 0.95, flag_threshold: float | None = None, halo: bool = True
    ) -> None:
        self.confidence = confidence
        self.flag_threshold = flag_threshold
        self.halo = halo

    def fit(
        self,
        ratings: pd.DataFrame,
        school: str = "school",
        reviewer: str = "reviewer",
        strand: str | None = "strand",
        value: str = "value",
    ) -> "SeverityModel":
        columns = [school, reviewer, value] + ([strand] if strand else [])
        frame = ratings[columns].dropna()
        if frame.empty:
            raise ValueError("There are no ratings to fit")
        if not 0 < self.confidence < 1:
            raise ValueError("Confidence must be between 0 and 1")
        school_codes, _ = pd.factorize(frame[school])
        reviewer_codes, reviewers = pd.factorize(frame[reviewer])
        if len(reviewers) < 2:
            raise ValueError("Severity needs at least two reviewers")
        if frame[value].nunique() < 2 or len(frame) <= len(reviewers) + school_codes.max() + 1:
            raise ValueError(
                "Severity needs ratings that differ, and more ratings than reviewers and schools"
            )
        parts = connected_parts(school_codes, reviewer_codes)
        slots, _ = factorize_pairs(pd.Series(school_codes), pd.Series(reviewer_codes))
        y = frame[value].to_numpy(float)
        strands = frame[strand] if strand else None
        if self.halo and slots.max() + 1 < len(y):
            severity, errors = self._fit_slots(
                y, slots, school_codes, reviewer_codes, parts, strands
            )
        else:
            severity, errors = self._fit_ratings(y, school_codes, reviewer_codes, parts, strands)
        counts = frame.groupby(reviewer, sort=False).agg(
            ratings=(school, "size"), schools=(school, "nunique")
        )
        counts["part"] = pd.Series(parts, index=frame.index).groupby(frame[reviewer]).first()
        self._summarise(pd.Series(reviewers), severity, errors, counts)
        self.parts_ = _parts(parts, school_codes, reviewer_codes)
        return self

    def _fit_ratings(
        self,
        y: np.ndarray,
        schools: np.ndarray,
        reviewers: np.ndarray,
        parts: np.ndarray,
        strands: pd.Series | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The crossed model on the ratings themselves (no halo term)."""
        x, levels = _strand_design(strands, len(y))
        x = np.hstack([x, part_design(parts)[:, 1:]])
        severity, errors = self._fit_effects(x, y, schools, reviewers)
        self.variance_components_["school_reviewer"] = 0.0
        self.intercept_ = float(self.fit_.fixed[0])
        effects = np.r_[0.0, self.fit_.fixed[1 : len(levels)]]
        self.strand_effects_ = pd.Series(effects, index=levels, name="effect")
        return severity, errors

    def _fit_slots(
        self,
        y: np.ndarray,
        slots: np.ndarray,
        schools: np.ndarray,
        reviewers: np.ndarray,
        parts: np.ndarray,
        strands: pd.Series | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Strand effects within slots, then the crossed model on slot means (see above)."""
        codes, levels = (
            pd.factorize(strands, sort=True) if strands is not None else (None, pd.Index(["all"]))
        )
        strand_codes = np.zeros(len(y), np.intp) if codes is None else np.asarray(codes, np.intp)
        means, effects, within_ss, df = within_slots(y, slots, strand_codes)
        first = np.unique(slots, return_index=True)[1]
        severity, errors = self._fit_effects(
            part_design(parts[first]), means, schools[first], reviewers[first]
        )
        within = within_ss / df if df > 0 else 0.0
        sizes = np.bincount(slots).astype(float)
        slot_residual = self.variance_components_["residual"]
        self.variance_components_["school_reviewer"] = max(
            slot_residual - within * float(np.mean(1.0 / sizes)), 0.0
        )
        self.variance_components_["residual"] = within
        self.intercept_ = float(self.fit_.fixed[0])
        self.strand_effects_ = pd.Series(effects, index=levels, name="effect")
        return severity, errors

    def _fit_effects(
        self, x: np.ndarray, y: np.ndarray, schools: np.ndarray, reviewers: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Fit the crossed model; return each reviewer's severity and its error variance."""
        # The solver absorbs its first factor cheaply: give it the one with more levels.
        if schools.max() >= reviewers.max():
            fit = fit_crossed(x, y, schools, reviewers)
            var_school, var_reviewer = fit.variance_a, fit.variance_b
            effects, errors = fit.effects_b, fit.error_variance_b
        else:
            fit = fit_crossed(x, y, reviewers, schools)
            var_school, var_reviewer = fit.variance_b, fit.variance_a
            effects, errors = fit.effects_a, fit.error_variance_a
        self.fit_ = fit
        self.variance_components_ = {
            "school": var_school,
            "reviewer": var_reviewer,
            "residual": fit.residual_variance,
        }
        return -effects, errors

    def _summarise(
        self, reviewers: pd.Series, severity: np.ndarray, errors: np.ndarray, counts: pd.DataFrame
    ) -> None:
        z = stats.norm.ppf(0.5 + self.confidence / 2)
        half = z * np.sqrt(errors)
        table = pd.DataFrame(
            {
                "reviewer": reviewers,
                "severity": severity,
                "low": severity - half,
                "high": severity + half,
            }
        ).join(counts, on="reviewer")
        threshold = self.flag_threshold
        if threshold is None:
            threshold = 1.5 * float(np.sqrt(self.variance_components_["reviewer"]))
        self.flag_threshold_ = threshold
        harsher, lenient = table["low"] > threshold, table["high"] < -threshold
        table["flagged"] = harsher | lenient
        table["reading"] = np.select([harsher, lenient], READINGS[:2], READINGS[2])
        table["part"] = table["part"].astype(int)
        self.severity_ = table
        # For shrunken estimates: var(estimates) / (var(estimates) + mean error variance).
        spread = float(np.var(severity))
        self.separation_reliability_ = spread / (spread + float(np.mean(errors)))


def _parts(parts: np.ndarray, schools: np.ndarray, reviewers: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame({"part": parts, "school": schools, "reviewer": reviewers})
    return (
        frame.groupby("part")
        .agg(
            reviewers=("reviewer", "nunique"),
            schools=("school", "nunique"),
            ratings=("school", "size"),
        )
        .reset_index()
    )


def _strand_design(strands: pd.Series | None, n: int) -> tuple[np.ndarray, pd.Index]:
    """Intercept plus treatment-coded strand columns (the first strand is the reference)."""
    if strands is None:
        return np.ones((n, 1)), pd.Index(["all"])
    codes, levels = pd.factorize(strands, sort=True)
    x = np.zeros((len(codes), len(levels)))
    x[:, 0] = 1.0
    rows = codes > 0
    x[np.flatnonzero(rows), codes[rows]] = 1.0
    return x, levels


def severity_drift(
    ratings: pd.DataFrame,
    term: str = "term",
    school: str = "school",
    reviewer: str = "reviewer",
    strand: str | None = "strand",
    value: str = "value",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Each reviewer's severity in each term, on one scale, for charting drift.

    One model is fitted with a separate severity for every (reviewer, term), sharing the
    school and strand effects, so terms are comparable. Returns one row per reviewer and
    term: reviewer, term, severity, low, high, ratings, schools, flagged, reading, part.
    """
    pairs = pd.MultiIndex.from_frame(ratings[[reviewer, term]])
    codes, keys = pd.factorize(pairs)
    frame = ratings.assign(_reviewer_term=codes)
    model = SeverityModel(confidence=confidence).fit(
        frame, school=school, reviewer="_reviewer_term", strand=strand, value=value
    )
    table = model.severity_.rename(columns={"reviewer": "_reviewer_term"})
    pair = keys[table["_reviewer_term"].to_numpy()]
    table.insert(0, reviewer, pair.get_level_values(0))
    table.insert(1, term, pair.get_level_values(1))
    return table.drop(columns="_reviewer_term").sort_values([reviewer, term], ignore_index=True)
