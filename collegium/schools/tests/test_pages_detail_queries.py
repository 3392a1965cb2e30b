"""The school's page makes the same number of queries for three times the years of figures,
inspections, linked schools and published summaries."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from collegium.reports.models import Report
from collegium.reviews.models import Review
from collegium.schools.models import (
    Finance,
    Inspection,
    KeyStage2Result,
    KeyStage4Result,
    SchoolLink,
)
from conftest import make_school
from tests.pages import query_count


def grow(school, la, version, count: int) -> None:
    """`count` more years of figures, inspections, linked schools and published summaries."""
    start = Finance.objects.filter(school=school).count()
    for n in range(start, start + count):
        year = 2000 + n
        Finance.objects.create(school=school, year=year, income=Decimal("1000000"))
        KeyStage2Result.objects.create(school=school, year=year, pct_expected_standard=70.0)
        KeyStage4Result.objects.create(school=school, year=year, progress_8=0.1)
        Inspection.objects.create(school=school, inspected_on=date(year, 3, 1), rating="Good")
        linked = make_school(la, 500000 + n, f"Linked {n:03}")
        SchoolLink.objects.create(urn=school.urn, linked_urn=linked.urn, link_type="Sponsor")
        review = Review.objects.create(
            school=school,
            kind=Review.Kind.QUALITY_ASSURANCE,
            framework_version=version,
            start_date=date(2020, 1, 6) + timedelta(weeks=n),
            days=2,
            status=Review.Status.CLOSED,
        )
        Report.objects.create(
            review=review, status=Report.Status.PUBLISHED, published_at=timezone.now()
        )


def test_the_page_makes_as_many_queries_for_three_times_the_rows(
    client_for, school_leader, school_a, la, framework_version, django_assert_max_num_queries
):
    client = client_for(school_leader)
    url = reverse("schools:detail", args=[school_a.urn])
    grow(school_a, la, framework_version, 3)
    few = query_count(client, url)
    grow(school_a, la, framework_version, 6)
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Linked 008" in text and "1 March 2008" in text


def test_an_unknown_school_is_not_found(client_for, outsider):
    assert client_for(outsider).get(reverse("schools:detail", args=[999999])).status_code == 404
