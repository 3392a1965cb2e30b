"""The offer of places (issue 15): one notification per place, each with its visit as
iCalendar; a closed place shows what happened to it and cannot be answered, on the reviewer's
place page and the coordinator's run page alike."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from icalendar import Calendar

from collegium.allocations.models import PlaceRequest
from collegium.allocations.services import runs
from collegium.allocations.services.consent import ask, send_requests
from collegium.allocations.tests.helpers import (
    answers,
    asked,
    monday_ahead,
    place_url,
    state,
    text_of,
)
from collegium.calendars.tests.helpers import read_feed
from collegium.notifications.models import Notification
from collegium.people.dates import today
from collegium.people.models import AvailableWeek
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning import cancel_review
from collegium.reviews.services.team import add_team_member

pytestmark = pytest.mark.django_db


def test_an_offer_of_two_places_is_two_notifications_each_with_its_visit(
    client,
    coordinator,
    cluster,
    ready,
    open_review,
    school_c,
    leader_of_b,
    framework_version,
    django_capture_on_commit_callbacks,
):
    second = Review.objects.create(
        school=school_c,
        cluster=cluster,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=monday_ahead(weeks=5),
        days=2,
    )
    rhys = ready["rhys"]
    AvailableWeek.objects.create(reviewer=rhys, week_starting=second.start_date)
    run = runs.start_run(coordinator, cluster)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        members = [add_team_member(coordinator, r, rhys, "peer") for r in (open_review, second)]
        assert send_requests([ask(coordinator, run, m) for m in members]) == 2
    feed = read_feed(client, rhys.user)
    to_rhys = [m for m in mail.outbox if m.to == [rhys.user.email]]
    assert len(to_rhys) == 2
    for review, message in zip((open_review, second), to_rhys, strict=True):
        request = PlaceRequest.objects.get(reviewer=rhys, review=review)
        assert message.subject == f"Please confirm your place on the review of {review.school.name}"
        assert place_url(request) in message.body
        assert f"by {request.due:%A %-d %B %Y}" in message.body
        ((_, content, mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
        assert "method=REQUEST" in mimetype
        calendar = Calendar.from_ical(content)
        assert calendar["method"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        uid = f"review-visit-{review.pk}@testserver"
        assert str(event["uid"]) == uid and uid in feed
        assert event["sequence"] == feed[uid]["sequence"]
        assert event.decoded("dtstart") == review.start_date
        told = Notification.objects.get(recipient=rhys.user, link__contains=place_url(request))
        assert told.event == "place-offered" and told.calendar
    # Rhys's head has a copy of each, linked to his record (the place page is his alone).
    to_head = Notification.objects.filter(recipient=leader_of_b, event="place-offered")
    assert to_head.count() == 2
    assert {n.link for n in to_head} == {
        f"http://testserver{reverse('people:record', args=[rhys.pk])}"
    }


def test_an_answered_place_shows_its_answer_and_cannot_be_answered_again(
    client_for, accepted, ready, outsider
):
    request = asked(ready["rhys"])
    rhys = client_for(ready["rhys"].user)
    rhys.post(place_url(request))
    page = text_of(rhys.get(place_url(request)))
    assert "Status Confirmed Confirmed" in page
    assert "Confirm my place" not in page and "I cannot take this place" not in page
    assert "can no longer be confirmed or declined" in page
    before = answers(), state()
    response = rhys.post(place_url(request))
    assert response.status_code == 400
    assert "You cannot confirm this place: you have already confirmed it" in text_of(response)
    assert rhys.get(place_url(request, decline=True)).status_code == 302  # to the place page
    for person in (ready["eli"].user, outsider):  # another reviewer, someone outside
        client = client_for(person)
        assert client.get(place_url(request)).status_code == 404
        assert client.post(place_url(request, decline=True), {"reason": ""}).status_code == 404
    assert (answers(), state()) == before


def test_a_place_past_its_due_date_is_closed_before_the_task_runs(
    client_for, accepted, ready, coordinator, outsider
):
    request = asked(ready["rhys"])
    PlaceRequest.objects.filter(pk=request.pk).update(due=today() - timedelta(days=1))
    request.refresh_from_db()
    rhys = client_for(ready["rhys"].user)
    page = text_of(rhys.get(place_url(request)))
    assert f"No answer in time No answer by {request.due:%-d %B %Y}" in page
    assert "Confirm my place" not in page
    assert "Confirm or decline your place" not in text_of(rhys.get("/"))
    before = answers(), state()
    ended = f"the time to answer ended on {request.due:%A %-d %B %Y}"
    response = rhys.post(place_url(request))
    assert response.status_code == 400 and f"You cannot confirm this place: {ended}" in (
        text_of(response)
    )
    response = rhys.post(place_url(request, decline=True), {"reason": "Too late"})
    assert response.status_code == 400 and f"You cannot decline this place: {ended}" in (
        text_of(response)
    )
    assert client_for(outsider).post(place_url(request)).status_code == 404
    assert (answers(), state()) == before
    run_page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    no_answer = f"No answer in time No answer by {request.due:%-d %B %Y}"
    assert f"Rhys Reviewer Peer reviewer {no_answer}" in run_page
    assert "Eli Elm Peer reviewer Asked Answer due by" in run_page
    assert client_for(outsider).get(reverse("allocations:run", args=[accepted.pk])).status_code == (
        404
    )


def test_a_place_taken_back_shows_as_withdrawn(
    client_for, accepted, ready, open_review, coordinator
):
    request = asked(ready["rhys"])
    member = TeamMember.objects.get(review=open_review, reviewer=ready["rhys"])
    client_for(coordinator).post(reverse("reviews:remove-member", args=[open_review.pk, member.pk]))
    page = text_of(client_for(ready["rhys"].user).get(place_url(request)))
    assert "Withdrawn The coordinator changed the team" in page and "Confirm my place" not in page
    run_page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    assert "Rhys Reviewer Peer reviewer Withdrawn The coordinator changed the team" in run_page
    assert (
        client_for(ready["eli"].user)
        .get(reverse("allocations:run", args=[accepted.pk]))
        .status_code
        == 404
    )


def test_a_place_on_a_cancelled_review_is_closed(client_for, accepted, ready, coordinator):
    request, confirmed = asked(ready["rhys"]), asked(ready["eli"])
    client_for(ready["eli"].user).post(place_url(confirmed))
    cancel_review(coordinator, request.review)
    rhys = client_for(ready["rhys"].user)
    assert "Withdrawn The review was cancelled" in text_of(rhys.get(place_url(request)))
    assert "Confirm or decline your place" not in text_of(rhys.get("/"))
    before = answers(), state()
    response = rhys.post(place_url(request))
    assert response.status_code == 400
    assert "This place is no longer yours: the review was cancelled" in text_of(response)
    assert (answers(), state()) == before
    run_page = text_of(client_for(coordinator).get(reverse("allocations:run", args=[accepted.pk])))
    assert "Rhys Reviewer Peer reviewer Withdrawn The review was cancelled" in run_page
    assert "Eli Elm Peer reviewer Withdrawn Confirmed" in run_page
    assert ", then the review was cancelled" in run_page
