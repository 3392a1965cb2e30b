"""Issue 20: every page of the demo reflows at 320 CSS pixels (WCAG 2.2, 1.4.10 Reflow).

As each demo role, and as the public, a 320 × 640 Chromium walks every page reachable from the
home page by links within the site, breadth-first. Pages are grouped by the shape of their path
(numbers and dates become one placeholder), so each page type is opened once per role. A page
fails when the page itself scrolls sideways (a wide table scrolls inside its own region instead)
or when axe finds content outside every landmark (its `region` rule: a Back link before <main>).
Downloads (PDF, CSV, SVG, framework files), sign-out and the admin site are not walked.
"""

import re
import time
from collections import deque
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from collegium.demo.network import PASSWORD
from tests.browser.conftest import AXE

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 320, 640
SKIPPED_PATHS = re.compile(r"^/(admin/|account/sign-out)|\.(pdf|csv|svg|json|ya?ml|png)$|/download")
VARIABLE_SEGMENT = re.compile(r"^[^/]*\d[^/]*$")  # an id, a URN, a date, a year…

WIDEST = """() => {
    const limit = window.innerWidth;
    const scrolls = (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    const insideScroller = (element) => {
        for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
            if (scrolls(up)) return true;
        }
        return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.right > limit + 1 && box.width > 0
            && getComputedStyle(element).position !== 'fixed'
            && !insideScroller(element);
    });
    // The innermost offenders name the cause; their ancestors only grew around them.
    const innermost = (element) => !wide.some((o) => o !== element && element.contains(o));
    return wide.filter(innermost)
        .slice(0, 3)
        .map((element) => element.tagName.toLowerCase()
            + (element.className && typeof element.className === 'string'
                ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
            + ' (' + Math.round(element.getBoundingClientRect().right) + ' px)');
}"""

LINKS = """() => [...document.querySelectorAll('a[href]')]
    .filter((link) => !link.hasAttribute('download'))
    .map((link) => link.href)"""


def page_type(path: str) -> str:
    """The shape of a path: /reviews/12/report/ and /reviews/15/report/ are one page type."""
    return "/".join("#" if VARIABLE_SEGMENT.match(part) else part for part in path.split("/"))


def same_site_links(page: Any, origin: str) -> list[str]:
    found = []
    for href in page.evaluate(LINKS):
        parts = urlsplit(urljoin(page.url, href))
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIPPED_PATHS.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def region_violations(page: Any) -> list[Any]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'rule', values: ['region']}})"
    )
    return [node["target"] for v in result["violations"] for node in v["nodes"]][:3]


def problems_of(page: Any, checked: set[str]) -> list[str]:
    """Sideways scroll on every page; landmarks once per page type (they are the template's)."""
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    if scroll_width > inner_width:
        widest = ", ".join(page.evaluate(WIDEST))
        problems.append(f"scrolls sideways ({scroll_width} px wide): {widest}")
    kind = page_type(urlsplit(page.url).path)
    if kind not in checked:
        checked.add(kind)
        if outside := region_violations(page):
            problems.append(f"content outside any landmark: {outside}")
    return problems


def walk(page: Any, origin: str, checked: set[str]) -> tuple[dict[str, list[str]], int]:
    """The problems, by address, of every page type reachable from the home page."""
    seen = {page_type("/")}
    queue = deque(["/"])
    found: dict[str, list[str]] = {}
    while queue:
        address = queue.popleft()
        response = page.goto(address)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        if problems := problems_of(page, checked):
            found[address] = problems
        for link in same_site_links(page, origin):
            kind = page_type(urlsplit(link).path)
            if kind not in seen:
                seen.add(kind)
                queue.append(link)
    return found, len(seen)


def sign_in(page: Any, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_every_page_reflows_at_320_pixels_for_every_role(demo_network, chromium, live_server):
    started = time.monotonic()
    people = [("Public", None)] + [(person.role, person.email) for person in demo_network]
    checked: set[str] = set()
    failures = []
    for label, email in people:
        context = chromium.new_context(
            base_url=live_server.url, viewport={"width": WIDTH, "height": HEIGHT}
        )
        page = context.new_page()
        if email:
            sign_in(page, email)
        found, visited = walk(page, live_server.url, checked)
        context.close()
        print(f"{label}: {visited} page types, {time.monotonic() - started:.0f} s")
        assert visited > (2 if email is None else 5), f"{label} reached only {visited} pages"
        failures += [f"{label} {url}: {'; '.join(why)}" for url, why in found.items()]
    assert failures == [], "pages that do not reflow at 320 px:\n" + "\n".join(failures)
