"""The moderator's list of schools with a self-evaluation: a page at a time, in the same number
of queries however many schools have started one."""

from django.urls import reverse

from collegium.pagination import PER_PAGE
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.tests.conftest import THIS_YEAR
from conftest import make_school
from tests.pages import first_two_pages, query_count

MINE = reverse("selfevaluation:mine")


def add_self_evaluations(la, framework_version, count: int) -> None:
    """`count` schools, named in order, each with a self-evaluation this year."""
    start = SelfEvaluation.objects.count()
    schools = [make_school(la, 400000 + n, f"Academy {n:03}") for n in range(start, start + count)]
    SelfEvaluation.objects.bulk_create(
        SelfEvaluation(school=school, academic_year=THIS_YEAR, framework_version=framework_version)
        for school in schools
    )


def test_the_schools_are_shown_a_page_at_a_time(client_for, moderator, la, framework_version):
    add_self_evaluations(la, framework_version, PER_PAGE + 5)
    client = client_for(moderator)
    first, second = first_two_pages(client, MINE, "schools", PER_PAGE + 5)
    assert "Academy 000" in first and "Academy 049" in first and "Academy 050" not in first
    assert "Academy 050" in second and "Academy 054" in second and "Academy 049" not in second


def test_queries_do_not_grow_with_the_schools(
    client_for, moderator, la, framework_version, django_assert_max_num_queries
):
    client = client_for(moderator)
    add_self_evaluations(la, framework_version, 5)
    few = query_count(client, MINE)
    add_self_evaluations(la, framework_version, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Academy 049" in client.get(MINE).text


def test_people_without_a_school_role_are_refused(client_for, outsider, la, framework_version):
    add_self_evaluations(la, framework_version, 2)
    assert client_for(outsider).get(MINE).status_code == 403
    assert client_for(None).get(MINE).status_code == 302
