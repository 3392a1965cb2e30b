"""Parameters for the GOV.UK pagination component, shared by every paginated list."""

from typing import Any

from django.core.paginator import Page
from django.http import QueryDict


def pagination_for(page: Page, query: QueryDict) -> dict[str, Any]:
    """Parameters for the GOV.UK pagination component: first, last and neighbours of the page."""

    def href(number: int) -> str:
        params = query.copy()
        params["page"] = str(number)
        return "?" + params.urlencode()

    last = page.paginator.num_pages
    shown = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    items: list[dict[str, Any]] = []
    for number in shown:
        if items and number - items[-1]["number"] > 1:
            items.append({"ellipsis": True, "number": number - 1})
        items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "items": items if last > 1 else [],
        "previous": {"href": href(page.number - 1)} if page.has_previous() else None,
        "next": {"href": href(page.number + 1)} if page.has_next() else None,
    }
