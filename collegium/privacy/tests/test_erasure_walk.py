"""After a demo reviewer is erased, every page the demo serves to each role (and the public),
its CSV files and the API's answers name neither them nor their email address.

The walk follows links from the home page with the test client. Pages are grouped by the shape
of their path (ids become one placeholder); each shape is opened at most `PER_SHAPE` times per
role, and always when the path holds the id of a review the person was on or of their records.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from collegium.accounts.models import User
from collegium.api.tests.helpers import call, token_for
from collegium.consistency.figures import refresh
from collegium.privacy import services
from collegium.reviews.models import TeamMember

SKIPPED = re.compile(r"^/(admin/|account/sign-out|api/v1/docs)|\.(pdf|svg|png|zip)$")
VARIABLE = re.compile(r"^[^/]*\d[^/]*$")
HREF = re.compile(r'href="([^"#]+)')
PER_SHAPE = 2
TEXT_TYPES = ("text/html", "text/csv", "application/json", "text/plain")


def shape(path: str) -> str:
    return "/".join("#" if VARIABLE.match(part) else part for part in path.split("/"))


def walk(client: Client, focus: set[str], limit: int = 600) -> dict[str, str]:
    """The text of every page reached, by address."""
    seen: dict[str, int] = {}
    queue, texts = deque(["/"]), dict[str, str]()
    while queue and len(texts) < limit:
        address = queue.popleft()
        response = client.get(address)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(TEXT_TYPES):
            continue
        texts[address] = text = response.content.decode()
        for href in HREF.findall(text):
            parts = urlsplit(urljoin(address, href.replace("&amp;", "&")))
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc not in {"", "testserver"} or SKIPPED.search(parts.path):
                continue
            if link in texts or link in queue:
                continue
            count = seen.get(shape(parts.path), 0)
            if count < PER_SHAPE or focus & set(parts.path.split("/")):
                seen[shape(parts.path)] = count + 1
                queue.append(link)
    return texts


def chosen_reviewer(sign_in_emails: set[str]) -> User:
    """A reviewer who wrote evidence on a review, other than the demo's own sign-ins."""
    member = (
        TeamMember.objects.filter(evidence__isnull=False)
        .exclude(reviewer__user__email__in=sign_in_emails)
        .select_related("reviewer__user")
        .order_by("pk")
        .first()
    )
    assert member is not None
    return member.reviewer.user


def api_texts(user: User, review_ids: list[int]) -> list[str]:
    secret = token_for(user)
    paths = ["/api/v1/reviews", "/api/v1/plans", "/api/v1/summaries", "/api/v1/clusters"]
    for pk in review_ids:
        paths += [f"/api/v1/reviews/{pk}", f"/api/v1/reviews/{pk}/judgements"]
        paths += [f"/api/v1/reviews/{pk}/evidence"]
    return [call("get", path, secret).content.decode() for path in paths]


@pytest.mark.django_db
def test_an_erased_reviewer_appears_nowhere(demo_network):
    people = {s.email: User.objects.get(email=s.email) for s in demo_network}
    person = chosen_reviewer(set(people))
    name, email = person.full_name, person.email
    profile = person.reviewer_profile
    review_ids = sorted(
        set(TeamMember.objects.filter(reviewer=profile).values_list("review", flat=True))
    )
    focus = {str(pk) for pk in [*review_ids, profile.pk, person.pk]}
    admin = next(u for u in people.values() if u.role_grants.filter(role="network_admin").exists())
    # The walk can find them: before erasure the name is on pages and in the API.
    assert name in Client().get(f"/reviewers/{profile.pk}/").text
    assert any(name in t for user in people.values() for t in api_texts(user, review_ids))

    services.erase(admin, person)
    refresh()  # what the task worker does once the erasure is committed

    clients = [Client()]
    for user in people.values():
        clients.append(Client())
        clients[-1].force_login(user)
    found, walked = [], 0
    for client in clients:
        texts = walk(client, focus)
        walked += len(texts)
        found += [address for address, text in texts.items() if name in text or email in text]
    assert walked > 1000  # every role's pages, the public's, and their CSV files (1,871 today)
    for user in people.values():
        found += [t[:80] for t in api_texts(user, review_ids) if name in t or email in t]
    assert found == []
