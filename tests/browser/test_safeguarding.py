"""Safeguarding as an audit (issue 13, G1), in real Chromium: each person signs in from the home
page and finds their way by the service navigation, the next steps and the pages' links and
buttons; axe-core checks every page reached.

a. A head starts the school's audit, rates two items amber and one green, is told an amber item
   still needs an action, gives each amber item its action, and submits the audit to the board.
b. A governor records the governing board's review of the submitted audit, from the home page.
c. A moderator sees the network's status: the school's red and amber items and its overdue
   action, but not the audit itself, which the school has not shared.
d. A reviewer on the school's review is refused the audit until the head shares it for that
   review; then it is one of the reviewer's next steps.

The audit template is the small one of the safeguarding tests, imported and published; audits
the journeys start from are made through the services.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.safeguarding import exchange
from collegium.safeguarding.models import SafeguardingAudit, TemplateVersion
from collegium.safeguarding.services import actions, audits, templates
from collegium.safeguarding.tests.conftest import SMALL, items_of
from tests.browser import test_trust
from tests.browser.journey import accessible, follow
from tests.browser.test_trust import go, home
from tests.term_time import last_term_day, term_day

pytestmark = pytest.mark.django_db(transaction=True)

# A browser of their own for each person, signed in from the home page (test_trust's fixture).
browser_of = test_trust.people

SCHOOL = "Ash Primary School"


@pytest.fixture
def version(db) -> TemplateVersion:
    return templates.publish_version(None, exchange.import_text(None, SMALL, "yaml"))


def rate(page: Any, code: str, rating: str, evidence: str) -> None:
    go(page, f"Rate {code}")
    page.get_by_label(rating, exact=True).check()
    page.get_by_label("Evidence you looked at").fill(evidence)
    go(page, "Save the rating", "button")
    expect(page.get_by_text(f"{code} has been rated")).to_be_visible()


def add_action(page: Any, code: str, description: str, owner: str, due: date) -> None:
    go(page, f"Add an action for {code}")
    page.get_by_label("Action", exact=True).fill(description)
    page.get_by_label("Owner").select_option(label=owner)
    page.get_by_label("Due date").fill(due.isoformat())
    go(page, "Add the action", "button")
    expect(page.get_by_text(f"The action for {code} has been added")).to_be_visible()


def rated(head: Any, school: Any, version: TemplateVersion, today: date) -> SafeguardingAudit:
    """LD1 and LD2 green, SR1 amber with an action due 5 school working days later."""
    audit = audits.start_audit(head, school, version, today=today)
    for code, item in items_of(audit).items():
        rating = "amber" if code == "SR1" else "green"
        audits.rate_item(head, audit, item, rating=rating, evidence=f"Seen for {code}", notes="")
    actions.add_action(
        head,
        audit,
        items_of(audit)["SR1"],
        description="Record the identity check of every supply worker.",
        owner=head,
        due_on=term_day(5, after=today),
        today=today,
    )
    return audits.submit_audit(head, audit, today=today)


def test_a_head_completes_and_submits_an_audit_with_two_amber_items(
    browser_of, school_leader, safeguarding_lead_of_a, version
):
    head = browser_of(school_leader)
    follow(head, "Safeguarding")
    go(head, SCHOOL)
    go(head, "Start this year's audit")
    head.get_by_label("Small audit, version 1").check()
    go(head, "Start the audit", "button")
    expect(head.get_by_text("The audit has been started")).to_be_visible()
    rate(head, "LD1", "Green", "The job description and the staff list.")
    rate(head, "LD2", "Amber", "The lead's timetable: one hour a week.")
    rate(head, "SR1", "Amber", "Two supply staff have no identity check recorded.")
    add_action(head, "LD2", "Give the lead a morning a week.", "Sam Leader", term_day(10))
    missing = "Give every red or amber item an action: SR1 is without one"
    expect(head.get_by_text(missing)).to_be_visible()
    submit = "Submit the audit to the governing board"
    expect(head.get_by_role("link", name=submit)).to_have_count(0)
    add_action(head, "SR1", "Check each supply worker's identity.", "Dee Safeguarding", term_day(5))
    go(head, submit)
    expect(head.get_by_text("0 red, 2 amber and 1 green items.")).to_be_visible()
    go(head, "Submit the audit", "button")
    expect(head.get_by_text("The audit has been submitted to the governing board")).to_be_visible()
    audit = SafeguardingAudit.objects.get()
    assert (audit.status, audit.actions.count()) == ("submitted", 2)


@pytest.fixture
def safeguarding_lead_of_a(school_a) -> Any:
    from collegium.people.models import Role
    from conftest import grant, make_user

    return grant(make_user("Dee Safeguarding"), Role.SAFEGUARDING_LEAD, school=school_a)


def test_a_governor_records_the_boards_review(
    browser_of, school_leader, governor, school_a, version
):
    audit = rated(school_leader, school_a, version, last_term_day())
    board = browser_of(governor)
    go(board, "Record the governing board's review of Ash Primary School's safeguarding audit")
    expect(board.get_by_text("1 amber and 2 green items", exact=False)).to_be_visible()
    go(board, "Record the board's review", "button")  # nothing entered: refused, said why
    expect(board.get_by_role("alert")).to_contain_text("Enter the minute reference")
    accessible(board)
    board.get_by_label("Date of the board's meeting").fill(date.today().isoformat())
    board.get_by_label("Minute reference").fill("FGB 2026/14")
    board.get_by_label("The board's comments").fill("The board asked for SR1 at its next meeting.")
    go(board, "Record the board's review", "button")
    expect(board.get_by_text("The board's review has been recorded")).to_be_visible()
    expect(board.get_by_text("FGB 2026/14")).to_be_visible()
    audit.refresh_from_db()
    assert audit.status == "reviewed" and audit.board_recorded_by == governor


def test_a_moderator_sees_the_network_status_and_the_overdue_action(
    browser_of, school_leader, governor, moderator, school_a, version
):
    started = last_term_day(date.today() - timedelta(days=50))
    audit = rated(school_leader, school_a, version, started)
    met = term_day(2, after=started)
    audits.record_board_review(
        governor, audit, met_on=met, minute_reference="FGB 7", comments="", today=met
    )
    due = audit.actions.get().due_on
    oversight = browser_of(moderator)
    follow(oversight, "Safeguarding oversight")
    row = oversight.get_by_role("row").filter(has_text=SCHOOL)
    expect(row).to_contain_text(f"{met.day} {met:%B %Y}")
    expect(row).to_contain_text(
        f"SR1 The single central record is complete: Sam Leader, due {due.day}"
    )
    expect(oversight.get_by_text("Record the identity check")).to_have_count(
        0
    )  # the school's words
    go(oversight, SCHOOL)
    expect(oversight.get_by_text("You see each audit's status")).to_be_visible()
    oversight.goto(f"/safeguarding/audits/{audit.pk}/")
    expect(oversight.locator("h1")).to_have_text("You do not have permission to see or change this")
    accessible(oversight)


def test_a_reviewer_is_refused_the_audit_until_the_head_shares_it(
    browser_of, school_leader, reviewer, review, school_a, version
):
    audit = rated(school_leader, school_a, version, last_term_day())
    team = browser_of(reviewer)
    team.goto(f"/safeguarding/audits/{audit.pk}/")
    expect(team.locator("h1")).to_have_text("Page not found")
    accessible(team)
    home(team)
    expect(team.get_by_text("safeguarding audit, shared for your review")).to_have_count(0)

    head = browser_of(school_leader)
    follow(head, "Safeguarding")
    go(head, SCHOOL)
    go(head, f"{audit.get_kind_display()} started {audit.started_on.day} {audit.started_on:%B %Y}")
    go(head, "Who else may read the audit")
    head.get_by_label("review starting", exact=False).check()
    go(head, "Share with the review's team", "button")
    expect(head.get_by_text("The review's team can now read the audit")).to_be_visible()

    home(team)
    go(team, "Read Ash Primary School's safeguarding audit, shared for your review")
    expect(team.get_by_text("Seen for SR1")).to_be_visible()
    expect(team.get_by_role("link", name="Rate SR1")).to_have_count(0)
