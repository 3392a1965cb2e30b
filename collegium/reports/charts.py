"""The report's chart: evidence notes per strand, each bar labelled with the agreed judgement.

Drawn with matplotlib as SVG with its text kept as text (so it is searchable, scales and reads
the same in the page and the PDF), and stored on the report with a key of the data it shows:
pages reuse it and it is drawn again only when that data changes.
"""

import hashlib
import json

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from collegium.reports.models import Report
from collegium.reports.selectors import ReportContent, StrandRow
from collegium.svg import BLUE, TEXT, inline_svg, short_label, text_kept_as_text


def chart_data(rows: list[StrandRow]) -> list[tuple[str, int, str]]:
    return [
        (f"{row.strand.code} {row.strand.title}", row.evidence_count, row.judgement) for row in rows
    ]


def chart_for(content: ReportContent) -> str:
    """The chart's SVG, drawn only when the data it shows has changed since it was stored."""
    data = chart_data(content.rows)
    key = hashlib.sha256(json.dumps(data).encode()).hexdigest()
    report = content.report
    if report.chart_key != key:
        report.chart_svg, report.chart_key = draw(data), key
        Report.objects.filter(pk=report.pk).update(chart_svg=report.chart_svg, chart_key=key)
    return report.chart_svg


def draw(data: list[tuple[str, int, str]]) -> str:
    with text_kept_as_text():
        figure = Figure(figsize=(7, 0.5 * len(data) + 1.2))
        axes = figure.add_subplot()
        labels = [short_label(label, 40) for label, _, _ in data]
        counts = [count for _, count, _ in data]
        positions = list(range(len(data)))[::-1]
        bars = axes.barh(positions, counts, color=BLUE, height=0.6)
        axes.bar_label(bars, labels=[f" {n} – {j or 'not judged'}" for _, n, j in data], color=TEXT)
        axes.set_yticks(positions, labels, color=TEXT)
        axes.set_xlabel("Evidence notes", color=TEXT)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlim(0, max(counts + [1]) * 1.6)
        axes.spines[["top", "right"]].set_visible(False)
        return inline_svg(figure)
