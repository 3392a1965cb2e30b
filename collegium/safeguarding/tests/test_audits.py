"""G1 the audit cycle's rules, each kept and each tried the wrong way round: who may act, in
which state, with what; every refusal changes nothing."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from collegium.audit.models import AuditEvent
from collegium.safeguarding.models import (
    AuditAction,
    ItemRating,
    Rating,
    SafeguardingAudit,
)
from collegium.safeguarding.services import audits, templates
from collegium.safeguarding.tests.conftest import MONDAY, items_of, rate_all


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return " ".join(caught.value.messages)


def test_the_safeguarding_lead_rates_an_item(audit, safeguarding_lead):
    item = items_of(audit)["LD1"]
    audits.rate_item(safeguarding_lead, audit, item, rating="green", evidence="Seen.", notes="")
    assert ItemRating.objects.get(audit=audit, item=item).rated_by == safeguarding_lead


def test_a_rating_needs_evidence_and_an_item_of_the_audits_template(audit, school_leader, version):
    item = items_of(audit)["LD1"]
    assert refused(
        audits.rate_item, school_leader, audit, item, rating="green", evidence=" ", notes=""
    ) == ("Say what evidence you looked at")
    other = templates.create_version(None, version.template)
    foreign = items_of(SafeguardingAudit(version=other))["LD1"]
    message = refused(
        audits.rate_item, school_leader, audit, foreign, rating="green", evidence="x", notes=""
    )
    assert message == "That item is not part of this audit's template"
    assert not ItemRating.objects.exists()


def test_rating_again_changes_the_rating_and_records_no_text(audit, school_leader):
    item = items_of(audit)["LD1"]
    audits.rate_item(school_leader, audit, item, rating="red", evidence="Old.", notes="Secret note")
    audits.rate_item(school_leader, audit, item, rating="amber", evidence="New.", notes="")
    assert ItemRating.objects.get(audit=audit, item=item).rating == Rating.AMBER
    event = AuditEvent.objects.filter(action="Safeguarding audit item rated").latest("pk")
    assert event.before is not None and event.before["rating"] == "red"
    assert "Secret" not in str(event.before)


def test_the_audit_goes_to_the_board_only_rated_and_actioned(audit, school_leader):
    items = items_of(audit)
    audits.rate_item(school_leader, audit, items["SR1"], rating="amber", evidence="x", notes="")
    message = refused(audits.submit_audit, school_leader, audit, today=MONDAY)
    assert "Rate every item: LD1, LD2 are not rated yet" in message
    assert "Give every red or amber item an action: SR1 is without one" in message
    rate_all(audit, school_leader)
    submitted = audits.submit_audit(school_leader, audit, today=MONDAY)
    assert (submitted.status, submitted.submitted_on) == ("submitted", MONDAY)
    assert "its ratings no longer change" in refused(
        audits.rate_item,
        school_leader,
        audit,
        items["LD1"],
        rating="red",
        evidence="x",
        notes="",
    )
    assert "its ratings no longer change" in refused(audits.submit_audit, school_leader, audit)


def test_the_boards_review_is_of_a_submitted_audit_on_a_meeting_since(submitted, governor):
    review: dict[str, Any] = {"met_on": date(2027, 1, 20), "minute_reference": "FGB 3"}
    review["comments"] = ""
    early = review | {"met_on": date(2027, 1, 11)}
    assert "on or after the day the audit was submitted, 12 January 2027" in refused(
        audits.record_board_review, governor, submitted, **early, today=date(2027, 1, 21)
    )
    later = review | {"today": date(2027, 1, 19)}
    assert refused(audits.record_board_review, governor, submitted, **later) == (
        "The board's meeting must be today or earlier"
    )
    assert refused(
        audits.record_board_review, governor, submitted, **review | {"minute_reference": " "}
    ) == ("Enter the minute reference of the board's review")
    done = audits.record_board_review(governor, submitted, **review, today=date(2027, 1, 21))
    assert (done.status, done.board_met_on, done.board_recorded_by) == (
        "reviewed",
        date(2027, 1, 20),
        governor,
    )
    assert "already been recorded" in refused(
        audits.record_board_review, governor, done, **review, today=date(2027, 1, 21)
    )


def test_the_board_cannot_review_an_audit_still_in_progress(audit, governor):
    message = refused(
        audits.record_board_review,
        governor,
        audit,
        met_on=MONDAY,
        minute_reference="FGB 1",
        comments="",
        today=MONDAY,
    )
    assert message == "The audit has not been submitted to the board yet"


def test_one_audit_open_at_a_time(audit, submitted, school_leader, school_a, version):
    message = refused(audits.start_audit, school_leader, school_a, version, today=MONDAY)
    assert message == "The board has not yet reviewed the school's last audit: it must do so first"
    assert SafeguardingAudit.objects.count() == 1


def test_an_audit_starts_only_on_a_published_template(school_leader, school_a, version):
    draft = templates.create_version(None, version.template)
    message = refused(audits.start_audit, school_leader, school_a, draft, today=MONDAY)
    assert message == "Choose a published audit template"


def test_the_next_audit_starts_from_the_last_ones_open_actions(
    reviewed, school_leader, school_a, version
):
    old = reviewed.actions.get()
    nxt = audits.start_audit(school_leader, school_a, version, today=date(2027, 9, 15))
    assert (nxt.kind, nxt.previous) == ("annual", reviewed)
    carried = nxt.actions.get()
    assert carried.item is not None
    assert (carried.description, carried.carried_from, carried.item.code) == (
        old.description,
        old,
        "SR1",
    )
    old.refresh_from_db()
    assert old.status == AuditAction.Status.CARRIED_FORWARD


def test_a_second_audit_in_one_school_year_is_a_reaudit(reviewed, school_leader, school_a, version):
    again = audits.start_audit(school_leader, school_a, version, today=date(2027, 3, 1))
    assert again.kind == SafeguardingAudit.Kind.REAUDIT
    assert str(again).startswith("Ash Primary School's safeguarding re-audit")
