"""A suspended reviewer is not suggested by the optimiser (X5: issue 16), but a member already on
a team stays one of its places until the coordinator removes them."""

import pytest

from collegium.allocations.problem import build
from collegium.reviews.models import TeamMember


def names(cluster) -> set[str]:
    return {reviewer.name for reviewer in build(cluster).reviewers}


@pytest.mark.django_db
def test_a_suspended_reviewer_is_not_a_candidate(cluster, open_review, ready):
    assert "Eli Elm" in names(cluster)
    eli = ready["eli"].user
    eli.is_active = False
    eli.save()
    assert "Eli Elm" not in names(cluster)


@pytest.mark.django_db
def test_a_suspended_member_of_a_team_keeps_their_place(cluster, open_review, ready):
    TeamMember.objects.create(review=open_review, reviewer=ready["eli"], role=TeamMember.Role.PEER)
    eli = ready["eli"].user
    eli.is_active = False
    eli.save()
    assert "Eli Elm" in names(cluster)
