"""V1 answering: no account, the link's secret, one response per browser, one-time codes."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from collegium.voice.models import AccessCode, SurveyResponse
from collegium.voice.services import surveys
from collegium.voice.tests.conftest import open_survey


def _form(survey, choice="1", **more):
    questions = survey.version.questions.all()
    data = {f"q{q.pk}": choice for q in questions if q.kind == "scale"}
    return data | more


def test_anyone_with_the_link_answers_once_without_an_account(parents_survey, client):
    url = f"/voice/answer/{parents_survey.token}/"
    page = client.get(url)
    assert page.status_code == 200 and "My child is happy at this school." in page.text
    sent = client.post(url, _form(parents_survey))
    assert sent.status_code == 302 and sent.url == f"{url}thanks/"
    assert "Thank you" in client.get(sent.url).text
    again = client.post(url, _form(parents_survey))
    assert "You have already answered" in again.text
    assert SurveyResponse.objects.count() == 1
    assert not Session.objects.exists()  # nothing about the visitor was kept


def test_an_empty_response_is_refused_and_a_wrong_link_is_not_found(parents_survey, client):
    url = f"/voice/answer/{parents_survey.token}/"
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Answer at least one question" in refused.text
    bad = client.post(url, _form(parents_survey, choice="9"))
    assert bad.status_code == 400
    assert client.get("/voice/answer/not-a-survey/").status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_closed_survey_takes_no_answers(shipped, school_a, client):
    today = timezone.localdate()
    survey = open_survey(school_a, opens_on=today + timedelta(days=3))
    url = f"/voice/answer/{survey.token}/"
    assert "This survey is not open" in client.post(url, _form(survey)).text
    assert SurveyResponse.objects.count() == 0


def test_a_staff_survey_with_codes_takes_each_code_once(shipped, school_a, client_for, client):
    survey = open_survey(school_a, "staff", uses_codes=True)
    first, second = surveys.issue_codes(None, survey, 2)
    url = f"/voice/answer/{survey.token}/"
    missing = client.post(url, _form(survey))
    assert missing.status_code == 400 and "Enter your one-time code" in missing.text
    assert client.post(url, _form(survey, code="WRONG123")).status_code == 400
    assert client.post(url, _form(survey, code=first.lower())).status_code == 302
    other = client_for(None)  # another device
    reused = other.post(url, _form(survey, code=first))
    assert reused.status_code == 400 and "Each code can be used once" in reused.text
    assert other.post(url, _form(survey, code=second)).status_code == 302
    assert SurveyResponse.objects.count() == 2
    assert AccessCode.objects.filter(used=True).count() == 2
