"""The clusters list at national scale: a page at a time, in the same number of queries however
many clusters there are."""

import pytest
from django.urls import reverse

from collegium.clusters.models import Cluster, Membership, Signature
from collegium.clusters.tests.conftest import publish
from collegium.pagination import PER_PAGE
from conftest import make_school, make_user
from tests.pages import first_two_pages, query_count

URL = reverse("clusters:list")


def add_clusters(la, count: int) -> None:
    """`count` clusters named in order, each with a member school that signed its MoU."""
    start = Cluster.objects.filter(name__startswith="Area ").count()
    head = make_user(f"Head from {start}")
    for n in range(start, start + count):
        cluster = Cluster.objects.create(name=f"Area {n:03}", locality=f"Town {n}")
        school = make_school(la, 300000 + n, f"Member {n:03}")
        Membership.objects.create(cluster=cluster, school=school, status=Membership.Status.MEMBER)
        Signature.objects.create(mou=publish(cluster), school=school, signed_by=head)


def test_the_list_is_shown_a_page_at_a_time(client_for, moderator, la):
    add_clusters(la, PER_PAGE + 5)
    client = client_for(moderator)
    first, second = first_two_pages(client, URL, "clusters", PER_PAGE + 5)
    assert "Area 000" in first and "Area 049" in first and "Area 050" not in first
    assert "Area 050" in second and "Area 054" in second and "Area 049" not in second
    assert "1 of 1 school has signed the current MoU (version 1)" in second
    assert client.get(URL, {"page": "last"}).status_code == 200


def test_queries_do_not_grow_with_the_clusters(
    client_for, network_admin, la, django_assert_max_num_queries
):
    client = client_for(network_admin)
    add_clusters(la, 5)
    few = query_count(client, URL)
    add_clusters(la, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Area 049" in client.get(URL).text


@pytest.mark.parametrize("persona", ["outsider", "reviewer"])
def test_people_outside_the_clusters_see_none(client_for, request, persona, la):
    add_clusters(la, 3)
    text = client_for(request.getfixturevalue(persona)).get(URL).text
    assert "Area 000" not in text
    assert "You are not part of any cluster yet" in text


def test_anonymous_visitors_are_asked_to_sign_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
