"""G1 pages: each person does what their role allows, and everyone else is refused (404 when they
may not know the audit exists, 403 when they may see it but not act, sign-in for the public).
Pages act today, so the audits here are made today through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collegium.context.services import upload_census_counts
from collegium.context.tests.test_offrolling import counts_csv
from collegium.safeguarding.models import AuditAction, OversightVisit, SafeguardingAudit
from collegium.safeguarding.services import actions, audits, sharing
from collegium.safeguarding.tests.conftest import items_of
from collegium.termdates.calendar import add_school_working_days

NOTE = "A confidential note about a named pupil."


def school_day(after: int) -> str:
    return add_school_working_days(timezone.localdate(), after).isoformat()


@pytest.fixture
def today_audit(school_leader, school_a, version) -> SafeguardingAudit:
    """Started today; LD1 and LD2 green, SR1 amber with a note and an action."""
    audit = audits.start_audit(school_leader, school_a, version)
    for code, item in items_of(audit).items():
        rating = "amber" if code == "SR1" else "green"
        notes = NOTE if code == "SR1" else ""
        audits.rate_item(school_leader, audit, item, rating=rating, evidence="Seen.", notes=notes)
    item = items_of(audit)["SR1"]
    actions.add_action(
        school_leader,
        audit,
        item,
        description="Recheck the record.",
        owner=school_leader,
        due_on=add_school_working_days(timezone.localdate(), 10),
    )
    return audit


def url(audit: SafeguardingAudit, page: str = "") -> str:
    return f"/safeguarding/audits/{audit.pk}/{page}"


def test_the_audit_is_read_by_the_school_and_refused_to_everyone_else(
    today_audit,
    client_for,
    client,
    school_leader,
    governor,
    safeguarding_lead,
    moderator,
    network_admin,
    reviewer,
    outsider,
    review,
):
    for person in (school_leader, governor, safeguarding_lead):
        page = client_for(person).get(url(today_audit))
        assert page.status_code == 200 and NOTE in page.text
    for person in (moderator, network_admin):  # oversight knows it exists: status only
        assert client_for(person).get(url(today_audit)).status_code == 403
    for person in (reviewer, outsider):  # may not know it exists
        assert client_for(person).get(url(today_audit)).status_code == 404
    assert client.get(url(today_audit)).status_code == 302  # sign in


def test_the_review_team_reads_it_once_the_head_shares_it_for_their_review(
    today_audit, client_for, school_leader, safeguarding_lead, reviewer, governor, review
):
    sharing_page = url(today_audit, "sharing/")
    for person in (governor, safeguarding_lead):  # only the head shares it
        assert client_for(person).post(sharing_page, {"review": review.pk}).status_code == 403
    assert client_for(reviewer).get(url(today_audit)).status_code == 404
    response = client_for(school_leader).post(sharing_page, {"review": review.pk})
    assert response.status_code == 302
    page = client_for(reviewer).get(url(today_audit))
    assert page.status_code == 200 and NOTE in page.text
    assert client_for(reviewer).post(url(today_audit, "submit/")).status_code == 403


def test_oversight_reads_the_whole_audit_once_the_school_shares_it(
    today_audit, client_for, school_leader, moderator
):
    assert client_for(moderator).get(url(today_audit)).status_code == 403
    response = client_for(school_leader).post(url(today_audit, "sharing/oversight/"))
    assert response.status_code == 302
    assert NOTE in client_for(moderator).get(url(today_audit)).text


def test_rating_an_item(
    audit_for_rating, client_for, school_leader, safeguarding_lead, governor, moderator, reviewer
):
    audit, item = audit_for_rating
    address = url(audit, f"items/{item.pk}/")
    empty = client_for(school_leader).post(address, {"rating": "red", "evidence": ""})
    assert empty.status_code == 400 and "Enter the evidence you looked at" in empty.text
    rated = {"rating": "red", "evidence": "x"}
    for person, refusal in ((governor, 403), (moderator, 403), (reviewer, 404)):
        assert client_for(person).post(address, rated).status_code == refusal
    assert not audit.ratings.exists()
    assert client_for(safeguarding_lead).post(address, rated).status_code == 302
    response = client_for(school_leader).post(address, {"rating": "red", "evidence": "Seen."})
    assert response.status_code == 302 and response.url.endswith(f"#item-{item.code}")
    assert audit.ratings.get(item=item).rating == "red"
    assert client_for(school_leader).get(url(audit, "items/999999/")).status_code == 404


@pytest.fixture
def audit_for_rating(school_leader, school_a, version):
    audit = audits.start_audit(school_leader, school_a, version)
    return audit, items_of(audit)["LD1"]


def test_adding_an_action(
    today_audit, client_for, school_leader, safeguarding_lead, governor, outsider
):
    item = items_of(today_audit)["SR1"]
    address = url(today_audit, f"items/{item.pk}/actions/new/")
    data = {
        "description": "Train the panel.",
        "owner": safeguarding_lead.pk,
        "due_on": school_day(5),
    }
    assert client_for(governor).post(address, data).status_code == 403
    assert client_for(outsider).post(address, data).status_code == 404
    assert client_for(safeguarding_lead).post(address, data).status_code == 302
    assert AuditAction.objects.filter(owner=safeguarding_lead).count() == 1
    wrong = client_for(school_leader).post(address, data | {"owner": governor.pk})
    assert wrong.status_code == 400 and "Choose the owner from the list" in wrong.text


def test_submitting_and_the_boards_review(
    today_audit, client_for, school_leader, safeguarding_lead, governor
):
    assert client_for(governor).post(url(today_audit, "submit/")).status_code == 403
    assert client_for(school_leader).get(url(today_audit, "submit/")).status_code == 200
    assert client_for(school_leader).post(url(today_audit, "submit/")).status_code == 302
    review = {"met_on": timezone.localdate().isoformat(), "minute_reference": "FGB 1"}
    for person in (school_leader, safeguarding_lead):  # only a governor signs it off
        assert client_for(person).post(url(today_audit, "board-review/"), review).status_code == 403
    response = client_for(governor).post(url(today_audit, "board-review/"), review)
    assert response.status_code == 302
    today_audit.refresh_from_db()
    assert (today_audit.status, today_audit.board_minute_reference) == ("reviewed", "FGB 1")


def test_a_refused_submission_says_why_and_changes_nothing(
    audit_for_rating, client_for, school_leader
):
    audit, _ = audit_for_rating
    response = client_for(school_leader).post(url(audit, "submit/"))
    assert response.status_code == 400 and "Rate every item" in response.text
    audit.refresh_from_db()
    assert audit.is_draft


def test_an_action_page_is_read_by_the_board_and_moved_on_by_the_school(
    today_audit, client_for, school_leader, governor
):
    action = today_audit.actions.get()
    address = f"/safeguarding/actions/{action.pk}/"
    page = client_for(governor).get(address)
    assert page.status_code == 200 and "Save the status" not in page.text
    assert client_for(governor).post(address, {"status": "done"}).status_code == 403
    assert client_for(school_leader).post(address, {"status": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


def test_starting_an_audit(client_for, school_leader, governor, moderator, school_a, version):
    address = f"/safeguarding/schools/{school_a.pk}/start/"
    for person in (governor, moderator):
        assert client_for(person).post(address, {"version": version.pk}).status_code == 403
    assert not SafeguardingAudit.objects.exists()
    response = client_for(school_leader).post(address, {"version": version.pk})
    audit = SafeguardingAudit.objects.get()
    assert response.status_code == 302 and response.url == url(audit)


def test_the_pdf_for_the_board(today_audit, client_for, governor, reviewer):
    response = client_for(governor).get(url(today_audit, "audit.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for(reviewer).get(url(today_audit, "audit.pdf")).status_code == 404


def test_the_network_status_is_for_oversight_and_shows_no_notes(
    today_audit, client_for, client, moderator, school_leader, school_a
):
    page = client_for(moderator).get("/safeguarding/oversight/")
    assert page.status_code == 200 and "Ash Primary School" in page.text
    assert NOTE not in page.text and "Recheck the record" not in page.text
    school = client_for(moderator).get(f"/safeguarding/schools/{school_a.pk}/")
    assert school.status_code == 200 and NOTE not in school.text
    assert client_for(school_leader).get("/safeguarding/oversight/").status_code == 403
    assert client.get("/safeguarding/oversight/").status_code == 302
    flagged = client_for(moderator).get("/safeguarding/oversight/?show=flagged")
    assert "1 school flagged" in flagged.text


def test_recording_an_oversight_visit(client_for, moderator, school_leader, school_a):
    address = f"/safeguarding/schools/{school_a.pk}/visits/new/"
    data = {
        "visited_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "visited_by": "Mo Moderator",
        "checked": "The single central record.",
        "outcome": "assured",
    }
    assert client_for(school_leader).post(address, data).status_code == 403
    assert client_for(moderator).post(address, data).status_code == 302
    assert OversightVisit.objects.get().recorded_by == moderator
    page = client_for(school_leader).get(f"/safeguarding/schools/{school_a.pk}/")
    assert "The single central record." in page.text


def test_the_safeguarding_home_of_each_person(
    client_for, school_leader, moderator, reviewer, school_a
):
    assert "Ash Primary School" in client_for(school_leader).get("/safeguarding/").text
    response = client_for(moderator).get("/safeguarding/")
    assert response.status_code == 302 and response.url == "/safeguarding/oversight/"
    assert client_for(reviewer).get("/safeguarding/").status_code == 403


def test_the_head_stops_sharing_with_the_team(
    today_audit, client_for, school_leader, governor, reviewer, review
):
    share = sharing.share_for_review(school_leader, today_audit, review)
    address = url(today_audit, f"sharing/{share.pk}/withdraw/")
    assert client_for(governor).post(address).status_code == 403
    assert (
        client_for(school_leader).get(url(today_audit, "sharing/999999/withdraw/")).status_code
        == 404
    )
    assert client_for(school_leader).post(address).status_code == 302
    assert client_for(reviewer).get(url(today_audit)).status_code == 404


def test_the_audit_shows_the_off_rolling_signal_for_pupils_leaving_the_roll(
    today_audit, client_for, school_leader, network_admin, school_a
):
    heading = "Pupils leaving the roll: the census counts"
    assert heading not in client_for(school_leader).get(url(today_audit)).text
    upload_census_counts(
        network_admin, school=None, file_name="c.csv", content=counts_csv(school_a)
    )
    page = client_for(school_leader).get(url(today_audit)).text
    assert heading in page
    assert "Year 11 had 14 fewer pupils than Year 10 did a year earlier" in page
