"""Reviewer allocation optimiser (product.md §4): pure Python, no Django.

allocation = allocate(reviews, reviewers, weights=Weights(), rules=Rules(), locked=(),
                      progress=callback, pair_scores={(review id, reviewer id): points})
                          # raises InvalidInput(record, rule) before solving bad input
allocation.teams          # review id → [Assignment(reviewer_id, role, score, reasons)]
allocation.unfilled       # [Unfilled(review_id, role, slots, reason)]
allocation.certificate    # score, lp_bound, gap, hard_violations, worst-off review, …
repaired = repair(allocation, reviews, reviewers, withdrawn={reviewer ids},
                  moved={review id: new week}, locked=(assignments))
repaired.changed          # assignments not in the previous allocation (repair never leaves
                          # more places empty than a fresh solve with the same locks)
"""

from collegium.allocation.check import count_violations, pair_breaks
from collegium.allocation.generate import (
    Network,
    NetworkShape,
    PlainShape,
    Shape,
    generate,
    generate_network,
    generate_plain,
)
from collegium.allocation.model import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    Certificate,
    PairScores,
    Progress,
    Review,
    Reviewer,
    Rules,
    Unfilled,
    Weights,
)
from collegium.allocation.repair import repair
from collegium.allocation.solve import allocate
from collegium.allocation.validate import InvalidInput

__all__ = [
    "LEAD",
    "PEER",
    "Allocation",
    "Assignment",
    "Certificate",
    "InvalidInput",
    "Network",
    "NetworkShape",
    "PairScores",
    "PlainShape",
    "Progress",
    "Review",
    "Reviewer",
    "Rules",
    "Shape",
    "Unfilled",
    "Weights",
    "allocate",
    "count_violations",
    "generate",
    "generate_network",
    "generate_plain",
    "pair_breaks",
    "repair",
]
