"""The workshop and action plan pages: who may read them, who may change them, and what a head
sees while building the plan in one sitting."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from collegium.improvement.models import ActionPlan, Milestone, SuccessMeasure, Workshop
from collegium.improvement.tests.conftest import make_plan
from collegium.people.models import Role
from conftest import grant, make_user
from tests.term_time import term_day

LATER = date.today() + timedelta(days=40)


def review_url(review) -> str:
    return reverse("improvement:review", kwargs={"review_pk": review.pk})


def plan_url(plan, name="improvement:plan", **kwargs) -> str:
    return reverse(name, kwargs={"pk": plan.pk, **kwargs})


# The review's improvement page


@pytest.mark.parametrize("who", ["school_leader", "governor", "reviewer", "coordinator"])
def test_the_improvement_page_shows_the_agreed_priority(request, client_for, agreed_review, who):
    page = client_for(request.getfixturevalue(who)).get(review_url(agreed_review))
    assert page.status_code == 200
    assert "Make sure pupils who fall behind in reading catch up quickly." in page.text


def test_the_improvement_page_is_refused_to_others(client_for, agreed_review, outsider):
    assert client_for(outsider).get(review_url(agreed_review)).status_code == 404
    anonymous = client_for(None).get(review_url(agreed_review))
    assert anonymous.status_code == 302 and "sign-in" in anonymous.url


def test_before_the_judgements_are_agreed_the_page_says_so(client_for, review, school_leader):
    page = client_for(school_leader).get(review_url(review))
    assert "after the review team has agreed the judgements" in page.text
    assert "Start the action plan" not in page.text


def test_who_sees_which_links(client_for, agreed_review, school_leader, coordinator, governor):
    assert "Start the action plan" in client_for(school_leader).get(review_url(agreed_review)).text
    assert "Schedule the workshop" in client_for(coordinator).get(review_url(agreed_review)).text
    governor_page = client_for(governor).get(review_url(agreed_review)).text
    assert "Start the action plan" not in governor_page
    assert "Schedule the workshop" not in governor_page


# The workshop


def schedule_data(*people, held_on: date | None = None) -> dict:
    return {
        "held_on": (held_on or term_day(5)).isoformat(),  # workshops are held in term time
        "starts_at": "15:30",
        "ends_at": "17:00",
        "location": "The library",
        "attendees": [person.pk for person in people],
        "other_attendees": "",
    }


def test_the_coordinator_schedules_the_workshop(
    client_for, agreed_review, coordinator, governor, school_leader, outsider
):
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    page = client_for(coordinator).get(url)
    assert "Sam Leader (school leader)" in page.text
    assert "Olive Outsider" not in page.text
    refused = client_for(coordinator).post(url, schedule_data(outsider))
    assert refused.status_code == 400 and not Workshop.objects.exists()
    leader = school_leader
    with TestCase.captureOnCommitCallbacks(execute=True):  # emailed once it commits
        done = client_for(coordinator).post(url, schedule_data(leader))
    assert done.status_code == 302
    assert Workshop.objects.get().location == "The library"
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert client_for(governor).post(url, schedule_data(leader)).status_code == 403


def test_the_message_counts_only_the_invitations_emailed(
    client_for, agreed_review, coordinator, school_leader, lead_reviewer
):
    lead_reviewer.email = ""
    lead_reviewer.save()
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    data = schedule_data(school_leader, lead_reviewer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = client_for(coordinator).post(url, data, follow=True)
    assert "1 person has been invited by email." in page.text
    assert f"{lead_reviewer.full_name} has no email address" in page.text
    assert len(mail.outbox) == 1


def test_a_past_date_is_refused_in_words(client_for, agreed_review, coordinator):
    url = reverse("improvement:schedule-workshop", kwargs={"review_pk": agreed_review.pk})
    yesterday = date.today() - timedelta(days=1)
    page = client_for(coordinator).post(url, schedule_data(held_on=yesterday))
    assert page.status_code == 400
    assert "The date of the workshop must be today or later" in page.text
    assert not Workshop.objects.exists() and mail.outbox == []


def test_the_school_records_the_workshop(client_for, agreed_review, school_leader, governor):
    Workshop.objects.create(review=agreed_review, held_on=date.today())
    url = reverse("improvement:record-workshop", kwargs={"review_pk": agreed_review.pk})
    data = {"attended": [school_leader.pk], "scrutiny": "Is catch-up the real issue?", "notes": ""}
    assert client_for(governor).post(url, data).status_code == 403
    assert not Workshop.objects.get().is_recorded
    assert client_for(school_leader).post(url, data).status_code == 302
    assert Workshop.objects.get().scrutiny == "Is catch-up the real issue?"


# Starting and building the plan


def test_the_head_starts_and_builds_the_plan_in_one_sitting(
    client_for, agreed_review, school_leader
):
    head = client_for(school_leader)
    started = head.post(reverse("improvement:start-plan", kwargs={"review_pk": agreed_review.pk}))
    plan = ActionPlan.objects.get()
    assert started.url == plan_url(plan, "improvement:build")
    assert "Build the action plan" in head.get(started.url).text
    action = {
        "action-description": "Daily catch-up in small groups",
        "action-owner": school_leader.pk,
        "action-milestone": "Groups running in every class",
        "action-due_on": LATER.isoformat(),
        "revision": 1,
    }
    assert head.post(plan_url(plan, "improvement:add-action"), action).status_code == 302
    measure = {"measure-kind": "observation", "measure-description": "Pupils read fluently"}
    assert head.post(plan_url(plan, "improvement:add-measure"), {**measure, "revision": 2})
    need = {"need-strand": plan.priority_strand_id, "need-description": "See it elsewhere"}
    head.post(plan_url(plan, "improvement:add-need"), {**need, "revision": 3})
    need_pk = plan.support_needs.get().pk
    built = head.get(started.url).text
    assert "Find schools that could help" in built  # straight on to asking for support
    assert reverse("support:need", kwargs={"pk": need_pk}) in built
    agreed = head.post(plan_url(plan, "improvement:agree-plan"), {"revision": 4})
    assert agreed.status_code == 302 and agreed.url == plan_url(plan) + "#support"
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.ACTIVE
    page = head.get(plan_url(plan))
    assert "Groups running in every class" in page.text and "Under way" in page.text
    assert (
        "The action plan has been agreed and is now under way. "
        "Next, ask a school for the support you need."
    ) in page.text
    support, progress = page.text.index('id="support"'), page.text.index('id="progress-heading"')
    assert support < progress


def test_the_coordinator_agrees_the_plan_without_being_sent_to_ask_for_support(
    client_for, plan, coordinator
):
    SuccessMeasure.objects.create(plan=plan, kind="survey", description="Parents say so")
    client = client_for(coordinator)
    assert (
        "Find schools that could help" not in client.get(plan_url(plan, "improvement:build")).text
    )
    agreed = client.post(plan_url(plan, "improvement:agree-plan"), {"revision": 1})
    assert agreed.url == plan_url(plan)
    page = client.get(agreed.url)
    assert "The action plan has been agreed and is now under way." in page.text
    assert "Next, ask a school" not in page.text


def test_the_measure_form_offers_what_fits_the_plan(client_for, plan, school_leader):
    page = client_for(school_leader).get(plan_url(plan, "improvement:build")).text
    assert "Which strand? (for a framework strand measure)" in page
    assert "Which figure? (for a context data measure)" in page
    assert f'<option value="{plan.priority_strand_id}" selected>' in page
    assert "% of sessions missed" in page
    assert "Attainment 8" not in page and "(key stage 2)" not in page  # no results published


def test_a_stale_page_is_told_someone_else_changed_the_plan(client_for, plan, school_leader):
    data = {"measure-kind": "survey", "measure-description": "Parent survey", "revision": 0}
    page = client_for(school_leader).post(plan_url(plan, "improvement:add-measure"), data)
    assert page.status_code == 400
    assert "Someone else changed the action plan" in page.text
    assert 'name="revision" value="1"' in page.text  # the form now carries the current one
    assert not SuccessMeasure.objects.exists()


def test_a_measure_of_kind_strand_needs_its_strand(client_for, plan, school_leader):
    data = {"measure-kind": "strand", "measure-description": "Judged higher", "revision": 1}
    page = client_for(school_leader).post(plan_url(plan, "improvement:add-measure"), data)
    assert page.status_code == 400
    assert "Choose the strand this measure follows" in page.text
    assert not SuccessMeasure.objects.exists()


def test_agreeing_too_early_says_what_is_missing(client_for, plan, school_leader, governor):
    client = client_for(school_leader)
    asked = client.get(plan_url(plan, "improvement:agree-plan"))
    assert asked.status_code == 200 and "Before the plan can be agreed, add" in asked.text
    answer = client.post(plan_url(plan, "improvement:agree-plan"), {"revision": 1})
    assert answer.status_code == 400
    assert "There is a problem" in answer.text and "add at least one success measure" in answer.text
    assert client_for(governor).post(plan_url(plan, "improvement:agree-plan")).status_code == 403
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT and plan.revision == 1


def test_a_plan_is_started_once(client_for, plan, school_leader, governor):
    start = reverse("improvement:start-plan", kwargs={"review_pk": plan.review_id})
    assert client_for(governor).post(start).status_code == 403
    refused = client_for(school_leader).post(start)
    assert refused.status_code == 400
    assert "The action plan for this review has already been started" in refused.text
    assert ActionPlan.objects.filter(review=plan.review).count() == 1


def test_a_draft_plan_cannot_be_marked_as_completed(client_for, plan, school_leader):
    complete = plan_url(plan, "improvement:complete-plan")
    refused = client_for(school_leader).post(complete, {"revision": 1})
    assert refused.status_code == 400
    assert "Agree the action plan before marking it as completed" in refused.text
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT and plan.completed_at is None


def test_changing_and_removing_items(client_for, plan, school_leader):
    head = client_for(school_leader)
    milestone = Milestone.objects.get()
    url = plan_url(plan, "improvement:change-milestone", item_pk=milestone.pk)
    assert head.get(url).status_code == 200
    changed = head.post(url, {"description": "Assessed", "due_on": LATER, "revision": 1})
    assert changed.status_code == 302
    assert Milestone.objects.get().description == "Assessed"
    action = plan.actions.get()
    remove = plan_url(plan, "improvement:remove-action", item_pk=action.pk)
    assert "will be removed" in head.get(remove).text
    assert head.post(remove, {"revision": 2}).status_code == 302
    assert not plan.actions.exists()


def test_changing_an_action_and_its_owner(client_for, plan, school_leader, school_a, governor):
    deputy = grant(make_user("Dee Deputy"), Role.SCHOOL_LEADER, school=school_a)
    action = plan.actions.get()
    url = plan_url(plan, "improvement:change-action", item_pk=action.pk)
    page = client_for(school_leader).get(url)
    assert page.status_code == 200 and "First milestone" not in page.text
    data = {"description": "Catch-up every morning", "owner": deputy.pk, "revision": 1}
    assert client_for(governor).post(url, data).status_code == 403
    assert client_for(school_leader).post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.description, action.owner) == ("Catch-up every morning", deputy)
    assert action.milestones.count() == 1


def test_a_governor_reads_the_plan_but_cannot_change_it(client_for, plan, governor):
    client = client_for(governor)
    page = client.get(plan_url(plan))
    assert page.status_code == 200 and "Daily catch-up sessions" in page.text
    assert "<strong>0 of 1</strong> milestone done" in page.text  # the progress section
    assert "See catch-up working elsewhere" in page.text  # the support section
    assert "Change the plan" not in page.text
    assert client.get(plan_url(plan, "improvement:build")).status_code == 403
    data = {"measure-kind": "survey", "measure-description": "Survey", "revision": 1}
    assert client.post(plan_url(plan, "improvement:add-measure"), data).status_code == 403
    assert not SuccessMeasure.objects.exists()


def test_the_plan_is_hidden_from_outsiders_and_the_public(client_for, plan, outsider):
    assert client_for(outsider).get(plan_url(plan)).status_code == 404
    assert client_for(outsider).get(plan_url(plan, "improvement:build")).status_code == 404
    anonymous = client_for(None).get(plan_url(plan))
    assert anonymous.status_code == 302 and "sign-in" in anonymous.url


def test_the_coordinator_may_edit_the_plan(client_for, plan, coordinator):
    page = client_for(coordinator).get(plan_url(plan))
    assert "Change the plan" in page.text


# Progress on the plan page, and completing the plan


def overdue_plan(review, owner) -> ActionPlan:
    plan = make_plan(review, owner, ActionPlan.Status.ACTIVE)
    Milestone.objects.create(
        action=plan.actions.get(),
        description="Two teachers visit and report back",
        due_on=date(2026, 1, 5),
    )
    return plan


def test_the_plan_page_names_each_overdue_milestone_once(
    client_for, agreed_review, school_leader, governor
):
    plan = overdue_plan(agreed_review, school_leader)
    late = Milestone.objects.get(description="Two teachers visit and report back")
    page = client_for(governor).get(plan_url(plan)).text
    assert "<strong>0 of 2</strong> milestones done" in page
    assert (
        f'Overdue: <a class="govuk-link" href="#progress-milestone-{late.pk}">'
        "‘Two teachers visit and report back’</a> was due on 5 January 2026."
    ) in page
    assert f'id="progress-milestone-{late.pk}"' in page
    assert page.count("Every pupil who fell behind is assessed") == 1  # not listed twice
    assert "Owner: " in page
    assert "Change the plan" not in page and ">Check in<" not in page


def test_completing_a_plan_with_milestones_still_to_do_asks_first(
    client_for, agreed_review, school_leader, governor
):
    plan = overdue_plan(agreed_review, school_leader)
    complete = plan_url(plan, "improvement:complete-plan")
    head = client_for(school_leader)
    page = head.get(plan_url(plan)).text
    assert ">Mark the plan as completed<" not in page  # not every milestone is done
    assert "mark it as completed early" in page
    confirm = head.get(complete)
    assert confirm.status_code == 200
    assert "2 milestones are not done yet" in confirm.text
    assert "‘Two teachers visit and report back’, due on 5 January 2026" in confirm.text
    assert client_for(governor).get(complete).status_code == 403
    assert client_for(governor).post(complete, {"revision": 1}).status_code == 403
    done = head.post(complete, {"revision": 1}, follow=True)
    assert "The action plan has been marked as completed." in done.text
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.COMPLETED


def test_the_completion_button_shows_once_every_milestone_is_done(
    client_for, agreed_review, school_leader
):
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    head = client_for(school_leader)
    assert ">Mark the plan as completed<" not in head.get(plan_url(plan)).text
    Milestone.objects.update(status=Milestone.Status.DONE)
    page = head.get(plan_url(plan)).text
    assert ">Mark the plan as completed<" in page and "completed early" not in page
    assert "Every milestone is done." in head.get(plan_url(plan, "improvement:complete-plan")).text


# The list of plans


def test_the_list_shows_plans_with_milestones_done(client_for, plan, governor, moderator):
    Milestone.objects.update(status=Milestone.Status.DONE)
    for person in (governor, moderator):
        page = client_for(person).get(reverse("improvement:plans"))
        assert "Ash Primary School" in page.text and "1 of 1" in page.text
        strand = plan.priority_strand
        assert f"{strand.code} {strand.title}" in page.text  # the strand, not the whole priority
        assert plan.priority not in page.text


def test_the_list_offers_the_head_to_start_a_plan(client_for, agreed_review, school_leader):
    page = client_for(school_leader).get(reverse("improvement:plans"))
    assert "Start the action plan" in page.text


def test_the_list_leaves_out_other_schools_plans(client_for, plan, school_b, outsider):
    other_head = grant(make_user("Bea Beech"), Role.SCHOOL_LEADER, school=school_b)
    page = client_for(other_head).get(reverse("improvement:plans"))
    assert page.status_code == 200 and "Ash Primary School" not in page.text
    assert client_for(outsider).get(reverse("improvement:plans")).status_code == 403


def test_a_completed_plan_is_not_built_further(client_for, agreed_review, school_leader):
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.COMPLETED)
    page = client_for(school_leader).get(plan_url(plan, "improvement:build"), follow=True)
    assert "completed, so it can no longer change" in page.text
