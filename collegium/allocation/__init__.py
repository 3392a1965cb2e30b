"""Reviewer allocation optimiser (product.md §4): pure Python, no Django.

allocation = allocate(reviews, reviewers, weights=Weights(), rules=Rules(), locked=(),
                      progress=callback)
allocation.teams          # review id → [Assignment(reviewer_id, role, score, reasons)]
allocation.unfilled       # [Unfilled(review_id, role, slots, reason)]
allocation.certificate    # score, lp_bound, gap, hard_violations, worst-off review, …
repaired = repair(allocation, reviews, reviewers, withdrawn={reviewer ids},
                  moved={review id: new week}, locked=(assignments))
repaired.changed          # assignments not in the previous allocation
"""

from collegium.allocation.check import count_violations, pair_breaks
from collegium.allocation.generate import PlainShape, Shape, generate, generate_plain
from collegium.allocation.model import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    Certificate,
    Progress,
    Review,
    Reviewer,
    Rules,
    Unfilled,
    Weights,
)
from collegium.allocation.repair import repair
from collegium.allocation.solve import allocate

__all__ = [
    "LEAD",
    "PEER",
    "Allocation",
    "Assignment",
    "Certificate",
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
    "generate_plain",
    "pair_breaks",
    "repair",
]
