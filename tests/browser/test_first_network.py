"""Issue 15 part 7: a network from an empty database to its first scheduled review, in Chromium.

Nothing is loaded but what `migrate` loads (the shipped frameworks, audit templates and question
banks, which the tests' migrations leave out) and the register, read by the importer from the DfE
and Ofsted files of collegium/demo/data (real rows of three local authorities; no demo network).
Everything else is done by the one command, `create_network_admin`, and by people in browsers:

1. the network admin chooses a password from the link the command prints, signs in, creates a
   cluster of three Rutland schools by typing their names, publishes the memorandum, invites the
   heads of two schools (nobody there has an account), puts one of them on the reviewer register
   and approves her days (her school has no leader on Collegium until she accepts), schedules a
   head-to-head review and puts the visiting head on its team;
2. the heads open the emailed links, choose passwords, accept to lead their schools, land on
   the cluster's invitation, accept it and sign the memorandum, and the home page's "What you
   need to do" changes as the cycle moves on
   (answer the invitation, then sign the memorandum, then set the review's focus);
3. the reviewer (the visiting head) marks a week free, then adds her calendar feed: the test
   fetches it as a calendar program would, parses it with icalendar and finds the visit;
4. the governor, added by the network admin, reaches the report the head shared with governors
   from the home page. The visit and the report's writing happen off the pages here (the review
   is closed and its report made final in the database): test_review_cycle.py walks them.

The head-to-head review is the one whose team can be formed from an empty database through the
pages: its lead is the visiting head, a registered reviewer, where a quality assurance or cluster
review needs a lead reviewer accreditation. axe-core runs on every main page.
"""

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from collegium.clusters.models import Cluster, Membership, Signature
from collegium.frameworks.shipped import load_frameworks
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reports.models import Report
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.tests.planning_helpers import free_monday
from collegium.safeguarding.shipped import load_templates
from collegium.schools.importing.loader import import_register
from collegium.schools.models import School
from collegium.voice.shipped import load_banks
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = Path(settings.BASE_DIR) / "collegium" / "demo" / "data"
DESKTOP = {"width": 1024, "height": 800}
ADMIN = ("nadia.admin@example.org", "Nadia Admin", "admin passphrase for the network 1")
ADA = ("ada.head@example.org", "Ada Head", "ada passphrase for oakham school 2")
BEA = ("bea.head@example.org", "Bea Head", "bea passphrase for catmose school 3")
OAKHAM, CATMOSE, LEIGHFIELD = (
    "Oakham CofE Primary School",
    "Catmose Primary",
    "Leighfield Primary School",
)
GUS = ("gus.governor@example.org", "Gus Governor", "gus passphrase for oakham governors 4")
CLUSTER = "Rutland Cluster"
REPORT_TEXT = "Leaders know the school well and act quickly on what they find."
SCHOOLS = {OAKHAM: 120181, CATMOSE: 138113, LEIGHFIELD: 139481}


class Trip:
    """The browsers of the people on the journey, each its own cookies, and every refusal of the
    pages' Content-Security-Policy they met."""

    def __init__(self, chromium: Any, base_url: str) -> None:
        self.chromium, self.base_url = chromium, base_url
        self.contexts: list[Any] = []
        self.refused: list[str] = []

    def browser(self) -> Any:
        context = self.chromium.new_context(base_url=self.base_url, viewport=DESKTOP)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self.note_refusal)
        return page

    def note_refusal(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)


@pytest.fixture
def trip(chromium: Any, live_server: Any) -> Iterator[Trip]:
    journey = Trip(chromium, live_server.url)
    yield journey
    for context in journey.contexts:
        context.close()
    assert journey.refused == [], "a page broke its own Content-Security-Policy"


@pytest.fixture
def register() -> None:
    """What `migrate` loads on an empty database (the tests' migrations skip it, pytest_plugin)
    and the school register, read from the DfE files as `import_schools` reads them."""
    load_frameworks()
    load_templates()
    load_banks()
    import_register(REGISTER)
    assert School.objects.filter(pk__in=SCHOOLS.values()).count() == 3


def checked(page: Any) -> None:
    """One h1 and no axe-core violation on the page now shown."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url


def press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def follow(page: Any, name: str, role: str = "link") -> None:
    """Follow a link (`role="button"`: a link styled as a button) and check the page."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    checked(page)


def choose_password(page: Any, link: str, password: str) -> None:
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    checked(page)
    page.locator("input[name=new_password1]").fill(password)
    page.locator("input[name=new_password2]").fill(password)
    press(page, "Save password")


def sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    checked(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    press(page, "Sign in")
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    checked(page)


def to_dos(page: Any) -> list[str]:
    """The home page's list of what the person needs to do."""
    page.goto("/")
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    checked(page)
    return list(page.locator("#to-dos a").all_inner_texts())


def emailed_link(to: str, leading_to: str = "") -> str:
    """The link in the latest email to them (one leading on to `leading_to`, if given)."""
    emails = [m for m in mail.outbox if m.to == [to] and leading_to in str(m.body)]
    found = re.search(r"https?://[^/\s]+(/\S+)", str(emails[-1].body))
    assert found is not None, emails[-1].body
    return found.group(1)  # the path: the email names the site's address, not the live server


def pick(page: Any, box_name: str, typed: str) -> None:
    """Type part of a school's name and choose the one school the list offers."""
    page.get_by_role("combobox", name=box_name).fill(typed)
    expect(page.get_by_role("option")).to_have_count(1)
    page.get_by_role("option").click()


def test_a_network_goes_from_an_empty_database_to_its_first_scheduled_review(
    trip: Trip, register: None
) -> None:
    start = free_monday()
    admin = network_admin_is_created_and_signs_in(trip)
    create_cluster_and_publish_memorandum(admin)
    invite_heads(admin)
    invite_reviewer_and_approve_days(admin, start)

    ada = trip.browser()
    head_answers_and_signs(ada, ADA, OAKHAM)
    bea = trip.browser()
    head_answers_and_signs(bea, BEA, CATMOSE)
    mark_week_free(bea, start)

    schedule_head_to_head(admin, start)
    review = Review.objects.get()
    assert (review.school_id, review.kind, review.start_date) == (
        SCHOOLS[OAKHAM],
        Review.Kind.HEAD_TO_HEAD,
        start,
    )
    assert [(m.reviewer.user.email, m.role) for m in review.team.all()] == [
        (BEA[0], TeamMember.Role.LEAD)
    ]
    # The home page moves on again: the head of the school reviewed has the review to prepare.
    prepare = f"Set the focus and the nominee for {OAKHAM}'s review, starting {start:%-d %B %Y}"
    assert prepare in to_dos(ada)

    reviewer_finds_the_visit_in_the_calendar(bea, review)

    gus = trip.browser()
    governor_is_added(admin)
    visit_happens_and_report_is_final(review)
    head_shares_report_with_governors(ada, review)
    governor_reads_report_from_home_page(gus, review)


def network_admin_is_created_and_signs_in(trip: Trip) -> Any:
    out = io.StringIO()
    call_command("create_network_admin", ADMIN[0], "--name", ADMIN[1], stdout=out)
    printed = out.getvalue()
    assert f"Created the account of {ADMIN[1]} ({ADMIN[0]})" in printed
    link = re.search(r"https?://\S+(/account/\S+)", printed)
    assert link is not None, printed
    page = trip.browser()
    choose_password(page, link.group(1), ADMIN[2])
    expect(page.locator("h1")).to_have_text("Your password has been changed")
    checked(page)
    sign_in(page, ADMIN[0], ADMIN[2])
    return page


def create_cluster_and_publish_memorandum(page: Any) -> None:
    page.goto("/clusters/new/")
    checked(page)
    page.get_by_label("Cluster name").fill(CLUSTER)
    page.get_by_label("Locality").fill("Rutland")
    for typed in ("Oakham CofE Primary", "Catmose Primary", "Leighfield"):
        pick(page, "Find a school to add", typed)
    checked(page)
    # The network admin coordinates the first cluster: nobody else has an account yet.
    page.get_by_label("Coordinator's email address").fill(ADMIN[0])
    press(page, "Create the cluster")
    expect(page.get_by_text(f"{CLUSTER} has been created")).to_be_visible()
    checked(page)
    cluster = Cluster.objects.get(name=CLUSTER)
    assert set(cluster.memberships.values_list("school_id", flat=True)) == set(SCHOOLS.values())

    assert f"Publish {CLUSTER}'s memorandum of understanding" in to_dos(page)
    follow(page, f"Publish {CLUSTER}'s memorandum of understanding")
    for label, text in (
        ("Peer review protocols", "We review each other's schools with care and candour."),
        ("Data-sharing commitment", "We share only the data a review needs, kept securely."),
        ("Follow-up support commitment", "We support each other's improvement priorities."),
    ):
        box = page.get_by_label(label)
        if not box.input_value().strip():  # the network's template fills it when there is one
            box.fill(text)
    press(page, "Publish")
    expect(page.get_by_text("Version 1 of the memorandum has been published")).to_be_visible()
    checked(page)


def invite_heads(page: Any) -> None:
    """Nobody leads Oakham or Catmose on Collegium: the admin invites each head by email."""
    page.goto(f"/clusters/{Cluster.objects.get(name=CLUSTER).pk}/")
    checked(page)
    for (email, name, _), school in ((ADA, OAKHAM), (BEA, CATMOSE)):
        follow(page, f"invite the head of {school} by email")
        expect(page.locator("h1")).to_have_text(f"Invite the head of {school}")
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Email address").fill(email)
        press(page, "Send the email")
        expect(page.get_by_text(f"{name} has been emailed a link")).to_be_visible()
        checked(page)
    assert sorted(m.to[0] for m in mail.outbox) == [ADA[0], BEA[0]]


def head_answers_and_signs(page: Any, head: tuple[str, str, str], school: str) -> None:
    email, _, password = head
    choose_password(page, emailed_link(email, "head-invitations"), password)
    expect(page.locator("h1")).to_have_text(f"Become the leader of {school} on Collegium")
    checked(page)
    press(page, "Accept")
    expect(page.get_by_text(f"You are now the leader of {school} on Collegium.")).to_be_visible()
    expect(page.get_by_text("Do you want your school to join this cluster?")).to_be_visible()
    checked(page)
    before = to_dos(page)  # the invitation waits on the home page too
    assert f"Answer {CLUSTER}'s invitation to {school}" in before
    follow(page, f"Answer {CLUSTER}'s invitation to {school}")
    page.get_by_label("Yes, join the cluster").check()
    press(page, "Send your answer")
    checked(page)
    membership = Membership.objects.get(school__name=school)
    assert membership.status == Membership.Status.MEMBER

    after = to_dos(page)
    sign = f"Sign {CLUSTER}'s memorandum of understanding for {school}"
    assert sign in after and not [item for item in after if "invitation" in item]
    follow(page, sign)
    expect(page.get_by_text(f"on behalf of {school}")).to_be_visible()  # their one school
    press(page, "Sign version 1")
    expect(page.get_by_text(f"You have signed version 1 for {school}.")).to_be_visible()
    checked(page)
    assert Signature.objects.filter(school=membership.school).exists()
    assert sign not in to_dos(page)


def invite_reviewer_and_approve_days(page: Any, start: date) -> None:
    """Bea, invited to head Catmose, joins the reviewer register too: she leads head-to-head
    reviews. She has not accepted yet, so nobody leads Catmose on Collegium and the network admin
    approves her days in the head's place (once she leads it nobody could: no one approves their
    own days, and she is its only leader). The register's email is a second link for her."""
    page.goto("/reviewers/roles/")
    checked(page)
    follow(page, "Invite a reviewer", role="button")
    page.get_by_label("Full name").fill(BEA[1])
    page.get_by_label("Email address").fill(BEA[0])
    pick(page, "Home school", "Catmose Primary")
    page.get_by_label("Job title").fill("Headteacher")
    page.get_by_label("Years in senior leadership").fill("8")
    press(page, "Invite the reviewer")
    expect(page.get_by_text(f"{BEA[1]} is on the reviewer register")).to_be_visible()
    checked(page)
    follow(page, "Approve days as network admin")
    page.get_by_label(academic_year_label(current_academic_year(start)), exact=True).check()
    page.get_by_label("Days approved").fill("10")
    page.get_by_label("Why are you approving these days?").fill(
        "Catmose's governors agreed ten days at their autumn meeting."
    )
    press(page, "Approve days")
    expect(page.get_by_text(f"Days approved for {BEA[1]}.")).to_be_visible()
    checked(page)


def mark_week_free(page: Any, start: date) -> None:
    page.goto("/reviewers/me/")
    checked(page)
    follow(page, "Change the weeks available")
    page.get_by_label(f"Week starting Monday {start:%-d %B %Y}").check()
    press(page, "Save the weeks")
    expect(page.get_by_text("The weeks available have been saved.")).to_be_visible()
    checked(page)


def schedule_head_to_head(page: Any, start: date) -> None:
    page.goto("/reviews/")
    checked(page)
    follow(page, "Schedule a review")
    page.get_by_label("School to review").select_option(label=OAKHAM)
    page.get_by_label("Head-to-head review").check()
    framework = page.get_by_label("Framework")
    framework.select_option(index=1)  # the first framework the migrations published
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Number of days").fill("1")
    press(page, "Schedule the review")
    expect(page.get_by_text(f"The review of {OAKHAM} has been scheduled.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Review team")
    checked(page)
    page.get_by_label("Reviewer", exact=True).select_option(
        label=f"{BEA[1]}, Headteacher, {CATMOSE}"
    )
    page.get_by_label("Lead reviewer").check()
    press(page, "Add to the team")
    expect(page.get_by_text(f"{BEA[1]} has been added as lead reviewer")).to_be_visible()
    checked(page)


def reviewer_finds_the_visit_in_the_calendar(page: Any, review: Review) -> None:
    page.goto("/")
    page.locator("#more").get_by_role("link", name="Your calendar").click()
    expect(page.locator("h1")).to_have_text("Your calendar")
    checked(page)
    address = page.locator("#https-url").inner_text()
    # Fetched as a calendar program fetches it: not signed in.
    response = Client().get(re.sub(r"^https?://[^/]+", "", address))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    visits = [
        event
        for event in calendar.walk("VEVENT")
        if str(event["uid"]).startswith(f"review-visit-{review.pk}@")
    ]
    assert len(visits) == 1, [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert OAKHAM in str(visits[0]["summary"])
    assert visits[0].decoded("dtstart") == review.start_date


def governor_is_added(page: Any) -> None:
    page.goto("/reviewers/roles/")
    checked(page)
    follow(page, "Add a person", role="button")
    page.get_by_label("Full name").fill(GUS[1])
    page.get_by_label("Email address").fill(GUS[0])
    press(page, "Add and send the email")
    checked(page)
    follow(page, f"Grant a role to {GUS[1]}")
    page.get_by_label("Role").select_option(label="Governor")
    page.get_by_label("School URN").fill(str(SCHOOLS[OAKHAM]))
    press(page, "Grant the role")
    expect(page.get_by_text(f"The role has been granted to {GUS[1]}.")).to_be_visible()
    checked(page)


def visit_happens_and_report_is_final(review: Review) -> None:
    """Not through the pages: the visit, judgements, report writing and factual accuracy check
    have their own journey (test_review_cycle.py); here the review jumps to its final report."""
    Review.objects.filter(pk=review.pk).update(status=Review.Status.CLOSED)
    Report.objects.filter(review=review).update(
        status=Report.Status.FINAL,
        developmental_report=REPORT_TEXT,
        summary="Oakham reads widely and well.",
        finalised_at=timezone.now(),
    )


def head_shares_report_with_governors(page: Any, review: Review) -> None:
    page.goto(f"/reports/{review.pk}/")
    checked(page)
    follow(page, "Change who can read the report")
    page.get_by_label("The school's governors").check()
    press(page, "Save")
    expect(page.get_by_text("Who can read the report has been changed.")).to_be_visible()
    checked(page)


def governor_reads_report_from_home_page(page: Any, review: Review) -> None:
    choose_password(page, emailed_link(GUS[0]), GUS[2])
    sign_in(page, GUS[0], GUS[2])
    shared = f"Read the report on {OAKHAM}'s review, shared with governors"
    assert shared in to_dos(page)
    follow(page, shared)
    assert page.url.endswith(f"/reports/{review.pk}/")
    expect(page.get_by_text(REPORT_TEXT)).to_be_visible()
