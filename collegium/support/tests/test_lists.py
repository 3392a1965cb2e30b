"""The page of support between schools at national scale: the first rows of each list with a link
to the full list a page at a time, in the same number of queries however many requests, offers,
partner schools and led schools there are."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from collegium.pagination import PER_PAGE
from collegium.people.models import Role
from collegium.support.models import StandingOffer, SupportRequest, SupportSession
from collegium.support.selectors.lists import SHOWN
from collegium.support.tests.test_brokerage import strand
from conftest import grant, make_school
from tests.pages import query_count

HOME = reverse("support:home")


def full_list(school, kind: str) -> str:
    return reverse("support:list", args=[school.urn, kind])


def add_traffic(plan, school_b, framework_version, count: int) -> None:
    """`count` partner schools: Ash asks each one (and got n + 1 days of support from the nth),
    Ash asks Beech once more, and Beech publishes one more offer."""
    la = school_b.local_authority
    a_strand = strand(framework_version, "A1S1")
    start = SupportRequest.objects.filter(offering_school__name__startswith="Partner ").count()
    for n in range(start, start + count):
        partner = make_school(la, 310000 + n, f"Partner {n:03}")
        need = plan.support_needs.create(strand=a_strand, description=f"Need {n:03}")
        asked = SupportRequest.objects.create(
            need=need,
            offering_school=partner,
            message="Could we visit?",
            status=SupportRequest.Status.ACCEPTED,
            days_agreed=Decimal(n + 1),
        )
        SupportSession.objects.create(
            request=asked, given_on=date(2026, 1, 5), days=n + 1, given_by="Jo", what="Visit"
        )
        SupportRequest.objects.create(need=need, offering_school=school_b, message=f"Ask {n:03}")
        StandingOffer.objects.create(
            school=school_b, strand=a_strand, description=f"Offer {n:03}", days_available=1
        )


@pytest.fixture
def both_heads(school_leader, school_b):
    """Sam leads Ash and Beech, so the page has two panels."""
    return grant(school_leader, Role.SCHOOL_LEADER, school=school_b)


def request_link(support) -> str:
    return reverse("support:request", args=[support.pk])


def test_the_page_shows_the_first_rows_of_each_list_and_links_to_all(
    client_for, both_heads, plan, school_b, framework_version
):
    add_traffic(plan, school_b, framework_version, SHOWN + 5)
    text = client_for(both_heads).get(HOME).text
    asks = list(SupportRequest.objects.filter(offering_school=school_b).order_by("-pk"))
    assert all(request_link(ask) in text for ask in asks[:SHOWN])
    assert not any(request_link(ask) in text for ask in asks[SHOWN:])
    assert f"See all {2 * (SHOWN + 5)} requests sent by Ash Primary School" in text
    assert f"See all {SHOWN + 5} requests received by Beech Primary School" in text
    assert f"See all {SHOWN + 5} offers of support from Beech Primary School" in text
    assert "Offer 014" in text and "Offer 005" in text and "Offer 004" not in text
    assert "Ash Primary School has given 0 days of support and received 120 days." in text
    assert f"The {SHOWN} largest of {SHOWN + 5} flows of support are shown." in text
    assert "Partner 014" in text and "Partner 005" in text and "Partner 004" not in text
    assert full_list(school_b, "received") in text


def test_a_full_list_is_shown_a_page_at_a_time(
    client_for, both_heads, plan, school_a, school_b, framework_version
):
    add_traffic(plan, school_b, framework_version, PER_PAGE + 5)
    client = client_for(both_heads)
    first = client.get(full_list(school_a, "sent")).text
    assert f"{2 * (PER_PAGE + 5)} requests sent by Ash Primary School, 1 to {PER_PAGE}" in first
    assert "Partner" not in first  # the requests awaiting a reply come first
    last = client.get(full_list(school_a, "sent"), {"page": 3}).text
    assert "Partner 009" in last and "Partner 000" in last and "Partner 010" not in last
    assert f"{2 * PER_PAGE + 1} to {2 * PER_PAGE + 10} shown" in last
    offers = client.get(full_list(school_b, "offers"), {"page": 2}).text
    assert "Offer 004" in offers and "Offer 000" in offers and "Offer 005" not in offers
    assert "Withdraw this offer" in offers
    received = client.get(full_list(school_b, "received"), {"page": 2}).text
    assert f"{PER_PAGE + 1} to {PER_PAGE + 5} shown" in received


def test_queries_do_not_grow_with_the_rows_or_the_schools(
    client_for, both_heads, plan, la, school_a, school_b, framework_version,
    django_assert_max_num_queries,
):  # fmt: skip
    client = client_for(both_heads)
    add_traffic(plan, school_b, framework_version, 5)
    few = query_count(client, HOME)
    few_full = query_count(client, full_list(school_a, "sent"))
    add_traffic(plan, school_b, framework_version, 3 * PER_PAGE)
    grant(both_heads, Role.SCHOOL_LEADER, school=make_school(la, 390001, "Cedar Primary School"))
    with django_assert_max_num_queries(few):
        text = client.get(HOME).text
    assert "Cedar Primary School has no standing offers." in text
    for kind in ("sent", "received", "offers"):
        school = school_a if kind == "sent" else school_b
        with django_assert_max_num_queries(few_full):
            assert client.get(full_list(school, kind)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "governor", "coordinator", "reviewer"])
def test_others_may_not_read_a_schools_lists(client_for, request, who, school_a, school_b):
    client = client_for(request.getfixturevalue(who))
    for school in (school_a, school_b):
        assert client.get(full_list(school, "sent")).status_code in (403, 404)


def test_the_head_of_one_school_may_not_read_anothers(client_for, school_leader, school_b):
    assert client_for(school_leader).get(full_list(school_b, "offers")).status_code in (403, 404)


def test_an_unknown_list_is_not_found(client_for, school_leader, school_a):
    client = client_for(school_leader)
    assert client.get(full_list(school_a, "everything")).status_code == 404
    assert client.get(full_list(school_a, "sent"), {"page": "x"}).status_code == 200


def test_anonymous_visitors_are_asked_to_sign_in(client_for, school_a):
    response = client_for(None).get(full_list(school_a, "sent"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
