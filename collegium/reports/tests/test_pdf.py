"""The report and the summary as PDF: the first page is rendered to an image and looked at."""

import io
from datetime import date

import pypdfium2
import pytest
from django.urls import reverse

from collegium.reports.demo import load_demo_report
from collegium.reports.publication import publish_summary
from collegium.reports.services import check, cycle

A4 = (595, 842)  # points


def first_page(pdf: bytes) -> tuple[tuple[int, int], float]:
    """The first page's size in points and the share of its pixels that are dark."""
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    page = document[0]
    size = (round(page.get_width()), round(page.get_height()))
    image = page.render(scale=1).to_pil().convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    return size, dark / (image.width * image.height)


def test_the_report_pdf_renders_with_text_and_the_chart(sent, school_leader, client_for):
    response = client_for(school_leader).get(reverse("reports:pdf", args=[sent.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    size, dark = first_page(response.content)
    assert size == A4
    assert dark > 0.005  # not blank: headings, tables and text
    document = pypdfium2.PdfDocument(io.BytesIO(response.content))
    pages = (document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = " ".join(" ".join(pages).split())
    assert "Report on Ash Primary School" in text
    assert "the longer the bar, the stronger the level" in text  # the chart's caption
    assert "Evidence notes" in text  # each strand's count, beside its judgement
    assert "Agreed rationale for A1S1." in text


def test_the_summary_pdf_renders_once_published(sent, lead_reviewer, school_leader, client_for):
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    publish_summary(lead_reviewer, final)
    response = client_for(None).get(reverse("reports:summary-pdf", args=[sent.pk]))
    assert response.status_code == 200
    size, dark = first_page(response.content)
    assert size == A4 and dark > 0.001


@pytest.mark.parametrize("persona", ["outsider", "governor"])
def test_the_report_pdf_is_refused_to_people_not_allowed(sent, persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("reports:pdf", args=[sent.pk])
    )
    assert response.status_code == 404


def test_the_pdf_of_a_demo_report_renders(agreed_review, lead_reviewer, school_leader, client_for):
    report = load_demo_report(agreed_review, lead_reviewer, school_leader, "published")
    response = client_for(lead_reviewer).get(reverse("reports:pdf", args=[report.pk]))
    size, dark = first_page(response.content)
    assert response.status_code == 200 and size == A4 and dark > 0.005
