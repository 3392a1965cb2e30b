"""The safeguarding audit's PDF for the governing board is tagged (PDF/UA-1): its headings and
table are in the structure tree, with the language and title set and the fonts embedded."""

from collegium.reports.tests.tagged import structure_of
from collegium.safeguarding.tests.test_views import today_audit, url  # noqa: F401


def test_the_audit_pdf_reports_as_tagged(today_audit, client_for, governor, reviewer):  # noqa: F811
    response = client_for(governor).get(url(today_audit, "audit.pdf"))
    assert response.status_code == 200
    found = structure_of(response.content)
    assert found.tagged and found.language == "en-GB" and found.fonts_embedded
    assert found.title == f"Safeguarding audit: {today_audit.school.name}"
    assert found.roles[0] == "Document" and "H1" in found.roles
    assert client_for(reviewer).get(url(today_audit, "audit.pdf")).status_code == 404
