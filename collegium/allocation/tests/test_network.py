"""The network shape of the benchmark (`bench/run.py allocate --network`): every school in a
cluster of 3–7 neighbours, a term's reviews of all clusters solved at once, cluster-mates never
on each other's teams."""

from __future__ import annotations

from collections import Counter

from collegium.allocation import NetworkShape, Rules, Weights, allocate, generate_network

from .checker import Run, problems

SHAPE = NetworkShape(reviews=150, reviewers=300, schools=260, trusts=80, towns=4, seed=3)


def test_clusters_hold_three_to_seven_schools_and_never_review_themselves() -> None:
    network = generate_network(SHAPE)
    per_cluster = Counter(network.cluster_of.values())
    assert 260 / 7 <= network.clusters <= 260 / 3
    assert max(per_cluster.values()) <= 7
    by_id = {r.id: r for r in network.reviews}
    for review in network.reviews:
        mates = {by_id[i].school_id for i, c in network.cluster_of.items()
                 if c == network.cluster_of[review.id] and i != review.id}  # fmt: skip
        assert mates <= review.last_cycle_partners
    allocation = allocate(network.reviews, network.reviewers)
    assert problems(Run(network.reviews, network.reviewers, Weights(), Rules()), allocation) == []
    schools = {v.id: v.school_id for v in network.reviewers}
    for a in allocation.assignments:
        assert schools[a.reviewer_id] not in by_id[a.review_id].last_cycle_partners
