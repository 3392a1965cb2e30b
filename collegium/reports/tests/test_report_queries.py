"""The report page makes the same number of queries however much the review holds: three times
the team, strands, evidence and agreed judgements cost no more queries to read. People who may
not read it are still refused."""

from django.urls import reverse

from collegium.frameworks.models import Area, Strand
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import EvidenceNote, Judgement, Review, TeamMember
from conftest import make_user
from tests.pages import query_count


def grow(review: Review, lead_user, count: int) -> None:
    """Add `count` team members and strands, each strand with a note and an agreed judgement."""
    area = Area.objects.get(version=review.framework_version, code="A1")
    for n in range(Strand.objects.count(), Strand.objects.count() + count):
        profile = ReviewerProfile.objects.create(
            user=make_user(f"Peer {n}"),
            home_school=review.school,
            job_title="Teacher",
            years_in_senior_leadership=3,
        )
        member = TeamMember.objects.create(review=review, reviewer=profile)
        strand = Strand.objects.create(area=area, position=10 + n, code=f"X{n}", title=f"Extra {n}")
        note = EvidenceNote.objects.create(review=review, author=member, text=f"Seen {n}")
        note.strands.set([strand])
        judgement = Judgement.objects.create(
            review=review, strand=strand, level=2, rationale=f"Agreed {n}", agreed_by=lead_user
        )
        judgement.evidence.set([note])


def test_the_report_makes_as_many_queries_for_three_times_the_rows(
    client_for, lead_reviewer, report, django_assert_max_num_queries
):
    client = client_for(lead_reviewer)
    url = reverse("reports:report", args=[report.pk])
    grow(report.review, lead_reviewer, 2)
    few = query_count(client, url)
    grow(report.review, lead_reviewer, 6)
    client.get(url)  # the first read after a change may refresh what is kept for the revision
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Extra 9" in text


def test_people_who_may_not_read_it_are_refused(client_for, outsider, report):
    url = reverse("reports:report", args=[report.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
