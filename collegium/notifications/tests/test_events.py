"""Each event the issue names tells the right people: a stored notification and an email whose
text and HTML carry the absolute link to the page where they act."""

from datetime import date, timedelta

import pytest

from collegium.calibration import services as calibration
from collegium.calibration.models import CalibrationPack, Invitation, PackItem
from collegium.clusters.services import invite_school
from collegium.frameworks.models import Strand
from collegium.notifications.models import Notification
from collegium.notifications.tests.helpers import told
from collegium.people.models import Role
from collegium.quality import services as quality
from collegium.quality.models import NetworkModerationSettings
from collegium.reports.models import Report
from collegium.reports.notices import remind_checks_due
from collegium.reports.publication import publish_summary
from collegium.reports.services import check, cycle
from collegium.reports.tests.conftest import MONDAY, agree_judgements
from collegium.reviews.models import Review
from collegium.reviews.services.concerns import raise_concern
from collegium.reviews.services.planning import move_review
from collegium.reviews.services.team import add_team_member_by_hand
from collegium.reviews.tests.planning_helpers import (
    free_for,
    free_monday,
    schedule_qa_review,
)
from collegium.workingdays import add_working_days
from conftest import grant, make_user


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture
def report(review, lead_reviewer) -> Report:
    NetworkModerationSettings.objects.create(pk=1, requires_moderation=False)
    agree_judgements(review, lead_reviewer)
    return Report.objects.create(
        review=review, developmental_report="Knows itself well.", summary="Pupils read well."
    )


def test_a_school_invited_to_a_cluster_tells_its_head(
    cluster, school_d, network_admin, outsider, django_capture_on_commit_callbacks
):
    head = grant(make_user("Dan Head"), Role.SCHOOL_LEADER, school=school_d)
    with django_capture_on_commit_callbacks(execute=True):
        membership = invite_school(network_admin, cluster, school_d)
    notification = told("school-invited", head, f"/clusters/invitations/{membership.pk}/")
    assert notification.subject == f"Damson School is invited to join the {cluster.name} cluster"
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_review_scheduled_then_moved_tells_the_head_and_team(
    cluster,
    school_a,
    school_b,
    school_c,
    coordinator,
    school_leader,
    reviewer,
    framework_version,
    django_capture_on_commit_callbacks,
):
    start = free_monday()
    with django_capture_on_commit_callbacks(execute=True):
        review = schedule_qa_review(coordinator, cluster, school_a, framework_version, start)
    scheduled = told("review-scheduled", school_leader, f"/reviews/{review.pk}/")
    assert f"{start:%A %-d %B %Y}" in scheduled.text_body
    free_for(reviewer.reviewer_profile, start, 3)
    with django_capture_on_commit_callbacks(execute=True):
        add_team_member_by_hand(coordinator, review, reviewer.reviewer_profile, "peer")
    told("member-added", reviewer, f"/reviews/{review.pk}/team/")
    later = free_monday(weeks_ahead=8)
    free_for(reviewer.reviewer_profile, later, 3)
    with django_capture_on_commit_callbacks(execute=True):
        move_review(coordinator, review, later, 3)
    for person in (school_leader, reviewer):
        moved = told("review-moved", person, f"/reviews/{review.pk}/")
        assert f"It was from {start:%A %-d %B %Y}" in moved.text_body
        assert f"It is now from {later:%A %-d %B %Y}" in moved.text_body


def test_a_concern_tells_the_lead_reviewer_only(
    review, school_leader, lead_reviewer, reviewer, django_capture_on_commit_callbacks
):
    review.status = Review.Status.VISIT
    review.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        raise_concern(school_leader, review, "The team arrived an hour late.")
    notification = told("concern-raised", lead_reviewer, f"/reviews/{review.pk}/concerns/")
    assert "The team arrived an hour late." in notification.text_body
    assert not Notification.objects.filter(recipient=reviewer).exists()


def test_the_accuracy_check_tells_the_head_when_sent_and_when_due(
    report, lead_reviewer, school_leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=MONDAY)
    path = f"/reports/{report.pk}/accuracy-check/"
    notification = told("accuracy-check-sent", school_leader, path)
    due = add_working_days(MONDAY, cycle.CHECK_DAYS)
    assert sent.accuracy_check_due == due
    assert f"by {due:%A %-d %B %Y}" in notification.text_body
    assert remind_checks_due(due - timedelta(days=1)) == 0  # not yet due
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_checks_due(due) == 1
    reminder = told("accuracy-check-due", school_leader, path)
    assert "is due today" in reminder.text_body
    assert remind_checks_due(due) == 0  # once per sending
    assert not Notification.objects.filter(event="accuracy-check-due", recipient=lead_reviewer)


def test_no_reminder_once_the_school_has_responded(report, lead_reviewer, school_leader):
    sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=MONDAY)
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert remind_checks_due(add_working_days(MONDAY, 10)) == 0


def test_a_published_summary_tells_the_head_and_the_coordinator(
    report, lead_reviewer, school_leader, coordinator, django_capture_on_commit_callbacks
):
    sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=MONDAY)
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    with django_capture_on_commit_callbacks(execute=True):
        publish_summary(lead_reviewer, final)
    for person in (school_leader, coordinator):
        told("summary-published", person, f"/reports/{report.pk}/summary/")


def test_moderation_feedback_tells_the_lead_reviewer(
    review, lead_reviewer, moderator, django_capture_on_commit_callbacks
):
    agree_judgements(review, lead_reviewer)
    for strand in Strand.objects.filter(area__version=review.framework_version):
        level = review.judgements.get(strand=strand).level
        quality.moderate_strand(moderator, review, strand, level, "")
    with django_capture_on_commit_callbacks(execute=True):
        quality.complete_moderation(moderator, review, "Your judgements are secure.")
    notification = told(
        "moderation-completed", lead_reviewer, f"/moderation/reviews/{review.pk}/outcome/"
    )
    assert "Your judgements are secure." in notification.text_body


def test_an_opened_calibration_tells_each_invited_reviewer(
    framework_version, moderator, reviewer, lead_reviewer, django_capture_on_commit_callbacks
):
    pack = calibration.create_pack(moderator, framework_version, "Autumn calibration")
    strand = Strand.objects.filter(area__version=framework_version).earliest("pk")
    PackItem.objects.create(
        pack=pack, strand=strand, evidence="Reading records.", reference_level=2
    )
    calibration.invite(moderator, pack, [reviewer.reviewer_profile])
    assert not Notification.objects.exists()  # a draft is not open yet
    with django_capture_on_commit_callbacks(execute=True):
        calibration.open_pack(moderator, pack)
    invitation = Invitation.objects.get(reviewer=reviewer.reviewer_profile)
    told("calibration-opened", reviewer, f"/calibration/mine/{invitation.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        calibration.invite(moderator, pack, [lead_reviewer.reviewer_profile])
    later = Invitation.objects.get(reviewer=lead_reviewer.reviewer_profile)
    told("calibration-opened", lead_reviewer, f"/calibration/mine/{later.pk}/")
    assert CalibrationPack.objects.get().status == CalibrationPack.Status.OPEN
