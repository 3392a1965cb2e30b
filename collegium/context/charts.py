"""The caterpillar plot: a school's contextual value added among similar schools, each with its
95 % interval, against the line of what schools with a similar intake achieve (0).

One row per school, ordered by effect, its name written above its interval across the chart's
full width so that names stay readable at a phone's width (320 to 390 pixels). The school
itself is marked three ways, never by colour alone: a square marker, a bold name and
"(this school)". Drawn with matplotlib as SVG with text kept as text, and cached under a hash of
the rows it shows, so it is drawn once per fit, not on each request.
"""

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from matplotlib.figure import Figure

from collegium.context.counts import lower_limit, upper_limit
from collegium.svg import BLUE, GREY, TEXT, cached_chart, inline_svg, text_kept_as_text

WIDTH = 4.0  # inches: narrow, so the text stays large when the chart shrinks to a phone
ROW = 0.62  # inches per school
LABEL_CHARACTERS = 44
THIS_SCHOOL = "#d4351c"  # GOV.UK red, with the square marker and the bold name

# (name, effect, low, high, is this school)
Row = tuple[str, float, float, float, bool]


def chart(kind: str, rows: Sequence[Any], **options: Any) -> str:
    return cached_chart("context", DRAWERS, kind, rows, **options)


def _label(name: str, own: bool) -> str:
    text = f"{name} (this school)" if own else name
    return textwrap.shorten(text, LABEL_CHARACTERS, placeholder="…")


def draw_caterpillar(rows: Sequence[Row], xlabel: str) -> str:
    """Intervals of the rows in order, top to bottom, with a dashed line at 0."""
    with text_kept_as_text(font_size=11):
        figure = Figure(figsize=(WIDTH, ROW * len(rows) + 1.0))
        axes = figure.add_subplot()
        reach = max((max(abs(low), abs(high)) for _, _, low, high, _ in rows), default=1.0)
        reach = reach * 1.08 or 1.0
        for index, (name, effect, low, high, own) in enumerate(rows):
            y = len(rows) - 1 - index
            colour, marker = (THIS_SCHOOL, "s") if own else (BLUE, "o")
            axes.plot([low, high], [y, y], color=colour, linewidth=2.2 if own else 1.6)
            axes.plot([effect], [y], marker=marker, color=colour, markersize=7 if own else 5)
            axes.text(
                -reach,
                y + 0.18,
                _label(name, own),
                color=TEXT,
                va="bottom",
                ha="left",
                fontweight="bold" if own else "normal",
                fontsize=10,
            )
        axes.axvline(0, color=GREY, linestyle="--", linewidth=1)
        axes.set_xlim(-reach, reach)
        axes.set_ylim(-0.6, len(rows) - 0.05)
        axes.set_yticks([])
        axes.set_xlabel(xlabel, color=TEXT)
        axes.spines[["top", "right", "left"]].set_visible(False)
        return inline_svg(figure)


# (cohort size at the start, share of it lost, is this school)
FunnelRow = tuple[int, float, bool]


def draw_funnel(rows: Sequence[FunnelRow], expected: float, xlabel: str, ylabel: str) -> str:
    """D4: each school's share of a cohort lost against the cohort's size, with the expected
    share and its binomial 95 % (dashed) and 99.8 % (dotted) limits."""
    with text_kept_as_text(font_size=11):
        figure = Figure(figsize=(WIDTH, 3.6))
        axes = figure.add_subplot()
        largest = max((n for n, _, _ in rows), default=100)
        sizes = list(range(10, int(largest * 1.1) + 10, max(1, largest // 60)))
        for level, style in ((0.95, "--"), (0.998, ":")):
            for limit in (upper_limit, lower_limit):
                shares = [100 * limit(n, expected, level) for n in sizes]
                axes.plot(sizes, shares, color=GREY, linestyle=style, linewidth=1)
        axes.axhline(100 * expected, color=GREY, linewidth=1)
        for n, share, own in rows:
            if own:
                axes.plot([n], [100 * share], marker="s", color=THIS_SCHOOL, markersize=8)
            else:
                axes.plot([n], [100 * share], marker="o", color=BLUE, markersize=4, alpha=0.7)
        axes.set_xlabel(xlabel, color=TEXT)
        axes.set_ylabel(ylabel, color=TEXT)
        axes.spines[["top", "right"]].set_visible(False)
        return inline_svg(figure)


DRAWERS: dict[str, Callable[..., str]] = {"caterpillar": draw_caterpillar, "funnel": draw_funnel}
