"""The timetable pages: the school leader and the lead add, change and remove activities under
the conduct rules; the rest of the team and the coordinator only read it."""

import pytest

from collegium.reviews.models import Activity, Review

Kind = Activity.Kind


def tt_url(review, tail=""):
    return f"/reviews/{review.pk}/timetable/{tail}"


def data(**overrides):
    base = {"day": "1", "starts_at": "09:00", "ends_at": "10:00", "kind": Kind.LEARNING_WALK}
    return base | overrides


@pytest.fixture
def walk(review):
    return Activity.objects.create(
        review=review, day=1, starts_at="09:00", ends_at="10:00", kind=Kind.LEARNING_WALK
    )


def test_the_school_leader_adds_an_activity(client_for, review, school_leader):
    client = client_for(school_leader)
    assert client.get(tt_url(review, "new/?day=2")).status_code == 200
    peer = review.team.get(role="peer")
    done = client.post(
        tt_url(review, "new/"), data(day="2", kind=Kind.MEETING_PUPILS, reviewer=peer.pk)
    )
    assert done.status_code == 302
    activity = review.activities.get()
    assert (activity.day, activity.kind, activity.reviewer) == (2, Kind.MEETING_PUPILS, peer)
    body = client.get(tt_url(review)).content.decode()
    assert "Meeting with pupils" in body and "Rhys Reviewer" in body and "09:00 to 10:00" in body


def test_the_lead_reviewer_changes_an_activity(client_for, review, lead_reviewer, walk):
    client = client_for(lead_reviewer)
    assert client.get(tt_url(review, f"{walk.pk}/")).status_code == 200
    done = client.post(tt_url(review, f"{walk.pk}/"), data(ends_at="11:15"))
    assert done.status_code == 302
    walk.refresh_from_db()
    assert f"{walk.ends_at:%H:%M}" == "11:15"


def test_a_broken_conduct_rule_is_refused_with_what_to_change(client_for, review, school_leader):
    page = client_for(school_leader).post(
        tt_url(review, "new/"), data(kind=Kind.MEETING_PARENTS, starts_at="17:30", ends_at="18:30")
    )
    assert page.status_code == 400
    assert (
        "Activities must end by 18:00: change the end time of ‘Meeting with parents’"
        in page.content.decode()
    )
    assert not review.activities.exists()


def test_bad_input_changes_nothing(client_for, review, school_leader, walk):
    page = client_for(school_leader).post(
        tt_url(review, f"{walk.pk}/"), data(starts_at="nine", day="7")
    )
    body = page.content.decode()
    assert page.status_code == 400 and "Start time must be a time like 09:30" in body
    assert "Choose the day" in body
    walk.refresh_from_db()
    assert walk.day == 1 and f"{walk.starts_at:%H:%M}" == "09:00"


def test_remove_an_activity(client_for, review, school_leader, walk):
    client = client_for(school_leader)
    assert client.get(tt_url(review, f"{walk.pk}/remove/")).status_code == 200
    assert client.post(tt_url(review, f"{walk.pk}/remove/")).status_code == 302
    assert not review.activities.exists()


@pytest.mark.parametrize("who", ["reviewer", "coordinator", "moderator"])
def test_readers_see_the_timetable_but_cannot_change_it(client_for, review, walk, request, who):
    client = client_for(request.getfixturevalue(who))
    page = client.get(tt_url(review))
    assert page.status_code == 200 and "Learning walk" in page.content.decode()
    assert "Add an activity" not in page.content.decode()
    assert client.post(tt_url(review, "new/"), data(day="2")).status_code == 403
    assert client.post(tt_url(review, f"{walk.pk}/"), data(ends_at="12:00")).status_code == 403
    assert client.post(tt_url(review, f"{walk.pk}/remove/")).status_code == 403
    assert review.activities.count() == 1
    walk.refresh_from_db()
    assert f"{walk.ends_at:%H:%M}" == "10:00"


@pytest.mark.parametrize("who", ["outsider", "governor"])
def test_outsiders_get_not_found(client_for, review, walk, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(tt_url(review)).status_code == 404
    assert client.post(tt_url(review, f"{walk.pk}/remove/")).status_code == 404
    assert review.activities.count() == 1


def test_a_visitor_is_asked_to_sign_in(client_for, review, walk):
    response = client_for(None).post(tt_url(review, f"{walk.pk}/remove/"))
    assert response.status_code == 302 and "/sign-in/" in response.url
    assert review.activities.count() == 1


def test_a_closed_review_s_timetable_is_read_only(client_for, review, school_leader, walk):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.CLOSED)
    client = client_for(school_leader)
    assert "Add an activity" not in client.get(tt_url(review)).content.decode()
    page = client.post(tt_url(review, f"{walk.pk}/remove/"))
    assert page.status_code == 400 and "The timetable can only change" in page.content.decode()
    assert review.activities.count() == 1


def test_two_people_changing_one_activity_get_a_conflict_not_a_silent_overwrite(
    client_for, review, school_leader, lead_reviewer, walk
):
    head, lead = client_for(school_leader), client_for(lead_reviewer)
    opened = head.get(tt_url(review, f"{walk.pk}/")).content.decode()
    version = opened.split('name="version" value="')[1].split('"')[0]
    lead_page = lead.get(tt_url(review, f"{walk.pk}/")).content.decode()
    lead_version = lead_page.split('name="version" value="')[1].split('"')[0]
    assert (
        lead.post(
            tt_url(review, f"{walk.pk}/"), data(ends_at="10:30", version=lead_version)
        ).status_code
        == 302
    )
    page = head.post(tt_url(review, f"{walk.pk}/"), data(ends_at="11:00", version=version))
    assert page.status_code == 400
    assert "Someone else changed ‘Learning walk’ after you opened it" in page.content.decode()
    walk.refresh_from_db()
    assert f"{walk.ends_at:%H:%M}" == "10:30"


def test_timetable_changes_show_in_the_review_s_history(client_for, review, school_leader):
    client = client_for(school_leader)
    client.post(tt_url(review, "new/"), data(kind=Kind.WORK_SCRUTINY))
    history = client.get(f"/history/reviews.review/{review.pk}/").content.decode()
    assert "Timetable activity added: Work scrutiny on day 1 at 09:00" in history
