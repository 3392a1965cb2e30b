"""The pages of the factual accuracy check: the school adds and removes points, the lead answers
each, and the school, the team and moderators read the answers; everyone else is refused and
nothing changes."""

import html

import pytest
from django.http import HttpResponse
from django.urls import reverse

from collegium.reports.models import AccuracyComment, Report
from collegium.reports.services import check, cycle
from collegium.reports.tests.conftest import CLUBS, MONDAY, ROLL

NOT_CORRECTED = AccuracyComment.Outcome.NOT_CORRECTED


def go(name: str, report: Report, *more: int) -> str:
    return reverse(f"reports:{name}", args=[report.pk, *more])


def comment(text: str) -> AccuracyComment:
    return AccuracyComment.objects.get(text=text)


def shown(response: HttpResponse) -> str:
    """The page's text as a reader sees it (apostrophes unescaped)."""
    return html.unescape(response.content.decode())


def answer_data(point: AccuracyComment, **fields: str) -> dict[str, str]:
    return {f"point-{point.pk}-{name}": value for name, value in fields.items()}


# The school's check page


def test_the_school_adds_a_point_and_sees_it_listed(sent, school_leader, client_for):
    client = client_for(school_leader)
    response = client.post(go("add-point", sent), {"text": ROLL})
    assert response.status_code == 302
    assert response["Location"] == go("accuracy-check", sent)
    page = client.get(go("accuracy-check", sent)).content.decode()
    assert "Point 1" in page and ROLL in page and "Remove point 1" in page
    assert "Not answered" in page


def test_an_empty_point_is_shown_with_its_reason(sent, school_leader, client_for):
    response = client_for(school_leader).post(go("add-point", sent), {"text": "  "})
    assert response.status_code == 400
    assert "Enter the point the report gets wrong" in response.content.decode()
    assert not AccuracyComment.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead_reviewer", 403), ("reviewer", 403), ("governor", 404), ("other_leader", 404)],
)
def test_only_the_schools_leaders_add_points(sent, persona, status, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(go("add-point", sent), {"text": "Mine."}).status_code == status
    assert not AccuracyComment.objects.exists()


def test_a_visitor_who_has_not_signed_in_is_sent_to_sign_in(sent, client_for):
    for url in (go("add-point", sent), go("comments", sent), go("accuracy-check", sent)):
        response = client_for(None).post(url, {"text": "Anonymous."})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not AccuracyComment.objects.exists()


def test_the_school_removes_a_point_but_not_once_sent(sent, school_leader, client_for):
    client = client_for(school_leader)
    point = check.add_comment(school_leader, sent, ROLL)
    assert client.post(go("remove-point", sent, point.pk)).status_code == 302
    assert not AccuracyComment.objects.exists()
    kept = check.add_comment(school_leader, sent, CLUBS)
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    response = client.post(go("remove-point", sent, kept.pk))
    assert response.status_code == 400
    assert "already completed the factual accuracy check" in response.content.decode()
    assert AccuracyComment.objects.filter(pk=kept.pk).exists()


def test_only_the_school_removes_its_points(sent, school_leader, lead_reviewer, client_for):
    point = check.add_comment(school_leader, sent, ROLL)
    assert client_for(lead_reviewer).post(go("remove-point", sent, point.pk)).status_code == 403
    assert AccuracyComment.objects.filter(pk=point.pk).exists()


def test_a_point_of_another_report_is_not_found(sent, school_leader, other_comment, client_for):
    response = client_for(school_leader).post(go("remove-point", sent, other_comment.pk))
    assert response.status_code == 404
    assert AccuracyComment.objects.filter(pk=other_comment.pk).exists()


def test_the_check_page_shows_no_forms_once_sent(checked, school_leader, client_for):
    page = client_for(school_leader).get(go("accuracy-check", checked)).content.decode()
    assert "The school has already completed the factual accuracy check." in page
    assert "Add the point" not in page and "Remove point" not in page
    assert ROLL in page and CLUBS in page


# The lead's answers


def test_the_lead_answers_a_point_on_the_comments_page(checked, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    page = client.get(go("comments", checked)).content.decode()
    assert page.count("Save the answer") == 2
    point = comment(CLUBS)
    data = answer_data(point, outcome=NOT_CORRECTED, reason="Two clubs ran in the visit.")
    response = client.post(go("answer", checked, point.pk), data)
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.outcome, point.answer) == (NOT_CORRECTED, "Two clubs ran in the visit.")
    page = client.get(go("comments", checked)).content.decode()
    assert "Change the answer to point 2" in page and "Two clubs ran in the visit." in page


def test_a_missing_reason_is_shown_on_the_page_and_nothing_is_saved(
    checked, lead_reviewer, client_for
):
    point = comment(CLUBS)
    data = answer_data(point, outcome=NOT_CORRECTED, reason=" ")
    response = client_for(lead_reviewer).post(go("answer", checked, point.pk), data)
    assert response.status_code == 400
    assert "Explain why the report is not corrected" in response.content.decode()
    assert not comment(CLUBS).is_answered


def test_corrected_without_changing_the_report_is_refused_with_the_reason(
    checked, lead_reviewer, client_for
):
    point = comment(ROLL)
    data = answer_data(
        point, outcome="corrected", corrected_from="405 pupils", corrected_to="418 pupils"
    )
    response = client_for(lead_reviewer).post(go("answer", checked, point.pk), data)
    assert response.status_code == 400
    assert "You have not changed the report since the school raised this point" in (
        response.content.decode()
    )
    assert not comment(ROLL).is_answered


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reviewer", 403), ("school_leader", 403), ("moderator", 404), ("outsider", 404)],
)
def test_only_the_lead_answers(checked, persona, status, request, client_for):
    point = comment(CLUBS)
    data = answer_data(point, outcome=NOT_CORRECTED, reason="Not mine to give.")
    client = client_for(request.getfixturevalue(persona))
    assert client.post(go("answer", checked, point.pk), data).status_code == status
    assert not comment(CLUBS).is_answered


def test_a_point_of_another_report_cannot_be_answered_here(
    checked, lead_reviewer, other_comment, client_for
):
    data = answer_data(other_comment, outcome=NOT_CORRECTED, reason="Wrong report.")
    response = client_for(lead_reviewer).post(go("answer", checked, other_comment.pk), data)
    assert response.status_code == 404
    other_comment.refresh_from_db()
    assert not other_comment.is_answered


def test_the_finalise_page_lists_the_points_without_an_answer(checked, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    assert "Answer the school's comments" in shown(client.get(go("report", checked)))
    page = shown(client.get(go("finalise", checked)))
    assert f"Answer the school's point 1: “{ROLL}”" in page
    assert f"Answer the school's point 2: “{CLUBS}”" in page
    assert client.post(go("finalise", checked)).status_code == 400
    assert Report.objects.get(pk=checked.pk).status == Report.Status.ACCURACY_CHECK


# Reading the answers


@pytest.fixture
def answered(checked, lead_reviewer) -> Report:
    draft = cycle.return_to_draft(lead_reviewer, checked, today=MONDAY)
    text = f"{draft.developmental_report}\n\nAll 418 pupils on roll read daily."
    draft = cycle.save_draft(lead_reviewer, draft, text, draft.summary, draft.revision)
    check.answer_comment(
        lead_reviewer, draft, comment(ROLL), "corrected", "All 418 pupils on roll", "405 pupils"
    )
    check.answer_comment(lead_reviewer, draft, comment(CLUBS), NOT_CORRECTED, "Two clubs ran.")
    return draft


@pytest.mark.parametrize("persona", ["school_leader", "reviewer", "lead_reviewer", "moderator"])
def test_the_school_team_and_moderators_read_the_answers(answered, persona, request, client_for):
    page = client_for(request.getfixturevalue(persona)).get(go("comments", answered))
    assert page.status_code == 200
    text = page.content.decode()
    assert "The report said" in text and "405 pupils" in text
    assert "The report now says" in text and "All 418 pupils on roll" in text
    assert "Why it is not corrected" in text and "Two clubs ran." in text


@pytest.mark.parametrize("persona", ["governor", "coordinator", "outsider", "other_leader"])
def test_others_do_not_read_the_answers(answered, persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).get(go("comments", answered))
    assert response.status_code == 404


def test_only_the_lead_sees_forms_to_answer(answered, school_leader, moderator, client_for):
    for person in (school_leader, moderator):
        page = client_for(person).get(go("comments", answered)).content.decode()
        assert "Save the answer" not in page


def test_the_report_page_shows_the_answers_to_its_readers(answered, school_leader, client_for):
    page = client_for(school_leader).get(go("report", answered)).content.decode()
    assert "factual accuracy comments" in page
    assert "All 418 pupils on roll" in page and "Two clubs ran." in page


def test_points_not_yet_sent_are_the_schools_own(sent, school_leader, lead_reviewer, client_for):
    check.add_comment(school_leader, sent, ROLL)
    assert ROLL in shown(client_for(school_leader).get(go("report", sent)))
    assert ROLL not in shown(client_for(lead_reviewer).get(go("report", sent)))
    assert ROLL not in shown(client_for(lead_reviewer).get(go("comments", sent)))
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert ROLL in shown(client_for(lead_reviewer).get(go("comments", sent)))


def test_a_moderator_finds_the_answers_from_the_review(
    answered, moderator, coordinator, client_for
):
    link = f'href="{go("comments", answered)}"'
    overview = reverse("reviews:detail", args=[answered.review_id])
    assert link in client_for(moderator).get(overview).text
    assert link not in client_for(coordinator).get(overview).text
