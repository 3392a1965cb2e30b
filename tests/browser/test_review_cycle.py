"""The review cycle (frameworks, self-evaluation, the visit, judgements, the two reports) as one
journey in real Chromium, tried as new users would: each person signs in, opens the home page
and finds their way by the links and buttons on the pages.

A head submits a self-evaluation; the cluster coordinator schedules a quality assurance review
and forms its team; the head sets the focus and the lead starts the visit (refused before its
first day, started on it); a reviewer records
evidence for every strand on a phone; the head raises a concern and the lead answers it; the
team proposes and the lead agrees the judgements, the findings and one improvement priority,
checking them all before they lock; the report goes through the school's factual accuracy check
(the school raises a point, the lead answers it) to a published summary, which the
public finds from the school's page, while the confidential report stays closed to a governor
until the head allows governors. axe-core checks every page on the way."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.frameworks.models import Strand
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.quality.models import NetworkModerationSettings
from collegium.reports.models import Report
from collegium.reviews.models import Concern, EvidenceNote, Findings, Review
from collegium.reviews.tests.planning_helpers import free_for, free_monday, sign_mou
from collegium.reviews.tests.test_team_rules import new_reviewer
from collegium.selfevaluation.models import SelfEvaluation
from conftest import PASSWORD, make_school
from tests.browser.conftest import axe_violations, sign_in
from tests.term_time import last_term_day

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1024, "height": 800}
SCHOOL = "Ash Primary School"
# (strand label, the head's rating, the reviewer's note, the level the team agrees)
STRANDS = [
    ("A1S1 Strand 1.1", "Effective", "Year 2 pupils blended unfamiliar words", "Effective"),
    ("A1S2 Strand 1.2", "Leading", "Pupils in year 5 explained their reasoning", "Leading"),
    (
        "A2S1 Strand 2.1",
        "Working towards",
        "Attendance of disadvantaged pupils is low",
        "Working towards",
    ),
    ("A2S2 Strand 2.2", "Met", "The single central record is complete", "Met"),
]
SUMMARY = "Pupils at Ash read widely and well; writing at length is the next step."
REPORT = "The school knows itself well and its leaders act on what they find."
POINT = "The school has 212 pupils, not 221."
NOT_CORRECTED = "The report does not give the number on roll, so there is nothing to correct."
# Ids used twice: a label then names the wrong control. axe-core 4.11 no longer checks this
# (its duplicate-id rules are deprecated), so the journey does.
DUPLICATES = """() => {
    const ids = Array.from(document.querySelectorAll("[id]"), (element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""


@dataclass
class Journey:
    """The browsers of the people on the journey, and every problem axe-core or a page finds."""

    chromium: Any
    base_url: str
    problems: list[str] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)

    def browser(self, viewport: dict[str, int] | None = None) -> Any:
        context = self.chromium.new_context(base_url=self.base_url, viewport=viewport or DESKTOP)
        self.contexts.append(context)
        return context.new_page()

    def signed_in(self, user: Any, viewport: dict[str, int] | None = None) -> Any:
        page = self.browser(viewport)
        sign_in(page, user.email, PASSWORD)
        page.goto("/")
        self.check(page)
        return page

    def check(self, page: Any) -> None:
        """One h1, nothing wider than the screen, no axe-core violation and no id used twice."""
        where = page.url.removeprefix(self.base_url)
        if page.locator("h1").count() != 1:
            self.problems.append(f"{where}: expected one h1")
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            self.problems.append(f"{where}: wider than the screen")
        self.problems += [f"{where}: {v}" for v in axe_violations(page)]
        self.problems += [
            f"{where}: two elements have the id {i}" for i in page.evaluate(DUPLICATES)
        ]


@pytest.fixture
def journey(chromium: Any, live_server: Any) -> Iterator[Journey]:
    trip = Journey(chromium, live_server.url)
    yield trip
    for context in trip.contexts:
        context.close()


@pytest.fixture
def ready(cluster, school_a, school_b, school_c, coordinator, lead_reviewer, reviewer, la):
    """The cluster's schools signed the MoU; three reviewers are free in the review's week.
    Moderation before publication (on by default) has its own journey, test_moderation.py."""
    NetworkModerationSettings.objects.create(pk=1, requires_moderation=False)
    sign_mou(cluster, [school_a, school_b, school_c], coordinator)
    start = free_monday()
    peer = new_reviewer("Priya Patel", make_school(la, 960001, "Rowan School"))
    for profile in (lead_reviewer.reviewer_profile, reviewer.reviewer_profile, peer):
        free_for(profile, start, 3)
    return start


def click(journey: Journey, page: Any, name: str, role: str = "link", exact: bool = True) -> None:
    """Follow a link (or press a button) and check the page it leads to."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=exact).first.click()
    journey.check(page)


def navigate(journey: Journey, page: Any, item: str) -> None:
    """Use the service navigation, opening its menu first on a phone."""
    menu = page.get_by_role("button", name="Menu")
    if menu.count() and menu.is_visible():
        menu.click()
    with page.expect_navigation():
        page.locator(".govuk-service-navigation").get_by_role("link", name=item, exact=True).click()
    journey.check(page)


def open_review(journey: Journey, page: Any, tab: str | None = None) -> None:
    """From anywhere: Reviews, then the school's review, then one of its tabs."""
    navigate(journey, page, "Reviews")
    click(journey, page, SCHOOL)
    if tab:
        click(journey, page, tab)


def test_a_whole_review_cycle_from_self_evaluation_to_published_summary(
    journey,
    ready,
    framework_version,
    school_leader,
    coordinator,
    lead_reviewer,
    reviewer,
    governor,
    school_a,
):
    head = journey.signed_in(school_leader)
    submit_self_evaluation(journey, head)
    coordinator_page = journey.signed_in(coordinator)
    schedule_and_form_team(journey, coordinator_page, ready)
    lead = journey.signed_in(lead_reviewer)
    set_focus_and_start(journey, head, lead)
    peer = journey.signed_in(reviewer, PHONE)
    record_evidence_on_a_phone(journey, peer)
    raise_and_answer_concern(journey, head, lead)
    agree_judgements(journey, peer, lead)
    check_and_publish_report(journey, head, lead)
    read_as_public_and_governor(journey, head, governor, school_a)
    problems = sorted(set(journey.problems))
    assert problems == [], problems


def submit_self_evaluation(journey: Journey, head: Any) -> None:
    year = academic_year_label(current_academic_year())
    navigate(journey, head, "Self-evaluation")
    click(journey, head, "Start a self-evaluation")
    head.get_by_label("Test framework, version 1").check()
    head.get_by_label(year, exact=True).check()
    click(journey, head, "Start self-evaluation", "button")
    expect(head.get_by_text(f"You have started the self-evaluation for {year}")).to_be_visible()
    click(journey, head, STRANDS[0][0])
    for number, (strand, rating, narrative, _) in enumerate(STRANDS, start=1):
        expect(head.locator("h1")).to_have_text(strand)
        head.get_by_label(rating, exact=True).check()
        head.get_by_label("Narrative").fill(f"Our view: {narrative.lower()}.")
        head.get_by_label("Evidence").fill("Governors' minutes, autumn term")
        last = number == len(STRANDS)
        click(
            journey,
            head,
            "Save and return to the overview" if last else "Save and continue",
            "button",
        )
    expect(head.get_by_text("You have completed 4 of 4 strands")).to_be_visible()
    click(journey, head, "Check and submit")
    click(journey, head, "Submit self-evaluation", "button")
    expect(head.get_by_text(f"Your self-evaluation for {year} has been submitted")).to_be_visible()
    assert SelfEvaluation.objects.get().status == SelfEvaluation.Status.SUBMITTED


def add_to_team(journey: Journey, page: Any, option: str, role: str, done: str) -> None:
    page.get_by_label("Reviewer", exact=True).select_option(label=option)
    page.get_by_label(role).check()
    click(journey, page, "Add to the team", "button")
    expect(page.get_by_text(done)).to_be_visible()


def schedule_and_form_team(journey: Journey, page: Any, start: Any) -> None:
    navigate(journey, page, "Reviews")
    click(journey, page, "Schedule a review")
    page.get_by_label("School to review").select_option(label=SCHOOL)
    page.get_by_label("Quality assurance review").check()
    page.get_by_label("Framework").select_option(label="Test framework, version 1")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Number of days").fill("3")
    click(journey, page, "Schedule the review", "button")
    expect(page.get_by_text(f"The review of {SCHOOL} has been scheduled.")).to_be_visible()
    lead = "Lena Lead, Headteacher, Cedar Academy"
    add_to_team(journey, page, lead, "Lead reviewer", "Lena Lead has been added as lead reviewer")
    for name, school in (
        ("Rhys Reviewer", "Beech Primary School"),
        ("Priya Patel", "Rowan School"),
    ):
        option = f"{name}, Deputy headteacher, {school}"
        add_to_team(journey, page, option, "Peer reviewer", f"{name} has been added")
    click(journey, page, "Back to the review")
    expect(page.get_by_text("The team is ready.")).to_be_visible()
    review = Review.objects.get()
    assert sorted(review.team.values_list("role", flat=True)) == ["lead", "peer", "peer"]


def set_focus_and_start(journey: Journey, head: Any, lead: Any) -> None:
    open_review(journey, head)
    click(journey, head, "Set the focus, nominee and activity limit")
    head.get_by_label("Focus of the review").fill("Writing across key stage 2")
    head.get_by_label("Nominee's name").fill("Jo Whitfield")
    head.get_by_label("Nominee's role").fill("Deputy headteacher")
    head.get_by_label("Most activities a day").fill("5")
    click(journey, head, "Save", "button")
    expect(head.get_by_text("Writing across key stage 2")).to_be_visible()
    open_review(journey, lead)
    click(journey, lead, "Start the visit")
    click(journey, lead, "Start the visit", "button")
    first_day = Review.objects.get().start_date
    refusal = f"The visit can start on its first day, {first_day:%A %-d %B %Y}, not before."
    expect(lead.get_by_role("alert")).to_contain_text(refusal)
    assert Review.objects.get().status == Review.Status.PLANNING
    # The weeks pass until the visit's first day: the review's dates become the latest term-time
    # working days up to today (nothing else in the journey depends on them).
    Review.objects.update(start_date=last_term_day())
    open_review(journey, lead)
    click(journey, lead, "Start the visit")
    click(journey, lead, "Start the visit", "button")
    assert Review.objects.get().status == Review.Status.VISIT


def record_evidence_on_a_phone(journey: Journey, peer: Any) -> None:
    open_review(journey, peer, "Evidence")
    for strand, _, note, _ in STRANDS:
        # The box itself, as a sighted person taps it: the form gives two checkboxes one id, so
        # the label "A2S1 Strand 2.1" ticks A1S2 (journey.check reports the duplicate id).
        peer.locator(".govuk-checkboxes__item", has_text=strand).locator("input").check()
        peer.get_by_label("Your note").fill(note)
        expect(peer.get_by_role("status")).to_contain_text("Saved at", timeout=10000)
        click(journey, peer, "Evidence")  # the tab opens an empty form for the next note
        start_afresh(journey, peer)
    for strand, _, note, _ in STRANDS:
        expect(peer.locator(".collegium-note", has_text=note)).to_contain_text(strand[:4])
    notes = EvidenceNote.objects.order_by("pk")
    assert [(n.text, [s.code for s in n.strands.all()]) for n in notes] == [
        (note, [strand[:4]]) for strand, _, note, _ in STRANDS
    ]


def start_afresh(journey: Journey, peer: Any) -> None:
    """The form for a new note must be empty. If it puts the saved note back as "unsaved", the
    next note would replace it: note the problem, and reload once it is saved, as a person could."""
    if peer.get_by_label("Your note").input_value():
        journey.problems.append("Evidence: the saved note was put back as unsaved in a new form")
        expect(peer.get_by_role("status")).to_contain_text("Saved at", timeout=10000)
        peer.reload()
    expect(peer.get_by_label("Your note")).to_have_value("")


def raise_and_answer_concern(journey: Journey, head: Any, lead: Any) -> None:
    concern = "Feedback to a teacher was given in front of pupils"
    response = "Feedback will be given privately from now on"
    open_review(journey, head, "Concerns")
    head.get_by_label("Your concern").fill(concern)
    click(journey, head, "Send the concern", "button")
    expect(head.get_by_text("Your concern has been sent to the lead reviewer")).to_be_visible()
    open_review(journey, lead, "Concerns")
    expect(lead.get_by_text("Not answered yet")).to_be_visible()
    click(journey, lead, "Respond to the concern raised at", exact=False)
    lead.get_by_label("Your response").fill(response)
    click(journey, lead, "Send the response", "button")
    head.reload()
    journey.check(head)
    expect(head.get_by_text(response)).to_be_visible()
    assert Concern.objects.get().is_answered


def judge(journey: Journey, page: Any, strand: str, level: str, note: str, verb: str) -> None:
    """Propose (a reviewer) or agree (the lead) one strand's judgement, citing its note."""
    code = strand[:4]
    link = "Propose a judgement of" if verb == "Propose" else "Agree the judgement of"
    click(journey, page, f"{link} {code}")
    page.get_by_label(level, exact=True).check()
    page.get_by_label("Rationale").fill(f"{verb}d on the evidence for {code}: {note.lower()}")
    page.get_by_label(f"Rhys Reviewer: {note}").check()
    click(journey, page, f"{verb} the judgement", "button")


def agree_judgements(journey: Journey, peer: Any, lead: Any) -> None:
    open_review(journey, peer, "Judgements")
    for strand, _, note, level in STRANDS:
        judge(journey, peer, strand, level, note, "Propose")
        expect(
            peer.get_by_text(f"Your proposed judgement of {strand} has been saved")
        ).to_be_visible()
    open_review(journey, lead, "Judgements")
    for strand, _, note, level in STRANDS:
        judge(journey, lead, strand, level, note, "Agree")
        expect(lead.get_by_text(f"The judgement of {strand} has been agreed")).to_be_visible()
    click(journey, lead, "Agree the findings and the improvement priority")
    lead.get_by_label("Strengths").fill("Early reading is taught consistently well")
    lead.get_by_label("Areas to develop").fill("Writing at length in key stage 2")
    lead.get_by_label("Strand of the improvement priority").select_option(label=STRANDS[1][0])
    lead.get_by_label("Improvement priority", exact=True).fill("Extended writing in key stage 2")
    click(journey, lead, "Agree the findings", "button")
    expect(lead.get_by_text("Extended writing in key stage 2")).to_be_visible()
    click(journey, lead, "Agree the judgements", "button")  # a link styled as a button
    expect(lead.locator("h1")).to_have_text("Check the judgements before you agree them")
    for strand, _, _, level in STRANDS:
        row = lead.locator(".govuk-summary-list__row", has_text=strand)
        expect(row).to_contain_text(f"Agreed: {level}")
        expect(row).to_contain_text(f"Rhys Reviewer (peer reviewer): {level}")
    click(journey, lead, "Confirm and agree the judgements", "button")
    expect(lead.get_by_text("The judgements have been agreed and can no longer")).to_be_visible()
    review = Review.objects.get()
    assert review.status == Review.Status.AGREED
    assert review.judgements.count() == len(STRANDS)
    priority = Findings.objects.get(review=review).priority_strand
    assert priority == Strand.objects.get(code="A1S2")


def check_and_publish_report(journey: Journey, head: Any, lead: Any) -> None:
    open_review(journey, lead, "Report")
    click(journey, lead, "Edit the draft")
    lead.get_by_label("Developmental report").fill(REPORT)
    lead.get_by_label("Public summary").fill(SUMMARY)
    click(journey, lead, "Save the draft", "button")
    click(journey, lead, "Send for a factual accuracy check")
    click(journey, lead, "Send to the school", "button")
    expect(lead.get_by_text("sent to the school for a factual accuracy check")).to_be_visible()
    open_review(journey, head, "Report")
    expect(head.get_by_text("working days left")).to_be_visible()
    click(journey, head, "Complete the factual accuracy check")
    head.get_by_label("A factual error in the report").fill(POINT)
    click(journey, head, "Add the point", "button")
    expect(head.get_by_text("Your point has been added")).to_be_visible()
    head.get_by_label("We agree the public summary as it is written").check()
    click(journey, head, "Send the check to the lead reviewer", "button")
    expect(head.get_by_text("Your factual accuracy check has been sent")).to_be_visible()
    lead.reload()
    journey.check(lead)
    expect(lead.get_by_text(POINT)).to_be_visible()
    expect(lead.get_by_text("1 point has no answer yet.")).to_be_visible()
    click(journey, lead, "Answer the school's comments")
    lead.get_by_label("Not corrected", exact=True).check()
    lead.get_by_label("Why the report is not corrected").fill(NOT_CORRECTED)
    click(journey, lead, "Save the answer", "button")
    expect(lead.get_by_text("Your answer has been saved.")).to_be_visible()
    click(journey, lead, "Back to the report")
    click(journey, lead, "Finalise the report")
    click(journey, lead, "Finalise the report", "button")
    click(journey, lead, "Publish the summary")
    click(journey, lead, "Publish the summary", "button")
    expect(lead.get_by_text("The summary has been published.")).to_be_visible()
    assert Report.objects.get().status == Report.Status.PUBLISHED


def read_as_public_and_governor(journey: Journey, head: Any, governor: Any, school: Any) -> None:
    public = journey.browser(PHONE)
    public.goto(f"/schools/{school.urn}/")  # the school's address, typed in or from a search
    journey.check(public)
    click(journey, public, "Quality assurance review from", exact=False)
    expect(public.get_by_text(SUMMARY)).to_be_visible()
    expect(public.get_by_text(REPORT)).to_have_count(0)

    reader = journey.signed_in(governor)
    report_url = f"/reports/{Review.objects.get().pk}/"  # a link the governor was sent
    response = reader.goto(report_url)
    journey.check(reader)
    assert response is not None and response.status == 404
    expect(reader.get_by_text(REPORT)).to_have_count(0)

    open_review(journey, head, "Report")
    click(journey, head, "Change who can read the report")
    head.get_by_label("The school's governors").check()
    click(journey, head, "Save", "button")
    expect(head.get_by_text("the review team, the school's governors")).to_be_visible()
    response = reader.goto(report_url)
    journey.check(reader)
    assert response is not None and response.status == 200
    expect(reader.get_by_text(REPORT)).to_be_visible()
