"""The review's notifications that ask someone to act, beyond scheduling and the team: when the
visit starts the rest of the team are asked for their judgements, and the scheduling email asks
the school's leaders (only them) for the focus, the nominee and the year's self-evaluation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning import start_visit
from collegium.reviews.tests.planning_helpers import free_monday, schedule_qa_review
from collegium.reviews.tests.test_team_rules import new_reviewer
from collegium.selfevaluation.models import SelfEvaluation
from conftest import make_school

SITE = "http://testserver"


@pytest.fixture
def full_team(review, la):
    """The review's team made complete for a quality assurance review: a second peer."""
    extra = new_reviewer("Pia Peer", make_school(la, 930001, "Fir School"))
    TeamMember.objects.create(review=review, reviewer=extra, role=TeamMember.Role.PEER)
    return extra.user


def test_starting_the_visit_asks_the_peers_for_their_judgements(
    review,
    full_team,
    reviewer,
    lead_reviewer,
    school_leader,
    outsider,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        start_visit(lead_reviewer, review, today=review.start_date)
    link = f"{SITE}/reviews/{review.pk}/judgements/"
    for peer in (reviewer, full_team):
        notification = Notification.objects.get(event="visit-started", recipient=peer)
        assert notification.subject == "Visit started: Ash Primary School"
        assert notification.link == link
        assert "propose your judgements" in notification.text_body
        (email,) = [m for m in mail.outbox if m.to == [peer.email]]
        assert link in email.body
    # The lead started it; the school and others are not asked for judgements.
    told = Notification.objects.filter(event="visit-started")
    assert not told.filter(recipient__in=[lead_reviewer, school_leader, outsider]).exists()


def test_a_peer_may_not_start_the_visit_and_nobody_is_told(client_for, review, full_team):
    response = client_for(full_team).post(reverse("reviews:start", args=[review.pk]))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == Review.Status.PLANNING
    assert not Notification.objects.exists()


def test_a_refused_start_tells_nobody(review, lead_reviewer):
    with pytest.raises(ValidationError, match="first day"):
        start_visit(lead_reviewer, review, today=review.start_date - timedelta(days=1))
    assert not Notification.objects.exists()


def scheduled(cluster, school_a, school_b, school_c, coordinator, framework_version):
    return schedule_qa_review(coordinator, cluster, school_a, framework_version, free_monday())


def test_scheduling_asks_the_head_for_the_focus_and_the_self_evaluation(
    cluster, school_a, school_b, school_c, coordinator, school_leader, framework_version
):
    review = scheduled(cluster, school_a, school_b, school_c, coordinator, framework_version)
    year = academic_year_label(current_academic_year(review.start_date))
    head = Notification.objects.get(event="review-scheduled", recipient=school_leader)
    assert "set the review's focus and name the school's nominee" in head.text_body
    assert f"submit the school's self-evaluation for {year}" in head.text_body
    link = f"{SITE}{reverse('selfevaluation:school', args=[school_a.pk])}"
    assert link in head.text_body
    assert f'href="{link}"' in head.html_body


def test_a_submitted_self_evaluation_is_not_asked_for_again(
    cluster, school_a, school_b, school_c, coordinator, school_leader, framework_version
):
    start = free_monday()
    SelfEvaluation.objects.create(
        school=school_a,
        academic_year=current_academic_year(start),
        framework_version=framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
    )
    scheduled(cluster, school_a, school_b, school_c, coordinator, framework_version)
    head = Notification.objects.get(event="review-scheduled", recipient=school_leader)
    assert "self-evaluation" not in head.text_body
    assert "set the review's focus" in head.text_body
