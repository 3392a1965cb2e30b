"""Charts as inline SVG: matplotlib figures turned into markup for pages and PDFs.

Charts are drawn inside `text_kept_as_text()`, so their text stays text (searchable, readable by
screen readers, the same in the page and the PDF), in the service's colours, and kept in the
cache under a hash of the data they show (`cached_chart`), so each is drawn once per change of
data rather than on every request.
"""

import hashlib
import io
import json
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from django.core.cache import cache
from matplotlib import rc_context
from matplotlib.figure import Figure

BLUE = "#1d70b8"
RED = "#d4351c"
GREY = "#505a5f"
TEXT = "#0b0c0c"
CACHE_SECONDS = 7 * 24 * 3600
# The page's font first: the SVG names these, so a browser or a PDF uses the first it has.
FONTS = ["Arial", "Liberation Sans", "DejaVu Sans"]


def text_kept_as_text(font_size: float = 10) -> AbstractContextManager[None]:
    return rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "collegium",
            "font.size": font_size,
            "font.family": ["sans-serif"],
            "font.sans-serif": FONTS,
        }
    )


def short_label(text: str, width: int) -> str:
    """An axis label cut to `width` characters; a cut label ends with an ellipsis."""
    return textwrap.shorten(text, width, placeholder="…")


def wrapped_label(text: str, width: int) -> str:
    """A label broken into lines of at most `width` characters, never cut."""
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def cached_chart(
    namespace: str,
    drawers: Mapping[str, Callable[..., str]],
    kind: str,
    rows: Sequence[Any],
    **options: Any,
) -> str:
    """The SVG of chart `kind` for `rows`, drawn only when they have not been drawn before."""
    payload = json.dumps([kind, rows, options], default=str, sort_keys=True)
    name = f"{namespace}:chart:" + hashlib.sha256(payload.encode()).hexdigest()
    svg = cache.get(name)
    if svg is None:
        svg = drawers[kind](rows, **options)
        cache.set(name, svg, CACHE_SECONDS)
    return str(svg)


def inline_svg(figure: Figure, tight: bool = True) -> str:
    """The figure as SVG without the XML prologue, its width following the page (a phone's too).
    `tight` fits the axes to their labels; a figure laid out by hand passes False."""
    if tight:
        figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(
        r'<svg([^>]*?) width="[\d.]+pt" height="[\d.]+pt"',
        r'<svg\1 width="100%" preserveAspectRatio="xMinYMin meet"',
        svg,
        count=1,
    )
