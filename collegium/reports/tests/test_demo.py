import pytest

from collegium.reports.demo import load_demo_report
from collegium.reports.models import Report


@pytest.mark.parametrize("up_to", [s.value for s in Report.Status])
def test_the_demo_report_stops_where_asked(agreed_review, lead_reviewer, school_leader, up_to):
    report = load_demo_report(agreed_review, lead_reviewer, school_leader, up_to)
    assert report.status == up_to
    assert report.summary and report.developmental_report


def test_the_demo_refuses_an_unknown_status(agreed_review, lead_reviewer, school_leader):
    with pytest.raises(ValueError):
        load_demo_report(agreed_review, lead_reviewer, school_leader, "moderated")
