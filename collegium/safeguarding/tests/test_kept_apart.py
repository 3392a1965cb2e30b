"""G1 kept apart from peer review: on the demo network, a walk of every page a reviewer and a
member of the public can reach from the home page finds no audit content outside the audit app.

Audit content is every item of the template (its title and what good looks like) and everything
the schools wrote: evidence, notes, actions, the board's comments, what oversight visits checked.
The walk follows links breadth-first, opening at most a few pages of each type (paths whose ids
differ are one type), plus every page of the audited schools and their reviews. A reviewer on a
review whose audit was shared for it reaches the audit from the home page, inside the audit app;
one on no such review, and the public, reach no page of the audit app at all.
"""

import re
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.test import Client

from collegium.accounts.models import User
from collegium.reviews.models import Review
from collegium.safeguarding.models import (
    AuditAction,
    ItemRating,
    OversightVisit,
    SafeguardingAudit,
    TemplateItem,
)

LINK = re.compile(r'href="([^"#]*)')
SKIPPED = re.compile(r"^/(admin/|account/sign-out|static/)|\.(pdf|svg|png|ico)$")
VARIABLE = re.compile(r"^[^/]*\d[^/]*$")
PER_TYPE = 3
APP = "/safeguarding/"


def page_type(path: str) -> str:
    return "/".join("#" if VARIABLE.match(part) else part for part in path.split("/"))


def audit_content() -> set[str]:
    texts = set(TemplateItem.objects.values_list("title", flat=True))
    texts |= set(TemplateItem.objects.values_list("good_looks_like", flat=True))
    for model, fields in (
        (ItemRating, ("evidence", "notes")),
        (AuditAction, ("description",)),
        (SafeguardingAudit, ("board_comments",)),
        (OversightVisit, ("checked",)),
    ):
        for field in fields:
            texts |= set(model.objects.values_list(field, flat=True))
    # As a page escapes them, and long enough not to be an ordinary phrase.
    return {text.replace("'", "&#39;") for text in texts if len(text) > 25}


def audited() -> list[int]:
    return list(SafeguardingAudit.objects.values_list("school_id", flat=True).distinct())


def seeds() -> list[str]:
    """The home page, and the pages of the audited schools and of their reviews."""
    schools = audited()
    reviews = Review.objects.filter(school_id__in=schools).values_list("pk", flat=True)
    return ["/", *(f"/schools/{urn}/" for urn in schools), *(f"/reviews/{pk}/" for pk in reviews)]


def walk(client: Client) -> dict[str, str]:
    """Every page reached (its text by path): the seeds, and PER_TYPE pages of each type."""
    start = seeds()
    queue, seen, required = deque(start), set(), set(start)
    counted: Counter[str] = Counter()
    pages: dict[str, str] = {}
    while queue:
        path = queue.popleft()
        if path in seen or SKIPPED.search(urlsplit(path).path):
            continue
        seen.add(path)
        kind = page_type(urlsplit(path).path)
        if counted[kind] >= PER_TYPE and path not in required:
            continue
        counted[kind] += 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages[path] = response.content.decode()
        for href in LINK.findall(pages[path]):
            if href.startswith("/") and not href.startswith("//"):
                queue.append(href.replace("&amp;", "&"))
    return pages


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def leaks(pages: dict[str, str], content: set[str]) -> list[str]:
    return [
        f"{path}: {text[:40]}"
        for path, html in pages.items()
        if not urlsplit(path).path.startswith(APP)
        for text in content
        if text in html
    ]


def test_the_public_meets_no_audit_content_anywhere(demo, client):
    content = audit_content()
    pages = walk(client)
    assert len(pages) > 15 and {f"/schools/{urn}/" for urn in audited()} <= set(pages)
    assert leaks(pages, content) == []
    assert not [path for path in pages if path.startswith(APP)]


def test_a_reviewer_on_a_schools_review_meets_none_outside_the_audit_app(demo, client):
    content = audit_content()
    rhys = Client()
    rhys.force_login(User.objects.get(full_name="Rhys Reviewer"))
    pages = walk(rhys)
    assert len(pages) > 50 and any(path.startswith("/reviews/") for path in pages)
    assert leaks(pages, content) == []
    assert not [path for path in pages if path.startswith(APP)]  # nothing shared with Rhys


def test_a_reviewer_the_audit_was_shared_with_reads_it_only_in_the_audit_app(demo):
    content = audit_content()
    lena = Client()
    lena.force_login(User.objects.get(full_name="Lena Lead"))
    pages = walk(lena)
    inside = [path for path in pages if path.startswith(APP)]
    assert inside and all(path.startswith((f"{APP}audits/", f"{APP}actions/")) for path in inside)
    assert any(text in pages[inside[0]] for text in content)  # the walk would see a leak
    assert leaks(pages, content) == []
