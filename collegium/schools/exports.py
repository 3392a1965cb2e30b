"""Downloads of the register search (N1): the schools the search page finds, with the same
filters, as CSV or XLSX (collegium/exports.py). The view is `views.search_download`."""

from typing import Any

from django.http import HttpResponse

from collegium.exports import table_response
from collegium.schools import selectors
from collegium.schools.models import School

MOST_ROWS = 5000  # a download holds at most this many schools; the page says so above it
HEADERS = [
    "URN",
    "School",
    "Phase",
    "Type",
    "Trust",
    "Town",
    "Postcode",
    "Local authority",
    "Open",
    "Opened on",
    "Closed on",
]


def _row(school: School) -> list[object]:
    authority = school.local_authority
    return [
        school.urn,
        school.name,
        school.get_phase_display(),
        school.school_type,
        school.trust_name,
        school.town,
        school.postcode,
        authority.name if authority else "",
        school.is_open,
        school.opened_on,
        school.closed_on,
    ]


def search_table(search: dict[str, Any], fmt: str) -> HttpResponse:
    """The schools a valid search finds, in the page's order, at most MOST_ROWS."""
    schools = selectors.search_schools(search["q"], search["phase"], search["la"])[:MOST_ROWS]
    return table_response("schools", HEADERS, (_row(school) for school in schools), fmt)
