"""The review's overview links to publishing once the report is final, for those who may."""

import pytest

from collegium.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_report(review):
    review.status = review.Status.AGREED
    review.save()
    return Report.objects.create(review=review, status=Report.Status.FINAL, summary="Good.")


def test_coordinator_sees_the_publish_link(final_report, coordinator, client_for):
    page = client_for(coordinator).get(f"/reviews/{final_report.pk}/")
    assert "Publish the summary" in page.content.decode()


def test_school_leader_does_not(final_report, school_leader, client_for):
    page = client_for(school_leader).get(f"/reviews/{final_report.pk}/")
    assert page.status_code == 200
    assert "Publish the summary" not in page.content.decode()


def test_outsider_is_refused(final_report, outsider, client_for):
    assert client_for(outsider).get(f"/reviews/{final_report.pk}/").status_code == 404
