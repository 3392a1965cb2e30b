"""An id in a web address too long for a database integer is "page not found", never a 500.

Every route with an id is opened with a 20-digit id (which overflowed SQLite's integers with
an OverflowError) and with the largest id the `id` converter accepts.
"""

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from collegium.converters import IdConverter

TWENTY_DIGITS = "9" * 20
LARGEST_ACCEPTED = "9" * 18
_PARAMETER = re.compile(r"<(\w+):\w+>")


def routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def address(route: str, digits: str) -> str:
    return "/" + _PARAMETER.sub(lambda m: digits if m.group(1) == "id" else "x", route)


EVERY_ROUTE = sorted(routes(get_resolver().url_patterns))
ROUTES = [route for route in EVERY_ROUTE if "<id:" in route]


def test_every_route_with_a_number_uses_the_bounded_converter():
    assert len(ROUTES) > 100
    assert [route for route in EVERY_ROUTE if "<int:" in route] == []


def test_a_twenty_digit_id_is_not_found_on_any_page(client_for, network_admin):
    client = client_for(network_admin)
    answers = {route: client.get(address(route, TWENTY_DIGITS)).status_code for route in ROUTES}
    assert {route: status for route, status in answers.items() if status != 404} == {}


@pytest.mark.parametrize(
    "path",
    [
        "/reviews/{id}/",
        "/schools/{id}/",
        "/reviewers/{id}/",
        "/clusters/{id}/",
        "/reports/{id}/",
        "/frameworks/national-areas/{id}/",
    ],
)
@pytest.mark.parametrize("who", ["network_admin", "outsider", None])
def test_representative_pages_answer_not_found_for_huge_ids(client_for, request, path, who):
    user = request.getfixturevalue(who) if who else None
    for digits in (TWENTY_DIGITS, LARGEST_ACCEPTED):
        response = client_for(user).get(path.format(id=digits))
        # Someone not signed in is sent to sign in only when the page exists.
        assert response.status_code in ((302, 404) if user is None else (404,))


def test_the_converter_refuses_what_no_database_integer_holds():
    converter = IdConverter()
    assert re.fullmatch(converter.regex, LARGEST_ACCEPTED)
    assert not re.fullmatch(converter.regex, "9" * 19)
    assert converter.to_python("000123") == 123 and converter.to_url(123) == "123"


@pytest.mark.parametrize(
    "kind", ["schools.school", "clusters.cluster", "people.reviewerprofile", "reviews.review"]
)
@pytest.mark.parametrize("object_id", [TWENTY_DIGITS, "abc", "-1"])
def test_a_history_page_for_an_impossible_id_is_not_found(
    client_for, network_admin, kind, object_id
):
    response = client_for(network_admin).get(f"/history/{kind}/{object_id}/")
    assert response.status_code == 404
