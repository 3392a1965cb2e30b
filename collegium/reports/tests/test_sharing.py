"""The school leader decides who else reads the confidential report."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium import access
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reports.models import Report, ReportReader
from collegium.reports.sharing import readers_of, share_report

GOVERNORS = Report.Audience.GOVERNORS


def test_a_governor_reads_only_once_the_head_allows_governors(sent, school_leader, governor):
    assert not access.can(governor, "report.view", sent)
    shared = share_report(school_leader, sent, [GOVERNORS], [])
    access.forget_roles(governor)
    assert shared.shared_with == ["governors"]
    assert access.can(governor, "report.view", shared)
    assert AuditEvent.objects.get(action=verbs.REPORT_SHARING_CHANGED).after == {
        "shared_with": ["governors"],
        "readers": [],
    }


def test_a_named_reader_may_read_and_an_outsider_still_may_not(
    sent, school_leader, coordinator, outsider
):
    shared = share_report(school_leader, sent, [], [" Cora.Coordinator@example.org "])
    assert readers_of(shared) == ["cora.coordinator@example.org"]
    assert access.can(coordinator, "report.view", shared)
    assert not access.can(outsider, "report.view", shared)


def test_removing_a_reader_takes_their_access_away(sent, school_leader, coordinator):
    share_report(school_leader, sent, [], [coordinator.email])
    share_report(school_leader, sent, [], [])
    assert not ReportReader.objects.exists()
    assert not access.can(coordinator, "report.view", sent)


def test_an_unknown_email_changes_nothing(sent, school_leader, coordinator):
    with pytest.raises(ValidationError) as refused:
        share_report(school_leader, sent, [GOVERNORS], [coordinator.email, "nobody@example.org"])
    assert refused.value.messages == [
        "There is no one with the email address nobody@example.org in the service. They need "
        "to have an account before you can share the report with them."
    ]
    sent.refresh_from_db()
    assert sent.shared_with == [] and not ReportReader.objects.exists()


def test_only_the_school_leader_shares(sent, lead_reviewer, governor, coordinator):
    for person in (lead_reviewer, governor):
        with pytest.raises(PermissionDenied):
            share_report(person, sent, [GOVERNORS], [coordinator.email])
    sent.refresh_from_db()
    assert sent.shared_with == [] and not ReportReader.objects.exists()


def test_sharing_does_not_make_the_leads_open_draft_stale(report, school_leader, lead_reviewer):
    from collegium.reports.services.cycle import save_draft

    opened_at = report.revision
    share_report(school_leader, report, [GOVERNORS], [])
    saved = save_draft(lead_reviewer, report, "Narrative.", "Summary.", opened_at)
    assert saved.developmental_report == "Narrative."
