"""The demo's report as a PDF, every page rendered to an image and read as text: a cover, a
running header and page numbers, no blank page, and a chart whose labels are the framework's
level names, kept as text."""

import io
import os
from dataclasses import dataclass

import pypdfium2
import pytest
from django.urls import reverse

from collegium.complaints.models import Complaint
from collegium.frameworks.levels import scale_labels
from collegium.reports.models import Report
from collegium.reports.selectors import revisions_of
from collegium.reviews.models import Judgement

MM = 72 / 25.4  # points in a millimetre
TOP, BOTTOM = 22 * MM, 20 * MM  # the page's margins, where the header and the footer are


@dataclass(frozen=True)
class Page:
    text: str  # every word on the page, spaces between
    header: str  # the words in the top margin
    body_ink: float  # the share of the body's pixels (the page within its margins) not white


def read(pdf: bytes) -> tuple[pypdfium2.PdfDocument, list[Page]]:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    return document, [_page(document, number) for number in range(len(document))]


def _page(document: pypdfium2.PdfDocument, number: int) -> Page:
    page = document[number]
    textpage = page.get_textpage()
    text = " ".join(textpage.get_text_range().split())
    width, height = page.get_size()
    header = " ".join(textpage.get_text_bounded(0, height - TOP, width, height).split())
    image = page.render(scale=1).to_pil().convert("L")
    if os.environ.get("PDF_PAGES_TO"):  # to look at them: PDF_PAGES_TO=/tmp/pages pytest …
        image.save(os.path.join(os.environ["PDF_PAGES_TO"], f"page-{number + 1}.png"))
    body = image.crop((0, round(TOP), image.width, image.height - round(BOTTOM)))
    ink = sum(1 for value in body.get_flattened_data() if value < 200)
    return Page(text, header, ink / (body.width * body.height))


def chart_text(document: pypdfium2.PdfDocument) -> str:
    """The text inside the chart: below its caption, above the first area's heading or the page's
    end, within the chart's width."""
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        caption = _box_of(textpage, "the longer the bar, the stronger the level")
        if caption is None:
            continue
        below = _box_of(textpage, "Agreed judgement")
        bottom = below[3] if below and below[3] < caption[1] else BOTTOM
        width = document[number].get_width()
        return " ".join(textpage.get_text_bounded(0, bottom, width, caption[1]).split())
    raise AssertionError("the chart's caption is on no page")


def _box_of(textpage, words: str) -> tuple[float, float, float, float] | None:
    found = textpage.search(words).get_next()
    if found is None:
        return None
    start, count = found
    boxes = [textpage.get_charbox(start + i) for i in range(count)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@pytest.fixture
def corrected(demo_network) -> Report:
    """The demo's published report whose judgement was changed after a complaint."""
    return Complaint.objects.get(status="closed").report


@pytest.fixture
def pdf(corrected, client_for) -> bytes:
    lead = corrected.review.team.get(role="lead").reviewer.user
    response = client_for(lead).get(reverse("reports:pdf", args=[corrected.pk]))
    assert response.status_code == 200
    return response.content


def test_the_demo_report_pdf_has_a_cover(corrected, pdf):
    review = corrected.review
    _, pages = read(pdf)
    cover = pages[0].text
    assert f"Report on {review.school.name}" in cover
    assert review.get_kind_display() in cover
    assert str(review.framework_version) in cover
    lead = review.team.get(role="lead").reviewer.user.full_name
    assert "Lead reviewer" in cover and lead in cover
    assert "Improvement priority" in cover and str(review.findings.priority_strand) in cover
    assert "Moderation" in cover
    changed = len(revisions_of(review))
    assert f"{changed} judgements changed since the review team agreed them" in cover
    assert f"version {corrected.revision} of the report" in cover


def test_no_page_is_blank_and_each_has_its_header_and_number(corrected, pdf):
    document, pages = read(pdf)
    assert len(pages) >= 3
    review = corrected.review
    running = f"{review.school.name} {review.get_kind_display()}, {review.start_date:%-d %B %Y}"
    for number, page in enumerate(pages, start=1):
        assert page.body_ink > 0.004, f"page {number} is blank"
        assert f"Page {number} of {len(pages)}" in page.text
        assert f"version {corrected.revision}" in page.text
        if number > 1:  # the running header, on every page after the cover
            assert page.header.startswith(running), page.header


def test_the_chart_labels_are_the_framework_level_names_as_text(corrected, pdf):
    document, _ = read(pdf)
    text = chart_text(document)
    review = corrected.review
    names = scale_labels(review.framework_version)
    agreed = Judgement.objects.filter(review=review, level__isnull=False)
    shown = {names[j.level or 0] for j in agreed if not j.strand.met_or_not_met}
    assert shown and all(name in text for name in shown), text
    assert "Evidence notes" not in text  # the counts are beside each strand, not in the chart
    for judgement in agreed:
        assert judgement.strand.code in text
