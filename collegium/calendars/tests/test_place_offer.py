"""The email offering a reviewer a place on a review (an accepted allocation run) carries the
visit as iCalendar, with the UID their calendar feed uses."""

import pytest
from django.core import mail
from icalendar import Calendar

from collegium.allocations.services import runs
from collegium.allocations.services.accept import accept_run
from collegium.calendars.tests.helpers import read_feed
from collegium.reviews.services.planning_types import review_dates

pytestmark = pytest.mark.django_db


def test_each_place_offer_carries_the_visit(
    client, coordinator, cluster, ready, open_review, django_capture_on_commit_callbacks
):
    run = runs.start_run(coordinator, cluster)
    with django_capture_on_commit_callbacks(execute=True):
        accept_run(coordinator, run)
    offers = [m for m in mail.outbox if m.subject.startswith("Please confirm your place")]
    assert len(offers) == 3  # the lead and two peers
    uid = f"review-visit-{open_review.pk}@testserver"
    days = review_dates(open_review.start_date, open_review.days)
    for message in offers:
        ((name, content, mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
        assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
        calendar = Calendar.from_ical(content)
        assert calendar["method"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert str(event["uid"]) == uid
        assert event.decoded("dtstart") == days[0]
        assert "Ash Primary School" in str(event["summary"])
    rhys = ready["rhys"].user
    assert uid in read_feed(client, rhys)  # the place is held: the visit is in their calendar
