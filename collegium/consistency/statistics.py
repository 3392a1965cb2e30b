"""The figures behind the consistency pages, worked out from the data the pages count.

Only the task worker calls these (`collegium.consistency.figures.refresh`): a fit takes
seconds to minutes at national scale. The results are stored (`models.StoredFigures`) under a
hash of their data, and the pages read the stored results.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from collegium.bias import MIN_SCHOOLS, BiasAudit
from collegium.consistency import data
from collegium.reliability import SeverityModel, reliability_table, severity_drift

logger = logging.getLogger(__name__)
MIN_BIAS_SCHOOLS = MIN_SCHOOLS  # schools in an area, from the audit's power calculation
MIN_REVIEWS = 3  # reviews with two or more reviewers' proposals before reliability is shown
GROUPINGS = {"area": "Framework area", "cluster": "Cluster", "term": "Term"}
STATISTIC_NAMES = {
    "alpha_ordinal": "Krippendorff's alpha (ordinal)",
    "alpha_nominal": "Krippendorff's alpha (nominal)",
    "alpha_interval": "Krippendorff's alpha (interval)",
    "exact_agreement": "Exact agreement",
    "weighted_agreement": "Weighted agreement",
    "icc_a1": "Intraclass correlation ICC(A,1)",
}
# Stored figures of another format (the dataclasses below changed) are worked out again.
FORMAT = 2
# What the models raise on data they cannot fit (e.g. every proposal at one level).
FIT_ERRORS = (ValueError, ZeroDivisionError, FloatingPointError, np.linalg.LinAlgError)


def data_key(*frames: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(frame.to_csv(index=False).encode())
    return digest.hexdigest()


def paired_reviews(ratings: pd.DataFrame) -> int:
    """Reviews with at least one strand rated by two or more reviewers."""
    raters = ratings.groupby("unit")["rater"].nunique()
    units = raters[raters >= 2].index
    return int(ratings.loc[ratings["unit"].isin(units), "review"].nunique())


def _by_framework(ratings: pd.DataFrame, by: str) -> pd.DataFrame:
    """Each framework on its own scale (levels 1…n), so weighted agreement uses its range."""
    tables = [
        reliability_table(frame, by=["framework", by], levels=range(1, int(frame["top"].max()) + 1))
        for _, frame in ratings.groupby("framework", sort=True)
    ]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


@dataclass
class Reliability:
    ratings: int
    reviews: int
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        return self.reviews >= MIN_REVIEWS


def compute_reliability(ratings: pd.DataFrame) -> Reliability:
    result = Reliability(ratings=len(ratings), reviews=paired_reviews(ratings))
    if result.enough:
        result.tables = {by: _by_framework(ratings, by) for by in GROUPINGS}
    return result


@dataclass
class Severity:
    reviewers: int
    table: pd.DataFrame | None = None
    drift: pd.DataFrame | None = None
    threshold: float = 0.0
    separation: float = 0.0
    terms: list[str] = field(default_factory=list)
    reviews: dict[int, list[int]] = field(default_factory=dict)  # each reviewer's reviews
    failed: bool = False


def compute_severity(ratings: pd.DataFrame) -> Severity:
    """Severity from live proposals and calibration grades together (packs count as schools)."""
    result = Severity(reviewers=int(ratings["rater"].nunique()))
    if result.reviewers < 2 or ratings["school"].nunique() < 2:
        return result
    try:
        model = SeverityModel().fit(ratings, school="school", reviewer="rater", strand="strand")
    except FIT_ERRORS as error:
        logger.warning("The severity model could not be fitted: %s", error)
        result.failed = True
        return result
    names = ratings.drop_duplicates("rater").set_index("rater")["reviewer"]
    table = model.severity_.assign(name=model.severity_["reviewer"].map(names))
    result.table = table.sort_values("severity", ascending=False, ignore_index=True)
    result.threshold = float(model.flag_threshold_)
    result.separation = float(model.separation_reliability_)
    result.terms = sorted(ratings["term"].unique())
    by_rater = ratings.dropna(subset=["review"]).groupby("rater")["review"].unique()
    result.reviews = {int(r): sorted(int(pk) for pk in pks) for r, pks in by_rater.items()}
    if len(result.terms) >= 2:
        result.drift = _drift(ratings, names)
    return result


def _drift(ratings: pd.DataFrame, names: pd.Series) -> pd.DataFrame | None:
    try:
        drift = severity_drift(ratings, term="term", school="school", reviewer="rater")
    except FIT_ERRORS as error:
        logger.warning("Severity drift could not be fitted: %s", error)
        return None
    return drift.assign(name=drift["rater"].map(names))


@dataclass
class Bias:
    schools: int
    coefficients: pd.DataFrame | None = None
    distribution: pd.DataFrame | None = None
    labels: dict[str, dict[int, str]] = field(default_factory=dict)
    failed: bool = False
    areas: pd.DataFrame | None = None  # each area's status: audited, too few schools, ...
    warnings: list[str] = field(default_factory=list)
    # Schools whose value added was contextual value added, and those with the DfE's progress.
    with_cva: int = 0
    with_progress: int = 0

    @property
    def enough(self) -> bool:
        return self.coefficients is not None and not self.coefficients.empty


def compute_bias(judgements: pd.DataFrame, context: pd.DataFrame) -> Bias:
    result = Bias(schools=int(judgements["school"].nunique()))
    usable = context.dropna(subset=["value_added", "fsm_quintile"]).drop(columns="pct_fsm")
    if "cva" in usable:
        cva = usable.pop("cva").astype(bool)
        result.with_cva, result.with_progress = int(cva.sum()), int((~cva).sum())
    if len(usable) < 2 or judgements.empty:
        return result
    # A measure that is the same for every school says nothing, and the model cannot take it.
    varying = [c for c in usable.columns if c == "school" or usable[c].nunique() > 1]
    # Each school's own error of contextual value added, even when only one school has it.
    if usable.get("value_added_se", pd.Series(dtype=float)).notna().any():
        varying = list(dict.fromkeys([*varying, "value_added_se"]))
    try:
        audit = BiasAudit().fit(judgements, usable[varying])
    except FIT_ERRORS as error:
        logger.warning("The bias audit could not be fitted: %s", error)
        result.failed = True
        return result
    result.coefficients = audit.coefficients_
    result.distribution = audit.distribution_
    result.areas, result.warnings = audit.areas_, audit.warnings_
    labels = judgements.drop_duplicates(["area", "judgement"])
    for row in labels.itertuples():
        result.labels.setdefault(str(row.area), {})[int(row.judgement)] = str(row.label)
    return result


def live_inputs() -> dict[str, tuple[pd.DataFrame, ...]]:
    """The data each kind of figure is worked out from, read from the database once."""
    ratings = data.live_ratings()
    judgements = data.agreed_judgements()
    with_packs = pd.concat([ratings, data.calibration_ratings()], ignore_index=True)
    return {
        "reliability": (ratings,),
        "severity": (with_packs,),
        "bias": (judgements, data.school_context(judgements["school"].unique())),
    }


COMPUTE: dict[str, Callable[..., Any]] = {
    "reliability": compute_reliability,
    "severity": compute_severity,
    "bias": compute_bias,
}
