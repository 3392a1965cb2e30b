"""Migration 0002 keeps only the digest of each feed's token: an address in use keeps working."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = ("calendars", "0001_initial"), ("calendars", "0002_calendarfeed_digest")


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_are_hashed_and_their_addresses_still_work(client, reviewer):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps.get_model("calendars", "CalendarFeed")
    old.objects.create(user_id=reviewer.pk, token="an-address-already-in-use")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])

    from collegium.calendars.models import CalendarFeed

    feed = CalendarFeed.objects.get(user=reviewer)
    assert feed.digest == hashlib.sha256(b"an-address-already-in-use").hexdigest()
    assert client.get("/calendar/feed/an-address-already-in-use.ics").status_code == 200
