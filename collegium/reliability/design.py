"""Shapes of the severity model's design: connected parts, and strand effects within slots.

A *slot* is one reviewer's ratings of one school (a review, or a calibration pack): its
strands share the reviewer's view of that school ("halo"), so they are not independent.
"""

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse
from scipy.sparse import csgraph


def connected_parts(schools: NDArray[np.intp], reviewers: NDArray[np.intp]) -> NDArray[np.intp]:
    """The connected part (1 = most ratings, 2 …) of each rating in the school–reviewer graph.

    Reviewers in different parts never rated a school in common, even through others, so
    their severities cannot be compared: only offsets within a part mean anything.
    """
    n_schools = int(schools.max()) + 1
    n_nodes = n_schools + int(reviewers.max()) + 1
    graph = sparse.coo_array(
        (np.ones(len(schools)), (schools, n_schools + reviewers)), shape=(n_nodes, n_nodes)
    )
    _, labels = csgraph.connected_components(graph, directed=False)
    of_rating = labels[schools]
    sizes = np.bincount(of_rating)
    order = np.argsort(-sizes, kind="stable")  # largest part first
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return np.asarray(rank[of_rating] + 1, np.intp)


def part_design(parts: NDArray[np.intp]) -> NDArray[np.float64]:
    """Intercept plus one column per part after the first: each part keeps its own level."""
    n_parts = int(parts.max())
    x = np.zeros((len(parts), n_parts))
    x[:, 0] = 1.0
    rows = np.flatnonzero(parts > 1)
    x[rows, parts[rows] - 1] = 1.0
    return x


def within_slots(
    y: NDArray[np.float64], slots: NDArray[np.intp], strands: NDArray[np.intp]
) -> tuple[NDArray[np.float64], NDArray[np.float64], float, int]:
    """Strand effects estimated within slots, by alternating means (exact when balanced).

    Returns each slot's mean net of strand effects, the strand effects (first strand 0), the
    within-slot residual sum of squares and its degrees of freedom.
    """
    slot_counts = np.bincount(slots).astype(float)
    strand_counts = np.bincount(strands).astype(float)
    effect = np.zeros(len(strand_counts))
    for _ in range(200):
        slot_mean = np.bincount(slots, y - effect[strands]) / slot_counts
        updated = np.bincount(strands, y - slot_mean[slots]) / strand_counts
        updated -= updated[0]
        done = np.max(np.abs(updated - effect)) < 1e-10
        effect = updated
        if done:
            break
    slot_mean = np.bincount(slots, y - effect[strands]) / slot_counts
    residual = y - slot_mean[slots] - effect[strands]
    df = len(y) - len(slot_counts) - (len(strand_counts) - 1)
    return slot_mean, effect, float(residual @ residual), df


def factorize_pairs(first: pd.Series, second: pd.Series) -> tuple[NDArray[np.intp], pd.Index]:
    """Codes of (first, second) pairs, and the pairs."""
    codes, pairs = pd.factorize(pd.MultiIndex.from_arrays([first, second]))
    return np.asarray(codes, np.intp), pairs
