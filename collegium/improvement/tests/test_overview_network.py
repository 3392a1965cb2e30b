"""The network's view: which strands are most often improvement priorities, and where support
flows between schools (days given and received)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors.overview import priority_strands
from collegium.improvement.tests.conftest import make_plan
from collegium.improvement.tests.test_overview_cluster import agreed_review_of
from collegium.support.models import SupportRequest, SupportSession
from collegium.support.selectors.flows import days_agreed_not_given, support_picture


def give(plan: ActionPlan, giver, *days: str) -> SupportRequest:
    """An accepted request from the plan's school to the giver, with a session per entry."""
    request = SupportRequest.objects.create(
        need=plan.support_needs.get(),
        offering_school=giver,
        message="Could you help?",
        status=SupportRequest.Status.ACCEPTED,
    )
    for number, amount in enumerate(days):
        SupportSession.objects.create(
            request=request,
            given_on=date.today() - timedelta(days=number + 1),
            days=Decimal(amount),
            given_by="Deputy head",
            what="Modelled catch-up sessions",
        )
    return request


@pytest.fixture
def two_plans(agreed_review, school_leader, school_b, cluster, framework_version, lead_reviewer):
    """Plans of schools A and B, both on the agreed priority A2S1; a third review (of school C)
    agreed the same priority and has no plan yet."""
    beech = agreed_review_of(school_b, cluster, framework_version, lead_reviewer, 6)
    return make_plan(agreed_review, school_leader), make_plan(beech, school_leader)


@pytest.fixture
def support_given(two_plans, school_b, school_c, school_d):
    """B gives A 1.5 + 2 days; C gives A 1 day; D gives B 0.5 day."""
    ash, beech = two_plans
    give(ash, school_b, "1.5", "2")
    give(ash, school_c, "1")
    give(beech, school_d, "0.5")


def test_two_plans_on_the_same_strand_count_two(two_plans, school_c, cluster, framework_version,
                                                lead_reviewer):  # fmt: skip
    agreed_review_of(school_c, cluster, framework_version, lead_reviewer, 3)
    rows = priority_strands()
    assert [(r.code, r.title, r.framework, r.priorities, r.plans) for r in rows] == [
        ("A2S1", "Strand 2.1", "Test framework", 3, 2)
    ]


def test_flows_are_summed_per_pair_and_balanced_per_school(support_given, school_a, school_b):
    support = support_picture()
    flows = [(f.giver.name, f.receiver.name, f.days) for f in support.flows]
    assert flows == [
        ("Beech Primary School", "Ash Primary School", Decimal("3.5")),
        ("Cedar Academy", "Ash Primary School", Decimal("1")),
        ("Damson School", "Beech Primary School", Decimal("0.5")),
    ]
    balances = {b.school.name: (b.given, b.received, b.balance) for b in support.balances}
    assert balances["Ash Primary School"] == (0, Decimal("4.5"), Decimal("-4.5"))
    assert balances["Beech Primary School"] == (Decimal("3.5"), Decimal("0.5"), Decimal("3"))
    assert support.total_days == Decimal("5")


def test_outsider_sees_the_network_figures_and_charts(client_for, outsider, support_given):
    response = client_for(outsider).get("/improvement/network/")
    assert response.status_code == 200
    page = response.text
    assert page.count("<svg") == 2
    assert "A2S1 Strand 2.1" in page
    assert "All the strands are from one framework, Test framework" in page
    assert ">Framework</th>" not in page  # the same for every strand: said once
    assert "3.5" in page and "-4.5" in page and "+3" in page
    assert "Support recorded as given: 5 days, between 4 schools." in page
    assert "Agreed but not yet given" not in page
    assert "Beech Primary School" in page and "Damson School" in page


def test_days_agreed_and_not_yet_given(two_plans, school_a, school_b, school_c, school_d):
    ash, beech = two_plans
    SupportRequest.objects.filter(pk=give(ash, school_b, "1.5", "2").pk).update(
        days_agreed=Decimal("3")
    )  # given more than agreed: nothing is still to give
    SupportRequest.objects.filter(pk=give(ash, school_c, "1").pk).update(
        days_agreed=Decimal("2")
    )  # 1 still to give
    SupportRequest.objects.filter(pk=give(beech, school_d).pk).update(
        days_agreed=Decimal("1.5")
    )  # nothing given yet: 1.5 to give
    declined = give(beech, school_a)
    SupportRequest.objects.filter(pk=declined.pk).update(
        status=SupportRequest.Status.DECLINED, days_agreed=Decimal("4")
    )
    assert days_agreed_not_given() == Decimal("2.5")
    assert support_picture().agreed_not_given == Decimal("2.5")


def test_the_page_says_what_is_agreed_but_not_given(client_for, outsider, two_plans, school_b):
    ash, _ = two_plans
    SupportRequest.objects.filter(pk=give(ash, school_b).pk).update(days_agreed=Decimal("2"))
    page = client_for(outsider).get("/improvement/network/").text
    assert "No support has been recorded as given yet. Agreed but not yet given: 2 days." in (
        " ".join(page.split())
    )


def test_network_page_says_when_there_is_nothing_yet(client_for, reviewer):
    response = client_for(reviewer).get("/improvement/network/")
    assert response.status_code == 200
    assert "No review has agreed an improvement priority yet" in response.text
    assert "No support between schools has been recorded yet" in response.text
    assert "<svg" not in response.text


def test_public_is_asked_to_sign_in_for_the_network_page(client_for, two_plans):
    response = client_for(None).get("/improvement/network/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/sign-in/?next=")
