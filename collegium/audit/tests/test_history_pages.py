"""A history page a page of 50 events at a time, the newest first, in the same number of
queries however many events the object has."""

import pytest

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change
from collegium.reviews.models import EvidenceNote
from tests.pages import first_two_pages, query_count

PER_PAGE = 50


def school_url(school) -> str:
    return f"/history/schools.school/{school.urn}/"


def review_url(review) -> str:
    return f"/history/reviews.review/{review.pk}/"


def change_trust(school, count: int) -> None:
    """`count` changes of the school's trust name, numbered in the order they were made."""
    start = AuditEvent.objects.filter(object_type="schools.school").count()
    for n in range(start, start + count):
        before, after = {"trust_name": f"Trust {n - 1:03}"}, {"trust_name": f"Trust {n:03}"}
        record_change(None, verbs.SCHOOL_DETAILS_CHANGED, school, before, after)


def add_notes(review, count: int) -> None:
    """`count` evidence notes, each recorded with its text, a confidential field."""
    author = review.team.get(role="lead")
    for n in range(count):
        note = EvidenceNote.objects.create(review=review, author=author, text=f"Note {n}")
        record_change(None, verbs.EVIDENCE_RECORDED, note, None, {"text": f"Note {n}"})


def test_the_history_is_shown_a_page_at_a_time_newest_first(client_for, school_a, school_leader):
    change_trust(school_a, PER_PAGE + 5)
    client = client_for(school_leader)
    first, second = first_two_pages(
        client, school_url(school_a), "recorded changes, newest first", PER_PAGE + 5, PER_PAGE
    )
    assert "→ Trust 054" in first and "→ Trust 005" in first and "→ Trust 004" not in first
    assert first.index("→ Trust 054") < first.index("→ Trust 053")
    assert "→ Trust 004" in second and "→ Trust 000" in second and "→ Trust 005" not in second
    assert client.get(school_url(school_a), {"page": "last"}).status_code == 200


def test_queries_do_not_grow_with_the_events(
    client_for, school_a, school_leader, django_assert_max_num_queries
):
    client = client_for(school_leader)
    change_trust(school_a, 5)
    few = query_count(client, school_url(school_a))
    change_trust(school_a, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Trust" in client.get(school_url(school_a)).text


@pytest.mark.parametrize("persona", ["moderator", "lead_reviewer", "school_leader"])
def test_queries_do_not_grow_with_confidential_entries(
    client_for, request, persona, review, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(persona))
    add_notes(review, 5)
    few = query_count(client, review_url(review))
    add_notes(review, 3 * PER_PAGE)
    with django_assert_max_num_queries(few):
        assert "Evidence recorded" in client.get(review_url(review)).text


def test_others_are_refused_every_page(client_for, school_a, outsider, governor):
    change_trust(school_a, PER_PAGE + 5)
    for person in (outsider, governor):
        assert client_for(person).get(school_url(school_a), {"page": 2}).status_code == 403
    response = client_for(None).get(school_url(school_a), {"page": 2})
    assert response.status_code == 302 and "sign-in" in response["Location"]
