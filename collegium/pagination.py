"""Parameters for the GOV.UK pagination component, shared by every paginated list."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict


def pagination_for(page: Page[Any], query: QueryDict, param: str = "page") -> dict[str, Any]:
    """Parameters for the GOV.UK pagination component: first, last and neighbours of the page
    (its number in the query parameter `param`, so one page may show two paginated lists)."""

    def href(number: int) -> str:
        params = query.copy()
        params[param] = str(number)
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


PER_PAGE = 50  # rows a page of any list that grows with the network


def paginate(
    request: HttpRequest,
    rows: Sequence[Any] | QuerySet[Any],
    per_page: int = PER_PAGE,
    param: str = "page",
) -> tuple[Page[Any], dict[str, Any]]:
    """The page of `rows` the request asks for in `param` (the first when the number is not one,
    the last when it is past the end) and the parameters of the pagination component under it."""
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    return page, pagination_for(page, request.GET, param)
