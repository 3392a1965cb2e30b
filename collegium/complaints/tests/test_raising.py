"""Who may make a complaint, and when: each rule kept, then broken and refused with its reason."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import history_of
from collegium.complaints.models import Complaint, Stage
from collegium.complaints.services import raise_refusal
from collegium.frameworks.models import Area, FrameworkVersion, Strand
from collegium.people.models import Role
from collegium.reviews.models import Concern, Review
from collegium.termdates.calendar import add_school_working_days
from conftest import grant, make_user

from .conftest import MONDAY, make_complaint, strands_of


@pytest.fixture
def last_day(db) -> date:
    return add_school_working_days(MONDAY, 10)


def test_a_leader_complains_after_the_report_is_final_and_stage_1_opens(
    last_day,
    finalised,
    school_leader,
    lead_reviewer,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(school_leader, finalised, today=last_day)
    stage = complaint.stages.get()
    assert complaint.is_open and complaint.stage == 1 and complaint.received_on == last_day
    assert (stage.number, stage.opened_on) == (1, last_day)
    assert stage.due_on == add_school_working_days(last_day, 5)
    assert sorted(s.code for s in complaint.strands.all()) == ["A1S1", "A2S1"]
    assert complaint.contested == ["judgements", "process"]
    event = AuditEvent.objects.get(action=verbs.COMPLAINT_RAISED)
    assert event.after is not None and event.after["stage_due_on"] == stage.due_on.isoformat()
    told = sorted(address for email in mailoutbox for address in email.to)
    assert told == sorted([school_leader.email, lead_reviewer.email, coordinator.email])
    assert "The lead reviewer and the cluster coordinator resolve it" in mailoutbox[0].body


def test_a_leader_complains_during_the_visit(in_visit, school_leader):
    complaint = make_complaint(school_leader, in_visit, about_conduct=True, strands=[])
    assert complaint.contested == ["conduct", "process"]


def test_the_complaint_stays_off_the_reviews_history(finalised, school_leader):
    """The whole team and every moderator read the review's history: a complaint is the
    parties' only."""
    complaint = make_complaint(school_leader, finalised)
    assert not history_of(finalised).filter(action=verbs.COMPLAINT_RAISED).exists()
    assert history_of(complaint).filter(action=verbs.COMPLAINT_RAISED).exists()


def test_too_early_before_the_visit_starts(review, school_leader):
    from collegium.reports.models import Report

    Report.objects.create(review=review)
    with pytest.raises(ValidationError, match="once the review's visit has started"):
        make_complaint(school_leader, review)
    assert not Complaint.objects.exists()


def test_a_cancelled_review_is_refused(in_visit, school_leader):
    Review.objects.filter(pk=in_visit.pk).update(status=Review.Status.CANCELLED)
    in_visit.refresh_from_db()
    with pytest.raises(ValidationError, match="was cancelled"):
        make_complaint(school_leader, in_visit)


def test_too_late_after_10_school_working_days(finalised, school_leader, last_day):
    the_day_after = add_school_working_days(last_day, 1)
    with pytest.raises(ValidationError) as refused:
        make_complaint(school_leader, finalised, today=the_day_after)
    assert refused.value.messages == [
        f"The time to make a complaint ended on {last_day:%-d %B %Y}, 10 school working days "
        "after the report was final"
    ]
    assert not Complaint.objects.exists()


def test_another_schools_leader_and_the_team_are_refused(
    finalised, school_b, reviewer, lead_reviewer, governor, coordinator
):
    other_head = grant(make_user("Bea Beechhead"), Role.SCHOOL_LEADER, school=school_b)
    for person in (other_head, reviewer, lead_reviewer, governor, coordinator):
        with pytest.raises(ValidationError, match="Only the school's leaders"):
            make_complaint(person, finalised)
    assert not Complaint.objects.exists()


def test_a_second_open_complaint_is_refused_and_a_new_one_after_closing(
    complaint, school_leader, lead_reviewer, finalised
):
    with pytest.raises(ValidationError, match="already open"):
        make_complaint(school_leader, finalised)
    assert Complaint.objects.count() == 1
    from collegium.complaints import services
    from collegium.complaints.models import Outcome

    services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "We agree.", today=MONDAY)
    services.accept_outcome(school_leader, complaint, today=MONDAY)
    assert make_complaint(school_leader, finalised).is_open


def test_something_must_be_contested(finalised, school_leader):
    with pytest.raises(ValidationError, match="Choose what you are complaining about"):
        make_complaint(school_leader, finalised, strands=[], about_process=False)


def test_a_strand_of_another_framework_is_refused(finalised, school_leader):
    other = FrameworkVersion.objects.create(
        framework=finalised.framework_version.framework, number=2
    )
    area = Area.objects.create(version=other, position=1, code="X", title="Other")
    strand = Strand.objects.create(
        area=area, position=1, code="X1", title="Other strand", enquiry_question="?"
    )
    with pytest.raises(ValidationError, match="framework this review used"):
        make_complaint(school_leader, finalised, strands=[strand])


@pytest.mark.parametrize(
    ("field", "message"),
    [("grounds", "Explain what you are complaining about"), ("outcome_sought", "Say what outcome")],
)
def test_grounds_and_the_outcome_sought_are_needed(finalised, school_leader, field, message):
    blank: dict[str, Any] = {field: "   "}
    with pytest.raises(ValidationError, match=message):
        make_complaint(school_leader, finalised, **blank)


def test_a_concern_is_taken_further_and_linked(in_visit, school_leader):
    concern = Concern.objects.create(review=in_visit, raised_by=school_leader, text="Too rushed.")
    complaint = make_complaint(school_leader, in_visit, concern=concern)
    assert complaint.concern == concern and list(concern.complaints.all()) == [complaint]


def test_a_concern_about_another_review_is_refused(in_visit, school_leader, framework_version):
    other = Review.objects.create(
        school=in_visit.school,
        kind=Review.Kind.HEAD_TO_HEAD,
        framework_version=framework_version,
        start_date=date(2026, 11, 2),
        days=1,
    )
    concern = Concern.objects.create(review=other, raised_by=school_leader, text="Elsewhere.")
    with pytest.raises(ValidationError, match="another review"):
        make_complaint(school_leader, in_visit, concern=concern)


def test_raise_refusal_is_what_the_review_page_asks(finalised, school_leader, reviewer, last_day):
    assert raise_refusal(school_leader, finalised, last_day) is None
    assert raise_refusal(reviewer, finalised, last_day) is not None
    assert "ended" in (raise_refusal(school_leader, finalised, date(2027, 3, 1)) or "")
    assert set(strands_of(finalised)) == {"A1S1", "A1S2", "A2S1", "A2S2"}
    assert Stage.objects.count() == 0
