"""What a review keeps from people who may see it, or its cluster, but are not its team."""

import pytest

from collegium.people.models import Role
from collegium.reviews.services.planning import set_focus
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from conftest import grant, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(review, school_a, framework_version):
    se = SelfEvaluation.objects.create(
        school=school_a,
        academic_year=review.start_date.year
        if review.start_date.month >= 9
        else review.start_date.year - 1,
        framework_version=framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
    )
    strand = framework_version.areas.get(code="A1").strands.get(code="A1S1")
    StrandEvaluation.objects.create(
        self_evaluation=se, strand=strand, level=2, narrative="Our phonics is a WEAKNESS."
    )
    return se


@pytest.mark.parametrize("page", ["analysis", "judgements"])
def test_the_team_and_the_school_see_the_self_evaluation(
    page, submitted, review, reviewer, school_leader, client_for
):
    for person in (reviewer, school_leader):
        text = client_for(person).get(f"/reviews/{review.pk}/{page}/").text
        assert "WEAKNESS" in text


@pytest.mark.parametrize("page", ["analysis", "judgements"])
def test_coordinator_and_network_admin_do_not(
    page, submitted, review, coordinator, network_admin, client_for
):
    for person in (coordinator, network_admin):
        response = client_for(person).get(f"/reviews/{review.pk}/{page}/")
        assert response.status_code == 200
        assert "WEAKNESS" not in response.text
        assert "shown to the review team" in response.text.lower()


def test_another_member_schools_leader_cannot_read_the_review_in_the_cluster_history(
    review, school_b, school_leader, cluster, client_for
):
    other_head = grant(make_user("Bea Otherhead"), Role.SCHOOL_LEADER, school=school_b)
    set_focus(school_leader, review, "SECRET weak phonics", "Nia Nominee", "Deputy", 4)
    text = client_for(other_head).get(f"/history/clusters.cluster/{cluster.pk}/").text
    assert "SECRET" not in text
    assert client_for(other_head).get(f"/reviews/{review.pk}/").status_code == 404
    own = client_for(school_leader).get(f"/history/reviews.review/{review.pk}/").text
    assert "SECRET" in own
