"""People the head names as readers of the report hear that it was shared with them: at once if
the report is final, else when it is finalised; governors and others are not told as readers."""

from django.core import mail
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.reports.services import cycle
from collegium.reports.sharing import share_report
from collegium.reports.tests.test_notices_more import AFTER

SITE = "http://testserver"
EVENT = "report-shared-with-reader"


def assert_told(person, path: str) -> None:
    notification = Notification.objects.get(event=EVENT, recipient=person)
    assert notification.subject == "Read the report on Ash Primary School's review"
    assert notification.link == f"{SITE}{path}"
    assert "shared the final report" in notification.text_body
    (email,) = [m for m in mail.outbox if m.to == [person.email]]
    assert f"{SITE}{path}" in email.body


def test_a_reader_named_on_a_final_report_is_told_once(
    sent, lead_reviewer, school_leader, coordinator, governor, django_capture_on_commit_callbacks
):
    final = cycle.finalise_report(lead_reviewer, sent, today=AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        share_report(school_leader, final, [], [coordinator.email])
    assert_told(coordinator, f"/reports/{final.pk}/")
    share_report(school_leader, final, [], [coordinator.email])  # already a reader
    assert Notification.objects.filter(event=EVENT).count() == 1
    assert not Notification.objects.filter(event=EVENT, recipient=governor).exists()


def test_a_reader_named_before_the_report_is_final_is_told_when_it_is_finalised(
    sent, lead_reviewer, school_leader, coordinator, reviewer, django_capture_on_commit_callbacks
):
    shared = share_report(school_leader, sent, [], [coordinator.email])
    assert not Notification.objects.filter(event=EVENT).exists()  # not final yet
    with django_capture_on_commit_callbacks(execute=True):
        final = cycle.finalise_report(lead_reviewer, shared, today=AFTER)
    assert_told(coordinator, f"/reports/{final.pk}/")
    assert not Notification.objects.filter(event=EVENT).exclude(recipient=coordinator).exists()


def test_a_governor_may_not_name_readers_and_nobody_is_told(
    sent, lead_reviewer, governor, coordinator, client_for
):
    final = cycle.finalise_report(lead_reviewer, sent, today=AFTER)
    response = client_for(governor).post(
        reverse("reports:share", args=[final.pk]), {"audiences": [], "readers": coordinator.email}
    )
    assert response.status_code in (403, 404)
    assert not final.readers.exists()
    assert not Notification.objects.filter(event=EVENT).exists()
