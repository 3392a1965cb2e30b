"""Times of day as people type them (the workshop's start and end) and as GOV.UK writes them."""

from datetime import time

import pytest
from django import forms

from collegium.fields import time_field
from collegium.words import time_uk


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (time(9), "9am"),
        (time(15, 30), "3:30pm"),
        (time(17), "5pm"),
        (time(12), "midday"),
        (time(0), "midnight"),
        (time(12, 15), "12:15pm"),
        (time(0, 5), "12:05am"),
    ],
)
def test_times_read_as_gov_uk_writes_them(moment, words):
    assert time_uk(moment) == words


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("15:30", time(15, 30)),
        ("3:30pm", time(15, 30)),
        ("3.30 PM", time(15, 30)),
        ("3pm", time(15)),
        ("09:05", time(9, 5)),
        ("midday", time(12)),
        (" 17:00 ", time(17)),
    ],
)
def test_the_time_field_takes_times_as_people_type_them(typed, moment):
    assert time_field("Start time", what="the start time").clean(typed) == moment


@pytest.mark.parametrize("typed", ["teatime", "25:00", "15:61", "3:30xm"])
def test_the_time_field_refuses_what_is_not_a_time_in_words(typed):
    with pytest.raises(forms.ValidationError) as refused:
        time_field("Start time", what="the start time").clean(typed)
    assert refused.value.messages == ["Enter the start time as a time, like 15:30 or 3:30pm"]


def test_the_time_field_shows_a_time_as_hours_and_minutes():
    assert time_field("End time", what="the end time").prepare_value(time(17, 30)) == "17:30"
