"""The concerns page: the school raises, the lead responds, the team reads; others refused."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.reviews.models import Concern, Review


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def page(review):
    return reverse("reviews:concerns", args=[review.pk])


def respond_url(concern):
    return reverse("reviews:concern-respond", args=[concern.review_id, concern.pk])


def test_school_raises_a_concern_and_the_team_sees_it(client_for, school_leader, reviewer, visit):
    client = client_for(school_leader)
    assert "Raise a concern" in client.get(page(visit)).text
    response = client.post(page(visit), {"text": "Feedback was given in front of pupils"})
    assert response.status_code == 302
    assert "Your concern has been sent" in client.get(response["Location"]).text
    text = unescape(client_for(reviewer).get(page(visit)).text)
    assert "Feedback was given in front of pupils" in text and "Not answered yet" in text
    assert "Raise a concern" not in text


def test_lead_responds_and_the_school_reads_the_answer(
    client_for, school_leader, lead_reviewer, visit
):
    concern = Concern.objects.create(review=visit, raised_by=school_leader, text="Timing")
    lead = client_for(lead_reviewer)
    assert respond_url(concern) in lead.get(page(visit)).text
    response = lead.post(respond_url(concern), {"response": "We will move feedback to 15:30"})
    assert response.status_code == 302
    text = client_for(school_leader).get(page(visit)).text
    assert "We will move feedback to 15:30" in text and "Not answered yet" not in text


def test_empty_concern_or_response_changes_nothing(client_for, school_leader, lead_reviewer, visit):
    response = client_for(school_leader).post(page(visit), {"text": ""})
    assert response.status_code == 400 and "Enter your concern" in response.text
    concern = Concern.objects.create(review=visit, raised_by=school_leader, text="Timing")
    response = client_for(lead_reviewer).post(respond_url(concern), {"response": " "})
    assert response.status_code == 400 and "Enter your response to the concern" in response.text
    concern.refresh_from_db()
    assert not concern.is_answered and Concern.objects.count() == 1


def test_concern_before_the_visit_is_refused_with_a_reason(client_for, school_leader, review):
    client = client_for(school_leader)
    assert "You can raise a concern once the visit has started" in client.get(page(review)).text
    response = client.post(page(review), {"text": "Too early"})
    assert response.status_code == 400
    assert "You can raise a concern once the visit has started" in response.text
    assert not Concern.objects.exists()


def test_team_and_read_only_roles_cannot_raise_or_respond(
    client_for, reviewer, coordinator, school_leader, visit
):
    for person in (reviewer, coordinator):
        assert client_for(person).post(page(visit), {"text": "Not theirs"}).status_code == 403
    concern = Concern.objects.create(review=visit, raised_by=school_leader, text="Timing")
    for person in (reviewer, school_leader, coordinator):
        client = client_for(person)
        assert client.post(respond_url(concern), {"response": "No"}).status_code == 403
    concern.refresh_from_db()
    assert not concern.is_answered and Concern.objects.count() == 1


def test_outsiders_get_not_found_and_anonymous_must_sign_in(client_for, outsider, governor, visit):
    for person in (outsider, governor):
        assert client_for(person).get(page(visit)).status_code == 404
        assert client_for(person).post(page(visit), {"text": "Intruder"}).status_code == 404
    response = client_for(None).post(page(visit), {"text": "Anonymous"})
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not Concern.objects.exists()
