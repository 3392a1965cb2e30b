"""The safeguarding notifications that ask someone to act: the governors when an audit goes to
the board, an action's owner when someone else gives them the action, and a review's team when
the head shares the audit with them. They name the school and the item's code, never what the
school wrote."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.notifications.tests.helpers import told
from collegium.people.models import Role
from collegium.safeguarding.services import actions, audits, sharing
from collegium.safeguarding.tests.conftest import MONDAY, items_of, rate_all
from conftest import grant, make_user

SUBMITTED_ON = date(2027, 1, 12)


@pytest.fixture
def other_governor(school_b):
    return grant(make_user("Olly OtherGovernor"), Role.GOVERNOR, school=school_b)


def test_submitting_the_audit_asks_the_governors_for_the_boards_review(
    audit, school_leader, governor, other_governor, django_capture_on_commit_callbacks
):
    rate_all(audit, school_leader)
    with django_capture_on_commit_callbacks(execute=True):
        audits.submit_audit(school_leader, audit, today=SUBMITTED_ON)
    path = reverse("safeguarding:board-review", args=[audit.pk])
    notification = told("safeguarding-audit-submitted", governor, path)
    assert notification.subject == (
        "Record the board's review of Ash Primary School's safeguarding audit"
    )
    assert "Tuesday 12 January 2027" in notification.text_body
    sent = Notification.objects.filter(event="safeguarding-audit-submitted")
    assert not sent.filter(recipient__in=[other_governor, school_leader]).exists()


def test_a_governor_may_not_submit_the_audit_and_nobody_is_told(
    client_for, audit, school_leader, governor
):
    rate_all(audit, school_leader)
    response = client_for(governor).post(reverse("safeguarding:submit", args=[audit.pk]))
    assert response.status_code == 403
    audit.refresh_from_db()
    assert audit.status == audit.Status.DRAFT
    assert not Notification.objects.filter(event="safeguarding-audit-submitted").exists()


def test_an_action_given_to_someone_else_tells_its_owner_without_the_schools_words(
    audit, school_leader, safeguarding_lead, django_capture_on_commit_callbacks
):
    item = items_of(audit)["SR1"]
    audits.rate_item(school_leader, audit, item, rating="amber", evidence="x", notes="")
    due = date(2027, 2, 3)
    with django_capture_on_commit_callbacks(execute=True):
        action = actions.add_action(
            school_leader,
            audit,
            item,
            description="Chase the missing DBS check.",
            owner=safeguarding_lead,
            due_on=due,
            today=MONDAY,
        )
    path = reverse("safeguarding:action", args=[action.pk])
    notification = told("safeguarding-action-given", safeguarding_lead, path)
    assert notification.subject == "A safeguarding action for Ash Primary School is yours"
    assert "(item SR1)" in notification.text_body
    assert "Wednesday 3 February 2027" in notification.text_body
    assert "DBS" not in notification.text_body + notification.html_body
    assert not Notification.objects.filter(recipient=school_leader).exists()


def test_an_action_someone_gives_themselves_tells_nobody(audit, school_leader):
    rate_all(audit, school_leader)  # each action owned by the leader who adds it
    assert not Notification.objects.filter(event="safeguarding-action-given").exists()


def test_sharing_the_audit_with_a_review_tells_its_team(
    audit,
    review,
    school_leader,
    lead_reviewer,
    reviewer,
    outsider,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        sharing.share_for_review(school_leader, audit, review)
    path = reverse("safeguarding:audit", args=[audit.pk])
    for member in (lead_reviewer, reviewer):
        notification = told("safeguarding-audit-shared", member, path)
        assert notification.subject == (
            "Ash Primary School's safeguarding audit is shared with your review team"
        )
    sent = Notification.objects.filter(event="safeguarding-audit-shared")
    assert not sent.filter(recipient__in=[school_leader, outsider]).exists()


def test_a_refused_share_tells_nobody(audit, review, school_leader):
    review.status = review.Status.CANCELLED
    review.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="That review has ended"):
        sharing.share_for_review(school_leader, audit, review)
    assert not Notification.objects.exists()
