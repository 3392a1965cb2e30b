"""allocations:run-download: a run's proposed teams as CSV or XLSX, for those who may open the
run's page (allocation.run) and no one else."""

import pytest
from django.urls import reverse

from collegium.allocations.services import runs
from collegium.allocations.tests.helpers import is_sign_in_redirect
from tests.downloads import csv_rows, filename_of, xlsx_rows


@pytest.fixture
def run(coordinator, cluster, ready):
    started = runs.start_run(coordinator, cluster)
    started.refresh_from_db()
    return started


def url(run, fmt="csv"):
    return reverse("allocations:run-download", args=[run.pk, fmt])


@pytest.mark.django_db
def test_the_coordinator_downloads_the_proposed_teams(client_for, coordinator, run):
    assert run.status == "proposed"
    response = client_for(coordinator).get(url(run))
    rows = csv_rows(response)
    assert filename_of(response) == f"allocation-run-{run.pk}-teams.csv"
    assert rows[0][:5] == ["School reviewed", "URN", "Review starts", "Role", "Reviewer"]
    places = {row[4]: row for row in rows[1:]}
    assert places["Lena Lead"][3] == "Lead reviewer"
    assert places["Lena Lead"][0] == "Ash Primary School"
    assert all(row[9] for row in rows[1:])  # why each was chosen
    assert len(rows) - 1 == run.places.count() + sum(1 for _ in run.unfilled)
    assert "Dora Dale" not in places


@pytest.mark.django_db
def test_the_xlsx_has_the_same_places(client_for, network_admin, run):
    rows = xlsx_rows(client_for(network_admin).get(url(run, "xlsx")))
    assert {row[4] for row in rows[1:]} >= {"Lena Lead"}
    assert isinstance(rows[1][8], float | int)  # the score, a number


@pytest.mark.django_db
def test_the_run_page_links_the_download(client_for, coordinator, run):
    page = client_for(coordinator).get(reverse("allocations:run", args=[run.pk])).text
    assert url(run) in page and url(run, "xlsx") in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "school_leader", "reviewer", "moderator"])
def test_those_refused_the_run_are_refused_its_download(request, client_for, run, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url(run)).status_code == 404
    assert client.get(url(run, "xlsx")).status_code == 404
    assert is_sign_in_redirect(client_for(None).get(url(run)))
