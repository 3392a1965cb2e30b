"""Deciding a stage, taking the outcome further or accepting it, and closing a complaint not taken
further in time: each rule kept, then broken and refused with its reason, nothing changed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.complaints import services
from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.reviews.models import Judgement, JudgementRevision
from collegium.termdates.calendar import add_school_working_days

from .conftest import MONDAY, strands_of


def stage_of(complaint: Complaint, number: int | None = None) -> Stage:
    fresh = Complaint.objects.get(pk=complaint.pk)
    return fresh.stages.get(number=number or fresh.stage)


def test_the_lead_decides_stage_1_and_every_party_is_told(
    complaint,
    lead_reviewer,
    school_leader,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        stage = services.decide_stage(
            lead_reviewer, complaint, Outcome.NOT_UPHELD, "Two lessons seen.", today=MONDAY
        )
    assert (stage.outcome, stage.decided_by, stage.decided_on) == (
        Outcome.NOT_UPHELD,
        lead_reviewer,
        MONDAY,
    )
    assert stage.answer_due_on == add_school_working_days(MONDAY, 10)
    assert Complaint.objects.get(pk=complaint.pk).is_open
    told = sorted(address for email in mailoutbox for address in email.to)
    assert told == sorted([school_leader.email, lead_reviewer.email, coordinator.email])
    assert "Reasons: Two lessons seen." in mailoutbox[0].body
    assert AuditEvent.objects.filter(action=verbs.COMPLAINT_STAGE_DECIDED).count() == 1


def test_the_coordinator_may_decide_stage_1(complaint, coordinator):
    stage = services.decide_stage(coordinator, complaint, Outcome.UPHELD, "Agreed.", today=MONDAY)
    assert stage.decided_by == coordinator


def test_anyone_else_is_refused_stage_1(complaint, reviewer, school_leader, moderator):
    for person in (reviewer, school_leader, moderator):
        with pytest.raises(ValidationError, match="Only the review's lead reviewer or its cluster"):
            services.decide_stage(person, complaint, Outcome.UPHELD, "Agreed.", today=MONDAY)
    assert not stage_of(complaint).is_decided


def test_reasons_and_an_outcome_are_needed(complaint, lead_reviewer):
    with pytest.raises(ValidationError, match="Give the reasons"):
        services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "  ", today=MONDAY)
    with pytest.raises(ValidationError, match="Choose the outcome"):
        services.decide_stage(lead_reviewer, complaint, "maybe", "Because.", today=MONDAY)
    assert not stage_of(complaint).is_decided


def test_deciding_an_already_decided_stage_is_refused(complaint, lead_reviewer, coordinator):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    with pytest.raises(ValidationError, match="Stage 1 has already been decided"):
        services.decide_stage(coordinator, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)
    assert stage_of(complaint).outcome == Outcome.NOT_UPHELD


def test_two_handlers_deciding_at_once_take_turns(complaint, lead_reviewer, coordinator):
    """Both started from the same page: the second, on a stale copy, is refused because the
    service re-reads the complaint and its stage under a row lock."""
    stale = Complaint.objects.get(pk=complaint.pk)
    services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)
    with pytest.raises(ValidationError, match="already been decided"):
        services.decide_stage(coordinator, stale, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    assert AuditEvent.objects.filter(action=verbs.COMPLAINT_STAGE_DECIDED).count() == 1


def test_upheld_in_part_changes_a_contested_judgement_through_the_revision_service(
    complaint, lead_reviewer, school_leader, mailoutbox, django_capture_on_commit_callbacks
):
    strands = strands_of(complaint.review)
    with django_capture_on_commit_callbacks(execute=True):
        stage = services.decide_stage(
            lead_reviewer,
            complaint,
            Outcome.UPHELD_IN_PART,
            "Reading is stronger than one lesson showed.",
            {strands["A1S1"].pk: 1, strands["A2S1"].pk: 3},  # A2S1 kept at its level
            today=MONDAY,
        )
    judgement = Judgement.objects.get(review=complaint.review, strand=strands["A1S1"])
    revision = JudgementRevision.objects.get()
    assert judgement.level == 1
    assert (revision.old_level, revision.new_level, revision.source) == (2, 1, "complaint")
    assert "Reading is stronger" in revision.reason and list(stage.revisions.all()) == [revision]
    assert any("A1S1" in email.body and "Judgements changed" in email.body for email in mailoutbox)


def test_not_upheld_changes_no_judgement(complaint, lead_reviewer):
    strand = strands_of(complaint.review)["A1S1"]
    with pytest.raises(ValidationError, match="not upheld changes no judgement"):
        services.decide_stage(
            lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", {strand.pk: 1}, today=MONDAY
        )
    assert Judgement.objects.get(review=complaint.review, strand=strand).level == 2
    assert not stage_of(complaint).is_decided


def test_only_a_contested_judgement_changes(complaint, lead_reviewer):
    uncontested = strands_of(complaint.review)["A1S2"]
    with pytest.raises(ValidationError, match="Only an agreed judgement the complaint contests"):
        services.decide_stage(
            lead_reviewer, complaint, Outcome.UPHELD, "Yes.", {uncontested.pk: 1}, today=MONDAY
        )
    assert not JudgementRevision.objects.exists()


def test_judgements_not_yet_agreed_cannot_change(in_visit, school_leader, lead_reviewer):
    from .conftest import make_complaint

    complaint = make_complaint(school_leader, in_visit)
    strand = strands_of(in_visit)["A1S1"]
    with pytest.raises(ValidationError, match="Only an agreed judgement"):
        services.decide_stage(
            lead_reviewer, complaint, Outcome.UPHELD, "Yes.", {strand.pk: 1}, today=MONDAY
        )
    stage = services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)
    assert stage.is_decided


def test_the_school_takes_it_further_within_10_working_days(
    complaint,
    lead_reviewer,
    school_leader,
    network_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    last_day = add_school_working_days(MONDAY, 10)
    with django_capture_on_commit_callbacks(execute=True):
        following = services.escalate(school_leader, complaint, today=last_day)
    assert (following.number, following.opened_on) == (2, last_day)
    assert following.due_on == add_school_working_days(last_day, 10)
    assert stage_of(complaint, 1).school_choice == Stage.Choice.ESCALATED
    assert network_admin.email in {address for email in mailoutbox for address in email.to}


def test_escalating_after_the_window_is_refused(complaint, lead_reviewer, school_leader):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    last_day = add_school_working_days(MONDAY, 10)
    with pytest.raises(ValidationError) as refused:
        services.escalate(school_leader, complaint, today=add_school_working_days(last_day, 1))
    assert refused.value.messages == [
        f"The time to take the complaint further ended on {last_day:%-d %B %Y}"
    ]
    assert Complaint.objects.get(pk=complaint.pk).stage == 1


def test_escalating_before_the_outcome_is_refused(complaint, school_leader):
    with pytest.raises(ValidationError, match="has not been decided yet"):
        services.escalate(school_leader, complaint, today=MONDAY)
    assert Stage.objects.filter(complaint=complaint).count() == 1


def test_only_the_schools_leaders_escalate_or_accept(complaint, lead_reviewer, coordinator):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    for answer in (services.escalate, services.accept_outcome):
        with pytest.raises(PermissionDenied):
            answer(coordinator, complaint, today=MONDAY)
    assert Complaint.objects.get(pk=complaint.pk).stage == 1


def test_accepting_closes_the_complaint_with_its_outcome(complaint, lead_reviewer, school_leader):
    services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD_IN_PART, "Partly.", today=MONDAY)
    closed = services.accept_outcome(school_leader, complaint, today=date(2027, 1, 13))
    assert (closed.status, closed.outcome, closed.closed_on) == (
        Complaint.Status.CLOSED,
        Outcome.UPHELD_IN_PART,
        date(2027, 1, 13),
    )
    with pytest.raises(ValidationError, match="The complaint is closed"):
        services.escalate(school_leader, complaint, today=date(2027, 1, 13))


def test_only_the_assigned_moderator_decides_stage_2(
    stage_2, lead_reviewer, adjudicator, moderator
):
    for person in (lead_reviewer, adjudicator):
        with pytest.raises(ValidationError, match="Only Mo Moderator, who is assigned to it"):
            services.decide_stage(person, stage_2, Outcome.UPHELD, "Yes.", today=date(2027, 1, 13))
    stage = services.decide_stage(
        moderator, stage_2, Outcome.NOT_UPHELD, "Holds.", today=date(2027, 1, 13)
    )
    assert stage.number == 2 and stage.decided_by == moderator


def test_an_unassigned_stage_cannot_be_decided(complaint, lead_reviewer, school_leader):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    services.escalate(school_leader, complaint, today=MONDAY)
    with pytest.raises(ValidationError, match="Nobody is assigned to stage 2 yet"):
        services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)


def test_the_hearing_is_final_and_closes_the_complaint(
    stage_3, adjudicator, school_leader, network_admin, moderator
):
    strand = strands_of(stage_3.review)["A2S1"]
    stage = services.decide_stage(
        adjudicator,
        stage_3,
        Outcome.UPHELD_IN_PART,
        "The panel finds writing stronger.",
        {strand.pk: 2},
        today=date(2027, 1, 20),
    )
    complaint = Complaint.objects.get(pk=stage_3.pk)
    assert stage.answer_due_on is None
    assert (complaint.status, complaint.outcome) == ("closed", Outcome.UPHELD_IN_PART)
    assert Judgement.objects.get(review=complaint.review, strand=strand).level == 2
    with pytest.raises(ValidationError, match="The complaint is closed"):
        services.escalate(school_leader, complaint, today=date(2027, 1, 20))
    with pytest.raises(ValidationError, match="The complaint is closed"):
        services.assign_handler(network_admin, complaint, moderator)


def test_assigning_a_decided_stage_is_refused(stage_2, network_admin, adjudicator, moderator):
    services.decide_stage(moderator, stage_2, Outcome.NOT_UPHELD, "Holds.", today=date(2027, 1, 13))
    with pytest.raises(ValidationError, match="Stage 2 has already been decided"):
        services.assign_handler(network_admin, stage_2, adjudicator)


def test_stage_1_takes_nobody_assigned(complaint, network_admin, moderator):
    with pytest.raises(ValidationError, match="Stage 1 is resolved by the lead reviewer"):
        services.assign_handler(network_admin, complaint, moderator)


def test_a_complaint_not_taken_further_in_time_closes(
    complaint, lead_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    last_day = add_school_working_days(MONDAY, 10)
    assert services.close_lapsed_complaints(today=last_day) == []
    with django_capture_on_commit_callbacks(execute=True):
        (closed,) = services.close_lapsed_complaints(today=add_school_working_days(last_day, 1))
    closed.refresh_from_db()
    assert (closed.status, closed.outcome) == ("closed", Outcome.NOT_UPHELD)
    assert stage_of(complaint, 1).school_choice == Stage.Choice.LAPSED
    assert AuditEvent.objects.get(action=verbs.COMPLAINT_LAPSED).actor is None
    assert "did not take the outcome of stage 1 further in time" in mailoutbox[-1].body
    assert services.close_lapsed_complaints(today=date(2027, 3, 1)) == []  # once only
