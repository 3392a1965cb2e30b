"""The review's pages make the same number of queries whatever they show: a review with three
times the team, strands, notes, proposals and judgements costs no more queries to read. People
off the team are still refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collegium.frameworks.models import Area, Strand
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import agree_judgement, propose_judgement
from conftest import make_user
from tests.pages import query_count

PAGES = ("reviews:detail", "reviews:evidence", "reviews:judgements")
SHOWN = {  # the last of the 4 + 2 + 4 strands added, on each page
    "reviews:detail": "Peer 9",
    "reviews:evidence": "Seen in lesson 9",
    "reviews:judgements": "Extra 9",
}


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def grow(review: Review, lead, count: int) -> None:
    """Add `count` peers, strands, and for each strand a note, a proposal and a judgement."""
    area = Area.objects.get(version=review.framework_version, code="A1")
    for n in range(Strand.objects.count(), Strand.objects.count() + count):
        user = make_user(f"Peer {n}")
        profile = ReviewerProfile.objects.create(
            user=user, home_school=review.school, job_title="Teacher", years_in_senior_leadership=3
        )
        member = TeamMember.objects.create(review=review, reviewer=profile)
        strand = Strand.objects.create(area=area, position=10 + n, code=f"X{n}", title=f"Extra {n}")
        note = record_evidence(user, review, member, f"Seen in lesson {n}", [strand.pk])
        propose_judgement(user, review, member, strand, 2, "Consistent practice", [note.pk])
        agree_judgement(lead, review, strand, 2, "Agreed", [note.pk])


@pytest.mark.parametrize("name", PAGES)
def test_a_page_makes_as_many_queries_for_three_times_the_rows(
    client_for, lead_reviewer, visit, name, django_assert_max_num_queries
):
    client = client_for(lead_reviewer)
    url = reverse(name, args=[visit.pk])
    grow(visit, lead_reviewer, 2)
    few = query_count(client, url)
    grow(visit, lead_reviewer, 4)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    assert SHOWN[name] in response.text


def test_team_membership_is_read_once_a_page(client_for, reviewer, visit):
    url = reverse("reviews:judgements", args=[visit.pk])
    client = client_for(reviewer)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    team_reads = [q for q in captured.captured_queries if '"reviews_teammember"' in q["sql"]]
    assert len(team_reads) <= 2  # the person's place, and the proposers' names


@pytest.mark.parametrize("name", PAGES)
def test_people_off_the_team_are_refused(client_for, outsider, governor, visit, name):
    url = reverse(name, args=[visit.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(governor).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
