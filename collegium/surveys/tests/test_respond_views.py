"""The survey page: the school's leader answers, checks and sends; everyone else is refused."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.people.models import Role
from collegium.reviews.models import Review
from collegium.surveys.models import ReviewSurvey
from conftest import grant, make_user

ANSWERS = {"conduct": "5", "workload": "2", "usefulness": "4", "evidence": "3", "comment": "Kind"}


@pytest.fixture
def agreed(review):
    review.status = Review.Status.AGREED
    review.save()
    return review


def page(review):
    return reverse("surveys:respond", args=[review.pk])


def test_the_leader_answers_checks_and_sends(client_for, school_leader, agreed):
    client = client_for(school_leader)
    form = client.get(page(agreed)).text
    assert "Tell us how the review went" in form and "Strongly agree" in form
    check = unescape(client.post(page(agreed), ANSWERS).text)
    assert "Check your answers" in check and "Disagree" in check and "Kind" in check
    assert not ReviewSurvey.objects.exists()
    sent = client.post(page(agreed), ANSWERS | {"action": "submit"})
    assert sent.status_code == 302
    survey = ReviewSurvey.objects.get()
    assert (survey.conduct, survey.workload, survey.answered_by) == (5, 2, school_leader)
    text = unescape(client.get(sent["Location"]).text)
    assert "Thank you: your answers have been sent" in text
    assert "Sam Leader answered the survey" in text and "Send your answers" not in text


def test_change_goes_back_to_the_form_with_the_answers(client_for, school_leader, agreed):
    response = client_for(school_leader).post(page(agreed), ANSWERS | {"action": "change"})
    assert response.status_code == 200 and "Continue" in response.text
    assert 'id="workload-2" name="workload" type="radio" value="2" checked' in response.text
    assert ">Kind</textarea>" in response.text
    assert not ReviewSurvey.objects.exists()


def test_a_missing_answer_is_shown_and_nothing_is_saved(client_for, school_leader, agreed):
    response = client_for(school_leader).post(
        page(agreed), ANSWERS | {"workload": "", "action": "submit"}
    )
    text = unescape(response.text)
    assert response.status_code == 400 and "There is a problem" in text
    assert "Select how much you agree that what the review asked of our staff" in text
    assert not ReviewSurvey.objects.exists()


def test_before_agreement_the_page_says_when(client_for, school_leader, review):
    client = client_for(school_leader)
    text = client.get(page(review)).text
    assert "You can answer the survey once the review team has agreed its judgements" in text
    assert "Continue" not in text
    response = client.post(page(review), ANSWERS | {"action": "submit"})
    assert response.status_code == 400
    assert "once the review team has agreed its judgements" in response.text
    assert not ReviewSurvey.objects.exists()


def test_a_second_answer_is_refused(client_for, school_leader, agreed):
    client = client_for(school_leader)
    client.post(page(agreed), ANSWERS | {"action": "submit"})
    response = client.post(page(agreed), ANSWERS | {"conduct": "1", "action": "submit"})
    assert response.status_code == 400
    assert "The school has already answered the survey for this review" in unescape(response.text)
    assert ReviewSurvey.objects.get().conduct == 5


def test_people_who_cannot_see_the_review_get_not_found(
    client_for, outsider, governor, school_b, agreed
):
    other_head = grant(make_user("Bea Otherhead"), Role.SCHOOL_LEADER, school=school_b)
    for person in (outsider, governor, other_head):
        client = client_for(person)
        assert client.get(page(agreed)).status_code == 404
        assert client.post(page(agreed), ANSWERS | {"action": "submit"}).status_code == 404
    assert not ReviewSurvey.objects.exists()


def test_the_team_and_coordinator_are_refused(
    client_for, lead_reviewer, reviewer, coordinator, moderator, agreed
):
    for person in (lead_reviewer, reviewer, coordinator, moderator):
        client = client_for(person)
        assert client.get(page(agreed)).status_code == 403
        assert client.post(page(agreed), ANSWERS | {"action": "submit"}).status_code == 403
    assert not ReviewSurvey.objects.exists()


def test_anonymous_is_sent_to_sign_in(client_for, agreed):
    for response in (
        client_for(None).get(page(agreed)),
        client_for(None).post(page(agreed), ANSWERS | {"action": "submit"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not ReviewSurvey.objects.exists()
