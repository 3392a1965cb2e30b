"""The moderation home at national scale: the term's sample and the reviews awaiting moderation
a page at a time, in the same number of queries however many reviews there are."""

from datetime import date

from django.urls import reverse

from collegium.pagination import PER_PAGE
from collegium.quality import services
from collegium.quality.models import (
    Moderation,
    ModerationSample,
    NetworkModerationSettings,
    SampledReview,
)
from collegium.quality.terms import term_of
from collegium.reviews.models import Review
from conftest import make_school
from tests.pages import first_two_pages, query_count

START = date(2025, 10, 6)
TERM = term_of(START)
URL = reverse("quality:home")


def add_reviews(la, version, count: int) -> None:
    """`count` agreed reviews this term of schools named in order, all picked for moderation,
    every third one's moderation started."""
    sample, _ = ModerationSample.objects.get_or_create(
        academic_year=TERM.academic_year, season=TERM.season, seed=1, random_share=10
    )
    start = Review.objects.filter(school__name__startswith="Picked ").count()
    for n in range(start, start + count):
        review = Review.objects.create(
            school=make_school(la, 400000 + n, f"Picked {n:03}"),
            kind=Review.Kind.QUALITY_ASSURANCE,
            framework_version=version,
            start_date=START,
            days=2,
            status=Review.Status.AGREED,
        )
        SampledReview.objects.create(sample=sample, review=review, reasons=["random"])
        if n % 3 == 0:
            Moderation.objects.create(review=review)


def test_the_sample_is_shown_a_page_at_a_time(client_for, moderator, la, framework_version):
    NetworkModerationSettings.objects.create(pk=1, requires_moderation=False)  # no awaiting list
    add_reviews(la, framework_version, PER_PAGE + 5)
    client = client_for(moderator)
    first = client.get(URL, {"term": TERM.key}).text
    assert f"Reviews picked: {PER_PAGE + 5} of the {PER_PAGE + 5}" in first
    assert f"1 to {PER_PAGE} shown" in first
    assert "Picked 000" in first and "Picked 049" in first and "Picked 050" not in first
    second = client.get(URL, {"term": TERM.key, "page": 2}).text
    assert f"{PER_PAGE + 1} to {PER_PAGE + 5} shown" in second
    assert "Picked 050" in second and "Picked 054" in second and "Picked 049" not in second
    assert "In progress" in second and "Not started" in second
    assert f"term={TERM.key}" in second  # the page links keep the term


def test_the_reviews_awaiting_moderation_are_shown_a_page_at_a_time(
    client_for, moderator, network_admin, la, framework_version
):
    services.update_settings(network_admin, True, 10)
    add_reviews(la, framework_version, PER_PAGE + 5)
    client = client_for(moderator)
    _, second = first_two_pages(
        client,
        URL,
        "reviews awaiting moderation",
        PER_PAGE + 5,
        params={"term": TERM.key},
        page="awaiting",
    )
    assert "Picked 054, from" in second and "Picked 000, from" not in second
    assert "Picked 000</a>" in second  # the sample stays on its first page


def test_queries_do_not_grow_with_the_reviews(
    client_for, moderator, network_admin, la, framework_version, django_assert_max_num_queries
):
    services.update_settings(network_admin, True, 10)
    client = client_for(moderator)
    add_reviews(la, framework_version, 5)
    few = query_count(client, URL, {"term": TERM.key})
    add_reviews(la, framework_version, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Picked 049" in client.get(URL, {"term": TERM.key}).text


def test_people_without_the_role_are_refused(client_for, outsider, reviewer, la, framework_version):
    add_reviews(la, framework_version, 3)
    for person in (outsider, reviewer):
        assert client_for(person).get(URL, {"term": TERM.key}).status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
