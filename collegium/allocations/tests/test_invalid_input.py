"""Input the optimiser refuses (collegium.allocation.InvalidInput) fails the run with a message
naming the record and the rule, never a library traceback; the coordinator reads it on the run
page, which others still cannot open."""

import dataclasses
import math

import pytest
from django.urls import reverse

from collegium.allocations import problem
from collegium.allocations.models import AllocationRun
from collegium.allocations.services import runs
from collegium.allocations.tests.helpers import state, text_of


@pytest.fixture
def lost_location(monkeypatch, ready):
    """Rhys's school sits nowhere: its location is not a number."""
    real = problem.build
    rhys = ready["rhys"].pk

    def build(cluster, excluded, rows=None):
        built = real(cluster, excluded, rows=rows)
        built.reviewers = [
            dataclasses.replace(v, east_km=math.nan) if v.id == rhys else v for v in built.reviewers
        ]
        return built

    monkeypatch.setattr("collegium.allocations.tasks.build", build)


@pytest.mark.django_db
def test_a_refused_record_fails_the_run_naming_it(
    client_for, coordinator, outsider, cluster, ready, lost_location
):
    run = runs.start_run(coordinator, cluster)
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.FAILED
    rhys = ready["rhys"]
    assert (
        run.error
        == (
            f"The optimiser could not start: Reviewer {rhys.pk} ({rhys.user.full_name}): its "
            "location (nan, "
        )
        + run.error.split("(nan, ", 1)[1]
    )
    assert "must be finite numbers of km. Correct it and run it again." in run.error
    assert "Traceback" not in run.error and not run.places.exists()
    page = client_for(coordinator).get(reverse("allocations:run", args=[run.pk]))
    assert f"The run failed. The optimiser could not start: Reviewer {rhys.pk}" in text_of(page)
    before = state()
    assert client_for(outsider).get(reverse("allocations:run", args=[run.pk])).status_code == 404
    assert state() == before
