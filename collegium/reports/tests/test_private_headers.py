"""The confidential report and its PDF are never kept by a browser or a proxy."""

from django.urls import reverse


def test_the_confidential_report_and_its_pdf_are_not_stored(sent, school_leader, client_for):
    client = client_for(school_leader)
    page = client.get(reverse("reports:report", args=[sent.pk]))
    pdf = client.get(reverse("reports:pdf", args=[sent.pk]))
    assert page.status_code == pdf.status_code == 200
    assert page["Cache-Control"] == pdf["Cache-Control"] == "no-store"


def test_someone_refused_learns_nothing(sent, outsider, client_for):
    response = client_for(outsider).get(reverse("reports:report", args=[sent.pk]))
    assert response.status_code == 404
