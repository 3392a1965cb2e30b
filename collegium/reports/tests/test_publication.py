"""Publishing goes through one function, which checks every gate in PUBLICATION_GATES."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reports import publication
from collegium.reports.models import Report
from collegium.reports.services import check, cycle
from collegium.reports.tests.conftest import MONDAY


@pytest.fixture
def final(sent, lead_reviewer, school_leader) -> Report:
    checked = check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    return cycle.finalise_report(lead_reviewer, checked, today=MONDAY)


def test_a_final_agreed_report_has_no_blockers_and_publishes(final, lead_reviewer):
    assert publication.publication_blockers(final) == []
    published = publication.publish_summary(lead_reviewer, final)
    assert published.status == Report.Status.PUBLISHED and published.published_at is not None
    assert AuditEvent.objects.filter(action=verbs.SUMMARY_PUBLISHED).exists()


def test_the_cluster_coordinator_may_publish(final, coordinator):
    assert publication.publish_summary(coordinator, final).is_published


def test_a_report_that_is_not_final_is_held(sent, lead_reviewer, school_leader):
    checked = check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert publication.publication_blockers(checked) == [
        "You cannot publish the summary: the report is with the school for its factual "
        "accuracy check."
    ]
    with pytest.raises(ValidationError):
        publication.publish_summary(lead_reviewer, checked)
    checked.refresh_from_db()
    assert checked.status == Report.Status.ACCURACY_CHECK


def test_a_summary_the_school_has_not_agreed_is_held(sent, lead_reviewer):
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    with pytest.raises(ValidationError) as refused:
        publication.publish_summary(lead_reviewer, final)
    assert refused.value.messages == ["The school has not agreed the public summary yet."]
    final.refresh_from_db()
    assert final.status == Report.Status.FINAL and final.published_at is None


def test_an_empty_summary_is_held(final):
    Report.objects.filter(pk=final.pk).update(summary=" ")
    final.refresh_from_db()
    assert "The public summary has not been written." in publication.publication_blockers(final)


def test_a_published_summary_cannot_be_published_again(final, lead_reviewer):
    published = publication.publish_summary(lead_reviewer, final)
    with pytest.raises(ValidationError, match="already|published"):
        publication.publish_summary(lead_reviewer, published)


def test_every_gate_is_asked_and_a_new_gate_holds_publication(final, lead_reviewer, monkeypatch):
    def no_open_complaint(report: Report) -> str | None:
        return "A complaint about the review is open."

    monkeypatch.setattr(
        publication, "PUBLICATION_GATES", [*publication.PUBLICATION_GATES, no_open_complaint]
    )
    assert publication.publication_blockers(final) == ["A complaint about the review is open."]
    with pytest.raises(ValidationError):
        publication.publish_summary(lead_reviewer, final)
    final.refresh_from_db()
    assert final.status == Report.Status.FINAL


def test_people_outside_the_rule_cannot_publish(final, reviewer, school_leader, governor):
    for person in (reviewer, school_leader, governor):
        with pytest.raises(PermissionDenied):
            publication.publish_summary(person, final)
    final.refresh_from_db()
    assert final.status == Report.Status.FINAL
