"""Q5 in real Chromium: after the team agrees its judgements, the school's head answers the
survey on a phone, checks the answers and sends them; a moderator reads the network's results
and a lead's. axe-core checks every page, and no page is wider than the phone's screen."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from collegium.reviews.models import Review
from collegium.surveys.models import ReviewSurvey
from collegium.surveys.tests.helpers import agreed_review, answer
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"
ANSWERS = [
    ("The review team behaved professionally", "Strongly agree"),
    ("What the review asked of our staff was reasonable", "Disagree"),
    ("The review will help our school to improve", "Agree"),
    ("The evidence the team gathered supported its judgements", "Neither agree nor disagree"),
]


def problems_on(page: Any) -> list[Any]:
    wide = ["page wider than the screen"] if page.evaluate(WIDER_THAN_SCREEN) else []
    return axe_violations(page) + wide


def choose(page: Any, statement: str, answer: str) -> None:
    group = page.get_by_role("group", name=statement)
    group.get_by_label(answer, exact=True).check()


def test_school_leader_answers_the_survey_after_agreement(
    chromium, live_server, school_leader, review
):
    review.status = Review.Status.AGREED
    review.save()
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, school_leader.email, PASSWORD)
    page.goto(reverse("surveys:respond", args=[review.pk]))
    problems = problems_on(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    problems += problems_on(page)
    for statement, choice in ANSWERS:
        choose(page, statement, choice)
    page.get_by_label("Is there anything else").fill("Feedback at the end of each day helped.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    problems += problems_on(page)
    page.get_by_role("button", name="Change your answers").click()
    choose(page, ANSWERS[1][0], "Agree")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_text("Thank you: your answers have been sent")).to_be_visible()
    problems += problems_on(page)
    context.close()
    survey = ReviewSurvey.objects.get(review=review)
    assert (survey.conduct, survey.workload, survey.usefulness, survey.evidence) == (5, 4, 4, 3)
    assert problems == []


def test_moderator_reads_the_network_results(page, moderator, lead_reviewer, framework_version):
    for conduct in (5, 4, 4, 3, 5):
        answer(agreed_review(lead_reviewer, framework_version), conduct)
    agreed_review(lead_reviewer, framework_version)  # not answered yet
    sign_in(page, moderator.email, PASSWORD)
    page.goto(reverse("surveys:results"))
    expect(page.get_by_role("heading", name="Experience of being reviewed")).to_be_visible()
    expect(page.get_by_text("83%")).to_be_visible()  # 5 of 6 reviews
    problems = problems_on(page)
    page.get_by_role("link", name="Lena Lead").click()
    expect(page.get_by_role("heading", name="How schools answered")).to_be_visible()
    expect(page.get_by_text("(mean 4.2)")).to_be_visible()
    problems += problems_on(page)
    page.set_viewport_size(PHONE)
    problems += problems_on(page)
    page.get_by_role("link", name="Results across the network").click()
    expect(page.get_by_role("link", name="Lena Lead")).to_be_visible()
    problems += problems_on(page)
    assert problems == []
