"""Support is asked for a need of an action plan: the improvement cycle's fixtures (a review of
school A with agreed judgements, and a draft plan with one support need) serve here too."""

from collegium.improvement.tests.conftest import agreed_review, plan

__all__ = ["agreed_review", "plan"]
