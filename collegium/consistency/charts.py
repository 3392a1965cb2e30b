"""SVG charts of the consistency figures, drawn with matplotlib with text kept as text.

Each chart is stored in Django's cache under a hash of the data it shows (``chart``), so it
is drawn once per change of data, never on each request.
"""

import hashlib
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from collegium.svg import inline_svg

BLUE = "#1d70b8"
RED = "#d4351c"
GREY = "#505a5f"
TEXT = "#0b0c0c"
TIMEOUT = 7 * 24 * 3600
# One interval per row: (label, estimate, low, high, highlighted)
Interval = tuple[str, float, float, float, bool]


def chart(kind: str, rows: Sequence[Any], **options: Any) -> str:
    """The SVG of chart ``kind`` for ``rows``, drawn only when they have not been drawn before."""
    payload = json.dumps([kind, rows, options], default=str, sort_keys=True)
    name = "consistency:chart:" + hashlib.sha256(payload.encode()).hexdigest()
    svg = cache.get(name)
    if svg is None:
        svg = DRAWERS[kind](rows, **options)
        cache.set(name, svg, TIMEOUT)
    return str(svg)


def _style(axes: Axes, xlabel: str) -> None:
    axes.set_xlabel(xlabel, color=TEXT)
    axes.spines[["top", "right"]].set_visible(False)


def draw_intervals(
    rows: Sequence[Interval], xlabel: str, guides: Sequence[float] = (), limits: Any = None
) -> str:
    """Estimates with intervals, one row each; highlighted rows in red with a square marker."""
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "collegium", "font.size": 10}):
        figure = Figure(figsize=(7, 0.4 * len(rows) + 1.3))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        for y, (_, estimate, low, high, flagged) in zip(positions, rows, strict=True):
            colour, marker = (RED, "s") if flagged else (BLUE, "o")
            axes.errorbar(
                estimate,
                y,
                xerr=[[estimate - low], [high - estimate]],
                fmt=marker,
                color=colour,
                ecolor=colour,
                capsize=3,
            )
        for x in guides:
            axes.axvline(x, color=GREY, linestyle="--", linewidth=1)
        labels = [textwrap.shorten(row[0], 45, placeholder="…") for row in rows]
        axes.set_yticks(positions, labels, color=TEXT)
        axes.set_ylim(-0.6, len(rows) - 0.4)
        if limits:
            axes.set_xlim(*limits)
        _style(axes, xlabel)
        return inline_svg(figure)


def draw_drift(rows: Sequence[tuple[str, str, float, bool]], terms: Sequence[str]) -> str:
    """Each reviewer's severity per term, one line each; flagged reviewers red and named."""
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "collegium", "font.size": 10}):
        figure = Figure(figsize=(7, 4))
        axes = figure.add_subplot()
        position = {term: i for i, term in enumerate(terms)}
        lines: dict[tuple[str, bool], list[tuple[int, float]]] = {}
        for name, term, value, flagged in rows:
            lines.setdefault((name, flagged), []).append((position[term], value))
        for (name, flagged), points in sorted(lines.items(), key=lambda item: item[0][1]):
            points.sort()
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            colour, marker = (RED, "s") if flagged else (BLUE, "o")
            axes.plot(
                xs, ys, color=colour, marker=marker, linewidth=2 if flagged else 1,
                alpha=1 if flagged else 0.5,
            )  # fmt: skip
            if flagged:
                axes.annotate(
                    name, (xs[-1], ys[-1]), xytext=(8, 0), textcoords="offset points",
                    color=TEXT, va="center",
                )  # fmt: skip
        axes.axhline(0, color=GREY, linestyle="--", linewidth=1)
        axes.set_xticks(range(len(terms)), list(terms), color=TEXT)
        axes.set_xlim(-0.3, len(terms) - 0.4)
        axes.set_ylabel("Severity (harsher is higher)", color=TEXT)
        _style(axes, "Term")
        return inline_svg(figure)


def draw_quintiles(rows: Sequence[tuple[int, float, float]], ylabel: str) -> str:
    """Mean judgement by FSM quintile: observed, and predicted from value added alone."""
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "collegium", "font.size": 10}):
        figure = Figure(figsize=(7, 3.6))
        axes = figure.add_subplot()
        quintiles = [row[0] for row in rows]
        axes.plot(quintiles, [r[1] for r in rows], marker="o", color=BLUE, label="Observed")
        axes.plot(
            quintiles,
            [r[2] for r in rows],
            marker="s",
            linestyle="--",
            color=GREY,
            label="Predicted from value added alone",
        )
        axes.set_xticks([1, 2, 3, 4, 5], ["1 (least FSM)", "2", "3", "4", "5 (most FSM)"])
        axes.set_ylabel(ylabel, color=TEXT)
        axes.legend(frameon=False)
        _style(axes, "FSM quintile")
        return inline_svg(figure)


DRAWERS: dict[str, Callable[..., str]] = {
    "intervals": draw_intervals,
    "drift": draw_drift,
    "quintiles": draw_quintiles,
}
