"""Charts as inline SVG: matplotlib figures turned into markup for pages and PDFs.

Callers draw inside rc_context({"svg.fonttype": "none", ...}) so text stays text (searchable,
readable by screen readers, the same in the page and the PDF).
"""

import io
import re

from matplotlib.figure import Figure


def inline_svg(figure: Figure) -> str:
    """The figure as SVG without the XML prologue, its width following the page (a phone's too)."""
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
