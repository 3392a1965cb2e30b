"""G1 actions: an owner from the school's auditors, a due date on a school working day, only for
a red or amber item, followed through to done or carried forward."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from collegium.safeguarding.models import AuditAction
from collegium.safeguarding.services import actions, audits
from collegium.safeguarding.tests.conftest import MONDAY, items_of

DUE = date(2027, 2, 3)


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return " ".join(caught.value.messages)


@pytest.fixture
def amber(audit, school_leader):
    item = items_of(audit)["SR1"]
    audits.rate_item(school_leader, audit, item, rating="amber", evidence="x", notes="")
    return item


def add(actor, audit, item, **fields):
    given = {"description": "Check the record.", "owner": actor, "due_on": DUE, "today": MONDAY}
    return actions.add_action(actor, audit, item, **(given | fields))


def test_an_action_is_owned_by_one_of_the_schools_auditors(
    audit, amber, school_leader, safeguarding_lead, governor
):
    message = refused(add, school_leader, audit, amber, owner=governor)
    assert message == (
        "Choose one of the school's leaders or its designated safeguarding lead as the owner"
    )
    action = add(school_leader, audit, amber, owner=safeguarding_lead)
    assert (action.owner, action.status) == (safeguarding_lead, "not_started")


def test_only_a_red_or_amber_item_has_an_action(audit, school_leader):
    item = items_of(audit)["LD1"]
    message = refused(add, school_leader, audit, item)
    assert message == "Only a red or amber item needs an action: rate the item first"
    audits.rate_item(school_leader, audit, item, rating="green", evidence="x", notes="")
    assert refused(add, school_leader, audit, item) == message
    assert not AuditAction.objects.exists()


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2027, 1, 8), "The due date must be today or later"),
        (date(2027, 1, 16), "Saturday 16 January 2027 is not a working day"),
        (date(2027, 12, 27), "is not a working day: choose a weekday that is not a bank holiday"),
    ],
)
def test_an_action_is_due_on_a_school_working_day_to_come(
    audit, amber, school_leader, due, expected
):
    assert expected in refused(add, school_leader, audit, amber, due_on=due)


def test_an_action_moves_on_and_done_is_dated(audit, amber, school_leader):
    action = add(school_leader, audit, amber)
    done = actions.update_action(school_leader, action, status="done", today=DUE)
    assert (done.status, done.completed_on) == ("done", DUE)
    again = actions.update_action(school_leader, action, status="in_progress")
    assert (again.status, again.completed_on) == ("in_progress", None)
    assert refused(actions.update_action, school_leader, action, status="carried") == (
        "Choose not started, in progress or done"
    )


def test_no_new_action_once_the_board_has_reviewed_the_audit(reviewed, school_leader):
    item = items_of(reviewed)["SR1"]
    assert "add further actions to a re-audit" in refused(add, school_leader, reviewed, item)


def test_an_action_carried_forward_is_updated_only_in_the_new_audit(
    reviewed, school_leader, school_a, version
):
    old = reviewed.actions.get()
    audits.start_audit(school_leader, school_a, version, today=date(2027, 9, 15))
    old.refresh_from_db()
    assert "carried forward into the next audit" in refused(
        actions.update_action, school_leader, old, status="done"
    )
