"""The list of action plans: a page at a time, in the same number of queries however many plans
there are; people without a role in improvement are refused."""

from datetime import date, timedelta

from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.improvement.models import ActionPlan
from collegium.improvement.views.plan import PLANS_PER_PAGE
from collegium.reviews.models import Review
from conftest import make_school
from tests.pages import first_two_pages, query_count

URL = reverse("improvement:plans")


def add_plans(la, cluster, framework_version, owner, count: int) -> None:
    """`count` agreed reviews of new schools, each with a plan (schools named in list order)."""
    start = ActionPlan.objects.count()
    strand = Strand.objects.filter(area__version=framework_version).first()
    assert strand is not None
    for n in range(start, start + count):
        review = Review.objects.create(
            school=make_school(la, 300000 + n, f"Plan school {n:03}"),
            cluster=cluster,
            kind=Review.Kind.CLUSTER,
            framework_version=framework_version,
            start_date=date(2020, 1, 6) + timedelta(weeks=n),
            status=Review.Status.AGREED,
            days=2,
        )
        ActionPlan.objects.create(
            review=review, priority_strand=strand, priority="Reading", created_by=owner
        )


def test_the_list_is_shown_a_page_at_a_time(
    client_for, moderator, la, cluster, framework_version, network_admin
):
    add_plans(la, cluster, framework_version, network_admin, PLANS_PER_PAGE + 5)
    client = client_for(moderator)
    first, second = first_two_pages(client, URL, "action plans", PLANS_PER_PAGE + 5, PLANS_PER_PAGE)
    assert "Plan school 049" in first and "Plan school 050" not in first
    assert "Plan school 050" in second and "Plan school 054" in second
    assert "Plan school 049" not in second


def test_queries_do_not_grow_with_the_plans(
    client_for, coordinator, la, cluster, framework_version, network_admin,
    django_assert_max_num_queries,
):  # fmt: skip
    client = client_for(coordinator)
    add_plans(la, cluster, framework_version, network_admin, 5)
    few = query_count(client, URL)
    add_plans(la, cluster, framework_version, network_admin, 3 * PLANS_PER_PAGE)
    with django_assert_max_num_queries(few):
        page = client.get(URL, {"page": "4"})
    assert "Plan school 154" in page.text


def test_outsiders_are_refused_and_others_plans_left_out(
    client_for, outsider, school_leader, la, cluster, framework_version, network_admin
):
    add_plans(la, cluster, framework_version, network_admin, 3)
    assert client_for(outsider).get(URL).status_code == 403
    page = client_for(school_leader).get(URL)
    assert page.status_code == 200 and "Plan school 000" not in page.text
    assert client_for(None).get(URL).status_code == 302
