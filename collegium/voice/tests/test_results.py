"""The rule for small groups: a test submits 9 then 10 responses and checks that nothing, then
the results, appear, on the pages and in the CSV export; and what a response stores."""

from collegium.audit.models import AuditEvent
from collegium.voice import selectors
from collegium.voice.models import AccessCode, Answer, SurveyResponse
from collegium.voice.services import surveys
from collegium.voice.suppression import FEWER
from collegium.voice.tests.conftest import answer

QUESTION = "My child feels safe at this school."


def test_nine_responses_show_nothing_ten_show_the_results(
    parents_survey, client_for, school_leader, governor, outsider, client
):
    survey = parents_survey
    answer(survey, 9, choice=1, words="The new reading scheme is great")
    surveys.record_size(None, survey.school, survey.academic_year, "parents", 40)
    url, csv = f"/voice/surveys/{survey.pk}/", f"/voice/surveys/{survey.pk}/results.csv"
    leader, governors = client_for(school_leader), client_for(governor)
    for reader in (leader, governors):
        page = reader.get(url).text
        assert "Fewer than 10 responses" in page and 'id="suppressed"' in page
        assert QUESTION not in page and "reading scheme" not in page and "23%" not in page
        exported = reader.get(csv).content.decode()
        assert FEWER in exported and QUESTION not in exported and ",9," not in exported
    answer(survey, 1, choice=3, words="The new reading scheme is great")
    page = leader.get(url).text
    assert QUESTION in page and "90%" in page and "25% of 40" in page
    assert page.count("The new reading scheme is great") == 10  # the leaders read the words
    governor_page = governors.get(url).text
    assert QUESTION in governor_page and "reading scheme" not in governor_page
    exported = governors.get(csv).content.decode().splitlines()
    assert any(line.startswith("F2,") and ",10,90," in line for line in exported)
    assert client_for(outsider).get(url).status_code == 404
    assert client.get(csv).status_code == 302  # sign in


def test_a_question_fewer_than_10_answered_shows_nothing_even_when_the_survey_does(parents_survey):
    survey = parents_survey
    answer(survey, 12)
    f7 = survey.version.questions.get(code="F7")
    Answer.objects.filter(question=f7).exclude(
        response__in=SurveyResponse.objects.all()[:9]
    ).delete()
    results = selectors.results_of(survey)
    row = next(r for r in results.questions if r.question.code == "F7")
    assert row.answered == 9 and row.shares is None and row.positive is None
    lines = selectors.export_rows(results)
    assert [line for line in lines if line[0] == "F7"] == [["F7", f7.text, FEWER]]


def test_a_stored_response_holds_nothing_that_identifies_anyone(parents_survey):
    events = AuditEvent.objects.count()
    answer(parents_survey, 2)
    assert AuditEvent.objects.count() == events  # no event would date a response
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "submitted_on", "answers"}
    assert {f.name for f in Answer._meta.get_fields()} == {
        "id",
        "response",
        "question",
        "choice",
        "text",
    }
    assert {f.name for f in AccessCode._meta.get_fields()} == {"id", "survey", "code_hash", "used"}
