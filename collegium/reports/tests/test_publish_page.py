"""The publish page shows the agreed summary only to those the policy lets read a summary before
publication (summary.read_draft): a coordinator publishes without reading it unless the school
has allowed them to read the report."""

from datetime import date

import pytest
from django.urls import reverse

from collegium.reports.models import Report
from collegium.reports.services import check, cycle


@pytest.fixture
def agreed(sent, lead_reviewer, school_leader) -> Report:
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    return check.agree_summary(school_leader, final)


def publish_page(client, report: Report):
    return client.get(reverse("reports:publish", args=[report.pk]))


def test_the_coordinator_does_not_read_the_draft_summary(agreed, coordinator, client_for):
    response = publish_page(client_for(coordinator), agreed)
    assert response.status_code == 200
    assert "Pupils read well." not in response.text
    assert "The school agreed the summary on" in response.text
    assert "Publish the summary" in response.text


def test_the_lead_and_a_coordinator_the_school_allowed_read_it(
    agreed, coordinator, lead_reviewer, client_for
):
    assert "Pupils read well." in publish_page(client_for(lead_reviewer), agreed).text
    agreed.shared_with = [Report.Audience.COORDINATOR]
    agreed.save()
    assert "Pupils read well." in publish_page(client_for(coordinator), agreed).text


def test_others_are_refused_the_publish_page(agreed, outsider, school_leader, client_for):
    assert publish_page(client_for(outsider), agreed).status_code == 404
    assert publish_page(client_for(school_leader), agreed).status_code == 403
    post = client_for(school_leader).post(reverse("reports:publish", args=[agreed.pk]))
    assert post.status_code == 403
    assert Report.objects.get(pk=agreed.pk).status == Report.Status.FINAL
