"""The forms and one-button steps: who may take each, and refused or invalid posts change
nothing."""

from datetime import date

import pytest
from django.urls import reverse

from collegium.reports.models import Report, ReportReader
from collegium.reports.services import check, cycle


def go(name: str, report: Report) -> str:
    return reverse(f"reports:{name}", args=[report.pk])


def state(report: Report) -> tuple:
    fresh = Report.objects.get(pk=report.pk)
    return (fresh.status, fresh.revision, fresh.developmental_report, fresh.summary)


def test_the_lead_edits_the_draft(report, lead_reviewer, client_for):
    data = {"developmental_report": "New narrative.", "summary": "New summary.", "revision": 1}
    response = client_for(lead_reviewer).post(go("edit", report), data)
    assert response.status_code == 302
    assert state(report) == ("draft", 2, "New narrative.", "New summary.")


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(report, lead_reviewer, client_for):
    cycle.save_draft(lead_reviewer, report, "Saved elsewhere.", "Summary.", 1)
    data = {"developmental_report": "Typed here.", "summary": "Mine.", "revision": 1}
    response = client_for(lead_reviewer).post(go("edit", report), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lena Lead changed the report after you opened it" in page
    assert "Typed here." in page
    assert state(report)[2] == "Saved elsewhere."


@pytest.mark.parametrize("persona", ["school_leader", "reviewer"])
def test_only_the_lead_edits_and_sends(report, persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    before = state(report)
    data = {"developmental_report": "Not mine.", "summary": "Not mine.", "revision": 1}
    assert client.post(go("edit", report), data).status_code == 403
    assert client.post(go("send", report)).status_code == 403
    assert state(report) == before


def test_the_lead_sends_the_report(report, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    assert "5 working days" in client.get(go("send", report)).content.decode()
    assert client.post(go("send", report)).status_code == 302
    assert state(report)[0] == "accuracy_check"


def test_sending_before_judgements_are_agreed_is_explained_and_refused(
    draft_report, lead_reviewer, client_for
):
    client = client_for(lead_reviewer)
    page = client.get(go("send", draft_report)).content.decode()
    assert "agreed its judgements" in page and "Send to the school" not in page
    response = client.post(go("send", draft_report))
    assert response.status_code == 400
    assert state(draft_report)[:2] == ("draft", 1)


def test_a_sent_report_cannot_be_sent_again(sent, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    page = client.get(go("send", sent)).content.decode()
    assert "You cannot send the report for a factual accuracy check: the report is with" in page
    assert client.post(go("send", sent)).status_code == 400
    assert state(sent)[:2] == ("accuracy_check", 2)


def test_the_school_completes_the_check(sent, school_leader, client_for):
    data = {"agree_summary": "on", "revision": sent.revision}
    response = client_for(school_leader).post(go("accuracy-check", sent), data)
    assert response.status_code == 302
    fresh = Report.objects.get(pk=sent.pk)
    assert fresh.school_has_responded and fresh.summary_agreed


def test_a_check_sent_from_a_page_read_before_the_report_changed_is_refused(
    sent, school_leader, client_for
):
    data = {"agree_summary": "on", "revision": sent.revision - 1}
    response = client_for(school_leader).post(go("accuracy-check", sent), data)
    assert response.status_code == 400
    assert "The report has changed since you opened this page" in response.content.decode()
    fresh = Report.objects.get(pk=sent.pk)
    assert not fresh.school_has_responded and not fresh.summary_agreed


@pytest.mark.parametrize(("persona", "status"), [("lead_reviewer", 403), ("governor", 404)])
def test_only_the_school_leader_completes_the_check(sent, persona, status, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    data = {"agree_summary": "on", "revision": sent.revision}
    assert client.post(go("accuracy-check", sent), data).status_code == status
    assert client.post(go("agree-summary", sent)).status_code == status
    fresh = Report.objects.get(pk=sent.pk)
    assert not fresh.school_has_responded and not fresh.summary_agreed


def test_the_lead_finalises_after_the_school_responds(
    sent, lead_reviewer, school_leader, client_for
):
    client = client_for(lead_reviewer)
    page = client.get(go("report", sent)).content.decode()
    assert "You can finalise the report, or return it to draft" in page
    assert client.post(go("finalise", sent)).status_code == 400
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert client_for(school_leader).post(go("finalise", sent)).status_code == 403
    assert state(sent)[0] == "accuracy_check"
    assert client.post(go("finalise", sent)).status_code == 302
    assert state(sent)[0] == "final"


def test_the_lead_returns_the_report_to_draft(sent, lead_reviewer, school_leader, client_for):
    check.add_comment(school_leader, sent, "Roll is 212.")
    check.complete_accuracy_check(school_leader, sent, False, sent.revision)
    client = client_for(lead_reviewer)
    assert client_for(school_leader).post(go("return-to-draft", sent)).status_code == 403
    assert client.post(go("return-to-draft", sent)).status_code == 302
    assert state(sent)[0] == "draft"


@pytest.fixture
def final(sent, lead_reviewer) -> Report:
    return cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))


def test_the_school_agrees_the_summary_of_a_final_report(final, school_leader, client_for):
    client = client_for(school_leader)
    assert "Agree the public summary" in client.get(go("report", final)).content.decode()
    assert client.post(go("agree-summary", final)).status_code == 302
    assert Report.objects.get(pk=final.pk).summary_agreed


def test_publishing_shows_why_it_is_held_and_refuses(final, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    assert "has not agreed the public summary" in client.get(go("publish", final)).content.decode()
    assert client.post(go("publish", final)).status_code == 400
    assert state(final)[0] == "final"


def test_the_coordinator_publishes_without_reading_the_report(
    final, school_leader, coordinator, client_for
):
    check.agree_summary(school_leader, final)
    client = client_for(coordinator)
    assert client.get(go("report", final)).status_code == 404
    assert client.post(go("publish", final)).status_code == 302
    assert state(final)[0] == "published"


@pytest.mark.parametrize(
    ("persona", "status"), [("school_leader", 403), ("reviewer", 403), ("outsider", 404)]
)
def test_others_cannot_publish(final, school_leader, persona, status, request, client_for):
    check.agree_summary(school_leader, final)
    response = client_for(request.getfixturevalue(persona)).post(go("publish", final))
    assert response.status_code == status
    assert state(final)[0] == "final"


def test_the_school_shares_the_report(sent, school_leader, coordinator, client_for):
    client = client_for(school_leader)
    data = {"audiences": ["governors"], "readers": coordinator.email}
    assert client.post(go("share", sent), data).status_code == 302
    fresh = Report.objects.get(pk=sent.pk)
    assert fresh.shared_with == ["governors"]
    assert ReportReader.objects.get().user == coordinator
    page = client.get(go("report", sent)).content.decode()
    assert "the school&#39;s governors" in page and coordinator.email in page


@pytest.mark.parametrize("readers", ["nobody@example.org", "not an email"])
def test_sharing_with_unknown_or_malformed_addresses_changes_nothing(
    sent, school_leader, readers, client_for
):
    data = {"audiences": ["governors"], "readers": readers}
    response = client_for(school_leader).post(go("share", sent), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert Report.objects.get(pk=sent.pk).shared_with == []


def test_only_the_school_leader_shares(sent, lead_reviewer, governor, client_for):
    data = {"audiences": ["moderators"], "readers": ""}
    assert client_for(lead_reviewer).post(go("share", sent), data).status_code == 403
    assert client_for(governor).post(go("share", sent), data).status_code == 404
    assert Report.objects.get(pk=sent.pk).shared_with == []


def test_anonymous_posts_are_sent_to_sign_in(sent, client_for):
    for name in ("edit", "send", "accuracy-check", "finalise", "publish", "share"):
        response = client_for(None).post(go(name, sent))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert state(sent)[:2] == ("accuracy_check", 2)
