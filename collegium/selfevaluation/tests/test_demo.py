"""The demo loader fills every strand through the services."""

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import ScaleLevel
from collegium.selfevaluation import selectors
from collegium.selfevaluation.demo import load_demo_self_evaluation
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.tests.conftest import THIS_YEAR


def test_a_demo_self_evaluation_is_complete_and_submitted(
    school_a, school_leader, framework_version
):
    loaded = load_demo_self_evaluation(school_a, school_leader, framework_version, THIS_YEAR)
    assert loaded.status == SelfEvaluation.Status.SUBMITTED
    rows = selectors.overview(loaded).rows
    assert all(row.complete for row in rows)
    assert {row.rating for row in rows} <= {"Leading", "Effective", "Working towards", "Met"}
    assert AuditEvent.objects.filter(action=verbs.STRAND_EVALUATION_SAVED).count() == len(rows)


def test_earlier_years_and_drafts_can_be_loaded(school_a, school_leader, framework_version):
    earlier = load_demo_self_evaluation(school_a, school_leader, framework_version, THIS_YEAR - 1)
    draft = load_demo_self_evaluation(
        school_a, school_leader, framework_version, THIS_YEAR, submit=False
    )
    assert earlier.is_submitted and draft.status == SelfEvaluation.Status.DRAFT
    assert not selectors.overview(draft).incomplete


def test_enquiry_and_five_point_frameworks_are_filled_too(
    school_a, school_leader, enquiry_version, framework_version
):
    enquiry = load_demo_self_evaluation(school_a, school_leader, enquiry_version, THIS_YEAR)
    levels = {e.strand.code: e.level for e in enquiry.strands.select_related("strand")}
    assert levels == {"E1S1": None, "E1S2": 1}
    ScaleLevel.objects.create(version=framework_version, position=5, label="Inadequate")
    graded = load_demo_self_evaluation(school_a, school_leader, framework_version, THIS_YEAR - 1)
    assert graded.is_submitted
