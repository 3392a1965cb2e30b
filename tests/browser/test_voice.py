"""Stakeholder voice (issue 14) in real Chromium, on the demo network; axe-core checks every page
reached.

a. A head opens a parent survey from the service navigation and gets its link and QR code;
   parents answer on a 320-pixel phone with JavaScript off; the head reads the results, which
   hide everything while fewer than 10 have answered, and the governors' survey, which hides its
   7 responses, beside last term's parent survey, which shows its figures.
b. A reviewer on the team of the review under way reads the school's survey results beside the
   strands in the pre-review analysis, and the pupils' research.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Review, TeamMember
from tests.browser.journey import accessible, follow, sign_in_from_home

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 320, "height": 640}


def narrow_enough(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def visited_school() -> Any:
    return Review.objects.select_related("school").get(status=Review.Status.VISIT).school


def parents_answer(chromium: Any, base_url: str, link: str, choice: str) -> None:
    """One parent, on their own phone with JavaScript off."""
    phone = chromium.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False)
    page = phone.new_page()
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Tell us what you think")
    narrow_enough(page)
    for question in ("My child is happy at this school.", "My child feels safe at this school."):
        page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()
    page.get_by_label("Is there anything else you would like the school to know?").fill(
        "Lovely teachers."
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers have been sent").first).to_be_visible()
    narrow_enough(page)
    page.goto(link)  # the same phone again
    expect(page.locator("h1")).to_have_text("You have already answered this survey")
    phone.close()


def test_a_head_opens_a_parent_survey_parents_answer_and_small_groups_stay_hidden(
    demo_network, page, chromium, live_server
):
    school = visited_school()
    head = RoleGrant.objects.filter(role=Role.SCHOOL_LEADER, school=school).order_by("pk")[0].user
    sign_in_from_home(page, head.email)
    follow(page, "Community surveys")
    expect(page.locator("h1")).to_have_text("Surveys of the school community")
    page.get_by_role("link", name="Open a survey").click()
    accessible(page)
    page.get_by_label("Parents and carers").check()
    today = timezone.localdate()
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + timedelta(days=13)).isoformat())
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey has been opened").first).to_be_visible()
    accessible(page)
    expect(page.get_by_role("img", name="A QR code for the survey's link")).to_be_visible()
    link = page.locator("#survey-link").get_attribute("href")
    assert link and "/voice/answer/" in link

    for choice in ("Strongly agree", "Agree", "Disagree"):
        parents_answer(chromium, live_server.url, link, choice)
    with_js = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    check = with_js.new_page()
    check.goto(link)
    accessible(check)  # the phone's page, as axe reads it
    with_js.close()

    page.reload()
    accessible(page)
    expect(page.locator("#suppressed")).to_be_visible()
    expect(page.get_by_text("Fewer than 10 responses").first).to_be_visible()
    expect(page.get_by_text("Lovely teachers.")).to_have_count(0)
    page.set_viewport_size(PHONE)
    narrow_enough(page)
    accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_role("link", name="All the school's surveys").click()
    accessible(page)
    page.get_by_role("link", name="Governors").first.click()
    accessible(page)
    expect(page.locator("#suppressed")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Pupils in primary").first.click()
    accessible(page)
    expect(page.locator("#results")).to_be_visible()
    expect(page.get_by_text("I feel safe at school.")).to_be_visible()
    expect(page.get_by_role("heading", name="In their own words")).to_be_visible()


def test_a_reviewer_reads_the_results_beside_the_strands(demo_network, page):
    review = Review.objects.select_related("school").get(status=Review.Status.VISIT)
    peer = review.team.filter(role=TeamMember.Role.PEER).select_related("reviewer__user")[0]
    sign_in_from_home(page, peer.reviewer.user.email)
    follow(page, "Reviews")
    page.get_by_role("link", name=review.school.name).first.click()
    accessible(page)
    page.get_by_role("link", name="Pre-review analysis").first.click()
    accessible(page)
    table = page.locator("#voice-strands")
    expect(table).to_be_visible()
    expect(table.get_by_text("% positive").first).to_be_visible()
    expect(table.get_by_text("Governors: fewer than 10 responses").first).to_be_visible()
    page.set_viewport_size(PHONE)
    narrow_enough(page)
    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_role("link", name="The pupils' own research for this review").click()
    accessible(page)
    expect(page.get_by_text("Do pupils in every class get the same chance").first).to_be_visible()
