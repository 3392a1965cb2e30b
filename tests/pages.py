"""What the tests of pages ask again and again: how many queries a page makes, and a list's first
two pages with their captions."""

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from collegium.pagination import PER_PAGE


def query_count(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    """The queries of one request for the page, after one request to warm up (templates compiled,
    session read); the page must answer 200."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def first_two_pages(
    client: Client,
    url: str,
    caption: str,
    count: int,
    per_page: int = PER_PAGE,
    params: dict[str, Any] | None = None,
    page: str = "page",
) -> tuple[str, str]:
    """The text of a list's first and second pages, each checked for its caption: the first
    "{count} {caption}, 1 to {per_page} shown", the second "{per_page + 1} to {count} shown"."""
    params = params or {}
    first = client.get(url, params).text
    assert f"{count} {caption}, 1 to {per_page} shown" in first
    second = client.get(url, params | {page: 2}).text
    assert f"{per_page + 1} to {count} shown" in second
    return first, second
