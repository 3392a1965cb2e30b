"""Issue 6's "done when", on the demo network that `make run` loads, in real Chromium.

Each person is tried as a new user would be: from the home page, by its links and navigation.
1. The head of Carr Infant School, whose review agreed a priority and has no plan yet, turns
   the priority into an action plan in one sitting (an action with its owner and first
   milestone, a success measure, the support the school needs), agrees it, reads three
   explained suggestions of schools that could help, and asks one of them.
2. The head of the school asked accepts, with the days agreed; the head who asked is emailed
   and sees the request accepted.
3. A governor of Argyle Primary reads its plan's progress, the overdue milestone marked, and
   cannot change the plan.
4. The coordinator of Argyle's cluster sees the overdue milestone and its owner.
axe-core checks every page visited; the heads' pages must also fit a 390px-wide phone.
(The overdue reminders in the console email backend are tested, without a browser, in
collegium/improvement/tests/test_overdue_console.py.)
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from collegium.demo.network import DOMAIN
from collegium.improvement.models import ActionPlan
from collegium.improvement.services import plan_items, plans
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Review
from collegium.schools.models import School
from collegium.support import services as support
from collegium.support.models import SupportRequest
from tests.browser.journey import accessible, follow, sign_in_from_home, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

HANNAH = f"hannah.lee@{DOMAIN}"  # leads Carr Infant School: a priority agreed, no plan yet
JOSEPH = f"joseph.brown@{DOMAIN}"  # leads Dringhouses Primary, which offers help on it
GINA = f"gina.governor@{DOMAIN}"  # governs Argyle Primary, whose plan is under way
CORA = f"cora.coordinator@{DOMAIN}"  # coordinates Argyle's cluster
CARR = "Carr Infant School"
ARGYLE = "Argyle Primary School"
HELPERS = ("Dringhouses Primary", "Poppleton Road", "Fishergate")  # offer help on the strand
ASKED = "Dringhouses Primary School"
STRAND = "LM2"
OVERDUE = "Two subject leaders visit and report back"


def fits_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 390")
    page.set_viewport_size({"width": 1024, "height": 800})
    assert fits, f"{page.url} is wider than a 390px phone"


def success(page: Any, text: str) -> None:
    expect(page.get_by_text(text)).to_be_visible()
    accessible(page)


# 1. The head builds the plan and asks for support


def find_the_agreed_priority(page: Any) -> None:
    follow(page, "Action plans")
    expect(page.locator("h1")).to_have_text("Action plans")
    waiting = page.get_by_role("table", name=re.compile("no action plan yet"))
    expect(waiting).to_contain_text(CARR)
    fits_a_phone(page)
    waiting.get_by_role("link", name=CARR).click()
    expect(page.locator("h1")).to_have_text("Improvement after the review")
    expect(page.get_by_text("Agreed improvement priority")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(STRAND)
    accessible(page)
    fits_a_phone(page)


def start_the_plan(page: Any) -> None:
    page.get_by_role("button", name="Start the action plan").click()
    expect(page.locator("h1")).to_have_text("Build the action plan")
    success(page, "The action plan has been started")
    expect(page.get_by_text("Before the plan can be agreed, add")).to_be_visible()
    fits_a_phone(page)


def add_an_action(page: Any, due_on: date) -> None:
    page.get_by_label("What will the school do?").fill(
        "Middle leaders coach each other in fortnightly lesson visits"
    )
    page.get_by_label("Who owns the action").select_option(label="Hannah Lee")
    page.get_by_label("First milestone", exact=True).fill(
        "Every middle leader has made two coaching visits"
    )
    page.get_by_label("When the first milestone is due").fill(due_on.isoformat())
    page.get_by_role("button", name="Add the action").click()
    success(page, "The action has been added")
    action = page.locator(".govuk-summary-card").filter(has_text="Action 1: Middle leaders")
    expect(action).to_contain_text("Hannah Lee")
    expect(action).to_contain_text("Every middle leader has made two coaching visits")


def add_a_success_measure(page: Any) -> None:
    page.get_by_label("A described observation").check()
    page.get_by_label("Describe the measure").fill(
        "Middle leaders' own lesson visits find the agreed approach in every class"
    )
    page.get_by_label("Where the school is now (optional)").fill("2 of 6 classes")
    page.get_by_label("Target (optional)").fill("6 of 6 classes")
    page.get_by_role("button", name="Add the success measure").click()
    success(page, "The success measure has been added")
    expect(page.get_by_role("table", name=re.compile("priority is met"))).to_contain_text(
        "6 of 6 classes"
    )


def add_a_support_need(page: Any) -> None:
    strand = page.get_by_label("Strand the support is for")
    # The priority's strand is chosen already.
    expect(strand.locator("option:checked")).to_contain_text(STRAND)
    page.get_by_label("What support does the school need?").fill(
        "See how a school with strong middle leaders trains and coaches them"
    )
    page.get_by_label("Days of support wanted (optional)").fill("2")
    page.get_by_role("button", name="Add the support need").click()
    success(page, "The support need has been added")
    needs = page.get_by_role("table", name="Support the school needs from other schools")
    expect(needs).to_contain_text(STRAND)


def agree_the_plan(page: Any) -> None:
    fits_a_phone(page)
    page.get_by_role("button", name="Agree the plan").click()
    expect(page.locator("h1")).to_have_text("Action plan")
    success(page, "The action plan has been agreed and is now under way")
    fits_a_phone(page)


def expect_three_explained_suggestions(page: Any) -> None:
    section = page.locator("li").filter(has=page.get_by_role("heading", level=4))
    for name in HELPERS:
        suggestion = section.filter(has_text=name)
        expect(suggestion).to_have_count(1)
        reasons = suggestion.locator("ul li")
        expect(reasons.first).to_be_visible()
        expect(suggestion.get_by_role("link", name=re.compile(f"^Ask {name}"))).to_be_visible()


def ask_for_support(page: Any) -> None:
    page.get_by_role("link", name=f"Ask {ASKED} for support").click()
    expect(page.locator("h1")).to_have_text("Ask a school for support")
    expect(page.get_by_role("heading", name=f"Why {ASKED} could help")).to_be_visible()
    accessible(page)
    fits_a_phone(page)
    page.get_by_label("Your message to the school's leaders").fill(
        "Could two of our middle leaders spend a morning with yours this half term?"
    )
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("h1")).to_have_text("Request for support")
    success(page, f"Your request has been sent to {ASKED}")
    expect(page.get_by_text("Sent", exact=True)).to_be_visible()
    fits_a_phone(page)


def test_a_head_turns_the_agreed_priority_into_a_plan_and_asks_for_support(demo_network, page):
    mail.outbox.clear()
    sign_in_from_home(page, HANNAH)
    find_the_agreed_priority(page)
    start_the_plan(page)
    add_an_action(page, date.today() + timedelta(days=28))
    add_a_success_measure(page)
    add_a_support_need(page)
    agree_the_plan(page)
    expect_three_explained_suggestions(page)
    ask_for_support(page)

    plan = ActionPlan.objects.get(review__school__name=CARR)
    assert plan.status == ActionPlan.Status.ACTIVE
    assert plan.priority_strand.code == STRAND
    request = SupportRequest.objects.get(need__plan=plan)
    assert request.offering_school.name == ASKED
    (email,) = mail.outbox
    assert email.to == [JOSEPH] and CARR in email.subject


# 2. The head asked accepts; the head who asked sees it accepted


def a_request_from_carr() -> SupportRequest:
    """What journey 1 leaves: Carr's agreed plan, with a request sent to Dringhouses."""
    review = Review.objects.filter(school__name=CARR, findings__isnull=False).latest("start_date")
    head = school_leaders(review.school_id).get(email=HANNAH)
    plan = plans.start_plan(head, review)
    due_on = date.today() + timedelta(days=28)
    plan_items.add_action(head, plan, plan.revision, "Coaching visits", head, "Two visits", due_on)
    plan.refresh_from_db()
    plan_items.add_measure(
        head, plan, plan.revision, kind="observation", description="In every class"
    )
    plan.refresh_from_db()
    need = plan_items.add_need(
        head, plan, plan.revision, strand=plan.priority_strand, description="Coaching"
    )
    plan.refresh_from_db()
    plans.agree_plan(head, plan, plan.revision)
    asked = School.objects.get(name=ASKED)
    request = support.send_request(head, need, asked, "Could we visit this half term?")
    mail.outbox.clear()
    return request


def accept_the_request(page: Any) -> None:
    follow(page, "Support between schools")
    expect(page.locator("h1")).to_have_text("Support between schools")
    received = page.get_by_role("table", name=re.compile(f"^Requests to {ASKED}"))
    expect(received).to_contain_text("Awaiting a reply")
    fits_a_phone(page)
    received.get_by_role("link", name=re.compile(f"^{CARR}")).click()
    expect(page.locator("h1")).to_have_text("Request for support")
    accessible(page)
    fits_a_phone(page)
    page.get_by_role("link", name="Accept or decline").click()
    expect(page.locator("h1")).to_have_text(f"Answer the request from {CARR}")
    accessible(page)
    fits_a_phone(page)
    page.get_by_label("Yes, we accept").check()
    page.get_by_label("If you accept: how many days can you give?").fill("1.5")
    page.get_by_label("Your reply (say why if you decline)").fill(
        "Yes: our English and maths leads can host you on a Tuesday morning."
    )
    page.get_by_role("button", name="Send your answer").click()
    success(page, f"You have accepted the request. {CARR} has been told by email")
    expect(page.locator(".govuk-summary-list").last).to_contain_text("1.5")


def see_it_accepted(page: Any) -> None:
    follow(page, "Support between schools")
    sent = page.get_by_role("table", name=f"Requests from {CARR}").get_by_role("row")
    expect(sent.filter(has_text=ASKED)).to_contain_text("Accepted 1.5 days")
    fits_a_phone(page)
    follow(page, "Action plans")
    page.get_by_role("link", name=CARR).click()
    expect(page.locator("h1")).to_have_text("Action plan")
    accessible(page)
    asked = page.get_by_role("table", name=re.compile("^Requests sent for support with"))
    expect(asked.get_by_role("row").filter(has_text=ASKED)).to_contain_text("Accepted")
    fits_a_phone(page)


def test_the_head_asked_accepts_and_the_head_who_asked_sees_it(demo_network, page):
    request = a_request_from_carr()
    sign_in_from_home(page, JOSEPH)
    accept_the_request(page)
    sign_out(page)

    request.refresh_from_db()
    assert request.status == SupportRequest.Status.ACCEPTED
    assert request.days_agreed == Decimal("1.5")
    (email,) = mail.outbox
    assert email.to == [HANNAH]
    assert email.subject == f"{ASKED} has accepted your request for support"
    assert "Days agreed: 1.5" in email.body

    sign_in_from_home(page, HANNAH)
    see_it_accepted(page)


def overdue_card(page: Any) -> Any:
    """The overdue milestone's card in the plan's progress."""
    heading = page.get_by_role("heading", name=OVERDUE, exact=True)
    return page.locator(".govuk-summary-card").filter(has=heading)


# 3. A governor reads the plan's progress and cannot change it


def read_the_progress(page: Any) -> None:
    follow(page, "Action plans")
    row = page.get_by_role("row").filter(has_text=ARGYLE)
    expect(row).to_contain_text("Under way")
    expect(row).to_contain_text("1 of 3")
    row.get_by_role("link", name=ARGYLE).click()
    expect(page.locator("h1")).to_have_text("Action plan")
    accessible(page)
    expect(page.locator("#progress-milestones-done")).to_have_text("1 of 3 milestones done.")
    warning = page.locator(".govuk-warning-text")
    expect(warning).to_contain_text(f"Overdue: ‘{OVERDUE}’ was due on")
    card = overdue_card(page)
    expect(card).to_contain_text("Overdue")
    expect(card).to_contain_text("Owner: Sam Leader")
    fits_a_phone(page)


def expect_no_way_to_change(page: Any) -> None:
    main = page.locator("main")
    for name in ("Change the plan", "Mark the plan as completed", "Check in", "Change", "Remove"):
        expect(main.get_by_role("link", name=re.compile(f"^{name}\\b"))).to_have_count(0)
        expect(main.get_by_role("button", name=re.compile(f"^{name}\\b"))).to_have_count(0)
    plan = ActionPlan.objects.get(review__school__name=ARGYLE, status=ActionPlan.Status.ACTIVE)
    response = page.goto(f"/improvement/plans/{plan.pk}/build/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("You do not have permission to see or change this")
    accessible(page)


def test_a_governor_reads_the_plans_progress_and_cannot_change_it(demo_network, page):
    sign_in_from_home(page, GINA)
    read_the_progress(page)
    expect_no_way_to_change(page)


# 4. The coordinator sees the overdue milestone and its owner


def test_the_coordinator_sees_the_overdue_milestone_and_its_owner(demo_network, page):
    sign_in_from_home(page, CORA)
    follow(page, "Improvement in the cluster")
    expect(page.locator("h1")).to_have_text("Improvement in the cluster")
    expect(page.get_by_text("1 milestone is overdue.")).to_be_visible()
    overdue = page.get_by_role("table", name="Overdue milestones")
    row = overdue.get_by_role("row").filter(has_text=OVERDUE)
    expect(row).to_contain_text(ARGYLE)
    expect(row).to_contain_text("Owner: Sam Leader")
    fits_a_phone(page)
    row.get_by_role("link", name=re.compile(f"^{ARGYLE}")).click()
    expect(page.locator("h1")).to_have_text("Action plan")
    expect(overdue_card(page)).to_contain_text("Overdue")
    accessible(page)
