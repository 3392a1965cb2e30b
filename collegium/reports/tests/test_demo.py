import pytest

from collegium.reports.demo import RIGHT_ROLL, WRONG_ROLL, load_demo_report
from collegium.reports.models import AccuracyComment, Report


@pytest.mark.parametrize("up_to", [s.value for s in Report.Status])
def test_the_demo_report_stops_where_asked(agreed_review, lead_reviewer, school_leader, up_to):
    report = load_demo_report(agreed_review, lead_reviewer, school_leader, up_to)
    assert report.status == up_to
    assert report.summary and report.developmental_report


def test_the_demo_refuses_an_unknown_status(agreed_review, lead_reviewer, school_leader):
    with pytest.raises(ValueError):
        load_demo_report(agreed_review, lead_reviewer, school_leader, "moderated")


def test_the_demo_report_in_its_check_has_a_point_waiting_for_an_answer(
    agreed_review, lead_reviewer, school_leader
):
    report = load_demo_report(agreed_review, lead_reviewer, school_leader, "accuracy_check")
    assert report.school_has_responded
    assert [c.is_answered for c in report.accuracy_comments.all()] == [False]


def test_the_final_demo_report_answered_one_point_corrected_and_one_not(
    agreed_review, lead_reviewer, school_leader
):
    report = load_demo_report(agreed_review, lead_reviewer, school_leader, "final")
    outcomes = [c.outcome for c in report.accuracy_comments.all()]
    assert outcomes == [AccuracyComment.Outcome.CORRECTED, AccuracyComment.Outcome.NOT_CORRECTED]
    assert RIGHT_ROLL in report.developmental_report
    assert WRONG_ROLL not in report.developmental_report
