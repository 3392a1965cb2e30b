"""The report's chart: the level agreed for each strand, on the framework's own scale.

Each strand is a wrapped label above a bar: the stronger the level, the longer the bar, and each
level has its own fill pattern as well as its colour, with its label written beside the bar, so
neither colour nor pattern is the only carrier of meaning. A strand judged met / not met shows
"Met" as a full bar and "Not met" as the shortest. The evidence count is not in the chart: the
report shows it per strand, labelled, beside the judgement.

Drawn with matplotlib as SVG with its text kept as text (so it is searchable, scales and reads
the same in the page and the PDF), and stored on the report with a key of the data it shows:
pages reuse it and it is drawn again only when that data changes.
"""

import hashlib
import json
from dataclasses import astuple, dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.reports.models import Report
from collegium.reports.selectors import ReportContent, StrandRow
from collegium.svg import GREY, TEXT, inline_svg, text_kept_as_text, wrapped_label

# The figure is 4.5 inches (324 units) wide and scales with its container (`width: 100%`): at
# 320 px wide a 13-unit font is 12.8 px high, and the pages cap the width so it never grows far
# beyond the page's own text.
WIDTH = 324.0
FONT = 13.0
LINE = FONT * 1.3
CHAR = FONT * 0.6  # a generous average character width, so wrapped text always fits
BAR_HEIGHT = 18.0
GAP = 10.0
LABEL_CHARS = 16  # a level's label is wrapped to this many characters beside its bar

# One look per position on the scale, strongest first: a fill colour and a pattern.
LOOKS = [
    ("#1d70b8", ""),
    ("#5694ca", "////"),
    ("#bbd4ea", "...."),
    ("#ffffff", "xxxx"),
    ("#ffffff", "\\\\\\\\"),
    ("#ffffff", "oo"),
    ("#ffffff", "----"),
    ("#ffffff", "++"),
]
MET_LOOKS = {1: ("#00703c", ""), 2: ("#ffffff", "||||")}
TRACK = "#b1b4b6"  # the outline of a full bar, so each bar's length reads against the scale


@dataclass(frozen=True)
class Bar:
    """One strand as the chart shows it: `level` is the position agreed (1 = strongest) on a
    scale of `levels` positions, None when no level was agreed; `met` marks met / not met."""

    strand: str
    level: int | None
    levels: int
    label: str
    met: bool


def chart_data(content: ReportContent) -> list[Bar]:
    scale = scale_labels(content.report.review.framework_version)
    return [_bar(row, scale) for row in content.rows]


def _bar(row: StrandRow, scale: dict[int, str]) -> Bar:
    choices = strand_levels(row.strand, scale)
    positions = {label: position for position, label in choices.items()}
    level = positions.get(row.judgement)
    if level is None:
        label = "Not judged on a level" if row.rationale else "No judgement agreed"
    else:
        label = row.judgement
    name = f"{row.strand.code} {row.strand.title}"
    return Bar(name, level, len(choices), label, row.strand.met_or_not_met)


def chart_for(content: ReportContent) -> str:
    """The chart's SVG, drawn only when the data it shows has changed since it was stored."""
    bars = chart_data(content)
    key = hashlib.sha256(json.dumps([astuple(bar) for bar in bars]).encode()).hexdigest()
    report = content.report
    if report.chart_key != key:
        report.chart_svg, report.chart_key = draw(bars), key
        Report.objects.filter(pk=report.pk).update(chart_svg=report.chart_svg, chart_key=key)
    return report.chart_svg


def draw(bars: list[Bar]) -> str:
    label_chars = min(LABEL_CHARS, max([len(bar.label) for bar in bars] + [3]))
    full = WIDTH - label_chars * CHAR - GAP
    title_chars = int(WIDTH / CHAR)
    blocks = [(bar, wrapped_label(bar.strand, title_chars).split("\n")) for bar in bars]
    height = sum(len(lines) * LINE + _bar_height(bar, label_chars) + GAP for bar, lines in blocks)
    with text_kept_as_text(font_size=FONT):
        figure = Figure(figsize=(WIDTH / 72, max(height, LINE) / 72))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, WIDTH)
        axes.set_ylim(max(height, LINE), 0)
        axes.set_axis_off()
        top = 0.0
        for bar, lines in blocks:
            top = _draw_strand(axes, bar, lines, top, full, label_chars)
        return inline_svg(figure, tight=False)


def _bar_height(bar: Bar, label_chars: int) -> float:
    lines = wrapped_label(bar.label, label_chars).count("\n") + 1
    return max(BAR_HEIGHT, lines * LINE)


def _draw_strand(
    axes: Axes, bar: Bar, lines: list[str], top: float, full: float, label_chars: int
) -> float:
    """Draws the strand's label and bar from `top` down; returns where the next one starts."""
    for line in lines:
        axes.text(0, top, line, va="top", color=TEXT, fontweight="bold")
        top += LINE
    height = _bar_height(bar, label_chars)
    middle = top + height / 2
    length = _length(bar, full)
    label = wrapped_label(bar.label, label_chars)
    if length:
        colour, hatch = _look(bar)
        axes.barh(middle, full, height=BAR_HEIGHT, fill=False, edgecolor=TRACK)
        axes.barh(middle, length, height=BAR_HEIGHT, color=colour, hatch=hatch, edgecolor=TEXT)
        axes.text(full + 6, middle, label, va="center", color=TEXT)
    else:
        axes.text(0, middle, label, va="center", color=GREY, fontstyle="italic")
    return top + height + GAP


def _look(bar: Bar) -> tuple[str, str]:
    level = bar.level or 1
    return MET_LOOKS[level] if bar.met else LOOKS[(level - 1) % len(LOOKS)]


def _length(bar: Bar, full: float) -> float:
    """Stronger levels draw longer bars; "Not met" draws the shortest bar of any scale."""
    if bar.level is None:
        return 0.0
    if bar.met:
        return full if bar.level == 1 else full / 4
    return full * (bar.levels - bar.level + 1) / bar.levels
