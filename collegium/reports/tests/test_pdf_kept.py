"""A report's PDF is rendered once for what it shows and kept: a second download sends the kept
file, a change to the report or to what it shows renders it anew, and the kept file is served
only to those who may read the report."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from collegium.reports import pdf
from collegium.reports.models import KeptPdf
from collegium.reports.publication import publish_summary
from collegium.reports.services.check import complete_accuracy_check
from collegium.reports.services.cycle import finalise_report
from collegium.reviews.models import Judgement


@pytest.fixture
def renders():
    """Count WeasyPrint renders while still rendering."""
    with mock.patch.object(pdf, "render_pdf", wraps=pdf.render_pdf) as counted:
        yield counted


def download(client, report):
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_a_second_download_sends_the_kept_pdf(
    sent, school_leader, lead_reviewer, client_for, renders
):
    first = download(client_for(school_leader), sent)
    second = download(client_for(lead_reviewer), sent)
    assert renders.call_count == 1
    assert second == first and first.startswith(b"%PDF")
    assert KeptPdf.objects.filter(report=sent).count() == 1


def test_a_change_to_the_report_renders_it_anew(sent, lead_reviewer, client_for, renders):
    client = client_for(lead_reviewer)
    download(client, sent)
    sent.developmental_report = "A new narrative."
    sent.save()
    download(client, sent)
    assert renders.call_count == 2
    download(client, sent)
    assert renders.call_count == 2
    assert KeptPdf.objects.filter(report=sent).count() == 1  # only the latest is kept


def test_a_change_to_what_it_shows_renders_it_anew(sent, lead_reviewer, client_for, renders):
    client = client_for(lead_reviewer)
    download(client, sent)
    Judgement.objects.filter(review=sent.review).update(rationale="Changed after a complaint.")
    download(client, sent)
    assert renders.call_count == 2


@pytest.mark.parametrize("persona", ["outsider", "governor", "coordinator"])
def test_the_kept_pdf_is_refused_to_people_not_allowed(
    sent, school_leader, persona, request, client_for, renders
):
    download(client_for(school_leader), sent)
    url = reverse("reports:pdf", args=[sent.pk])
    refused = client_for(request.getfixturevalue(persona)).get(url)
    assert refused.status_code in (403, 404)
    assert b"%PDF" not in refused.content
    assert client_for(None).get(url).status_code == 302
    assert renders.call_count == 1


def test_the_published_summary_pdf_is_kept_too(
    sent, lead_reviewer, school_leader, client_for, renders
):
    complete_accuracy_check(school_leader, sent, True, sent.revision)
    publish_summary(lead_reviewer, finalise_report(lead_reviewer, sent, today=date(2026, 12, 22)))
    url = reverse("reports:summary-pdf", args=[sent.pk])
    first, second = client_for(None).get(url), client_for(None).get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and renders.call_count == 1
