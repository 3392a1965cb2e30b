"""A small published audit template, a designated safeguarding lead of school A, and audits of
school A taken through the services.

Days are fixed so the rules are predictable: they are in term time in the network's usual term
dates (shipped for 2026/27 and 2027/28).
"""

from datetime import date, timedelta

import pytest

from collegium.accounts.models import User
from collegium.people.models import Role
from collegium.safeguarding import exchange
from collegium.safeguarding.models import (
    Rating,
    SafeguardingAudit,
    TemplateItem,
    TemplateVersion,
)
from collegium.safeguarding.services import actions, audits, templates
from conftest import grant, make_user

MONDAY = date(2027, 1, 11)
SMALL = """\
slug: small-audit
name: Small audit
description: Three items in two sections.
sections:
  - code: LD
    title: Leadership
    items:
      - code: LD1
        title: A designated safeguarding lead
        good_looks_like: A senior leader, known to all staff.
        evidence_expected: The job description.
        statutory: true
      - code: LD2
        title: Time for the role
        good_looks_like: Protected time each week.
  - code: SR
    title: Safer recruitment
    items:
      - code: SR1
        title: The single central record is complete
        good_looks_like: Every check recorded for every adult.
        statutory: true
"""


def weekday_after(day: date, days: int) -> date:
    """A weekday `days` or more after `day` (no bank holiday falls on the dates the tests use)."""
    found = day + timedelta(days=days)
    while found.weekday() >= 5:
        found += timedelta(days=1)
    return found


@pytest.fixture
def version(db) -> TemplateVersion:
    return templates.publish_version(None, exchange.import_text(None, SMALL, "yaml"))


@pytest.fixture
def safeguarding_lead(school_a) -> User:
    return grant(make_user("Dee Safeguarding"), Role.SAFEGUARDING_LEAD, school=school_a)


def items_of(audit: SafeguardingAudit) -> dict[str, TemplateItem]:
    found = TemplateItem.objects.filter(section__version=audit.version_id).select_related("section")
    return {item.code: item for item in found}


@pytest.fixture
def audit(school_leader, school_a, version) -> SafeguardingAudit:
    return audits.start_audit(school_leader, school_a, version, today=MONDAY)


def rate_all(
    audit: SafeguardingAudit, by: User, amber: tuple[str, ...] = ("SR1",), today: date = MONDAY
) -> SafeguardingAudit:
    """Every item rated (those named amber, the rest green), each amber one with an action due
    three weeks later, owned by `by`."""
    for code, item in items_of(audit).items():
        rating = Rating.AMBER if code in amber else Rating.GREEN
        audits.rate_item(by, audit, item, rating=rating, evidence=f"Seen for {code}.", notes="")
        if code in amber:
            actions.add_action(
                by,
                audit,
                item,
                description=f"Put {code} right.",
                owner=by,
                due_on=weekday_after(today, 21),
                today=today,
            )
    return audit


@pytest.fixture
def submitted(audit, school_leader) -> SafeguardingAudit:
    """Rated with SR1 amber and its action, submitted to the board on MONDAY + 1."""
    rate_all(audit, school_leader)
    return audits.submit_audit(school_leader, audit, today=date(2027, 1, 12))


@pytest.fixture
def reviewed(submitted, governor) -> SafeguardingAudit:
    """Reviewed by the board on 20 January 2027."""
    return audits.record_board_review(
        governor,
        submitted,
        met_on=date(2027, 1, 20),
        minute_reference="FGB 2027/3",
        comments="Reviewed.",
        today=date(2027, 1, 21),
    )
