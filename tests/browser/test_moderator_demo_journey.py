"""Issue 5's "done when", on the demo network that `make run` loads, in real Chromium.

A moderator, tried as a new user would (from the home page, by its links and navigation):
1. draws a term's moderation sample and sees why each review was picked;
2. moderates one review: adjusts a strand with a rationale, confirms the rest, gives feedback;
3. runs a calibration exercise: builds and opens a pack, invites two demo reviewers, who sign
   in and grade it on their own; then reads the results;
4. reads the reliability, reviewer severity and bias audit pages, with their charts and figures;
5. signs out, and as the public finds the bias audit and reads the network's figures.
axe-core checks every page visited.

The demo is built relative to today and draws, itself, the sample of the term its first review
is in (most days, the current term). So the moderator reads that sample's reasons, and draws the
latest term's that is still to draw (the current one when it is), choosing the term on the
Moderation page as a user would.
"""

import re
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from collegium.quality.models import Moderation, SampledReview
from collegium.quality.sampling import reviews_in
from collegium.quality.selectors import sample_for, terms
from collegium.quality.terms import Term, term_of
from tests.browser.journey import accessible, follow, sign_in_from_home, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

MODERATOR = "mo.moderator@demo.collegium.test"
REVIEWERS = {  # each demo reviewer's grades for the two items, in order
    "rhys.reviewer@demo.collegium.test": ("Effective", "Leading"),
    "priya.patel@demo.collegium.test": ("Working towards effective", "Leading"),
}
PACK = "Calibration: teaching and vision"
ITEMS = (  # strand, anonymised evidence, reference level
    (
        "QP1: Curriculum and teaching",
        "Most lessons began with a recap; in two of six, every pupil had the same task.",
        "Effective (or Not met)",
    ),
    (
        "LM1: Vision, culture and ambition",
        "Staff, governors and pupils describe the same ambition and how it shapes their work.",
        "Leading (or Met)",
    ),
)
FRAMEWORK = "Four-point peer estimate, version 1"
REASONS = set(SampledReview.Reason.labels)


def term_to_draw() -> Term:
    """The latest term, the current one first, with reviews and a sample still to draw."""
    return next(t for t in terms() if sample_for(t) is None and reviews_in(t).exists())


def expect_reasons_for_every_pick(page: Any) -> int:
    table = page.get_by_role("table", name="Reviews to moderate")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    for number in range(rows.count()):
        reasons = rows.nth(number).locator("td").nth(1).locator("li").all_inner_texts()
        assert reasons and set(reasons) <= REASONS, reasons
    return int(rows.count())


def draw_the_sample(page: Any) -> None:
    follow(page, "Moderation")
    current = term_of(date.today())
    expect(page.locator("h1")).to_have_text(current.label)
    if sample_for(current) is not None:  # drawn by the demo: the reasons show
        expect_reasons_for_every_pick(page)
    term = term_to_draw()
    if term != current:
        page.get_by_label("Term").select_option(label=term.label)
        page.get_by_role("button", name="Show term").click()
        expect(page.locator("h1")).to_have_text(term.label)
        accessible(page)
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text(re.compile(r"Sample drawn: \d+ reviews? to moderate"))).to_be_visible()
    picked = expect_reasons_for_every_pick(page)
    expect(page.get_by_text(f"Reviews picked: {picked} of")).to_be_visible()
    accessible(page)


def adjust_first_strand(page: Any) -> str:
    """Choose another level for the first strand; return the strand's code."""
    level = page.get_by_role("combobox", name=re.compile("moderated level$")).first
    label = page.locator(f"label[for='{level.get_attribute('id')}']").inner_text()
    code = label.split(":")[0].strip()
    current = level.evaluate("select => select.options[select.selectedIndex].text")
    other = next(t for t in level.locator("option").all_inner_texts() if t != current)
    level.select_option(label=other)
    return code


def moderate_one(page: Any) -> None:
    link = page.get_by_role("row").filter(has_text="Not started").first.get_by_role("link")
    review = int(re.findall(r"\d+", str(link.get_attribute("href")))[-1])
    link.click()
    expect(page.locator("h1")).to_have_text("Moderate the judgements")
    expect(page.get_by_text("Picked for moderation because:")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="judgements with their proposals").click()
    expect(page.locator("h1")).to_be_visible()
    accessible(page)
    page.go_back()

    code = adjust_first_strand(page)
    page.get_by_role("button", name="Save moderated levels").click()
    expect(page.get_by_text(f"Explain why you adjusted the level of {code}").first).to_be_visible()
    accessible(page)
    page.get_by_label(f"{code}: rationale").fill("The evidence cited does not reach this level.")
    page.get_by_role("button", name="Save moderated levels").click()
    expect(page.get_by_text("Moderated levels saved")).to_be_visible()
    expect(page.get_by_text("Adjusted", exact=True)).to_have_count(1)
    expect(page.get_by_text("Confirmed", exact=True).first).to_be_visible()
    accessible(page)
    page.get_by_label("Feedback to the review team").fill(f"Secure overall; {code} was generous.")
    page.get_by_role("button", name="Complete moderation").click()
    expect(page.locator("h1")).to_have_text("Moderation outcome")
    expect(page.get_by_text(f"Secure overall; {code} was generous.")).to_be_visible()
    accessible(page)
    assert Moderation.objects.get(review_id=review).is_completed


def add_item(page: Any, strand: str, evidence: str, level: str) -> None:
    page.get_by_label("Strand", exact=True).select_option(label=strand)
    page.get_by_label("Anonymised evidence").fill(evidence)
    page.get_by_label("Reference level").select_option(label=level)
    page.get_by_role("button", name="Add item").click()
    expect(page.get_by_text(f"Item added for {strand.split(':')[0]}")).to_be_visible()
    accessible(page)


def build_and_open_a_pack(page: Any) -> None:
    follow(page, "Calibration")
    expect(
        page.get_by_role("link", name="Calibration: curriculum and attendance", exact=True)
    ).to_be_visible()
    page.get_by_label("Title").fill(PACK)
    page.get_by_label("Framework").select_option(label=FRAMEWORK)
    page.get_by_role("button", name="Create exercise").click()
    expect(page.get_by_text(f"Exercise created: {PACK}")).to_be_visible()
    accessible(page)
    for strand, evidence, reference in ITEMS:
        add_item(page, strand, evidence, reference)
    page.get_by_role("button", name="Open the exercise").click()
    expect(page.get_by_text("Exercise opened")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Invite reviewers").click()
    accessible(page)
    page.get_by_label("Rhys Reviewer").check()
    page.get_by_label("Priya Patel").check()
    page.get_by_role("button", name="Invite reviewers").click()
    expect(page.get_by_text("2 reviewers invited")).to_be_visible()
    accessible(page)


def grade_the_pack(page: Any, email: str, levels: tuple[str, str]) -> None:
    sign_in_from_home(page, email)
    follow(page, "Calibration exercises")
    page.get_by_role("link", name=PACK, exact=True).click()
    # Grading is independent: neither the reference nor the group's grades show yet.
    expect(page.get_by_text("Reference level", exact=True)).to_have_count(0)
    expect(page.get_by_text("How the group graded")).to_have_count(0)
    accessible(page)
    for number, ((strand, _, _), level) in enumerate(zip(ITEMS, levels, strict=True), start=1):
        item = page.get_by_role("group", name=f"Item {number}: {strand.replace(':', '', 1)}")
        item.get_by_label(level, exact=True).check()
    page.get_by_role("button", name="Submit my grades").click()
    expect(page.get_by_text("Grades submitted")).to_be_visible()
    expect(page.get_by_text("Reference level", exact=True)).to_have_count(2)
    expect(page.get_by_text("How the group graded")).to_have_count(2)
    accessible(page)
    sign_out(page)


def read_the_results(page: Any) -> None:
    follow(page, "Calibration")
    page.get_by_role("link", name=f"Results of {PACK}").click()
    expect(page.get_by_text("Grades submitted: 2 of 2 reviewers invited")).to_be_visible()
    rhys = page.locator(".govuk-summary-card").filter(has_text="Rhys Reviewer")
    expect(rhys).to_contain_text("2 of 2 (100%)")
    priya = page.locator(".govuk-summary-card").filter(has_text="Priya Patel")
    expect(priya).to_contain_text("1 of 2 (50%)")
    accessible(page)


def expect_charts(page: Any, count: int) -> None:
    charts = page.locator("figure [role=img] svg")
    expect(charts.first).to_be_visible()
    assert charts.count() >= count


def read_consistency(page: Any) -> None:
    follow(page, "Consistency")
    expect(page.locator("h1")).to_have_text("Reliability of judgements")
    expect(page.get_by_text(re.compile(r"^From \d+ proposals in \d+ reviews"))).to_be_visible()
    expect(page.get_by_role("heading", name="By framework area")).to_be_visible()
    expect(page.get_by_text("How this is worked out")).to_be_visible()
    plain = re.compile(r"^(Reviewers agree|Too few reviews)")
    expect(page.get_by_text(plain).first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Ordinal alpha by term"))).to_be_visible()
    expect(page.get_by_role("table", name="Reliability by term")).to_contain_text("alpha")
    expect_charts(page, 2)

    page.get_by_role("link", name="Reviewer severity").click()
    expect(page.locator("h1")).to_have_text("Reviewer severity")
    expect(page.locator("#severity-answer")).to_contain_text("harsher or more lenient than most")
    expect(page.get_by_text("How this is worked out")).to_be_visible()
    severity = page.get_by_role("table", name=re.compile("^Severity of 6 reviewers"))
    for name in ("Tom Okafor", "Rhys Reviewer", "Lena Lead"):
        expect(severity).to_contain_text(name)
    expect(severity.locator("tbody tr").first).to_contain_text("Tom Okafor")  # the harshest
    expect(
        page.get_by_role("img", name=re.compile("^Each reviewer's severity with"))
    ).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("^Each reviewer's severity in each"))
    ).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Bias audit").click()
    expect_the_bias_audit(page)


def expect_the_bias_audit(page: Any) -> None:
    """The demo's earlier year has 63 schools, fewer than the 90 the audit needs in an area to
    find a real bias four times in five: the page says so instead of showing coefficients."""
    expect(page.locator("h1")).to_have_text("Bias audit of judgements")
    question = "Are judgements fairer than intake would predict?"
    expect(page.get_by_role("heading", name=question)).to_be_visible()
    expect(page.locator("#fairness-answer")).to_have_text(re.compile(r"^We cannot tell yet"))
    expect(page.get_by_text("How this is worked out")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("^Coefficients"))).to_have_count(0)
    accessible(page)


def read_the_public_bias_audit(page: Any) -> None:
    page.goto("/")
    accessible(page)
    follow(page, "Fairness")
    expect_the_bias_audit(page)
    expect(page.get_by_role("link", name="Reviewer severity")).to_have_count(0)


def test_a_moderator_runs_quality_assurance_on_the_demo_network(demo_network, page):
    cache.clear()  # the consistency pages cache their models

    sign_in_from_home(page, MODERATOR)
    draw_the_sample(page)
    moderate_one(page)
    build_and_open_a_pack(page)
    sign_out(page)

    for email, levels in REVIEWERS.items():
        grade_the_pack(page, email, levels)

    sign_in_from_home(page, MODERATOR)
    read_the_results(page)
    read_consistency(page)
    sign_out(page)

    read_the_public_bias_audit(page)
