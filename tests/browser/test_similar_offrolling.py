"""Issue 12 D3 and D4 "done when", on the demo network, in real Chromium at 390 px: a reviewer
on the team of a review sees, in the pre-review analysis, the school beside similar schools,
its local authority and England (with contextual value added and its interval), and the
off-rolling question; then the funnel plot and the similar-schools page. A moderator reads the
list of year groups that shrank more than usual. axe-core checks every page."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.context.selectors import flagged_schools
from collegium.reviews.models import Review
from tests.browser.journey import follow, sign_in_from_home, sign_out
from tests.browser.test_context import fits

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reviewer_sees_the_comparison_and_the_off_rolling_question(page: Any, demo_network):
    school, signal = flagged_schools()[0]
    review = Review.objects.filter(school=school).exclude(status=Review.Status.CANCELLED)[0]
    member = review.team.select_related("reviewer__user").first()
    assert member is not None
    sign_in_from_home(page, member.reviewer.user.email)
    page.goto(f"/reviews/{review.pk}/analysis/")
    expect(page.get_by_role("heading", name="Similar schools")).to_be_visible()
    table = page.get_by_role("table", name=f"{school.name} and similar schools")
    expect(table.get_by_role("row", name=f"{school.name} (this school)")).to_be_visible()
    expect(table.get_by_role("row", name="England")).to_be_visible()
    question = page.get_by_text(signal.question.split(",")[0])
    expect(question).to_be_visible()
    expect(page.get_by_text("The team may want to ask why.").first).to_be_visible()
    fits(page)

    page.get_by_role("link", name="The school beside every school with counts").click()
    expect(page.locator("h1")).to_have_text("Pupils leaving between year groups")
    expect(page.locator("figure svg")).to_be_visible()
    fits(page)
    page.get_by_role("link", name="Back to the pre-review analysis").click()
    page.get_by_role("link", name="Similar schools on a page of their own").click()
    expect(page.locator("h1")).to_have_text("Similar schools")
    fits(page)
    sign_out(page)


def test_a_moderator_lists_year_groups_that_shrank_more_than_usual(page: Any, demo_network):
    school, _ = flagged_schools()[0]
    from collegium.people.models import Role, RoleGrant

    moderator = RoleGrant.objects.filter(role=Role.MODERATOR).select_related("user")[0].user
    sign_in_from_home(page, moderator.email)
    follow(page, "Pupils leaving")
    expect(page.locator("h1")).to_have_text("Year groups that shrank more than usual")
    expect(page.get_by_role("row", name=school.name)).to_contain_text("fewer pupils than Year")
    fits(page)
    sign_out(page)
