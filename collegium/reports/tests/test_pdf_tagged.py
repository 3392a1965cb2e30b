"""The report and the summary as tagged PDFs (PDF/UA-1): a screen reader finds the headings,
paragraphs and tables of page 1, the document's language and its title."""

from datetime import date

from django.urls import reverse

from collegium.reports.publication import publish_summary
from collegium.reports.services import check, cycle
from collegium.reports.tests.tagged import structure_of


def test_the_report_pdf_reports_as_tagged(sent, school_leader, outsider, client_for):
    response = client_for(school_leader).get(reverse("reports:pdf", args=[sent.pk]))
    assert response.status_code == 200
    found = structure_of(response.content)
    assert found.tagged
    assert found.language == "en-GB"
    assert found.title == "Report on Ash Primary School"
    assert found.roles[0] == "Document"
    assert {"H1", "P"} <= set(found.roles)
    assert found.fonts_embedded
    assert client_for(outsider).get(reverse("reports:pdf", args=[sent.pk])).status_code == 404


def test_the_public_summary_pdf_reports_as_tagged(sent, lead_reviewer, school_leader, client_for):
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    publish_summary(lead_reviewer, final)
    response = client_for(None).get(reverse("reports:summary-pdf", args=[sent.pk]))
    assert response.status_code == 200
    found = structure_of(response.content)
    assert found.tagged and found.language == "en-GB"
    assert found.title == "Peer review summary: Ash Primary School"
    assert "H1" in found.roles
