"""SVG charts of the network's improvement: priority strands and support between schools.

Bars are horizontal with each label written above its bar across the chart's full width, on
up to two lines, so long strand titles and school names stay readable when the chart shrinks to
a phone's width.
Each chart is cached under a hash of the data it shows, so it is drawn once per change of data.
"""

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from collegium.svg import BLUE, GREY, TEXT, cached_chart, inline_svg, text_kept_as_text

WIDTH = 4  # inches: narrow, so the text stays large when the page is a phone's width
LABEL_CHARACTERS = 46  # on a line of a label
LABEL_LINES = 2  # a longer label (over 90 characters or so) ends with "…"


def chart(kind: str, rows: Sequence[Any], **options: Any) -> str:
    return cached_chart("improvement", DRAWERS, kind, rows, **options)


def _number(value: float) -> str:
    return f"{value:g}"


def label_lines(text: str) -> list[str]:
    """The label wrapped onto at most two lines across the chart's width."""
    return textwrap.wrap(text, LABEL_CHARACTERS, max_lines=LABEL_LINES, placeholder=" …")


def _wraps(labels: Sequence[str]) -> bool:
    return any(len(label_lines(label)) > 1 for label in labels)


def _label(axes: Axes, y: float, text: str) -> None:
    axes.text(0, y, "\n".join(label_lines(text)), color=TEXT, va="bottom", ha="left")


def _frame(axes: Axes, rows: int, xlabel: str, most: float) -> None:
    axes.set_yticks([])
    axes.set_ylim(-0.6, rows - 0.1)
    axes.set_xlim(0, most * 1.15 or 1)
    axes.set_xlabel(xlabel, color=TEXT)
    axes.spines[["top", "right", "left"]].set_visible(False)


def draw_bars(rows: Sequence[tuple[str, int]], xlabel: str) -> str:
    """One bar per row of counts, in order, its label above it and its count at its end."""
    with text_kept_as_text(font_size=11):
        row_height = 0.86 if _wraps([label for label, _ in rows]) else 0.62  # inches
        figure = Figure(figsize=(WIDTH, row_height * len(rows) + 0.9))
        axes = figure.add_subplot()
        for index, (label, value) in enumerate(rows):
            y = len(rows) - 1 - index
            axes.barh(y, value, height=0.4, color=BLUE)
            axes.text(value, y, f" {_number(value)}", color=TEXT, va="center")
            _label(axes, y + 0.22, label)
        _frame(axes, len(rows), xlabel, max((value for _, value in rows), default=0))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        return inline_svg(figure)


def draw_given_received(rows: Sequence[tuple[str, float, float]], xlabel: str) -> str:
    """Two bars per school: days of support given (blue) and received (grey, hatched)."""
    with text_kept_as_text(font_size=11):
        row_height = 1.15 if _wraps([row[0] for row in rows]) else 0.9  # inches
        figure = Figure(figsize=(WIDTH, row_height * len(rows) + 1.2))
        axes = figure.add_subplot()
        for index, (label, given, received) in enumerate(rows):
            y = len(rows) - 1 - index
            axes.barh(y + 0.1, given, height=0.25, color=BLUE, label="Given" if not index else None)
            axes.barh(
                y - 0.17, received, height=0.25, color="white", edgecolor=GREY, hatch="///",
                label="Received" if not index else None,
            )  # fmt: skip
            axes.text(given, y + 0.1, f" {_number(given)}", color=TEXT, va="center", fontsize=10)
            axes.text(received, y - 0.17, f" {_number(received)}", color=TEXT, va="center",
                      fontsize=10)  # fmt: skip
            _label(axes, y + 0.26, label)
        most = max((max(given, received) for _, given, received in rows), default=0)
        _frame(axes, len(rows), xlabel, most)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=2, frameon=False)
        return inline_svg(figure)


DRAWERS: dict[str, Callable[..., str]] = {
    "bars": draw_bars,
    "given_received": draw_given_received,
}
