"""The improvement overview at national scale: the clusters list a page at a time, the network's
support summarised (the largest flows, the balances a page at a time), each in the same number of
queries however many rows there are."""

from django.urls import reverse

from collegium.clusters.models import Cluster
from collegium.pagination import PER_PAGE
from collegium.support.selectors.lists import SHOWN
from collegium.support.tests.test_lists import add_traffic
from tests.pages import query_count

CLUSTERS = reverse("improvement:clusters")
NETWORK = reverse("improvement:network")


def add_clusters(count: int) -> None:
    start = Cluster.objects.filter(name__startswith="Area ").count()
    for n in range(start, start + count):
        Cluster.objects.create(name=f"Area {n:03}", locality=f"Town {n}")


def test_the_clusters_list_is_shown_a_page_at_a_time(client_for, moderator):
    add_clusters(PER_PAGE + 5)
    client = client_for(moderator)
    first = client.get(CLUSTERS).text
    assert "Area 000" in first and "Area 049" in first and "Area 050" not in first
    assert f"1 to {PER_PAGE} shown" in first
    second = client.get(CLUSTERS, {"page": 2}).text
    assert "Area 050" in second and "Area 049" not in second


def test_the_clusters_list_queries_do_not_grow(
    client_for, network_admin, django_assert_max_num_queries
):
    client = client_for(network_admin)
    add_clusters(5)
    few = query_count(client, CLUSTERS)
    add_clusters(3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Area 049" in client.get(CLUSTERS).text


def test_others_may_not_follow_the_clusters(client_for, outsider, school_leader):
    add_clusters(3)
    for person in (outsider, school_leader):
        assert client_for(person).get(CLUSTERS).status_code == 403
    response = client_for(None).get(CLUSTERS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_networks_support_is_summarised(
    client_for, reviewer, plan, school_b, framework_version
):
    add_traffic(plan, school_b, framework_version, PER_PAGE + 5)
    client = client_for(reviewer)
    text = client.get(NETWORK).text
    assert f"The {SHOWN} largest of {PER_PAGE + 5} flows of support are shown." in text
    assert "Partner 054" in text and "Partner 030" in text  # the largest flows, the balances
    assert f"1 to {PER_PAGE} of {PER_PAGE + 6} shown" in text and "Partner 003" not in text
    second = client.get(NETWORK, {"page": 2}).text
    assert "Partner 003" in second and "Partner 000" in second and "Partner 030" not in second


def test_the_network_page_queries_do_not_grow(
    client_for, reviewer, plan, school_b, framework_version, django_assert_max_num_queries
):
    client = client_for(reviewer)
    add_traffic(plan, school_b, framework_version, 5)
    few = query_count(client, NETWORK)
    add_traffic(plan, school_b, framework_version, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        text = client.get(NETWORK).text
    assert "Partner 154" in text
    assert text.count('<tr class="govuk-table__row">') <= SHOWN + PER_PAGE + 40
