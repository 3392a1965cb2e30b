"""I3 check-ins on milestones and readings of survey and observation measures: the school's
leaders record them while the plan is under way; everyone who may read the plan sees them."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.improvement.models import (
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
)
from collegium.improvement.services import monitoring
from collegium.improvement.tests.conftest import make_plan

ACTIVE = ActionPlan.Status.ACTIVE


@pytest.fixture
def active_plan(agreed_review, school_leader) -> ActionPlan:
    return make_plan(agreed_review, school_leader, ACTIVE)


def milestone_of(plan: ActionPlan) -> Milestone:
    return Milestone.objects.get(action__plan=plan)


def survey_measure(plan: ActionPlan) -> SuccessMeasure:
    return SuccessMeasure.objects.create(
        plan=plan, kind=SuccessMeasure.Kind.SURVEY, description="Pupils say reading is fun"
    )


def said(response) -> list[str]:
    """The messages shown to the person after the response."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def check_in_url(plan: ActionPlan) -> str:
    return f"/improvement/plans/{plan.pk}/milestones/{milestone_of(plan).pk}/check-in/"


def reading_url(plan: ActionPlan, measure: SuccessMeasure) -> str:
    return f"/improvement/plans/{plan.pk}/measures/{measure.pk}/readings/"


# The service


def test_a_check_in_sets_the_milestone_status_and_is_kept(active_plan, school_leader):
    milestone = milestone_of(active_plan)
    monitoring.check_in(school_leader, milestone, "at_risk", "Two pupils not yet assessed")
    monitoring.check_in(school_leader, milestone, "done", "All 14 pupils assessed")
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DONE
    assert milestone.done_on == date.today()
    history = list(milestone.check_ins.values_list("status", "evidence"))
    assert history == [
        ("done", "All 14 pupils assessed"),
        ("at_risk", "Two pupils not yet assessed"),
    ]
    assert AuditEvent.objects.filter(action=verbs.MILESTONE_CHECKED_IN).count() == 2


def test_moving_a_done_milestone_back_clears_its_done_date(active_plan, school_leader):
    milestone = milestone_of(active_plan)
    monitoring.check_in(school_leader, milestone, "done", "Assessed")
    monitoring.check_in(school_leader, milestone, "on_track", "Three more pupils joined")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.done_on) == ("on_track", None)


def test_evidence_is_required(active_plan, school_leader):
    with pytest.raises(ValidationError, match="Enter the evidence"):
        monitoring.check_in(school_leader, milestone_of(active_plan), "on_track", "  ")
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("status", [ActionPlan.Status.DRAFT, ActionPlan.Status.COMPLETED])
def test_no_check_in_unless_the_plan_is_under_way(agreed_review, school_leader, status):
    plan = make_plan(agreed_review, school_leader, status)
    with pytest.raises(ValidationError, match="draft|completed"):
        monitoring.check_in(school_leader, milestone_of(plan), "on_track", "Going well")
    assert not CheckIn.objects.exists()
    assert milestone_of(plan).status == Milestone.Status.NOT_STARTED


def test_only_the_schools_leaders_check_in(active_plan, coordinator):
    with pytest.raises(ValidationError, match="school's leaders"):
        monitoring.check_in(coordinator, milestone_of(active_plan), "on_track", "Going well")
    assert not CheckIn.objects.exists()


def test_readings_only_for_survey_and_observation_measures(active_plan, school_leader):
    context = SuccessMeasure.objects.create(
        plan=active_plan, kind="context", description="KS2", context_figure="ks2_expected"
    )
    with pytest.raises(ValidationError, match="survey and observation"):
        monitoring.record_reading(school_leader, context, date.today(), "70%")
    monitoring.record_reading(school_leader, survey_measure(active_plan), date.today(), "70%")
    assert MeasureReading.objects.get().value == "70%"
    assert AuditEvent.objects.filter(action=verbs.MEASURE_READING_RECORDED).exists()


def test_a_reading_cannot_be_dated_in_the_future(active_plan, school_leader):
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="today or in the past"):
        monitoring.record_reading(school_leader, survey_measure(active_plan), tomorrow, "70%")
    assert not MeasureReading.objects.exists()


# The check-in page


def test_the_head_checks_in_from_the_page(active_plan, school_leader, client_for):
    client = client_for(school_leader)
    page = client.get(check_in_url(active_plan))
    assert page.status_code == 200
    assert "Record the check-in" in page.text
    answer = client.post(check_in_url(active_plan), {"status": "on_track", "evidence": "Begun"})
    assert answer.status_code == 302
    assert answer.url == f"/improvement/plans/{active_plan.pk}/"
    assert milestone_of(active_plan).status == Milestone.Status.ON_TRACK
    assert said(answer) == ["Your check-in has been recorded."]
    assert "Begun" in client.get(check_in_url(active_plan)).text


def test_an_invalid_check_in_is_refused_with_a_message(active_plan, school_leader, client_for):
    answer = client_for(school_leader).post(check_in_url(active_plan), {"status": "on_track"})
    assert answer.status_code == 400
    assert "Enter the evidence for this status" in answer.text
    assert not CheckIn.objects.exists()


def test_a_draft_plan_explains_why_there_is_no_form(plan, school_leader, client_for):
    page = client_for(school_leader).get(check_in_url(plan))
    assert page.status_code == 200
    assert "still a draft" in page.text
    assert "Record the check-in" not in page.text
    answer = client_for(school_leader).post(check_in_url(plan), {"status": "done", "evidence": "x"})
    assert answer.status_code == 400
    assert not CheckIn.objects.exists()


def test_the_governor_reads_the_history_but_cannot_check_in(
    active_plan, school_leader, governor, client_for
):
    monitoring.check_in(school_leader, milestone_of(active_plan), "at_risk", "Staff illness")
    client = client_for(governor)
    page = client.get(check_in_url(active_plan))
    assert page.status_code == 200
    assert "Staff illness" in page.text
    assert "Record the check-in" not in page.text
    answer = client.post(check_in_url(active_plan), {"status": "done", "evidence": "Done"})
    assert answer.status_code == 403
    assert CheckIn.objects.count() == 1


def test_refused_people_see_nothing(active_plan, outsider, client_for):
    assert client_for(outsider).get(check_in_url(active_plan)).status_code == 404
    answer = client_for(outsider).post(
        check_in_url(active_plan), {"status": "done", "evidence": "x"}
    )
    assert answer.status_code == 404
    anonymous = client_for(None).get(check_in_url(active_plan))
    assert anonymous.status_code == 302 and "sign-in" in anonymous.url
    assert not CheckIn.objects.exists()


def test_a_milestone_of_another_plan_is_not_found(active_plan, school_leader, client_for):
    other = milestone_of(active_plan).pk + 99
    url = f"/improvement/plans/{active_plan.pk}/milestones/{other}/check-in/"
    assert client_for(school_leader).get(url).status_code == 404


# The readings page


def test_the_head_records_a_reading(active_plan, school_leader, client_for):
    measure = survey_measure(active_plan)
    client = client_for(school_leader)
    assert "Record the reading" in client.get(reading_url(active_plan, measure)).text
    data = {"taken_on": date.today().isoformat(), "value": "78% agreed", "note": "Year 5"}
    answer = client.post(reading_url(active_plan, measure), data)
    assert answer.status_code == 302
    assert said(answer) == ["The reading has been recorded."]
    reading = MeasureReading.objects.get()
    assert (reading.value, reading.note, reading.recorded_by) == (
        "78% agreed",
        "Year 5",
        school_leader,
    )


def test_a_future_reading_is_refused_on_the_page(active_plan, school_leader, client_for):
    measure = survey_measure(active_plan)
    data = {"taken_on": (date.today() + timedelta(days=3)).isoformat(), "value": "80%"}
    answer = client_for(school_leader).post(reading_url(active_plan, measure), data)
    assert answer.status_code == 400
    assert "today or in the past" in answer.text
    assert not MeasureReading.objects.exists()


def test_readings_page_refusals(active_plan, governor, outsider, client_for):
    measure = survey_measure(active_plan)
    data = {"taken_on": date.today().isoformat(), "value": "80%"}
    assert client_for(governor).get(reading_url(active_plan, measure)).status_code == 200
    assert client_for(governor).post(reading_url(active_plan, measure), data).status_code == 403
    assert client_for(outsider).get(reading_url(active_plan, measure)).status_code == 404
    assert not MeasureReading.objects.exists()


def test_a_strand_measure_has_no_readings_page(active_plan, school_leader, client_for):
    strand = SuccessMeasure.objects.create(
        plan=active_plan, kind="strand", description="A2S1", strand=active_plan.priority_strand
    )
    assert client_for(school_leader).get(reading_url(active_plan, strand)).status_code == 404
