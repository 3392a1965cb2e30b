"""The list of reviews: a page at a time, in the same number of queries however many reviews
there are, each person seeing only their own."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.reviews.models import Review
from collegium.reviews.views.planning import PER_PAGE
from conftest import make_school
from tests.pages import first_two_pages, query_count

URL = reverse("reviews:list")


def add_reviews(la, cluster, framework_version, count: int) -> list[Review]:
    """`count` reviews of new schools, a week apart, newest first in the list."""
    start = Review.objects.count()
    schools = [make_school(la, 200000 + start + n, f"School {start + n:03}") for n in range(count)]
    return Review.objects.bulk_create(
        Review(
            school=school,
            cluster=cluster,
            kind=Review.Kind.CLUSTER,
            framework_version=framework_version,
            start_date=date(2020, 1, 6) + timedelta(weeks=start + n),
            days=2,
        )
        for n, school in enumerate(schools)
    )


def test_the_list_is_shown_a_page_at_a_time(client_for, moderator, la, cluster, framework_version):
    add_reviews(la, cluster, framework_version, PER_PAGE + 10)
    client = client_for(moderator)
    first, second = first_two_pages(client, URL, "reviews", PER_PAGE + 10, PER_PAGE)
    assert "School 059" in first and "School 010" in first and "School 009" not in first
    assert "School 009" in second and "School 000" in second and "School 010" not in second
    assert 'rel="prev"' in second


def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(
    client_for, moderator, la, cluster, framework_version
):
    add_reviews(la, cluster, framework_version, PER_PAGE + 1)
    client = client_for(moderator)
    assert "School 000" in client.get(URL, {"page": 99}).text  # the last page
    assert "School 050" in client.get(URL, {"page": "two"}).text  # the first page


def test_queries_do_not_grow_with_the_reviews(
    client_for, coordinator, la, cluster, framework_version, django_assert_max_num_queries
):
    client = client_for(coordinator)
    add_reviews(la, cluster, framework_version, 5)
    few = query_count(client, URL)
    add_reviews(la, cluster, framework_version, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "School 154" in client.get(URL).text


@pytest.mark.parametrize("persona", ["outsider", "reviewer", "school_leader"])
def test_people_see_only_their_reviews(
    client_for, request, persona, la, cluster, framework_version
):
    add_reviews(la, cluster, framework_version, 3)
    text = client_for(request.getfixturevalue(persona)).get(URL).text
    assert "School 000" not in text
    assert "You have no reviews yet" in text


def test_anonymous_visitors_are_asked_to_sign_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
