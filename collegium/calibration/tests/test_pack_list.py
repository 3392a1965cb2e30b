"""The list of calibration exercises: a page at a time, in the same number of queries however
many exercises there are; only moderators see it."""

from django.urls import reverse

from collegium.calibration.models import CalibrationPack
from collegium.pagination import PER_PAGE
from tests.pages import first_two_pages, query_count

URL = reverse("calibration:packs")


def add_packs(framework_version, count: int) -> None:
    """`count` exercises, the last made shown first."""
    start = CalibrationPack.objects.count()
    for n in range(start, start + count):
        CalibrationPack.objects.create(
            framework_version=framework_version, title=f"Exercise {n:03}"
        )


def test_the_list_is_shown_a_page_at_a_time(client_for, moderator, framework_version):
    add_packs(framework_version, PER_PAGE + 5)
    client = client_for(moderator)
    first, second = first_two_pages(client, URL, "exercises", PER_PAGE + 5)
    assert "Exercise 054" in first and "Exercise 005" in first and "Exercise 004" not in first
    assert "Exercise 004" in second and "Exercise 000" in second and "Exercise 005" not in second
    assert "Create an exercise" in second


def test_queries_do_not_grow_with_the_exercises(
    client_for, moderator, framework_version, django_assert_max_num_queries
):
    client = client_for(moderator)
    add_packs(framework_version, 5)
    few = query_count(client, URL)
    add_packs(framework_version, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Exercise 154" in client.get(URL).text


def test_people_who_do_not_moderate_are_refused(
    client_for, outsider, coordinator, framework_version
):
    add_packs(framework_version, 1)
    assert client_for(outsider).get(URL).status_code == 403
    assert client_for(coordinator).get(URL).status_code == 403
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
