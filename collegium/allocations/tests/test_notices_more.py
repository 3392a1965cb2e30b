"""Issue 15: the coordinator is told when a reviewer declines a place or leaves it unanswered
(whether a backup was asked, the place is empty or the reviewer is still on the team), and
when a network-wide run's part for their cluster is ready to accept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from collegium.allocations.models import NetworkRun, PlaceRequest
from collegium.allocations.services import network
from collegium.allocations.services.consent import expire
from collegium.allocations.tests import test_network_runs
from collegium.allocations.tests.helpers import asked, place_url
from collegium.allocations.tests.test_consent import timetable_names
from collegium.allocations.tests.test_network_runs import part_of
from collegium.clusters.models import Cluster
from collegium.notifications.models import Notification
from collegium.notifications.tests.helpers import SITE, told
from collegium.people.models import Role
from conftest import grant, make_user

NOT_TAKEN = "place-not-taken"
PART_READY = "network-part-ready"
term, birch = test_network_runs.term, test_network_runs.birch  # the fixtures, shared


@pytest.fixture
def other_coordinator(db):
    return grant(
        make_user("Oona Other"),
        Role.CLUSTER_COORDINATOR,
        cluster=Cluster.objects.create(name="Other Cluster"),
    )


@pytest.mark.django_db
def test_a_decline_tells_the_coordinator_the_backup_was_asked(
    client_for, accepted, ready, open_review, coordinator, other_coordinator,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(ready["rhys"].user).post(
            place_url(asked(ready["rhys"]), decline=True), {"reason": "Our Ofsted visit"}
        )
    notification = told(NOT_TAKEN, coordinator, reverse("reviews:team", args=[open_review.pk]))
    assert notification.subject == (
        "A backup is asked to take a place on the review of Ash Primary School"
    )
    assert "Rhys Reviewer declined their place as peer reviewer" in notification.text_body
    assert "Reason given: Our Ofsted visit" in notification.text_body
    assert "next backup, Fay Fir" in notification.text_body
    told_people = Notification.objects.filter(event=NOT_TAKEN).values_list("recipient", flat=True)
    assert list(told_people) == [coordinator.pk]  # not the reviewers, nor another cluster's
    assert other_coordinator.pk not in told_people


@pytest.mark.django_db
def test_a_decline_nobody_can_take_tells_the_coordinator_to_find_a_reviewer(
    client_for, accepted, ready, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(ready["lena"].user).post(
            place_url(asked(ready["lena"]), decline=True), {"reason": ""}
        )
    notification = told(NOT_TAKEN, coordinator, reverse("allocations:run", args=[accepted.pk]))
    assert notification.subject == "Find a lead reviewer for the review of Ash Primary School"
    assert "The place is now empty" in notification.text_body
    assert "find a reviewer by hand" in notification.text_body
    assert not Notification.objects.filter(event=NOT_TAKEN, recipient=ready["lena"].user).exists()


@pytest.mark.django_db
def test_a_timeout_the_team_cannot_take_tells_the_coordinator_to_change_the_team(
    accepted, ready, open_review, coordinator
):
    timetable_names(ready["eli"], open_review)
    request = asked(ready["eli"])
    expire(request.due + timedelta(days=1))
    notification = Notification.objects.get(
        event=NOT_TAKEN, subject="Change the team for the review of Ash Primary School"
    )
    assert notification.recipient == coordinator
    assert notification.link == f"{SITE}{reverse('reviews:team', args=[open_review.pk])}"
    assert "Eli Elm did not confirm in time" in notification.text_body
    assert "is still on the team" in notification.text_body


@pytest.mark.django_db
def test_someone_else_cannot_decline_the_place_and_nobody_is_told(
    client_for, accepted, ready, coordinator, outsider
):
    request = asked(ready["rhys"])
    for person in (outsider, coordinator):
        response = client_for(person).post(place_url(request, decline=True), {"reason": "x"})
        assert response.status_code == 404
    assert PlaceRequest.objects.get(pk=request.pk).status == "asked"
    assert not Notification.objects.filter(event=NOT_TAKEN).exists()


@pytest.mark.django_db
def test_each_coordinator_is_told_once_their_part_of_a_network_run_is_ready(
    network_admin, coordinator, cluster, school_leader, term, birch, ready,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    birch_head = grant(make_user("Bill Birch"), Role.CLUSTER_COORDINATOR, cluster=birch)
    with django_capture_on_commit_callbacks(execute=True):
        run = network.start_network_run(network_admin, term, NetworkRun.Reviews.ALLOCATED)
    run.refresh_from_db()
    label = f"{term.label[0].lower()}{term.label[1:]}"
    for person, part in ((coordinator, part_of(run, cluster)), (birch_head, part_of(run, birch))):
        notification = told(PART_READY, person, reverse("allocations:run", args=[part.pk]))
        assert notification.subject == (
            f"Accept your cluster's part of the network allocation for the {label}"
        )
    told_people = Notification.objects.filter(event=PART_READY).values_list("recipient", flat=True)
    assert sorted(told_people) == sorted([coordinator.pk, birch_head.pk])
    assert school_leader.pk not in told_people and network_admin.pk not in told_people


@pytest.mark.django_db
def test_someone_else_may_not_start_a_network_run_and_nobody_is_told(
    client_for,
    coordinator,
    term,
    birch,
):
    response = client_for(coordinator).post(
        reverse("allocations:network"), {"term": term.pk, "reviews": "all"}
    )
    assert response.status_code in (403, 404)
    assert not NetworkRun.objects.exists()
    assert not Notification.objects.filter(event=PART_READY).exists()
