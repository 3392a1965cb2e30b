"""The demo network has safeguarding audits in every state: in progress, submitted to the board,
reviewed by it, with overdue actions, a re-audit, a school flagged, one shared."""

import pytest
from django.utils import timezone

from collegium.accounts.models import User
from collegium.safeguarding import selectors
from collegium.safeguarding.models import (
    AuditAction,
    AuditShare,
    OversightVisit,
    SafeguardingAudit,
)
from collegium.todo import to_dos_for


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def test_audits_in_every_state(demo):
    audits = SafeguardingAudit.objects.all()
    assert {a.status for a in audits} == {"draft", "submitted", "reviewed"}
    assert audits.filter(kind="reaudit", status="draft").count() == 1
    today = timezone.localdate()
    overdue = selectors.overdue_actions(AuditAction.objects.filter(audit__in=audits), today)
    assert overdue.count() >= 2
    assert audits.filter(actions__carried_from__isnull=False).exists()
    assert AuditShare.objects.count() == 1 and audits.filter(shared_with_oversight=True).exists()
    assert OversightVisit.objects.count() == 1


def test_oversight_sees_current_and_flagged_schools(demo):
    today = timezone.localdate()
    statuses = selectors.statuses_of(selectors.network_schools(today), today)
    current = [s for s in statuses if not s.flagged]
    assert len(current) == 2  # the first school (last school year) and the third (this term)
    assert selectors.flagged_count(today) == len(statuses) - 2
    assert any(s.overdue and s.flagged for s in statuses)  # reviewed 14 months ago


def test_each_demo_person_has_their_next_step(demo):
    today = timezone.localdate()

    def texts(name: str) -> list[str]:
        return [item.text for item in to_dos_for(User.objects.get(full_name=name), today)]

    lead = texts("Dee Safeguarding")
    assert any(text.startswith("Your safeguarding action for") for text in lead)
    assert any(text.startswith("Complete ") for text in lead)
    assert any("no safeguarding audit reviewed" in text for text in texts("Mo Moderator"))
    assert any("shared for your review" in text for text in texts("Lena Lead"))
