"""Review data with known truth in the shapes real networks have, which generate.py does not.

Separate from ``collegium/reliability/generate.py`` (the benchmark's generator) on purpose:

- **clustered reviews**: a review's strands share one school and one team;
- **halo**: each reviewer's view of a school is shared across all the strands they rate there;
- **unequal workloads**: some reviewers sit on many more reviews than others;
- **regional mixing**: reviewers mostly review schools in their own region;
- **a disconnected region**: the last region's reviewers and schools never meet the others,
  and its schools are stronger on average (an offset that is not severity);
- **noisy value added**: the value added the audit sees is the true one plus noise.

A *network* (reviewers, their severities, regions and workloads) is drawn once; each call
of ``draw_reviews`` draws new reviews of that network, so the truth of a statistic over the
network's reviews can be found from one very large draw.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

CUTPOINTS = np.array([-1.0, 0.0, 1.0])  # latent thresholds between levels 1|2, 2|3, 3|4


@dataclass(frozen=True)
class Network:
    severity: NDArray[np.float64]  # true severity of each reviewer (positive = harsher)
    region: NDArray[np.intp]  # each reviewer's region; the last region is isolated
    workload: NDArray[np.float64]  # chance of being picked, relative to others in the region
    regions: int
    isolated: bool


def draw_network(
    n_reviewers: int = 40,
    regions: int = 3,
    severity_sd: float = 0.3,
    isolated: bool = True,
    rng: np.random.Generator | None = None,
) -> Network:
    rng = rng or np.random.default_rng(0)
    return Network(
        severity=rng.normal(0, severity_sd, n_reviewers),
        region=np.arange(n_reviewers) % regions,
        workload=rng.lognormal(0, 0.8, n_reviewers),
        regions=regions,
        isolated=isolated,
    )


def _team(network: Network, region: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """2–4 reviewers, mostly from the school's region; the isolated region keeps to itself."""
    size = int(rng.integers(2, 5))
    last = network.regions - 1
    open_to_all = ~(network.isolated & (network.region == last))
    allowed = network.region == last if network.isolated and region == last else open_to_all
    weight = network.workload * allowed * np.where(network.region == region, 1.0, 0.25)
    return rng.choice(len(weight), size=size, replace=False, p=weight / weight.sum())


def draw_reviews(
    network: Network,
    n_reviews: int = 40,
    n_strands: int = 6,
    halo_sd: float = 0.3,
    noise_sd: float = 0.5,
    levels: bool = True,
    rng: np.random.Generator | None = None,
) -> pd.DataFrame:
    """One row per rating: review, school, reviewer, strand, unit, region, value.

    ``levels``: cut into levels 1…4 (for agreement); otherwise the latent score itself, on
    which severity is exactly what the model estimates.
    """
    rng = rng or np.random.default_rng(0)
    region = rng.integers(0, network.regions, n_reviews)
    offset = np.where(network.isolated & (region == network.regions - 1), 0.5, 0.0)
    quality = rng.normal(0, 0.6, n_reviews) + offset
    strand_effect = rng.normal(0, 0.3, n_strands)
    slots = [(r, int(v)) for r in range(n_reviews) for v in _team(network, region[r], rng)]
    review = np.repeat([s[0] for s in slots], n_strands)
    reviewer = np.repeat([s[1] for s in slots], n_strands)
    strand = np.tile(np.arange(n_strands), len(slots))
    halo = np.repeat(rng.normal(0, halo_sd, len(slots)), n_strands)
    latent = (
        quality[review]
        + strand_effect[strand]
        + halo
        - network.severity[reviewer]
        + rng.normal(0, noise_sd, len(review))
    )
    value = np.searchsorted(CUTPOINTS, latent) + 1.0 if levels else latent
    return pd.DataFrame(
        {
            "review": review,
            "school": review,
            "reviewer": reviewer,
            "strand": strand,
            "unit": review * n_strands + strand,
            "region": region[review],
            "value": value,
        }
    )


def draw_audit(
    n_schools: int,
    n_areas: int = 2,
    reliability: float = 1.0,
    fsm_bias: float = 0.0,
    rng: np.random.Generator | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(judgements, schools) for the bias audit: judgements follow *true* value added.

    The schools' ``value_added`` is observed with noise so that its reliability (share of
    its variance that is real) is ``reliability``; intake goes with true value added.
    """
    rng = rng or np.random.default_rng(0)
    true = rng.normal(0, 1, n_schools)
    noise = np.sqrt((1 - reliability) / reliability) if reliability < 1 else 0.0
    deprivation = -0.5 * true + rng.normal(0, 1, n_schools)
    quintile = pd.qcut(deprivation, 5, labels=False) + 1
    schools = pd.DataFrame(
        {
            "school": np.arange(n_schools),
            "value_added": true + rng.normal(0, noise, n_schools),
            "fsm_quintile": quintile.astype(int),
            "sen": 14 + 2 * deprivation + rng.normal(0, 3, n_schools),
        }
    )
    school = np.repeat(np.arange(n_schools), n_areas)
    area = np.tile(np.arange(n_areas), n_schools)
    latent = (
        1.2 * true[school]
        - fsm_bias * (quintile[school] - 3)
        + rng.normal(0, 0.4, n_schools)[school]
        + rng.logistic(0, 0.6, len(school))
    )
    judgement = np.searchsorted(np.array([-1.0, 0.0, 1.0]), latent) + 1
    judgements = pd.DataFrame({"school": school, "area": area, "judgement": judgement})
    return judgements, schools
