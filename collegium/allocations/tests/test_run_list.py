"""A cluster's allocation runs: the cluster page shows the latest 20 and links to all of them,
a page at a time, the newest first, in the same number of queries however many there are."""

from django.urls import reverse

from collegium.allocations.models import AllocationRun
from collegium.allocations.tests.helpers import is_sign_in_redirect
from collegium.pagination import PER_PAGE
from tests.pages import first_two_pages, query_count


def add_runs(cluster, by, count: int) -> list[int]:
    """`count` accepted runs, the oldest first; their ids."""
    return [
        AllocationRun.objects.create(
            cluster=cluster, created_by=by, status=AllocationRun.Status.ACCEPTED
        ).pk
        for _ in range(count)
    ]


def run_link(pk: int) -> str:
    return f'href="{reverse("allocations:run", args=[pk])}"'


def test_the_cluster_page_links_to_every_run(client_for, coordinator, cluster):
    runs = add_runs(cluster, coordinator, 25)
    page = client_for(coordinator).get(reverse("allocations:cluster", args=[cluster.pk])).text
    assert run_link(runs[-1]) in page and run_link(runs[4]) not in page
    assert "See all 25 runs" in page
    assert reverse("allocations:runs", args=[cluster.pk]) in page


def test_a_few_runs_need_no_link(client_for, coordinator, cluster):
    add_runs(cluster, coordinator, 3)
    page = client_for(coordinator).get(reverse("allocations:cluster", args=[cluster.pk])).text
    assert "See all" not in page


def test_the_runs_are_shown_a_page_at_a_time_newest_first(client_for, coordinator, cluster):
    runs = add_runs(cluster, coordinator, PER_PAGE + 5)
    client = client_for(coordinator)
    url = reverse("allocations:runs", args=[cluster.pk])
    first, second = first_two_pages(client, url, "runs, newest first", PER_PAGE + 5)
    assert run_link(runs[-1]) in first and run_link(runs[5]) in first
    assert run_link(runs[4]) not in first
    assert first.index(run_link(runs[-1])) < first.index(run_link(runs[-2]))
    assert run_link(runs[0]) in second and run_link(runs[5]) not in second


def test_queries_do_not_grow_with_the_runs(
    client_for, network_admin, coordinator, cluster, django_assert_max_num_queries
):
    client = client_for(network_admin)
    url = reverse("allocations:runs", args=[cluster.pk])
    add_runs(cluster, coordinator, 5)
    few = query_count(client, url)
    add_runs(cluster, coordinator, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "accepted" in client.get(url).text


def test_others_are_refused(client_for, coordinator, cluster, outsider, reviewer, moderator):
    add_runs(cluster, coordinator, 3)
    url = reverse("allocations:runs", args=[cluster.pk])
    for person in (outsider, reviewer, moderator):
        assert client_for(person).get(url).status_code in (403, 404)
    assert is_sign_in_redirect(client_for(None).get(url))
