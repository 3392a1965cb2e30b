"""Reviewers confirm or decline the places an accepted run gives them; a decline or no answer
offers the place to the run's backups."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from collegium.allocations.consent_tasks import enqueue_daily_task, expire_place_requests
from collegium.allocations.models import Backup, PlaceRequest
from collegium.allocations.services.consent import expire
from collegium.allocations.tests.helpers import (
    answers,
    asked,
    is_sign_in_redirect,
    place_url,
    state,
    text_of,
)
from collegium.people.dates import today
from collegium.reviews.models import Activity, TeamMember
from collegium.termdates.calendar import add_school_working_days


def team(review):
    return set(review.team.values_list("reviewer__user__full_name", flat=True))


@pytest.mark.django_db
def test_accepting_asks_each_reviewer_and_holds_their_place(
    client_for, leader_of_b, accepted, ready, open_review
):
    assert team(open_review) == {"Lena Lead", "Rhys Reviewer", "Eli Elm"}
    requests = list(PlaceRequest.objects.order_by("pk"))
    assert [r.status for r in requests] == ["asked"] * 3
    due = min(add_school_working_days(today(), 5), open_review.start_date - timedelta(days=1))
    assert {r.due for r in requests} == {due}
    to_rhys = next(m for m in mail.outbox if m.to == [ready["rhys"].user.email])
    assert to_rhys.subject == "Please confirm your place on the review of Ash Primary School"
    assert "peer reviewer on the quality assurance review of Ash Primary School" in to_rhys.body
    assert place_url(asked(ready["rhys"])) in to_rhys.body
    assert any(m.to == [leader_of_b.email] for m in mail.outbox)  # Rhys's head has a copy
    home = client_for(ready["rhys"].user).get("/")
    assert (
        "Confirm or decline your place as peer reviewer on the quality assurance review of "
        "Ash Primary School" in text_of(home)
    )
    assert place_url(asked(ready["rhys"])) in home.content.decode()
    assert "Confirm or decline your place" not in text_of(client_for(leader_of_b).get("/"))


@pytest.mark.django_db
def test_the_reviewer_confirms_their_place(client_for, accepted, ready, coordinator):
    request = asked(ready["rhys"])
    client = client_for(ready["rhys"].user)
    page = text_of(client.get(place_url(request)))
    assert "Your place on a review" in page and "Answer by" in page
    response = client.post(place_url(request), follow=True)
    assert "You have confirmed your place: Peer reviewer on the quality assurance review" in (
        text_of(response)
    )
    request.refresh_from_db()
    assert request.status == "confirmed" and request.answered_at is not None
    run_page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    assert "Reviewers' answers" in run_page and "Rhys Reviewer Peer reviewer Confirmed" in run_page


@pytest.mark.django_db
def test_nobody_else_may_answer_for_the_reviewer(
    client_for, accepted, ready, coordinator, outsider, network_admin
):
    request = asked(ready["rhys"])
    before = answers(), state()
    for person in (ready["eli"].user, coordinator, outsider, network_admin):
        client = client_for(person)
        assert client.get(place_url(request)).status_code == 404
        assert client.post(place_url(request)).status_code == 404
        assert client.post(place_url(request, decline=True), {"reason": "x"}).status_code == 404
    assert is_sign_in_redirect(client_for(None).post(place_url(request)))
    assert (answers(), state()) == before


@pytest.mark.django_db
def test_a_decline_frees_the_place_and_asks_the_first_backup(
    client_for, accepted, ready, open_review, coordinator, django_capture_on_commit_callbacks
):
    assert list(
        Backup.objects.filter(review=open_review, role="peer").values_list(
            "reviewer__user__full_name", flat=True
        )
    ) == ["Fay Fir"]
    request = asked(ready["rhys"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ready["rhys"].user).post(
            place_url(request, decline=True), {"reason": "Our Ofsted visit"}, follow=True
        )
    assert "You have declined the place" in text_of(response)
    request.refresh_from_db()
    assert (request.status, request.reason) == ("declined", "Our Ofsted visit")
    assert team(open_review) == {"Lena Lead", "Fay Fir", "Eli Elm"}
    fay = asked(ready["fay"])
    assert fay.is_backup and fay.status == "asked" and fay.member.reviewer == ready["fay"]
    assert [m.to for m in mail.outbox if m.to == [ready["fay"].user.email]]
    page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    assert "Rhys Reviewer Peer reviewer Declined Reason given: Our Ofsted visit" in page
    assert "Fay Fir Peer reviewer Backup asked Answer due by" in page


@pytest.mark.django_db
def test_a_second_answer_is_refused_in_words(client_for, accepted, ready):
    request = asked(ready["rhys"])
    client = client_for(ready["rhys"].user)
    client.post(place_url(request))
    before = answers(), state()
    response = client.post(place_url(request, decline=True), {"reason": ""})
    assert response.status_code == 400
    assert "You cannot decline this place: you have already confirmed it" in text_of(response)
    assert (answers(), state()) == before


@pytest.mark.django_db
def test_with_no_backup_left_the_place_is_empty_and_the_coordinator_is_told(
    client_for, accepted, ready, open_review, coordinator
):
    request = asked(ready["lena"])  # the only accredited lead: nobody can take her place
    client_for(ready["lena"].user).post(place_url(request, decline=True), {"reason": ""})
    request.refresh_from_db()
    assert request.status == "declined" and "find a reviewer by hand" in request.unfilled_reason
    assert "Lena Lead" not in team(open_review)
    home = client_for(coordinator).get("/")
    assert (
        "Find a lead reviewer for the review of Ash Primary School: Lena Lead could not take "
        "the place and no backup could" in text_of(home)
    )
    assert reverse("allocations:run", args=[accepted.pk]) in home.content.decode()
    page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    assert "Lena Lead Lead reviewer Declined No reason given." in page
    assert "Find a lead reviewer" not in text_of(client_for(ready["rhys"].user).get("/"))


@pytest.mark.django_db
def test_an_unanswered_request_times_out_and_the_backup_is_asked(accepted, ready, open_review):
    request = asked(ready["eli"])
    assert expire(request.due) == 0  # the due day itself is still in time
    assert expire(request.due + timedelta(days=1)) == 3
    request.refresh_from_db()
    assert request.status == "timed_out"
    assert asked(ready["fay"]).is_backup
    assert "Fay Fir" in team(open_review) and "Eli Elm" not in team(open_review)
    assert not TeamMember.objects.filter(reviewer=ready["eli"]).exists()


@pytest.mark.django_db
def test_the_scheduler_queues_the_check_once_a_day(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    queued = DBTaskResult.objects.filter(task_path=expire_place_requests.module_path)
    assert queued.count() == 1
    assert enqueue_daily_task() is False


def timetable_names(profile, review):
    """Name the reviewer on a timetable activity, so the team service will not remove them."""
    member = TeamMember.objects.get(review=review, reviewer=profile)
    Activity.objects.create(
        review=review, day=1, starts_at=time(9), ends_at=time(10),
        kind=Activity.Kind.LESSON_VISIT, reviewer=member,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_place_the_coordinator_took_back_by_hand_is_closed(
    client_for, accepted, ready, open_review, coordinator, django_capture_on_commit_callbacks
):
    request = asked(ready["rhys"])
    member = TeamMember.objects.get(review=open_review, reviewer=ready["rhys"])
    coordinator_client = client_for(coordinator)
    removed = coordinator_client.post(
        reverse("reviews:remove-member", args=[open_review.pk, member.pk])
    )
    assert removed.status_code == 302 and "Rhys Reviewer" not in team(open_review)
    rhys = client_for(ready["rhys"].user)
    assert "Confirm or decline your place" not in text_of(rhys.get("/"))
    before = answers(), state()
    for url, data in ((place_url(request), {}), (place_url(request, True), {"reason": "x"})):
        response = rhys.post(url, data)
        assert response.status_code == 400
        assert "This place is no longer yours: the coordinator changed the team" in (
            text_of(response)
        )
    for person in (ready["eli"].user, coordinator):  # nobody else may answer it either
        assert client_for(person).post(place_url(request)).status_code == 404
    assert (answers(), state()) == before
    for name in ("lena", "eli"):  # the others confirm: only Rhys's request is overdue
        client_for(ready[name].user).post(place_url(asked(ready[name])))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire(request.due + timedelta(days=1)) == 1
    request.refresh_from_db()
    assert request.status == "timed_out"
    assert not PlaceRequest.objects.filter(reviewer=ready["fay"]).exists()  # no backup asked
    assert "Fay Fir" not in team(open_review)
    assert not [m for m in mail.outbox if m.to == [ready["fay"].user.email]]


@pytest.mark.django_db
def test_a_decline_the_team_cannot_take_is_left_to_the_coordinator(
    client_for, accepted, ready, open_review, coordinator, outsider
):
    timetable_names(ready["rhys"], open_review)
    request = asked(ready["rhys"])
    response = client_for(ready["rhys"].user).post(
        place_url(request, decline=True), {"reason": "Our Ofsted visit"}, follow=True
    )
    assert "You have declined the place" in text_of(response)
    request.refresh_from_db()
    assert (request.status, request.reason) == ("declined", "Our Ofsted visit")
    assert "Rhys Reviewer" in team(open_review)  # the coordinator changes the team
    assert not PlaceRequest.objects.filter(reviewer=ready["fay"]).exists()
    wanted = (
        "Change the team for the review of Ash Primary School: Rhys Reviewer declined their "
        "place as peer reviewer but is still on the team"
    )
    home = client_for(coordinator).get("/")
    assert wanted in text_of(home)
    assert reverse("reviews:team", args=[open_review.pk]) in home.content.decode()
    for person in (ready["rhys"].user, outsider):
        assert "Change the team for the review" not in text_of(client_for(person).get("/"))
    member = TeamMember.objects.get(review=open_review, reviewer=ready["rhys"])
    member.activities.update(reviewer=None)
    client_for(coordinator).post(reverse("reviews:remove-member", args=[open_review.pk, member.pk]))
    assert wanted not in text_of(client_for(coordinator).get("/"))


@pytest.mark.django_db
def test_a_timeout_the_team_cannot_take_is_not_retried(accepted, ready, open_review):
    timetable_names(ready["eli"], open_review)
    request = asked(ready["eli"])
    assert expire(request.due + timedelta(days=1)) == 3
    request.refresh_from_db()
    assert request.status == "timed_out" and "Eli Elm" in team(open_review)
    assert expire(request.due + timedelta(days=2)) == 1  # only the backup asked meanwhile
