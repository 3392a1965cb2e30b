"""Reliability of judgements and reviewer severity (product.md Q3): pure, no Django import.

from collegium.reliability import reliability_table, SeverityModel, severity_drift
reliability_table(ratings, by=["area", "term"])      # one row per group and statistic
model = SeverityModel().fit(ratings)                  # model.severity_, .variance_components_
severity_drift(ratings, term="term")                  # severity per reviewer and term
"""

from collegium.reliability.agreement import STATISTICS, point_estimates, unit_statistics
from collegium.reliability.bootstrap import reliability_summary, reliability_table
from collegium.reliability.crossed import CrossedFit, fit_crossed
from collegium.reliability.severity import SeverityModel, severity_drift

__all__ = [
    "STATISTICS",
    "CrossedFit",
    "SeverityModel",
    "fit_crossed",
    "point_estimates",
    "reliability_summary",
    "reliability_table",
    "severity_drift",
    "unit_statistics",
]
