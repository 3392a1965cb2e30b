"""SVG charts of the consistency figures, drawn with matplotlib with text kept as text.

Each chart is stored in Django's cache under a hash of the data it shows (``chart``), so it
is drawn once per change of data, never on each request.
"""

from collections.abc import Callable, Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from collegium.svg import (
    BLUE,
    GREY,
    RED,
    TEXT,
    cached_chart,
    inline_svg,
    short_label,
    text_kept_as_text,
)

# One interval per row: (label, estimate, low, high, highlighted)
Interval = tuple[str, float, float, float, bool]


def chart(kind: str, rows: Sequence[Any], **options: Any) -> str:
    return cached_chart("consistency", DRAWERS, kind, rows, **options)


def _style(axes: Axes, xlabel: str) -> None:
    axes.set_xlabel(xlabel, color=TEXT)
    axes.spines[["top", "right"]].set_visible(False)


def draw_intervals(
    rows: Sequence[Interval], xlabel: str, guides: Sequence[float] = (), limits: Any = None
) -> str:
    """Estimates with intervals, one row each; highlighted rows in red with a square marker."""
    with text_kept_as_text():
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
        labels = [short_label(row[0], 45) for row in rows]
        axes.set_yticks(positions, labels, color=TEXT)
        axes.set_ylim(-0.6, len(rows) - 0.4)
        if limits:
            axes.set_xlim(*limits)
        _style(axes, xlabel)
        return inline_svg(figure)


def draw_drift(rows: Sequence[tuple[str, str, float, bool]], terms: Sequence[str]) -> str:
    """Each reviewer's severity per term, one line each; flagged reviewers red and named."""
    with text_kept_as_text():
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
            label = name if flagged else "Other reviewers"
            axes.plot(
                xs, ys, color=colour, marker=marker, linewidth=2 if flagged else 1,
                alpha=1 if flagged else 0.5, label=label,
            )  # fmt: skip
            if flagged:
                axes.annotate(
                    name, (xs[-1], ys[-1]), xytext=(8, 0), textcoords="offset points",
                    color=TEXT, va="center",
                )  # fmt: skip
        axes.axhline(0, color=GREY, linestyle="--", linewidth=1, label="As severe as most")
        handles, labels = axes.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))  # one entry for all other reviewers
        axes.legend(unique.values(), unique.keys(), frameon=False, fontsize="small")
        axes.set_xticks(range(len(terms)), list(terms), color=TEXT)
        axes.set_xlim(-0.3, len(terms) - 0.4)
        axes.set_ylabel("Severity (harsher is higher)", color=TEXT)
        _style(axes, "Term")
        return inline_svg(figure)


def draw_quintiles(rows: Sequence[tuple[int, float, float]], ylabel: str) -> str:
    """Mean judgement by FSM quintile as bars from zero: observed, and predicted from value
    added alone (a bar's length carries its meaning, so the axis starts at zero)."""
    with text_kept_as_text():
        figure = Figure(figsize=(7, 3.6))
        axes = figure.add_subplot()
        quintiles = [row[0] for row in rows]
        width = 0.38
        axes.bar(
            [q - width / 2 for q in quintiles], [r[1] for r in rows], width, color=BLUE,
            label="Observed",
        )  # fmt: skip
        axes.bar(
            [q + width / 2 for q in quintiles], [r[2] for r in rows], width, color=GREY,
            label="Predicted from value added alone", hatch="//", edgecolor=TEXT,
        )  # fmt: skip
        axes.set_xticks([1, 2, 3, 4, 5], ["1 (least FSM)", "2", "3", "4", "5 (most FSM)"])
        axes.set_ylim(0, max([4.0, *[max(r[1], r[2]) for r in rows]]) * 1.05)
        axes.set_ylabel(ylabel, color=TEXT)
        axes.legend(frameon=False, loc="lower right")
        _style(axes, "FSM quintile")
        return inline_svg(figure)


DRAWERS: dict[str, Callable[..., str]] = {
    "intervals": draw_intervals,
    "drift": draw_drift,
    "quintiles": draw_quintiles,
}
