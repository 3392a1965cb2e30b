"""A network admin runs the optimiser across every cluster for a term; the coordinator of a
cluster with an empty place accepts their part through the page that asks first."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.allocations.models import NetworkRun
from collegium.allocations.tests.helpers import make_peer, make_ready, monday_ahead
from collegium.clusters.models import Cluster, Membership
from collegium.people.dates import current_academic_year
from collegium.people.models import Role
from collegium.reviews.models import Review, TeamMember
from collegium.termdates.models import SchoolTerm
from collegium.termdates.services import add_year
from conftest import PASSWORD, grant, make_school, make_user
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def two_clusters(la, school_a, cluster, framework_version, reviewer, lead_reviewer, network_admin):
    """Ash (Testtown Cluster) and Gorse (Birch Cluster) reviewed the same week, one lead."""
    monday = monday_ahead()
    if not SchoolTerm.objects.filter(academic_year=current_academic_year(monday)).exists():
        add_year(None, current_academic_year(monday))
    gorse = make_school(la, 100007, "Gorse Primary School")
    birch = Cluster.objects.create(name="Birch Cluster")
    Membership.objects.create(cluster=birch, school=gorse, status=Membership.Status.MEMBER)
    for school, where in ((school_a, cluster), (gorse, birch)):
        Review.objects.create(
            school=school, cluster=where, kind=Review.Kind.QUALITY_ASSURANCE,
            framework_version=framework_version, start_date=monday, days=3, focus="Reading",
        )  # fmt: skip
    eli = make_peer(make_school(la, 100005, "Elm Primary School"), "Eli Elm")
    fay = make_peer(make_school(la, 100006, "Fir Primary School"), "Fay Fir")
    for profile in (lead_reviewer.reviewer_profile, reviewer.reviewer_profile, eli, fay):
        make_ready(profile, network_admin, monday)
    return SchoolTerm.objects.get(first_day__lte=monday, last_day__gte=monday)


def press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_a_network_run_and_a_coordinator_accepting_with_an_empty_place(
    page, network_admin, coordinator, two_clusters
):
    sign_in(page, network_admin.email, PASSWORD)
    page.get_by_role("link", name="Network allocation").first.click()
    expect(page.locator("h1")).to_have_text("Allocate reviewers across the network")
    assert axe_violations(page) == []
    page.get_by_label("Term").select_option(label=two_clusters.label)
    page.get_by_label("Quality assurance reviews", exact=True).check()
    press(page, "Run the optimiser")
    expect(page.locator("h1")).to_have_text("Proposed teams across the network")
    expect(page.get_by_role("heading", name="Birch Cluster")).to_be_visible()
    assert axe_violations(page) == []
    run = NetworkRun.objects.get()
    part = next(p for p in run.parts.all() if sum(g["slots"] for g in p.unfilled))
    leader = grant(make_user("Pat Partcoord"), Role.CLUSTER_COORDINATOR, cluster=part.cluster)
    page.context.clear_cookies()
    sign_in(page, leader.email, PASSWORD)
    page.goto(f"/allocations/runs/{part.pk}/")
    expect(page.get_by_text("across the network for the")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Accept the teams").click()
    expect(page.locator("h1")).to_contain_text("still empty. Accept the teams anyway?")
    assert axe_violations(page) == []
    press(page, "Accept the teams anyway")
    expect(page.get_by_text("The teams are accepted")).to_be_visible()
    assert set(TeamMember.objects.values_list("review__cluster", flat=True)) == {part.cluster_id}
