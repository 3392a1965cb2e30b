"""The report's chart shows the agreed level of each strand on the framework's own scale, not how
many evidence notes it has: each level named as text beside its bar, with its own pattern, labels
wrapped and never cut, and text large enough to read at 320 pixels wide."""

import re

from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.reports.charts import LOOKS, MET_LOOKS, Bar, chart_data, chart_for, draw
from collegium.reports.selectors import report_content
from collegium.reviews.models import EvidenceNote, Judgement


def texts(svg: str) -> list[str]:
    """The words of the chart, line by line, as its text elements hold them."""
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def test_the_chart_shows_each_strand_s_agreed_level_on_the_scale(report):
    bars = chart_data(report_content(report))
    assert [(b.strand.split()[0], b.level, b.levels, b.label, b.met) for b in bars] == [
        ("A1S1", 1, 4, "Leading", False),
        ("A1S2", 2, 4, "Effective", False),
        ("A2S1", 3, 4, "Working towards", False),
        ("A2S2", 1, 2, "Met", True),
    ]
    words = " ".join(texts(chart_for(report_content(report))))
    for label in ("Leading", "Effective", "Working towards", "Met"):
        assert label in words
    assert "Evidence notes" not in words and "Not met" not in words


def test_more_evidence_leaves_the_chart_as_it_is_and_a_new_level_redraws_it(report):
    chart_for(report_content(report))
    key = report.chart_key
    note = EvidenceNote.objects.create(review=report.review, author=report.review.team.first())
    note.strands.set(Strand.objects.filter(code="A2S1"))
    chart_for(report_content(report))
    assert report.chart_key == key  # the count is not what the chart shows
    Judgement.objects.filter(review=report.review, strand__code="A2S2").update(level=2)
    svg = chart_for(report_content(report))
    assert report.chart_key != key and "Not met" in texts(svg)


def test_a_strand_without_an_agreed_level_says_so_and_draws_no_bar(report):
    Judgement.objects.filter(review=report.review, strand__code="A1S1").delete()
    Judgement.objects.filter(review=report.review, strand__code="A1S2").update(level=None)
    bars = chart_data(report_content(report))
    assert (bars[0].level, bars[0].label) == (None, "No judgement agreed")
    assert (bars[1].level, bars[1].label) == (None, "Not judged on a level")


def test_long_labels_are_wrapped_never_cut():
    title = "A1S1 How well leaders at every level make sure that disadvantaged pupils read fluently"
    svg = draw([Bar(title, 3, 4, "Working towards effective practice", False)])
    lines = texts(svg)
    assert "…" not in svg
    assert " ".join(lines).split() == (title + " Working towards effective practice").split()
    assert len(lines) > 3  # the title and the level each took more than one line


def test_the_text_is_at_least_12_pixels_high_at_320_pixels_wide(report):
    svg = chart_for(report_content(report))
    assert re.match(r'<svg[^>]* width="100%"', svg)  # it scales with its container
    view = re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg)
    assert view is not None
    width = float(view.group(1))
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) * 320 / width >= 12


def test_each_level_has_its_own_pattern_and_colour():
    assert len(set(LOOKS)) == len(LOOKS)
    assert len(set(MET_LOOKS.values())) == 2
    assert len({hatch for _, hatch in LOOKS}) == len(LOOKS)  # not colour alone


def test_the_report_page_shows_the_chart_and_refuses_an_outsider(
    report, lead_reviewer, outsider, client_for
):
    url = reverse("reports:report", args=[report.pk])
    page = client_for(lead_reviewer).get(url).content.decode()
    assert "the longer the bar, the stronger the level" in page
    assert re.search(r"<text[^>]*>[^<]*Working towards", page)
    assert client_for(outsider).get(url).status_code == 404
