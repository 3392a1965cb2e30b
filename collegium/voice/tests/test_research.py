"""V2 the pupils' research: the school's leaders write it up for a review, the team reads it, and
the report's appendix shows it when the school chooses."""

from datetime import timedelta

from django.urls import reverse

from collegium.reports.models import Report
from collegium.reports.tests.conftest import agree_judgements
from collegium.voice.models import PupilResearch

FOUND = "Younger pupils want more books about people like them"


def _data(review, **more) -> dict[str, str]:
    return {
        "question": "Do pupils enjoy the books in our library?",
        "method": "A survey of 60 pupils and interviews with six readers",
        "findings": FOUND,
        "recommendations": "Buy 40 new books chosen by the school council",
        "presented_on": (review.start_date + timedelta(days=1)).isoformat(),
    } | more


def test_the_leaders_write_it_up_and_the_team_reads_it(
    review, client_for, school_leader, reviewer, governor, outsider, client
):
    url = f"/voice/reviews/{review.pk}/research/edit/"
    assert client_for(reviewer).post(url, _data(review)).status_code == 403
    assert client_for(governor).post(url, _data(review)).status_code == 404
    assert client.post(url, _data(review)).status_code == 302
    assert not PupilResearch.objects.exists()
    leader = client_for(school_leader)
    early = _data(review, presented_on=(review.start_date - timedelta(days=1)).isoformat())
    assert "during the visit or after it" in leader.post(url, early).text
    assert leader.post(url, _data(review, question="")).status_code == 400
    assert not PupilResearch.objects.exists()
    assert leader.post(url, _data(review)).status_code == 302
    page = client_for(reviewer).get(f"/voice/reviews/{review.pk}/research/").text
    assert FOUND in page and "chosen not to show this in the developmental report" in page
    assert client_for(outsider).get(f"/voice/reviews/{review.pk}/research/").status_code == 404


def test_the_report_appendix_shows_it_only_when_the_school_chooses(
    review, client_for, school_leader, lead_reviewer
):
    agree_judgements(review, lead_reviewer)
    report = Report.objects.create(review=review, developmental_report="Well led.", summary="Good.")
    url = f"/voice/reviews/{review.pk}/research/edit/"
    leader = client_for(school_leader)
    assert leader.post(url, _data(review)).status_code == 302
    report_url = reverse("reports:report", args=[report.pk])
    assert "Appendix: the pupils" not in client_for(lead_reviewer).get(report_url).text
    assert leader.post(url, _data(review, in_report="on")).status_code == 302
    page = client_for(lead_reviewer).get(report_url).text
    assert "Appendix: the pupils" in page and FOUND in page
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FINAL)
    refused = leader.post(url, _data(review, findings="Changed"))
    assert refused.status_code == 400 and "report is final" in refused.text
    assert PupilResearch.objects.get().findings == FOUND
