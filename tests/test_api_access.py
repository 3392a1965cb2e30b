"""The API walks the same access policy as the pages: for every persona of the access matrix and
every endpoint, the API answers only what the page policy (collegium.access) allows, refuses the
rest with a problem (403 or 404), and lists only what the person may see."""

from typing import Any

import pytest

from collegium import access
from collegium.api.models import ApiToken
from collegium.api.services import create_token
from collegium.api.tests.helpers import call
from collegium.clusters.models import Cluster
from collegium.improvement.models import ActionPlan
from collegium.people.dates import current_academic_year
from collegium.reviews.models import Review
from collegium.selfevaluation.services import start_self_evaluation
from collegium.support.models import SupportRequest
from tests.test_access_matrix import PERSONAS, plan_of, request_between

SIGNED_IN_PERSONAS = [column for column, persona in PERSONAS.items() if persona]


@pytest.fixture
def world(review, school_a, school_b, school_d, cluster, school_leader, framework_version) -> dict:
    """The persona's objects (the review of school A and what hangs on it) and others' (a review
    of school D outside the cluster, with its own plan)."""
    elsewhere = Review.objects.create(
        school=school_d,
        kind=review.kind,
        framework_version=framework_version,
        start_date=review.start_date,
        days=2,
    )
    year = current_academic_year()
    start_self_evaluation(school_leader, school_a, year, framework_version)
    return {
        "review": review,
        "elsewhere": elsewhere,
        "plan": plan_of(review),
        "other_plan": plan_of(elsewhere),
        "support": request_between(_copy_for(review, school_b), school_a),
        "cluster": cluster,
        "school": school_a,
        "year": year,
    }


def _copy_for(review: Review, school: Any) -> Review:
    copy = Review.objects.get(pk=review.pk)
    copy.pk, copy.school = None, school
    copy.save()
    return copy


def reads(world: dict) -> list[tuple[str, str, Any]]:
    """(address, the page's action, the object it asks about) for every read of one object."""
    review, elsewhere, school = world["review"], world["elsewhere"], world["school"]
    found = [
        (f"/api/v1/schools/{school.urn}", "school.view", school),
        (f"/api/v1/clusters/{world['cluster'].pk}", "cluster.view", world["cluster"]),
        (f"/api/v1/plans/{world['plan'].pk}", "improvement.view", world["plan"]),
        (f"/api/v1/plans/{world['other_plan'].pk}", "improvement.view", world["other_plan"]),
        (f"/api/v1/support-requests/{world['support'].pk}", "support.view", world["support"]),
        (
            f"/api/v1/self-evaluations/{school.urn}/{world['year']}",
            "selfevaluation.view",
            school,
        ),
    ]
    for shown in (review, elsewhere):
        found += [
            (f"/api/v1/reviews/{shown.pk}", "review.view", shown),
            (f"/api/v1/reviews/{shown.pk}/judgements", "review.view", shown),
            (f"/api/v1/reviews/{shown.pk}/evidence", "review.read_evidence", shown),
        ]
    return found


LISTS: dict[str, tuple[Any, str]] = {
    "/api/v1/reviews": (Review, "review.view"),
    "/api/v1/plans": (ActionPlan, "improvement.view"),
    "/api/v1/clusters": (Cluster, "cluster.view"),
    "/api/v1/support-requests": (SupportRequest, "support.view"),
}


def _persona(request, column: str):
    return request.getfixturevalue(PERSONAS[column])


@pytest.mark.parametrize("status", [Review.Status.PLANNING, Review.Status.AGREED])
@pytest.mark.parametrize("column", SIGNED_IN_PERSONAS)
def test_every_read_answers_only_what_the_page_policy_allows(world, column, status, request):
    Review.objects.filter(pk__in=[world["review"].pk, world["elsewhere"].pk]).update(status=status)
    world["review"].refresh_from_db()
    world["elsewhere"].refresh_from_db()
    user = _persona(request, column)
    secret = create_token(user, "Matrix", ApiToken.Scope.WRITE, 30)[1]
    wrong = []
    for address, action, obj in reads(world):
        answer = call("get", address, secret)
        allowed = access.can(user, action, obj)
        if (answer.status_code == 200) != allowed or answer.status_code not in (200, 403, 404):
            wrong.append((address, answer.status_code, allowed))
    assert wrong == []


@pytest.mark.parametrize("column", SIGNED_IN_PERSONAS)
def test_every_list_holds_only_what_the_page_policy_allows(world, column, request):
    user = _persona(request, column)
    secret = create_token(user, "Matrix", ApiToken.Scope.READ, 30)[1]
    for address, (model, action) in LISTS.items():
        items = call("get", address, secret).json()["items"]
        shown = model.objects.filter(pk__in=[item["id"] for item in items])
        assert all(access.can(user, action, obj) for obj in shown), address
        allowed = [obj for obj in model.objects.all() if access.can(user, action, obj)]
        assert len(items) == len(allowed), address


@pytest.mark.parametrize("column", SIGNED_IN_PERSONAS)
def test_every_write_is_made_only_by_whoever_the_page_policy_allows(world, column, request):
    review = world["review"]
    Review.objects.filter(pk=review.pk).update(status=Review.Status.VISIT)
    review.refresh_from_db()
    user = _persona(request, column)
    secret = create_token(user, "Matrix", ApiToken.Scope.WRITE, 30)[1]
    strand = review.framework_version.areas.first().strands.first()
    note = {"text": "Seen in year 2", "strands": [strand.pk]}
    made = call("post", f"/api/v1/reviews/{review.pk}/evidence", secret, note)
    assert made.status_code in (201, 403, 404)
    assert (made.status_code == 201) <= access.can(user, "review.record_evidence", review)
    school, year = world["school"], world["year"]
    answer = {"level": 1, "narrative": "Strong", "evidence": "", "revision": 1}
    address = f"/api/v1/self-evaluations/{school.urn}/{year}/strands/{strand.pk}"
    saved = call("put", address, secret, answer)
    assert saved.status_code in (200, 403, 404)
    assert (saved.status_code == 200) == access.can(user, "selfevaluation.edit", school)
