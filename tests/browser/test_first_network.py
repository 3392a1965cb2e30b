"""Issue 15 part 7: a network from an empty database to its first review with its team, and on
to the report its governors read, in Chromium.

Nothing is loaded but what `migrate` loads (the shipped frameworks, audit templates and question
banks, which the tests' migrations leave out) and the register, read by the importer from the DfE
and Ofsted files of collegium/demo/data (real rows of three local authorities; no demo network).
Everything else is done by the one command, `create_network_admin`, and by people in browsers:

1. the network admin chooses a password from the link the command prints, signs in, creates a
   cluster of three Rutland schools by typing their names, publishes the memorandum, invites the
   heads of two schools (nobody there has an account), puts one of them on the reviewer register
   and approves her days (her school has no leader on Collegium until she accepts);
2. the heads open the emailed links, choose passwords, accept to lead their schools, land on
   the cluster's invitation, accept it and sign the memorandum, and the home page's "What you
   need to do" changes as the cycle moves on;
3. the admin puts Bea's deputy on the register, Bea (now his head) approves his days, and he
   chooses his password and marks the week free; the admin appoints a moderator, who accredits
   Bea as a lead reviewer; the admin schedules a cluster peer review of Oakham and forms its team,
   Bea leading and her deputy a peer reviewer (the deputy, not accredited, is refused the lead);
4. the reviewer adds her calendar feed: the test fetches it as a calendar program would, parses it
   with icalendar and finds the visit;
5. the visit: the weeks pass (the one step not done in a browser: the review's date becomes the
   latest school day up to today, as in test_review_cycle.py), the lead starts it, the peer
   records a note and proposes a judgement of every strand, the lead agrees them, the findings and
   the priority, writes the report and sends it for the school's factual accuracy check; the head
   sends the check back, the lead finalises the report and closes the review, each step found in
   "What you need to do";
6. the governor, added by the network admin, reaches the report the head shared with governors
   from the home page.

axe-core runs on every page reached.
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
from icalendar import Calendar
from playwright.sync_api import expect

from collegium.clusters.models import Cluster, Membership, Signature
from collegium.frameworks.models import Strand
from collegium.frameworks.shipped import load_frameworks
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reports.models import Report
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.tests.planning_helpers import free_monday
from collegium.safeguarding.shipped import load_templates
from collegium.schools.importing.loader import import_register
from collegium.schools.models import School
from collegium.voice.shipped import load_banks
from tests.browser.new_network import (
    Trip,
    checked,
    choose_password,
    do_next,
    emailed_link,
    follow,
    from_more,
    pick,
    press,
    sign_in,
    tab,
    to_dos,
)
from tests.term_time import last_term_day

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = Path(settings.BASE_DIR) / "collegium" / "demo" / "data"
ADMIN = ("nadia.admin@example.org", "Nadia Admin", "admin passphrase for the network 1")
ADA = ("ada.head@example.org", "Ada Head", "ada passphrase for oakham school 2")
BEA = ("bea.head@example.org", "Bea Head", "bea passphrase for catmose school 3")
LEO = ("leo.deputy@example.org", "Leo Deputy", "leo passphrase for catmose deputy 5")
MO = ("mo.moderator@example.org", "Mo Moderator", "mo passphrase for the moderators 6")
GUS = ("gus.governor@example.org", "Gus Governor", "gus passphrase for oakham governors 4")
OAKHAM, CATMOSE, LEIGHFIELD = (
    "Oakham CofE Primary School",
    "Catmose Primary",
    "Leighfield Primary School",
)
SCHOOLS = {OAKHAM: 120181, CATMOSE: 138113, LEIGHFIELD: 139481}
CLUSTER = "Rutland Cluster"
FRAMEWORK = "Four quadrants, version 1"  # the shipped framework with the fewest strands: 8
LEVEL = "Developing"
NOTE = "Pupils in every class we visited talked readily about their learning and their school."
REPORT_TEXT = "Leaders know the school well and act quickly on what they find."
SUMMARY = "Oakham reads widely and well; family engagement is the next step."


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


def test_a_network_goes_from_an_empty_database_to_its_first_review_and_report(
    trip: Trip, register: None
) -> None:
    start = free_monday()
    admin = network_admin_is_created_and_signs_in(trip)
    create_cluster_and_publish_memorandum(admin)
    invite_heads(admin)
    invite_reviewer(admin, BEA, CATMOSE, "Headteacher")
    approve_days_in_the_heads_place(admin, BEA, start)

    ada = trip.browser()
    head_answers_and_signs(ada, ADA, OAKHAM)
    bea = trip.browser()
    head_answers_and_signs(bea, BEA, CATMOSE)
    mark_week_free(bea, start)

    invite_reviewer(admin, LEO, CATMOSE, "Deputy headteacher")
    head_approves_days(bea, LEO, start)
    leo = trip.browser()
    choose_password(leo, emailed_link(LEO[0], "password-reset"), LEO[2])
    expect(leo.locator("h1")).to_have_text(LEO[1])  # his reviewer record
    checked(leo)
    mark_week_free(leo, start)

    add_person_with_role(admin, MO, "Moderator")
    moderator = trip.browser()
    choose_password(moderator, emailed_link(MO[0], "password-reset"), MO[2])
    sign_in(moderator, MO[0], MO[2])
    accredit_lead_reviewer(moderator, BEA, start)

    schedule_cluster_review_and_form_team(admin, start)
    review = Review.objects.get()
    assert (review.school_id, review.kind, review.start_date) == (
        SCHOOLS[OAKHAM],
        Review.Kind.CLUSTER,
        start,
    )
    assert sorted((m.reviewer.user.email, m.role) for m in review.team.all()) == [
        (BEA[0], TeamMember.Role.LEAD),
        (LEO[0], TeamMember.Role.PEER),
    ]
    head_sets_the_focus(ada, start)
    reviewer_finds_the_visit_in_the_calendar(bea, review)

    # The weeks pass until the visit's first day: the review's dates become the latest school
    # day up to today, as the visit cannot start before its first day.
    Review.objects.filter(pk=review.pk).update(start_date=last_term_day())
    lead_starts_the_visit(bea)
    strands = list(Strand.objects.filter(area__version=review.framework_version))
    peer_records_evidence_and_proposes(leo, strands)
    lead_agrees_judgements(bea, strands)
    lead_sends_report_for_accuracy_check(bea)
    head_completes_accuracy_check(ada)
    lead_finalises_report_and_closes_review(bea)

    gus = trip.browser()
    add_person_with_role(admin, GUS, "Governor", SCHOOLS[OAKHAM])
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


def invite_reviewer(page: Any, person: tuple[str, str, str], school: str, job: str) -> None:
    """The network admin puts someone on the reviewer register; a new account is emailed a link
    to choose a password (for Bea, a second link beside her head's invitation)."""
    page.goto("/reviewers/roles/")
    checked(page)
    follow(page, "Invite a reviewer", role="button")
    page.get_by_label("Full name").fill(person[1])
    page.get_by_label("Email address").fill(person[0])
    pick(page, "Home school", school)
    page.get_by_label("Job title").fill(job)
    page.get_by_label("Years in senior leadership").fill("8")
    press(page, "Invite the reviewer")
    expect(page.get_by_text(f"{person[1]} is on the reviewer register")).to_be_visible()
    checked(page)


def approve_days(page: Any, person: tuple[str, str, str], start: date) -> None:
    """Ten days in the academic year of the review's week, on the page now shown."""
    page.get_by_label(academic_year_label(current_academic_year(start)), exact=True).check()
    page.get_by_label("Days approved").fill("10")
    press(page, "Approve days")
    expect(page.get_by_text(f"Days approved for {person[1]}.")).to_be_visible()
    checked(page)


def approve_days_in_the_heads_place(page: Any, person: tuple[str, str, str], start: date) -> None:
    """Bea has not accepted to head Catmose yet, so nobody leads it on Collegium and the network
    admin approves her days in the head's place (once she leads it nobody could: no one approves
    their own days, and she is its only leader)."""
    follow(page, "Approve days as network admin")
    page.get_by_label("Why are you approving these days?").fill(
        "Catmose's governors agreed ten days at their autumn meeting."
    )
    approve_days(page, person, start)


def head_approves_days(page: Any, person: tuple[str, str, str], start: date) -> None:
    """The head of the reviewer's school releases them for days of peer review."""
    from_more(page, "Staff who review")
    follow(page, f"Approve days for {person[1]}")
    approve_days(page, person, start)


def mark_week_free(page: Any, start: date) -> None:
    page.goto("/reviewers/me/")
    checked(page)
    follow(page, "Change the weeks available")
    page.get_by_label(f"Week starting Monday {start:%-d %B %Y}").check()
    press(page, "Save the weeks")
    expect(page.get_by_text("The weeks available have been saved.")).to_be_visible()
    checked(page)


def add_person_with_role(
    page: Any, person: tuple[str, str, str], role: str, urn: int | None = None
) -> None:
    """The network admin adds a person, who is emailed a link to choose a password, and grants
    them a role (of a school, by its URN, for a governor)."""
    page.goto("/reviewers/roles/")
    checked(page)
    follow(page, "Add a person", role="button")
    page.get_by_label("Full name").fill(person[1])
    page.get_by_label("Email address").fill(person[0])
    press(page, "Add and send the email")
    checked(page)
    follow(page, f"Grant a role to {person[1]}")
    page.get_by_label("Role").select_option(label=role)
    if urn is not None:
        page.get_by_label("School URN").fill(str(urn))
    press(page, "Grant the role")
    expect(page.get_by_text(f"The role has been granted to {person[1]}.")).to_be_visible()
    checked(page)


def accredit_lead_reviewer(page: Any, person: tuple[str, str, str], start: date) -> None:
    """A cluster review's lead holds a lead reviewer accreditation, which a moderator grants."""
    from_more(page, "Accreditation")
    follow(page, f"Grant accreditation to {person[1]}")
    page.get_by_label("Expiry date").fill(start.replace(year=start.year + 3).isoformat())
    press(page, "Grant accreditation")
    expect(page.get_by_text(f"{person[1]} is accredited as a lead reviewer.")).to_be_visible()
    checked(page)


def add_to_team(page: Any, person: tuple[str, str, str], job: str, role: str) -> None:
    page.get_by_label("Reviewer", exact=True).select_option(label=f"{person[1]}, {job}, {CATMOSE}")
    page.get_by_label(role).check()
    press(page, "Add to the team")
    checked(page)


def schedule_cluster_review_and_form_team(page: Any, start: date) -> None:
    page.goto("/reviews/")
    checked(page)
    follow(page, "Schedule a review")
    page.get_by_label("School to review").select_option(label=OAKHAM)
    page.get_by_label("Cluster peer review").check()
    page.get_by_label("Framework").select_option(label=FRAMEWORK)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Number of days").fill("1")
    press(page, "Schedule the review")
    expect(page.get_by_text(f"The review of {OAKHAM} has been scheduled.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Review team")
    checked(page)
    # Leo is not accredited: he cannot lead, and the team stays as it was.
    add_to_team(page, LEO, "Deputy headteacher", "Lead reviewer")
    expect(page.get_by_role("alert")).to_contain_text(
        f"{LEO[1]} cannot lead a cluster peer review: they do not hold a lead reviewer "
        "accreditation"
    )
    assert not TeamMember.objects.exists()
    add_to_team(page, BEA, "Headteacher", "Lead reviewer")
    expect(page.get_by_text(f"{BEA[1]} has been added as lead reviewer")).to_be_visible()
    add_to_team(page, LEO, "Deputy headteacher", "Peer reviewer")
    expect(page.get_by_text(f"{LEO[1]} has been added as peer reviewer")).to_be_visible()
    follow(page, "Back to the review")
    expect(page.get_by_text("The team is ready.")).to_be_visible()


def head_sets_the_focus(page: Any, start: date) -> None:
    """The home page moves on again: the head of the school reviewed has the review to prepare."""
    prepare = f"Set the focus and the nominee for {OAKHAM}'s review, starting {start:%-d %B %Y}"
    do_next(page, prepare)
    page.get_by_label("Focus of the review").fill("Family and community engagement")
    page.get_by_label("Nominee's name").fill("Jo Whitfield")
    page.get_by_label("Nominee's role").fill("Deputy headteacher")
    page.get_by_label("Most activities a day").fill("5")
    press(page, "Save")
    checked(page)
    expect(page.get_by_text("Family and community engagement")).to_be_visible()
    assert prepare not in to_dos(page)


def reviewer_finds_the_visit_in_the_calendar(page: Any, review: Review) -> None:
    from_more(page, "Your calendar")
    expect(page.locator("h1")).to_have_text("Your calendar")
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


def lead_starts_the_visit(page: Any) -> None:
    page.goto("/reviews/")
    checked(page)
    follow(page, OAKHAM)
    follow(page, "Start the visit")
    press(page, "Start the visit")
    checked(page)
    assert Review.objects.get().status == Review.Status.VISIT


def peer_records_evidence_and_proposes(page: Any, strands: list[Strand]) -> None:
    """One note bears on every strand; the peer cites it for a level of each."""
    do_next(page, f"Propose judgements for {OAKHAM}'s review")
    tab(page, "Evidence")
    for strand in strands:
        page.locator(".govuk-checkboxes__item", has_text=str(strand)).locator("input").check()
    page.get_by_label("Your note").fill(NOTE)
    expect(page.get_by_role("status")).to_contain_text("Saved at", timeout=10000)
    tab(page, "Judgements")
    for strand in strands:
        follow(page, f"Propose a judgement of {strand.code}")
        page.get_by_label(LEVEL, exact=True).check()
        page.get_by_label("Rationale").fill(f"Our evidence for {strand.title.lower()}.")
        page.get_by_label(f"{LEO[1]}: {NOTE}").check()
        press(page, "Propose the judgement")
        checked(page)
        expect(
            page.get_by_text(f"Your proposed judgement of {strand} has been saved")
        ).to_be_visible()


def lead_agrees_judgements(page: Any, strands: list[Strand]) -> None:
    do_next(page, f"Agree the judgements and the priority for {OAKHAM}'s review")
    for strand in strands:
        follow(page, f"Agree the judgement of {strand.code}")
        page.get_by_label(LEVEL, exact=True).check()
        page.get_by_label("Rationale").fill(f"Agreed with the team: {strand.title.lower()}.")
        page.get_by_label(f"{LEO[1]}: {NOTE}").check()
        press(page, "Agree the judgement")
        checked(page)
        expect(page.get_by_text(f"The judgement of {strand} has been agreed")).to_be_visible()
    follow(page, "Agree the findings and the improvement priority")
    page.get_by_label("Strengths").fill("Pupils read widely and talk about their learning")
    page.get_by_label("Areas to develop").fill("Families take little part in school life")
    page.get_by_label("Strand of the improvement priority").select_option(label=str(strands[-1]))
    page.get_by_label("Improvement priority", exact=True).fill("Bring families into school life")
    press(page, "Agree the findings")
    checked(page)
    follow(page, "Agree the judgements", role="button")  # a link styled as a button
    press(page, "Confirm and agree the judgements")
    checked(page)
    expect(page.get_by_text("The judgements have been agreed and can no longer")).to_be_visible()
    assert Review.objects.get().status == Review.Status.AGREED


def lead_sends_report_for_accuracy_check(page: Any) -> None:
    do_next(page, f"Write the report on {OAKHAM}'s review and send it to the school")
    follow(page, "Edit the draft")
    page.get_by_label("Developmental report").fill(REPORT_TEXT)
    page.get_by_label("Public summary").fill(SUMMARY)
    press(page, "Save the draft")
    checked(page)
    follow(page, "Send for a factual accuracy check")
    press(page, "Send to the school")
    checked(page)
    expect(page.get_by_text("sent to the school for a factual accuracy check")).to_be_visible()


def head_completes_accuracy_check(page: Any) -> None:
    do_next(page, f"Check the report on {OAKHAM}'s review for factual accuracy")
    expect(page.get_by_text(REPORT_TEXT)).to_be_visible()
    page.get_by_label("We agree the public summary as it is written").check()
    press(page, "Send the check to the lead reviewer")
    checked(page)
    expect(page.get_by_text("Your factual accuracy check has been sent")).to_be_visible()


def lead_finalises_report_and_closes_review(page: Any) -> None:
    do_next(page, f"Finalise the report on {OAKHAM}'s review")
    follow(page, "Finalise the report")
    press(page, "Finalise the report")
    checked(page)
    assert Report.objects.get().status == Report.Status.FINAL
    tab(page, "Judgements")
    press(page, "Close the review")
    checked(page)
    expect(page.get_by_text("The review has been closed")).to_be_visible()
    assert Review.objects.get().status == Review.Status.CLOSED


def head_shares_report_with_governors(page: Any, review: Review) -> None:
    page.goto(f"/reports/{review.pk}/")
    checked(page)
    follow(page, "Change who can read the report")
    page.get_by_label("The school's governors").check()
    press(page, "Save")
    expect(page.get_by_text("Who can read the report has been changed.")).to_be_visible()
    checked(page)


def governor_reads_report_from_home_page(page: Any, review: Review) -> None:
    choose_password(page, emailed_link(GUS[0], "password-reset"), GUS[2])
    sign_in(page, GUS[0], GUS[2])
    shared = f"Read the report on {OAKHAM}'s review, shared with governors"
    assert shared in to_dos(page)
    follow(page, shared)
    assert page.url.endswith(f"/reports/{review.pk}/")
    expect(page.get_by_text(REPORT_TEXT)).to_be_visible()
