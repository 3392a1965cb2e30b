"""allocations:cluster, start and run: who may run the optimiser and what they see."""

import pytest
from django.urls import reverse

from collegium.allocations.models import AllocationRun
from collegium.allocations.services import runs
from collegium.allocations.tests.helpers import is_sign_in_redirect, state, text_of
from collegium.clusters.models import Cluster
from collegium.people.models import Role
from conftest import grant, make_user


def start_url(cluster):
    return reverse("allocations:start", args=[cluster.pk])


@pytest.fixture
def run(coordinator, cluster, ready):
    started = runs.start_run(coordinator, cluster)
    started.refresh_from_db()
    return started


@pytest.fixture
def other_coordinator(db):
    other = Cluster.objects.create(name="Birch Cluster")
    return grant(make_user("Olly Other"), Role.CLUSTER_COORDINATOR, cluster=other)


@pytest.mark.django_db
def test_the_coordinator_starts_a_run_and_sees_the_teams(client_for, coordinator, cluster, ready):
    client = client_for(coordinator)
    page = client.get(reverse("allocations:cluster", args=[cluster.pk]))
    assert "Quality assurance review of Ash Primary School" in text_of(page)
    response = client.post(start_url(cluster), follow=True)
    text = text_of(response)
    assert "The optimiser has started." in text and "Proposed teams" in text
    assert "Lena Lead, lead reviewer" in text and "Why chosen" in text
    assert "Every place is filled with the best available team" in text
    assert "How this was worked out" in text and "none is broken" in text
    assert AllocationRun.objects.get().status == "proposed"


@pytest.mark.django_db
def test_a_running_run_shows_its_progress_and_refreshes(client_for, coordinator, cluster):
    run = AllocationRun.objects.create(
        cluster=cluster, status="running", progress=0.4, progress_message="Filling the slots"
    )
    page = client_for(coordinator).get(reverse("allocations:run", args=[run.pk]))
    assert "Running: 40% done Filling the slots" in text_of(page)
    assert '<meta http-equiv="refresh" content="2">' in page.content.decode()


@pytest.mark.django_db
def test_a_failed_run_shows_why(client_for, coordinator, cluster):
    run = AllocationRun.objects.create(cluster=cluster, status="failed", error="It broke.")
    page = client_for(coordinator).get(reverse("allocations:run", args=[run.pk]))
    assert "The run failed. It broke." in text_of(page)


@pytest.mark.django_db
def test_nothing_to_allocate_is_refused_in_words(client_for, coordinator, cluster):
    response = client_for(coordinator).post(start_url(cluster))
    assert response.status_code == 400
    assert "No review in Testtown Cluster needs a team" in text_of(response)
    assert not AllocationRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "school_leader", "reviewer", "other_coordinator"])
def test_others_cannot_run_or_see_runs(request, client_for, cluster, run, persona):
    client = client_for(request.getfixturevalue(persona))
    before = state()
    assert client.get(reverse("allocations:cluster", args=[cluster.pk])).status_code in (403, 404)
    assert client.post(start_url(cluster)).status_code in (403, 404)
    assert client.get(reverse("allocations:run", args=[run.pk])).status_code == 404
    assert client.post(reverse("allocations:accept", args=[run.pk])).status_code == 404
    place = run.places.first()
    assert client.post(reverse("allocations:remove", args=[run.pk, place.pk])).status_code == 404
    assert state() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, cluster, run):
    client = client_for(None)
    before = state()
    assert is_sign_in_redirect(client.get(reverse("allocations:run", args=[run.pk])))
    assert is_sign_in_redirect(client.post(start_url(cluster)))
    assert is_sign_in_redirect(client.post(reverse("allocations:accept", args=[run.pk])))
    assert state() == before


@pytest.mark.django_db
def test_the_network_admin_may_run_any_cluster(client_for, network_admin, cluster, ready):
    response = client_for(network_admin).post(start_url(cluster))
    assert response.status_code == 302
    assert AllocationRun.objects.get().created_by == network_admin
