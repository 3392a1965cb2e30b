"""The confidential report's page and PDF link: who may read it, and what they see."""

import pytest
from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.people.dates import current_academic_year
from collegium.reports.models import Report
from collegium.reports.sharing import share_report
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation


def url(report: Report) -> str:
    return reverse("reports:report", args=[report.pk])


def test_the_lead_reads_the_draft_with_judgements_beside_the_self_evaluation(
    report, lead_reviewer, client_for
):
    response = client_for(lead_reviewer).get(url(report))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Report on Ash Primary School",
        "Reading in key stage 1",  # the focus
        "Rhys Reviewer",  # the team
        "Leading",  # A1S1's agreed level
        "Working towards",  # A2S1's
        "Met",  # A2S2 is judged met / not met
        "Agreed rationale for A1S1.",
        "Make sure pupils who fall behind in reading catch up quickly.",
        "Early reading is taught consistently.",
        "The school knows itself well.",
        "Edit the draft",
        "<svg",
    ):
        assert text in page, text
    assert "Send for a factual accuracy check" in page


def test_evidence_counts_per_strand_are_shown(report, lead_reviewer, client_for):
    page = client_for(lead_reviewer).get(url(report)).content.decode()
    counts = [
        part.split("</dd>")[0].split(">")[-1].strip()
        for part in page.split("Evidence notes</dt>")[1:]
    ]
    assert counts == ["2", "1", "0", "0"]


def test_the_chart_is_drawn_once_and_reused(report, lead_reviewer, client_for):
    client = client_for(lead_reviewer)
    client.get(url(report))
    report.refresh_from_db()
    key, svg = report.chart_key, report.chart_svg
    assert svg.startswith("<svg") and "<text" in svg  # text kept as text
    Report.objects.filter(pk=report.pk).update(chart_svg="<svg>stored</svg>")
    assert "<svg>stored</svg>" in client.get(url(report)).content.decode()
    report.refresh_from_db()
    assert report.chart_key == key


def test_the_school_does_not_see_the_draft_text(report, school_leader, client_for):
    response = client_for(school_leader).get(url(report))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The lead reviewer is writing the report" in page
    assert "The school knows itself well." not in page
    assert "Edit the draft" not in page
    pdf = client_for(school_leader).get(reverse("reports:pdf", args=[report.pk]))
    assert pdf.status_code == 404


def test_the_school_sees_the_days_left_to_check(sent, school_leader, client_for):
    page = client_for(school_leader).get(url(sent)).content.decode()
    assert "due by 21 December 2026" in page and "working days left" in page
    assert "The school knows itself well." in page
    assert "Complete the factual accuracy check" in page


@pytest.mark.parametrize("persona", ["outsider", "governor", "coordinator", "moderator"])
def test_people_the_school_has_not_allowed_are_told_it_does_not_exist(
    sent, persona, request, client_for
):
    response = client_for(request.getfixturevalue(persona)).get(url(sent))
    assert response.status_code == 404
    pdf = client_for(request.getfixturevalue(persona)).get(reverse("reports:pdf", args=[sent.pk]))
    assert pdf.status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(sent, client_for):
    response = client_for(None).get(url(sent))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_coordinator_reads_once_shared_but_an_outsider_still_may_not(
    sent, school_leader, coordinator, outsider, client_for
):
    share_report(school_leader, sent, [Report.Audience.COORDINATOR], [])
    assert client_for(coordinator).get(url(sent)).status_code == 200
    assert client_for(outsider).get(url(sent)).status_code == 404


def test_a_governor_reads_once_the_head_allows_governors(sent, school_leader, governor, client_for):
    share_report(school_leader, sent, [Report.Audience.GOVERNORS], [])
    page = client_for(governor).get(url(sent)).content.decode()
    assert "The school knows itself well." in page
    assert "Complete the factual accuracy check" not in page


def test_a_missing_report_is_not_found(lead_reviewer, client_for, db):
    assert client_for(lead_reviewer).get(reverse("reports:report", args=[999])).status_code == 404


def test_the_school_self_evaluation_shows_beside_the_judgements(
    report, school_leader, lead_reviewer, client_for
):
    review = report.review
    self_evaluation = SelfEvaluation.objects.create(
        school=review.school,
        academic_year=current_academic_year(review.start_date),
        framework_version=review.framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
        submitted_by=school_leader,
    )
    strand = Strand.objects.get(area__version=review.framework_version, code="A1S1")
    StrandEvaluation.objects.create(
        self_evaluation=self_evaluation,
        strand=strand,
        level=2,
        narrative="We judge our phonics effective.",
    )
    page = client_for(lead_reviewer).get(url(report)).content.decode()
    row = page.split("A1S1 Strand 1.1</h4>")[1].split("</dl>")[0]
    assert "Leading" in row and "Effective" in row and "We judge our phonics effective." in row
