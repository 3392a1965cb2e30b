"""The action plan's services: started from the agreed priority, built item by item under the
plan's revision, agreed once it has an action with a milestone and a success measure, completed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand
from collegium.improvement.models import (
    Action,
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
    SupportNeed,
)
from collegium.improvement.selectors.figures import FIGURES, figures_for
from collegium.improvement.services import monitoring, plan_items, plans
from collegium.reviews.models import Review
from collegium.schools.models import KeyStage2Result, Phase
from collegium.support.models import SupportRequest
from conftest import make_school

LATER = date.today() + timedelta(days=40)
Status = ActionPlan.Status


def audited(action: str) -> tuple[dict, dict]:
    """The before and after of the one audit event with this action."""
    event = AuditEvent.objects.get(action=action)
    return event.before or {}, event.after or {}


def strand(version, code="A1S1") -> Strand:
    return Strand.objects.get(area__version=version, code=code)


def test_starting_the_plan_copies_the_agreed_priority(agreed_review, school_leader):
    plan = plans.start_plan(school_leader, agreed_review)
    findings = agreed_review.findings
    assert (plan.priority_strand, plan.priority) == (
        findings.priority_strand,
        findings.improvement_priority,
    )
    assert plan.status == Status.DRAFT and plan.revision == 1
    assert AuditEvent.objects.filter(action=verbs.ACTION_PLAN_STARTED, actor=school_leader).exists()


def test_one_plan_per_review(plan, school_leader):
    with pytest.raises(ValidationError, match="already been started"):
        plans.start_plan(school_leader, plan.review)
    assert ActionPlan.objects.count() == 1


def test_no_plan_before_the_judgements_are_agreed(review, school_leader):
    with pytest.raises(ValidationError, match="agreed the judgements"):
        plans.start_plan(school_leader, review)
    assert not ActionPlan.objects.exists()


def test_adding_an_action_with_its_first_milestone(plan, school_leader):
    action = plan_items.add_action(
        school_leader, plan, 1, "Train staff in catch-up", school_leader, "All trained", LATER
    )
    assert action.milestones.get().due_on == LATER
    plan.refresh_from_db()
    assert plan.revision == 2
    _, after = audited(verbs.ACTION_ADDED)
    assert after["description"] == "Train staff in catch-up"
    assert after["milestones"][0]["due_on"] == LATER.isoformat()


def test_a_stale_revision_is_refused_and_nothing_is_saved(plan, school_leader):
    plan_items.add_milestone(school_leader, plan.actions.get(), 1, "Half way", LATER)
    with pytest.raises(plans.PlanConflict, match="Someone else changed the action plan"):
        plan_items.add_action(school_leader, plan, 1, "Late action", school_leader, "Done", LATER)
    assert plan.actions.count() == 1
    plan.refresh_from_db()
    assert plan.revision == 2


def test_the_owner_is_one_of_the_schools_leaders(plan, school_leader, governor):
    with pytest.raises(ValidationError, match="school's leaders") as refused:
        plan_items.add_action(school_leader, plan, 1, "Something", governor, "Done", LATER)
    assert "owner" in refused.value.message_dict
    assert plan.actions.count() == 1


@pytest.mark.parametrize("days", [0, -3])
def test_a_milestone_is_due_in_the_future(plan, school_leader, days):
    due = date.today() + timedelta(days=days)
    with pytest.raises(ValidationError, match="must be in the future"):
        plan_items.add_milestone(school_leader, plan.actions.get(), 1, "Too soon", due)
    assert Milestone.objects.count() == 1


def test_changing_a_milestone_keeps_a_passed_date_it_already_had(plan, school_leader):
    milestone = Milestone.objects.get()
    Milestone.objects.filter(pk=milestone.pk).update(due_on=date.today() - timedelta(days=3))
    milestone.refresh_from_db()
    plan_items.change_milestone(school_leader, milestone, 1, "Reworded", milestone.due_on)
    assert Milestone.objects.get().description == "Reworded"
    with pytest.raises(ValidationError, match="in the future"):
        plan_items.change_milestone(school_leader, milestone, 2, "Reworded", date.today())


def test_the_last_milestone_of_an_action_stays(plan, school_leader):
    with pytest.raises(ValidationError, match="at least one milestone"):
        plan_items.remove_milestone(school_leader, Milestone.objects.get(), 1)
    assert Milestone.objects.count() == 1


def test_checked_in_milestones_cannot_be_removed(plan, school_leader):
    action = plan.actions.get()
    first = action.milestones.get()
    plan_items.add_milestone(school_leader, action, 1, "Second", LATER)
    CheckIn.objects.create(milestone=first, status="on_track", evidence="Going well")
    with pytest.raises(ValidationError, match="checked in on"):
        plan_items.remove_milestone(school_leader, first, 2)
    with pytest.raises(ValidationError, match="checked in on"):
        plan_items.remove_action(school_leader, action, 2)
    assert Action.objects.count() == 1 and Milestone.objects.count() == 2


def test_removing_an_action_removes_its_milestones(plan, school_leader):
    plan_items.remove_action(school_leader, plan.actions.get(), 1)
    assert not Milestone.objects.exists()
    assert audited(verbs.ACTION_REMOVED)[0]["description"] == "Daily catch-up sessions"


def test_a_strand_measure_needs_a_strand_of_the_reviews_framework(plan, school_leader):
    other = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="other", name="Other"), number=1
    )
    area = Area.objects.create(version=other, position=1, code="X1", title="Other area")
    foreign = Strand.objects.create(area=area, position=1, code="X1S1", title="Foreign")
    with pytest.raises(ValidationError, match="strand of the review's framework"):
        plan_items.add_measure(
            school_leader, plan, 1, kind="strand", description="Judged higher", strand=foreign
        )
    assert not SuccessMeasure.objects.exists()


def test_a_context_measure_needs_a_known_figure(plan, school_leader):
    with pytest.raises(ValidationError, match="context data"):
        plan_items.add_measure(
            school_leader, plan, 1, kind="context", description="Fewer absences", context_figure=""
        )
    measure = plan_items.add_measure(
        school_leader,
        plan,
        1,
        kind="context",
        description="Fewer absences",
        context_figure="absence_overall",
        strand=strand(plan.review.framework_version),  # not a strand measure: dropped
        baseline="6.1",
        target="4.5",
    )
    assert (measure.context_figure, measure.strand, measure.target) == (
        "absence_overall",
        None,
        "4.5",
    )


def test_changing_a_measure_to_an_observation(plan, school_leader):
    version = plan.review.framework_version
    measure = plan_items.add_measure(
        school_leader, plan, 1, kind="strand", description="A2S1", strand=strand(version, "A2S1")
    )
    plan_items.change_measure(
        school_leader, measure, 2, kind="observation", description="Pupils read fluently"
    )
    measure.refresh_from_db()
    assert (measure.kind, measure.strand) == ("observation", None)
    before, after = audited(verbs.SUCCESS_MEASURE_CHANGED)
    assert (before["kind"], after["kind"]) == ("strand", "observation")


def test_support_needs(plan, school_leader):
    version = plan.review.framework_version
    need = plan_items.add_need(
        school_leader, plan, 1, strand=strand(version), description="Visit", days_wanted=Decimal(2)
    )
    assert audited(verbs.SUPPORT_NEED_ADDED)[1]["days_wanted"] == "2"
    with pytest.raises(ValidationError, match="between 0.5 and 60"):
        plan_items.change_need(
            school_leader, need, 2, strand=strand(version), description="Visit", days_wanted=61
        )
    plan_items.change_need(
        school_leader, need, 2, strand=strand(version), description="Visit two schools"
    )
    need.refresh_from_db()
    assert (need.description, need.days_wanted) == ("Visit two schools", None)


def test_a_need_with_requests_cannot_be_removed(plan, school_leader, school_b):
    need = SupportNeed.objects.get()
    SupportRequest.objects.create(need=need, offering_school=school_b, message="Please help")
    with pytest.raises(ValidationError, match="support has been requested"):
        plan_items.remove_need(school_leader, need, 1)
    assert SupportNeed.objects.exists()


def test_agreeing_says_what_is_missing(plan, school_leader):
    with pytest.raises(ValidationError, match="add at least one success measure"):
        plans.agree_plan(school_leader, plan, 1)
    plan_items.remove_action(school_leader, plan.actions.get(), 1)
    with pytest.raises(ValidationError, match="an action with at least one milestone and at"):
        plans.agree_plan(school_leader, plan, 2)
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_agreeing_and_completing(plan, school_leader):
    plan_items.add_measure(school_leader, plan, 1, kind="survey", description="Parents' survey")
    with pytest.raises(ValidationError, match="Agree the action plan before"):
        plans.complete_plan(school_leader, plan, 2)
    plans.agree_plan(school_leader, plan, 2)
    plan.refresh_from_db()
    assert plan.status == Status.ACTIVE and plan.agreed_at
    with pytest.raises(ValidationError, match="already been agreed"):
        plans.agree_plan(school_leader, plan, 3)
    plans.complete_plan(school_leader, plan, 3)
    plan.refresh_from_db()
    assert plan.status == Status.COMPLETED
    with pytest.raises(ValidationError, match="completed, so it can no longer change"):
        plan_items.add_need(school_leader, plan, 4, strand=plan.priority_strand, description="Help")
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.ACTION_PLAN_AGREED, verbs.ACTION_PLAN_COMPLETED} <= set(actions)


def test_a_closed_review_can_still_have_its_plan(agreed_review, school_leader):
    Review.objects.filter(pk=agreed_review.pk).update(status=Review.Status.CLOSED)
    agreed_review.refresh_from_db()
    assert plans.start_plan(school_leader, agreed_review).review == agreed_review


# Changes made meanwhile by others are kept


def test_changing_a_milestone_keeps_a_check_in_made_meanwhile(agreed_review, school_leader):
    active = plans.start_plan(school_leader, agreed_review)
    plan_items.add_action(school_leader, active, 1, "Catch-up", school_leader, "Assessed", LATER)
    ActionPlan.objects.filter(pk=active.pk).update(status=Status.ACTIVE)
    opened = Milestone.objects.get()  # the change page is opened
    monitoring.check_in(school_leader, opened, Milestone.Status.DONE, "All assessed")
    plan_items.change_milestone(school_leader, opened, 2, "Every pupil assessed", opened.due_on)
    milestone = Milestone.objects.get()
    assert milestone.description == "Every pupil assessed"
    assert (milestone.status, milestone.done_on) == (Milestone.Status.DONE, date.today())


def test_a_new_due_date_starts_the_reminders_afresh(plan, school_leader):
    Milestone.objects.update(reminded_on=date.today())
    milestone = Milestone.objects.get()
    plan_items.change_milestone(school_leader, milestone, 1, "Reworded", milestone.due_on)
    assert Milestone.objects.get().reminded_on == date.today()  # same date: still reminded
    plan_items.change_milestone(school_leader, milestone, 2, "Reworded", LATER + timedelta(days=7))
    assert Milestone.objects.get().reminded_on is None


def test_a_measure_with_readings_keeps_them(plan, school_leader):
    measure = plan_items.add_measure(school_leader, plan, 1, kind="survey", description="Parents")
    MeasureReading.objects.create(measure=measure, taken_on=date.today(), value="70%")
    with pytest.raises(ValidationError, match="cannot be removed because readings"):
        plan_items.remove_measure(school_leader, measure, 2)
    with pytest.raises(ValidationError, match="kind of this success measure cannot change"):
        plan_items.change_measure(
            school_leader, measure, 2, kind="observation", description="Lessons"
        )
    assert MeasureReading.objects.count() == 1
    plan_items.change_measure(school_leader, measure, 2, kind="survey", description="Parent survey")
    assert SuccessMeasure.objects.get().description == "Parent survey"


def test_a_need_with_requests_keeps_what_was_asked(plan, school_leader, school_b):
    need = SupportNeed.objects.get()
    plan_items.change_need(school_leader, need, 1, strand=need.strand, description="Visit twice")
    SupportRequest.objects.create(need=need, offering_school=school_b, message="Please help")
    other = strand(plan.review.framework_version, "A1S1")
    for changed in ({"strand": other}, {"strand": need.strand, "description": "Visit"}):
        with pytest.raises(ValidationError, match="support has been requested for it"):
            plan_items.change_need(
                school_leader, need, 2, **{"description": "Visit twice"} | changed
            )
    need.refresh_from_db()
    assert (need.strand, need.description) == (plan.priority_strand, "Visit twice")


# The context figures a success measure may follow


def test_only_figures_that_fit_the_school_are_offered(la, school_a, school_c):
    infant = make_school(la, 900009, "Carr Infant School", phase=Phase.PRIMARY)
    KeyStage2Result.objects.create(school=school_a, year=2024, pct_expected_standard=61.0)
    absence = {"absence_overall", "absence_persistent"}
    assert {key for key, _ in figures_for(infant)} == absence  # no key stage 2 results
    primary = {key for key, _ in figures_for(school_a)}
    assert primary == absence | {"ks2_expected"}  # only the key stage 2 figure it has
    secondary = {key for key, _ in figures_for(school_c)}
    assert secondary == absence | {"ks4_attainment_8", "ks4_english_maths_5"}


def test_figures_are_shown_as_people_read_them():
    assert FIGURES["ks2_expected"].format(43.0) == "43%"
    assert FIGURES["absence_overall"].format(4.7) == "4.7%"
    assert FIGURES["ks4_attainment_8"].format(47.34) == "47.3"
    assert FIGURES["ks4_attainment_8"].format(47.0) == "47.0"
