"""The report's notifications that ask someone to act, beyond the accuracy check's: the lead when
the check ends with no response, the school's leaders when the final report waits for them to
agree its summary, and the governors when the head shares the final report with them."""

from datetime import date

import pytest
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.notifications.tests.helpers import told
from collegium.people.models import Role
from collegium.reports.models import Report
from collegium.reports.notices import tell_leads_checks_ended
from collegium.reports.services import check, cycle
from collegium.reports.sharing import share_report
from conftest import grant, make_user

DUE = date(2026, 12, 21)  # five working days after MONDAY
AFTER = date(2026, 12, 22)
GOVERNORS = Report.Audience.GOVERNORS


@pytest.fixture
def other_head(school_b):
    return grant(make_user("Hal OtherHead"), Role.SCHOOL_LEADER, school=school_b)


def test_the_lead_is_told_once_when_the_check_ends_without_a_response(
    sent, lead_reviewer, reviewer, school_leader, django_capture_on_commit_callbacks
):
    assert sent.accuracy_check_due == DUE
    assert tell_leads_checks_ended(DUE) == 0  # the school still has today
    with django_capture_on_commit_callbacks(execute=True):
        assert tell_leads_checks_ended(AFTER) == 1
    notification = told("accuracy-check-ended", lead_reviewer, f"/reports/{sent.pk}/")
    assert notification.subject == "Finalise the report on Ash Primary School's review"
    assert "the school did not complete it" in notification.text_body
    assert "you can now finalise the report" in notification.text_body
    assert tell_leads_checks_ended(AFTER) == 0  # once per sending
    assert not Notification.objects.filter(recipient__in=[reviewer, school_leader]).exists()


def test_the_lead_hears_of_points_left_without_a_completed_check(
    sent, lead_reviewer, school_leader
):
    check.add_comment(school_leader, sent, "418 on roll, not 405.")
    assert tell_leads_checks_ended(AFTER) == 1
    notification = Notification.objects.get(event="accuracy-check-ended")
    assert "The school left 1 point without completing its check" in notification.text_body


def test_no_lead_is_told_when_the_school_responded(sent, school_leader, lead_reviewer):
    check.complete_accuracy_check(school_leader, sent, False, sent.revision)
    assert tell_leads_checks_ended(AFTER) == 0
    assert not Notification.objects.filter(event="accuracy-check-ended").exists()


def test_finalising_asks_the_head_to_agree_the_summary(
    sent, lead_reviewer, school_leader, governor, other_head, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        final = cycle.finalise_report(lead_reviewer, sent, today=AFTER)
    notification = told("report-finalised", school_leader, f"/reports/{final.pk}/")
    assert notification.subject == "Agree the public summary of Ash Primary School's review"
    # Not shared with governors, and another school's head has nothing to do with it.
    assert not Notification.objects.filter(recipient__in=[governor, other_head]).exists()


def test_finalising_a_report_whose_summary_is_agreed_asks_nothing_of_the_head(
    sent, lead_reviewer, school_leader
):
    checked = check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    cycle.finalise_report(lead_reviewer, checked, today=AFTER)
    assert not Notification.objects.filter(event="report-finalised").exists()


def test_a_report_shared_with_governors_before_it_is_final_reaches_them_when_final(
    sent, lead_reviewer, school_leader, governor, other_head, django_capture_on_commit_callbacks
):
    shared = share_report(school_leader, sent, [GOVERNORS], [])
    assert not Notification.objects.filter(event="report-shared").exists()  # not final yet
    with django_capture_on_commit_callbacks(execute=True):
        final = cycle.finalise_report(lead_reviewer, shared, today=AFTER)
    notification = told("report-shared", governor, f"/reports/{final.pk}/")
    assert notification.subject == "Read the report on Ash Primary School's review"
    assert not Notification.objects.filter(event="report-shared", recipient=other_head).exists()


def test_sharing_a_final_report_with_governors_tells_them_once(
    sent, lead_reviewer, school_leader, governor, coordinator, django_capture_on_commit_callbacks
):
    final = cycle.finalise_report(lead_reviewer, sent, today=AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        share_report(school_leader, final, [GOVERNORS], [])
    told("report-shared", governor, f"/reports/{final.pk}/")
    share_report(school_leader, final, [GOVERNORS], [coordinator.email])  # governors already in
    assert Notification.objects.filter(event="report-shared").count() == 1
    assert not Notification.objects.filter(recipient=coordinator, event="report-shared").exists()


def test_a_governor_may_not_share_the_report_and_nobody_is_told(
    sent, lead_reviewer, governor, client_for
):
    final = cycle.finalise_report(lead_reviewer, sent, today=AFTER)
    response = client_for(governor).post(
        reverse("reports:share", args=[final.pk]), {"audiences": ["governors"], "readers": ""}
    )
    assert response.status_code in (403, 404)
    final.refresh_from_db()
    assert final.shared_with == []
    assert not Notification.objects.filter(event="report-shared").exists()
