"""Judgements a school can trust (issue 11), in real Chromium: each person signs in from the home
page and finds their way by its next steps, the service navigation and the pages' links and
buttons; axe-core checks every page reached.

a. The lead is refused agreement of a strand no peer has proposed a level for, with the reason on
   the page; a peer proposes one, the lead agrees it and checks every strand before the
   judgements lock.
b. The school raises a factual accuracy point; the report cannot be final while it has no answer
   (the finalise page says why); the lead corrects the report and answers the point with the
   words before and after; the school checks the corrected report and the lead finalises it.
c. A head complains about two judgements and takes the complaint through stage 1 (the lead) and
   stage 2 (a moderator a network admin assigns) to a hearing (an adjudicator the admin
   assigns); the summary cannot be published while the complaint is open (the publish page says
   why and until when); the adjudicator upholds it in part, changing one judgement; the
   confidential report shows the corrected judgement with its dated note, and the public summary,
   published after the complaint closed, shows the correction.
d. The public reads the complaint statistics, with small counts hidden.

The data a journey starts from is made through the services (the visit itself is journeyed in
test_review_cycle.py and test_review_visit.py).
"""

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.frameworks.models import Strand
from collegium.people.models import Role
from collegium.quality import services as moderation
from collegium.reports.models import AccuracyComment, Report
from collegium.reports.services import check, cycle
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services import judgements
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.planning_types import review_dates
from conftest import PASSWORD, grant, make_user
from tests.browser.journey import accessible, follow, sign_in_from_home
from tests.term_time import last_term_day

pytestmark = pytest.mark.django_db(transaction=True)

SCHOOL = "Ash Primary School"
# The team's levels (the test framework's scale: 1 Leading, 2 Effective, 3 Working towards;
# A2S2 is met or not met, 1 = met).
LEVELS = {"A1S1": 2, "A1S2": 2, "A2S1": 3, "A2S2": 1}
ROLL_BEFORE = "Ash has 405 pupils on roll"
ROLL_AFTER = "Ash has 418 pupils on roll"
POINT = "418 on roll, not 405."
SUMMARY = "Pupils at Ash read widely and well; writing at length is the next step."


def one_h1(page: Any) -> None:
    assert page.locator("h1").count() == 1, page.url
    accessible(page)


def go(page: Any, name: str, role: str = "link", exact: bool = True) -> None:
    """Follow a link (or press a button) and check the page it leads to."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=exact).first.click()
    one_h1(page)


def home(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name="Collegium", exact=True).click()
    one_h1(page)


def open_review(page: Any, tab: str | None = None) -> None:
    """From anywhere: Reviews in the navigation, the school's review, then one of its tabs."""
    follow(page, "Reviews")
    go(page, SCHOOL)
    if tab:
        go(page, tab)


def alert(page: Any) -> Any:
    """The error summary at the top of a page that refused something."""
    return page.get_by_role("alert")


@pytest.fixture
def people(chromium: Any, live_server: Any) -> Iterator[Callable[[Any], Any]]:
    """Opens a browser of its own for a person, signed in from the home page (for None, the
    public's, on the home page). Every page must keep its Content-Security-Policy."""
    contexts: list[Any] = []
    refused: list[str] = []

    def note_refusal(message: Any) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    def browser_of(user: Any) -> Any:
        context = chromium.new_context(
            base_url=live_server.url, viewport={"width": 1024, "height": 800}
        )
        contexts.append(context)
        page = context.new_page()
        page.on("console", note_refusal)
        if user is None:
            page.goto("/")
            one_h1(page)
        else:
            sign_in_from_home(page, user.email, PASSWORD)
        return page

    yield browser_of
    for context in contexts:
        context.close()
    assert refused == [], "a page broke its own Content-Security-Policy"


def ended_by_today(days: int) -> date:
    """The latest first day of a visit of `days` school working days that has ended by today."""
    start = last_term_day()
    while review_dates(start, days)[-1] > date.today():
        start = last_term_day(start - timedelta(days=1))
    return start


@pytest.fixture
def visit(review: Review) -> Review:
    """The review's visit, started by the lead on its first day, its last day come: the team
    meets to agree its judgements."""
    start = ended_by_today(review.days)
    Review.objects.filter(pk=review.pk).update(start_date=start, status=Review.Status.VISIT)
    review.refresh_from_db()
    return review


def strands_of(review: Review) -> dict[str, Strand]:
    return {s.code: s for s in Strand.objects.filter(area__version=review.framework_version)}


def judge(review: Review, lead: Any, reviewer: Any, codes: list[str]) -> None:
    """The peer records a note on each strand and proposes its level; the lead agrees it."""
    strands = strands_of(review)
    peer = review.team.get(reviewer__user=reviewer)
    for code in codes:
        strand = strands[code]
        note = record_evidence(reviewer, review, peer, f"Seen for {code}", [strand.pk])
        level = LEVELS[code]
        judgements.propose_judgement(
            reviewer, review, peer, strand, level, f"Proposed for {code}", [note.pk]
        )
        judgements.agree_judgement(lead, review, strand, level, f"Agreed for {code}", [note.pk])


def agree_findings(review: Review, lead: Any) -> None:
    judgements.agree_findings(
        lead,
        review,
        "Early reading is taught consistently well",
        "Writing at length in key stage 2",
        strands_of(review)["A1S2"],
        "Extended writing in key stage 2",
    )


def agreed(review: Review, lead: Any, reviewer: Any) -> Review:
    judge(review, lead, reviewer, list(LEVELS))
    agree_findings(review, lead)
    return judgements.agree_judgements(lead, review)


def test_a_lead_is_refused_agreement_without_a_peer_proposal_then_agrees_after_one(
    people, visit, lead_reviewer, reviewer
):
    judge(visit, lead_reviewer, reviewer, ["A1S2", "A2S1", "A2S2"])
    agree_findings(visit, lead_reviewer)
    a1s1 = strands_of(visit)["A1S1"]
    peer = visit.team.get(reviewer__user=reviewer)
    record_evidence(reviewer, visit, peer, "Seen for A1S1", [a1s1.pk])

    lead = people(lead_reviewer)
    open_review(lead, "Judgements")
    go(lead, "Agree the judgement of A1S1")
    expect(lead.get_by_text("The team's proposals")).to_have_count(0)
    lead.get_by_label("Effective", exact=True).check()
    lead.get_by_label("Rationale").fill("Phonics is taught consistently in every class")
    lead.get_by_label("Rhys Reviewer: Seen for A1S1").check()
    go(lead, "Agree the judgement", "button")
    expect(alert(lead)).to_contain_text(
        "No other member of the team has proposed a level for A1S1 Strand 1.1: ask a peer "
        "reviewer to propose one, or record why you are agreeing it without a peer's proposal"
    )
    assert not Judgement.objects.filter(review=visit, strand=a1s1).exists()
    go(lead, "Back to the judgements")
    go(lead, "Agree the judgements", "button")  # a link styled as a button: the check page
    expect(lead.get_by_text("Agree a judgement for A1S1 Strand 1.1")).to_be_visible()
    expect(lead.get_by_role("button", name="Confirm and agree the judgements")).to_have_count(0)

    proposer = people(reviewer)
    open_review(proposer, "Judgements")
    go(proposer, "Propose a judgement of A1S1")
    proposer.get_by_label("Effective", exact=True).check()
    proposer.get_by_label("Rationale").fill("Every class follows the phonics scheme faithfully")
    proposer.get_by_label("Rhys Reviewer: Seen for A1S1").check()
    go(proposer, "Propose the judgement", "button")
    expect(
        proposer.get_by_text("Your proposed judgement of A1S1 Strand 1.1 has been saved")
    ).to_be_visible()

    go(lead, "Back to the judgements")
    go(lead, "Agree the judgement of A1S1")
    expect(lead.get_by_text("The team's proposals")).to_be_visible()
    expect(lead.get_by_text("Every class follows the phonics scheme faithfully")).to_be_visible()
    expect(lead.get_by_label("Why are you agreeing this judgement without")).to_have_count(0)
    lead.get_by_label("Effective", exact=True).check()
    lead.get_by_label("Rationale").fill("Phonics is taught consistently in every class")
    lead.get_by_label("Rhys Reviewer: Seen for A1S1").check()
    go(lead, "Agree the judgement", "button")
    expect(lead.get_by_text("The judgement of A1S1 Strand 1.1 has been agreed")).to_be_visible()
    go(lead, "Agree the judgements", "button")
    expect(lead.locator("h1")).to_have_text("Check the judgements before you agree them")
    row = lead.locator(".govuk-summary-list__row", has_text="A1S1 Strand 1.1")
    expect(row).to_contain_text("Agreed: Effective")
    expect(row).to_contain_text("Rhys Reviewer (peer reviewer): Effective")
    expect(lead.get_by_text("No peer reviewer has proposed a level")).to_have_count(0)
    go(lead, "Confirm and agree the judgements", "button")
    expect(lead.get_by_text("The judgements have been agreed and can no longer")).to_be_visible()
    visit.refresh_from_db()
    assert visit.status == Review.Status.AGREED
    assert Judgement.objects.get(review=visit, strand=a1s1).no_peer_reason == ""


def test_the_school_s_accuracy_point_is_answered_with_a_correction_before_the_report_is_final(
    people, visit, lead_reviewer, reviewer, school_leader
):
    agreed(visit, lead_reviewer, reviewer)
    report = Report.objects.create(
        review=visit,
        developmental_report=f"{ROLL_BEFORE}, and its leaders know it well.",
        summary=SUMMARY,
    )
    cycle.send_for_accuracy_check(lead_reviewer, report)

    head = people(school_leader)
    open_review(head, "Report")
    go(head, "Complete the factual accuracy check")
    head.get_by_label("A factual error in the report").fill(POINT)
    go(head, "Add the point", "button")
    expect(head.get_by_text("Your point has been added")).to_be_visible()
    head.get_by_label("We agree the public summary as it is written").check()
    go(head, "Send the check to the lead reviewer", "button")
    expect(head.get_by_text("Your factual accuracy check has been sent")).to_be_visible()

    lead = people(lead_reviewer)
    open_review(lead, "Report")
    expect(lead.get_by_text(POINT)).to_be_visible()
    expect(lead.get_by_text("1 point has no answer yet.")).to_be_visible()
    expect(lead.get_by_role("link", name="Finalise the report")).to_have_count(0)
    expect(
        lead.get_by_text("You can finalise the report once every point the school raised")
    ).to_be_visible()
    # The finalise step, opened by its address (as from a bookmark), refuses with the reason.
    lead.goto(f"/reports/{report.pk}/finalise/")
    one_h1(lead)
    expect(lead.get_by_text(f"Answer the school's point 1: “{POINT}”")).to_be_visible()
    expect(lead.get_by_role("button", name="Finalise the report")).to_have_count(0)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCURACY_CHECK

    go(lead, "Back to the report")
    go(lead, "Return to draft to make changes")
    go(lead, "Return to draft", "button")
    expect(lead.get_by_text("The report is a draft again.")).to_be_visible()
    go(lead, "Edit the draft")
    lead.get_by_label("Developmental report").fill(f"{ROLL_AFTER}, and its leaders know it well.")
    go(lead, "Save the draft", "button")
    go(lead, "answer the school's comments")
    lead.get_by_label("Corrected", exact=True).check()
    lead.get_by_label("What the report said").fill(ROLL_BEFORE)
    lead.get_by_label("What the report says now").fill(ROLL_AFTER)
    go(lead, "Save the answer", "button")
    expect(lead.get_by_text("Your answer has been saved.")).to_be_visible()
    go(lead, "Back to the report")
    go(lead, "Send for a factual accuracy check")
    go(lead, "Send to the school", "button")

    open_review(head, "Report")
    point = head.locator(".govuk-summary-list", has_text="The report now says")
    expect(point).to_contain_text(ROLL_BEFORE)
    expect(point).to_contain_text(ROLL_AFTER)
    expect(head.get_by_text(f"{ROLL_AFTER}, and its leaders know it well.")).to_be_visible()
    go(head, "Complete the factual accuracy check")
    go(head, "Send the check to the lead reviewer", "button")

    open_review(lead, "Report")
    go(lead, "Finalise the report")
    go(lead, "Finalise the report", "button")
    expect(lead.get_by_text("The report is final.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL
    assert ROLL_AFTER in report.developmental_report
    comment = AccuracyComment.objects.get(report=report)
    assert (comment.outcome, comment.corrected_from, comment.answer) == (
        AccuracyComment.Outcome.CORRECTED,
        ROLL_BEFORE,
        ROLL_AFTER,
    )


@pytest.fixture
def final_report(visit, lead_reviewer, reviewer, school_leader, moderator) -> Report:
    """The review agreed and moderated (every level confirmed), its report final and its summary
    agreed by the school: nothing but a complaint stands in the way of publication."""
    review = agreed(visit, lead_reviewer, reviewer)
    for code, strand in strands_of(review).items():
        moderation.moderate_strand(moderator, review, strand, LEVELS[code], "")
    moderation.complete_moderation(moderator, review, "Secure judgements on clear evidence.")
    report = Report.objects.create(
        review=review,
        developmental_report="The school knows itself well and acts on what it finds.",
        summary=SUMMARY,
    )
    report = cycle.send_for_accuracy_check(lead_reviewer, report)
    report = check.complete_accuracy_check(school_leader, report, True, report.revision)
    return cycle.finalise_report(lead_reviewer, report)


def decide(page: Any, number: int) -> None:
    """From the home page, the next step: decide the stage."""
    home(page)
    go(page, f"Decide stage {number} of the complaint about {SCHOOL}'s review", exact=False)
    expect(page.locator("h1")).to_contain_text(f"Decide stage {number}")


def record(page: Any, outcome: str, reasons: str, level: tuple[str, str] | None = None) -> None:
    """On the decide page: the outcome, its reasons and any judgement's new level."""
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Reasons").fill(reasons)
    if level:
        page.get_by_label(level[0]).select_option(label=level[1])
    go(page, "Record the outcome", "button")
    expect(page.get_by_text("The outcome has been recorded and every party told")).to_be_visible()


def take_further(head: Any, number: int, name: str) -> None:
    """From the home page, the next step: take the complaint to the next stage."""
    home(head)
    go(head, f"Take the complaint about {SCHOOL}'s review to stage {number}", exact=False)
    head.get_by_label(f"Take the complaint to stage {number}, {name}").check()
    go(head, "Continue", "button")
    expect(head.get_by_text(f"You have taken the complaint to stage {number}")).to_be_visible()


def assign(admin: Any, role: str, name: str, not_listed: str) -> None:
    """From the home page's next step: only people with no tie to the review are offered."""
    home(admin)
    go(admin, f"Assign {role} to stage", exact=False)
    expect(admin.locator("h1")).to_contain_text(f"Assign {role}")
    expect(admin.get_by_label(not_listed)).to_have_count(0)
    admin.get_by_label(name).check()
    go(admin, "Assign", "button")
    expect(admin.get_by_text("has been assigned")).to_be_visible()
    expect(admin.get_by_text(name).first).to_be_visible()


def test_a_complaint_goes_to_a_hearing_that_corrects_a_judgement_before_publication(
    people, final_report, school_leader, lead_reviewer, network_admin, adjudicator
):
    other_moderator = grant(make_user("Max Moderator"), Role.MODERATOR)
    head = people(school_leader)
    open_review(head)
    go(head, "Make a complaint")
    head.get_by_label("A1S2 Strand 1.2").check()
    head.get_by_label("A2S1 Strand 2.1").check()
    head.get_by_label("What went wrong, and why you are complaining").fill(
        "The team saw no writing lessons in key stage 2 and did not read the books we offered."
    )
    head.get_by_label("The outcome you are seeking").fill(
        "The judgements of A1S2 and A2S1 looked at again with the pupils' books."
    )
    go(head, "Send the complaint", "button")
    expect(head.get_by_text("Your complaint has been sent")).to_be_visible()
    complaint = Complaint.objects.get()

    lead = people(lead_reviewer)
    open_review(lead)
    go(lead, "Publish the summary")
    stage = Stage.objects.get(complaint=complaint, number=1)
    expect(lead.get_by_text(
        "A complaint about this review is open (stage 1, resolution by the lead reviewer and "
        f"the cluster coordinator, due {stage.due_on:%-d %B %Y})"
    )).to_be_visible()  # fmt: skip
    expect(lead.get_by_role("button", name="Publish the summary")).to_have_count(0)
    decide(lead, 1)
    record(lead, "Not upheld", "The team read a sample of books in every year group.")

    take_further(head, 2, "review by a moderator")
    admin = people(network_admin)
    assign(admin, "a moderator", "Max Moderator", not_listed="Mo Moderator")  # moderated it
    second = people(other_moderator)
    decide(second, 2)
    record(second, "Not upheld", "The evidence notes record the books the team read.")

    take_further(head, 3, "independent hearing by an adjudicator")
    hearing = Stage.objects.get(complaint=complaint, number=3)
    open_review(lead, "Report")
    expect(lead.get_by_text(
        "A complaint about this review is open (stage 3, independent hearing by an adjudicator, "
        f"due {hearing.due_on:%-d %B %Y})"
    )).to_be_visible()  # fmt: skip
    expect(lead.get_by_role("link", name="Publish the summary")).to_have_count(0)
    assign(admin, "an adjudicator", "Ada Adjudicator", not_listed="Max Moderator")

    judge_page = people(adjudicator)
    decide(judge_page, 3)
    go(judge_page, "the complaint and the evidence behind the judgements it contests")
    expect(judge_page.get_by_text("Proposed for A1S2").first).to_be_visible()
    go(judge_page, "Decide the outcome of stage 3")
    record(
        judge_page,
        "Upheld in part",
        "Year 6 books show sustained extended writing the team did not see; A2S1 stands.",
        level=("A1S2: level after this outcome", "Leading"),
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == (
        Complaint.Status.CLOSED,
        Outcome.UPHELD_IN_PART,
    )
    a1s2 = Judgement.objects.get(review=final_report.review, strand__code="A1S2")
    revision = JudgementRevision.objects.get(judgement=a1s2)
    assert (a1s2.level, revision.old_level, revision.new_level) == (1, 2, 1)
    assert Judgement.objects.get(review=final_report.review, strand__code="A2S1").level == 3

    note = (
        f"Changed on {timezone.localdate():%-d %B %Y} after a complaint: was Effective, now Leading"
    )
    open_review(head, "Report")
    changed = head.locator(".collegium-strand", has_text="Changed since the team agreed it")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("Leading")
    expect(changed).to_contain_text(note)
    expect(changed).to_contain_text("Year 6 books show sustained extended writing")

    open_review(lead)
    go(lead, "Publish the summary")
    go(lead, "Publish the summary", "button")
    expect(lead.get_by_text("The summary has been published.")).to_be_visible()

    public = people(None)
    follow(public, "Published reviews")
    go(public, "Quality assurance review from", exact=False)
    expect(public.get_by_text(SUMMARY)).to_be_visible()
    expect(public.get_by_text("Judgements changed after the review")).to_be_visible()
    correction = public.locator(".govuk-summary-list__row", has_text="A1S2 Strand 1.2")
    expect(correction).to_contain_text(note)
    expect(public.get_by_text("Year 6 books show sustained")).to_have_count(0)  # confidential


def closed(report: Report, received: date, outcome: str, stage: int = 1) -> Complaint:
    return Complaint.objects.create(
        report=report,
        received_on=received,
        grounds="Grounds.",
        outcome_sought="Another look.",
        about_process=True,
        stage=stage,
        status=Complaint.Status.CLOSED,
        outcome=outcome,
        closed_on=received,
    )


def test_the_public_reads_the_complaint_statistics(people, review):
    report = Report.objects.create(review=review)
    received = timezone.localdate()  # so this term's figures come first on the page
    for outcome in ["not_upheld"] * 4 + ["upheld_in_part", "upheld"]:
        closed(report, received, outcome)
    closed(report, received, "not_upheld", stage=3)
    page = people(None)
    go(page, "Complaint statistics")  # in the footer of every page
    expect(page.locator("h1")).to_have_text("Complaint statistics")
    received_row = page.locator(".govuk-summary-list__row", has_text="Complaints received")
    expect(received_row.first).to_contain_text("7")
    stages = page.get_by_role("table", name="The furthest stage each complaint reached").first
    expect(stages.get_by_role("row", name="Stage 1 only", exact=False)).to_contain_text("6")
    expect(stages.get_by_role("row", name="Stage 3", exact=False)).to_contain_text("fewer than 5")
    outcomes = page.get_by_role("table", name="Outcomes").first
    expect(outcomes.get_by_role("row", name="Not upheld", exact=False)).to_contain_text("5")
    expect(outcomes.get_by_role("row", name="Upheld in part")).to_contain_text("fewer than 5")
    median = page.locator(".govuk-summary-list__row", has_text="Median working days to close")
    expect(median.first).not_to_contain_text("we cannot tell yet")
    expect(page.get_by_text("Ash Primary School")).to_have_count(0)
