"""Starting, saving and submitting a self-evaluation: the rules, the transitions, the audit."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import FrameworkVersion
from collegium.people.models import Role
from collegium.selfevaluation import selectors, services
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from collegium.selfevaluation.tests.conftest import THIS_YEAR, complete, entry
from conftest import grant, make_user


def recorded(event: AuditEvent) -> tuple[dict[str, Any], dict[str, Any]]:
    return event.before or {}, event.after or {}


def test_starting_makes_a_draft_with_an_empty_entry_per_strand(draft, school_leader):
    assert draft.status == SelfEvaluation.Status.DRAFT
    codes = [e.strand.code for e in draft.strands.all()]
    assert codes == ["A1S1", "A1S2", "A2S1", "A2S2"]
    assert all(e.level is None and e.narrative == "" for e in draft.strands.all())
    event = AuditEvent.objects.get(action=verbs.SELF_EVALUATION_STARTED)
    assert event.actor == school_leader and event.before is None
    after = recorded(event)[1]
    assert (after["academic_year"], after["status"]) == (THIS_YEAR, "draft")


def test_a_second_self_evaluation_for_the_same_year_is_refused(
    draft, school_a, school_leader, framework_version
):
    with pytest.raises(ValidationError, match="Ash Primary School already has a self-evaluation"):
        services.start_self_evaluation(school_leader, school_a, THIS_YEAR, framework_version)
    assert SelfEvaluation.objects.count() == 1
    assert AuditEvent.objects.filter(action=verbs.SELF_EVALUATION_STARTED).count() == 1


def test_earlier_years_are_kept_beside_this_years(
    draft, school_a, school_leader, framework_version
):
    earlier = services.start_self_evaluation(
        school_leader, school_a, THIS_YEAR - 1, framework_version
    )
    assert list(school_a.self_evaluations.all()) == [draft, earlier]


def test_a_draft_framework_version_cannot_be_chosen(school_a, school_leader, framework_version):
    framework_version.status = FrameworkVersion.Status.DRAFT
    framework_version.save()
    with pytest.raises(ValidationError, match="has not been published yet"):
        services.start_self_evaluation(school_leader, school_a, THIS_YEAR, framework_version)
    assert not SelfEvaluation.objects.exists()


def test_a_year_more_than_one_ahead_is_refused(school_a, school_leader, framework_version):
    with pytest.raises(ValidationError, match="more than a year ahead"):
        services.start_self_evaluation(school_leader, school_a, THIS_YEAR + 2, framework_version)
    assert not SelfEvaluation.objects.exists()


def test_saving_a_strand_raises_its_revision_and_records_before_and_after(draft, school_leader):
    first = entry(draft, "A1S1")
    services.save_strand(school_leader, first, 2, "  Secure in most classes \n", "Plan\n", 1)
    first.refresh_from_db()
    assert (first.level, first.narrative, first.evidence) == (2, "Secure in most classes", "Plan")
    assert first.revision == 2 and first.updated_by == school_leader
    before, after = recorded(AuditEvent.objects.get(action=verbs.STRAND_EVALUATION_SAVED))
    assert before["level"] is None and after["level"] == 2
    assert after["narrative"] == "Secure in most classes"


def test_saving_what_is_already_there_changes_nothing(draft, school_leader):
    first = entry(draft, "A1S1")
    services.save_strand(school_leader, first, 2, "Secure", "", 1)
    services.save_strand(school_leader, entry(draft, "A1S1"), 2, "Secure", "", 1)  # stale, same
    assert entry(draft, "A1S1").revision == 2
    assert AuditEvent.objects.filter(action=verbs.STRAND_EVALUATION_SAVED).count() == 1


@pytest.mark.parametrize(
    ("code", "level", "message"),
    [
        ("A1S1", 5, "Choose a level of its scale for A1S1"),
        ("A1S1", 0, "Choose a level of its scale for A1S1"),
        ("A2S2", 3, "Choose Met or Not met for A2S2"),
    ],
)
def test_a_level_outside_the_scale_is_refused(draft, school_leader, code, level, message):
    with pytest.raises(ValidationError, match=message):
        services.save_strand(school_leader, entry(draft, code), level, "Text", "", 1)
    assert entry(draft, code).level is None
    assert not AuditEvent.objects.filter(action=verbs.STRAND_EVALUATION_SAVED).exists()


def test_every_level_of_the_scale_and_met_or_not_met_are_accepted(draft, school_leader):
    for level in (1, 2, 3, 4):
        current = entry(draft, "A1S1")
        services.save_strand(school_leader, current, level, "", "", current.revision)
    services.save_strand(school_leader, entry(draft, "A2S2"), 2, "", "", 1)
    assert entry(draft, "A1S1").level == 4
    assert entry(draft, "A2S2").level == 2


def test_an_ungraded_framework_takes_no_level_except_met_or_not_met(
    school_a, school_leader, enquiry_version
):
    enquiry = services.start_self_evaluation(school_leader, school_a, THIS_YEAR, enquiry_version)
    with pytest.raises(ValidationError, match="Enquiry framework has no scale"):
        services.save_strand(school_leader, entry(enquiry, "E1S1"), 1, "Text", "", 1)
    services.save_strand(school_leader, entry(enquiry, "E1S1"), None, "Our impact", "", 1)
    services.save_strand(school_leader, entry(enquiry, "E1S2"), 1, "All checks done", "", 1)
    submitted = services.submit_self_evaluation(school_leader, enquiry)
    assert submitted.status == SelfEvaluation.Status.SUBMITTED


def test_two_leaders_editing_one_strand_get_a_conflict_not_an_overwrite(
    draft, school_leader, school_a
):
    deputy = grant(make_user("Dee Deputy"), Role.SCHOOL_LEADER, school=school_a)
    seen_by_head, seen_by_deputy = entry(draft, "A1S1"), entry(draft, "A1S1")
    services.save_strand(deputy, seen_by_deputy, 1, "Deputy's view", "", 1)
    with pytest.raises(services.EditConflict, match="Dee Deputy saved this strand at"):
        services.save_strand(school_leader, seen_by_head, 3, "Head's view", "", 1)
    saved = entry(draft, "A1S1")
    assert (saved.level, saved.narrative, saved.revision) == (1, "Deputy's view", 2)
    services.save_strand(school_leader, saved, 3, "Head's view, having read the deputy's", "", 2)
    assert entry(draft, "A1S1").narrative == "Head's view, having read the deputy's"


def test_submitting_an_incomplete_self_evaluation_lists_what_is_missing(draft, school_leader):
    services.save_strand(school_leader, entry(draft, "A1S1"), 2, "Done", "", 1)
    services.save_strand(school_leader, entry(draft, "A1S2"), None, "No rating yet", "", 1)
    with pytest.raises(ValidationError) as refused:
        services.submit_self_evaluation(school_leader, draft)
    assert refused.value.messages == [
        "A1S2 Strand 1.2 needs a rating",
        "A2S1 Strand 2.1 needs a rating and a narrative",
        "A2S2 Strand 2.2 needs a rating and a narrative",
    ]
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.DRAFT and draft.submitted_at is None
    assert not AuditEvent.objects.filter(action=verbs.SELF_EVALUATION_SUBMITTED).exists()


def test_submitting_a_complete_self_evaluation(draft, school_leader):
    complete(draft, school_leader)
    services.submit_self_evaluation(school_leader, draft)
    draft.refresh_from_db()
    assert draft.status == SelfEvaluation.Status.SUBMITTED
    assert draft.submitted_by == school_leader and draft.submitted_at is not None
    before, after = recorded(AuditEvent.objects.get(action=verbs.SELF_EVALUATION_SUBMITTED))
    assert (before["status"], after["status"]) == ("draft", "submitted")


def test_a_submitted_self_evaluation_cannot_be_submitted_again_or_changed(submitted, school_leader):
    with pytest.raises(ValidationError, match="was submitted on .* can no longer be changed"):
        services.submit_self_evaluation(school_leader, submitted)
    stale = entry(submitted, "A1S1")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.save_strand(school_leader, stale, 4, "Changed later", "", stale.revision)
    assert entry(submitted, "A1S1").level == 2
    assert AuditEvent.objects.filter(action=verbs.SELF_EVALUATION_SUBMITTED).count() == 1


def test_a_stale_page_cannot_save_after_submission(draft, school_leader):
    open_page = entry(draft, "A1S1")
    complete(draft, school_leader)
    services.submit_self_evaluation(school_leader, draft)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.save_strand(school_leader, open_page, 4, "Late", "", open_page.revision)
    assert StrandEvaluation.objects.get(pk=open_page.pk).narrative == "About A1S1"


def test_the_transition_table_allows_only_draft_to_submitted():
    Status = SelfEvaluation.Status
    assert {Status.DRAFT: {Status.SUBMITTED}, Status.SUBMITTED: set()} == services.TRANSITIONS


def test_two_leaders_starting_at_once_get_a_reason_not_a_database_error(
    monkeypatch, draft, school_a, school_leader, framework_version
):
    # The second request checked before the first one's row was written.
    monkeypatch.setattr(selectors, "self_evaluation_in", lambda school, year: None)
    with pytest.raises(ValidationError, match="Ash Primary School already has a self-evaluation"):
        services.start_self_evaluation(school_leader, school_a, THIS_YEAR, framework_version)
    assert SelfEvaluation.objects.count() == 1
    assert StrandEvaluation.objects.count() == 4
