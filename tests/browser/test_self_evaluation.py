"""A head, as a new user would, starts a self-evaluation, rates every strand on a phone-sized
screen, is told what is missing, and submits it; axe-core checks every page on the way."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.people.dates import academic_year_label, current_academic_year
from collegium.selfevaluation.models import SelfEvaluation
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
ANSWERS = [
    ("A1S1 Strand 1.1", "Effective", "Reading is secure in most classes."),
    ("A1S2 Strand 1.2", "Leading", "Pupils explain their thinking confidently."),
    ("A2S1 Strand 2.1", "Working towards", "Attendance of disadvantaged pupils is too low."),
    ("A2S2 Strand 2.2", "Met", "Every check is complete and recorded."),
]


def checked(page: Any) -> None:
    """No accessibility violation, and nothing wider than the screen."""
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def rate(page: Any, heading: str, level: str, narrative: str, button: str) -> None:
    expect(page.locator("h1")).to_have_text(heading)
    page.get_by_label(level, exact=True).check()
    page.get_by_label("Narrative").fill(narrative)
    page.get_by_label("Evidence").fill("https://example.org/improvement-plan\nGovernors' minutes")
    page.get_by_role("button", name=button).click()


def test_a_head_starts_and_submits_a_self_evaluation(page, school_leader, framework_version):
    year = academic_year_label(current_academic_year())
    sign_in(page, school_leader.email, PASSWORD)
    page.goto("/self-evaluation/")
    expect(page.locator("h1")).to_have_text("Self-evaluations")
    checked(page)

    page.get_by_role("link", name="Start a self-evaluation").click()
    page.get_by_role("button", name="Start self-evaluation").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    checked(page)
    page.get_by_label("Test framework, version 1").check()
    page.get_by_label(year, exact=True).check()
    page.get_by_role("button", name="Start self-evaluation").click()
    expect(page.get_by_text(f"You have started the self-evaluation for {year}")).to_be_visible()
    checked(page)

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name=ANSWERS[0][0]).click()
    checked(page)
    rate(page, *ANSWERS[0], button="Save and return to the overview")
    expect(page.get_by_text("You have completed 1 of 4 strands")).to_be_visible()
    checked(page)

    page.get_by_role("link", name="Check and submit").click()
    page.get_by_role("button", name="Submit self-evaluation").click()
    expect(page.get_by_text("A1S2 Strand 1.2 needs a rating and a narrative").first).to_be_visible()
    checked(page)

    page.get_by_role("link", name=ANSWERS[1][0]).first.click()
    for heading, level, narrative in ANSWERS[1:-1]:
        rate(page, heading, level, narrative, button="Save and continue")
        checked(page)
    rate(page, *ANSWERS[-1], button="Save and return to the overview")
    expect(page.get_by_text("You have completed 4 of 4 strands")).to_be_visible()
    page.get_by_role("link", name="Check and submit").click()
    expect(page.get_by_text("Attendance of disadvantaged pupils is too low.")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Submit self-evaluation").click()

    expect(page.get_by_text(f"Your self-evaluation for {year} has been submitted")).to_be_visible()
    expect(page.get_by_role("link", name="Check and submit")).to_have_count(0)
    checked(page)
    assert SelfEvaluation.objects.get().status == SelfEvaluation.Status.SUBMITTED
