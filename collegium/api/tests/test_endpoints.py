"""The endpoints: reads scoped like their pages, writes through the pages' services with the same
revision rules, refusals as problem details (read-only token, another school's review, a stale
revision), pagination and filters."""

from datetime import timedelta
from typing import Any

import pytest

from collegium.api.models import ApiToken
from collegium.api.tests.helpers import call, is_problem, publish, start_visit, token_for
from collegium.frameworks.models import Strand
from collegium.improvement.models import ActionPlan
from collegium.people.models import Role
from collegium.reviews.models import EvidenceNote, Judgement, Review
from collegium.reviews.services.evidence import record_evidence
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from conftest import grant, make_school, make_user


def _strand(review: Review) -> Any:
    return Strand.objects.filter(area__version=review.framework_version).first()


def _note_body(review: Review, text: str = "Phonics is taught daily") -> dict:
    return {"text": text, "strands": [_strand(review).pk]}


def test_public_reads_need_no_token(review, school_a):
    publish(review)
    assert call("get", "/api/v1/summaries").json()["count"] == 1
    school = call("get", f"/api/v1/schools/{school_a.urn}").json()
    assert school["context"]["published_summaries"] == [review.pk]
    assert call("get", "/api/v1/frameworks").json()["items"][0]["framework"] == "test-framework"
    assert is_problem(call("get", "/api/v1/summaries/999999"), 404)


def test_summaries_filter_by_school_and_date(review, school_b):
    published = publish(review)
    assert published.published_at is not None
    day = published.published_at.date()
    found = call("get", f"/api/v1/summaries?since={day}&until={day}").json()
    assert [s["id"] for s in found["items"]] == [review.pk]
    assert call("get", f"/api/v1/summaries?school={school_b.urn}").json()["count"] == 0
    assert call("get", f"/api/v1/summaries?since={day + timedelta(1)}").json()["count"] == 0
    assert is_problem(call("get", "/api/v1/summaries?since=yesterday"), 400)


def test_lists_are_paged(db, la):
    for urn in range(100001, 100061):
        make_school(la, urn, f"School {urn}")
    first = call("get", "/api/v1/schools").json()
    second = call("get", "/api/v1/schools?page=2").json()
    assert first["count"] == 60 and len(first["items"]) == 50 and len(second["items"]) == 10


def test_reviews_are_those_the_person_may_see(review, school_leader, outsider, school_d):
    mine = token_for(school_leader)

    def counted(query: str, secret: str = mine) -> int:
        return call("get", f"/api/v1/reviews{query}", secret).json()["count"]

    assert counted("") == 1 and counted("", token_for(outsider)) == 0
    assert counted(f"?school={review.school_id}") == 1
    assert counted(f"?school={school_d.urn}") == 0
    assert counted(f"?since={review.start_date}&until={review.start_date}") == 1
    assert counted(f"?since={review.start_date + timedelta(1)}") == 0


def test_another_schools_review_is_not_found(review, school_b):
    other_leader = grant(make_user("Omar Other"), Role.SCHOOL_LEADER, school=school_b)
    secret = token_for(other_leader)
    for path in ("", "/judgements", "/evidence"):
        assert is_problem(call("get", f"/api/v1/reviews/{review.pk}{path}", secret), 404)
    refused = call("post", f"/api/v1/reviews/{review.pk}/evidence", secret, _note_body(review))
    assert is_problem(refused, 404) and not EvidenceNote.objects.exists()


def test_judgements_are_read_by_those_who_see_the_review(review, school_leader, lead_reviewer):
    strand = _strand(review)
    Judgement.objects.create(
        review=review, strand=strand, level=2, rationale="Secure", agreed_by=lead_reviewer
    )
    read = call("get", f"/api/v1/reviews/{review.pk}/judgements", token_for(school_leader)).json()
    assert read == [
        {
            "strand": {"id": strand.pk, "code": strand.code, "title": strand.title},
            "level": 2,
            "level_label": "Effective",
            "rationale": "Secure",
            "agreed_at": read[0]["agreed_at"],
        }
    ]


def test_a_read_only_token_cannot_write(review, reviewer):
    start_visit(review)
    secret = token_for(reviewer, ApiToken.Scope.READ)
    refused = call("post", f"/api/v1/reviews/{review.pk}/evidence", secret, _note_body(review))
    assert is_problem(refused, 403) and not EvidenceNote.objects.exists()
    assert call("get", f"/api/v1/reviews/{review.pk}/evidence", secret).status_code == 200


def test_the_school_may_not_record_evidence(review, school_leader):
    start_visit(review)
    refused = call(
        "post",
        f"/api/v1/reviews/{review.pk}/evidence",
        token_for(school_leader),
        _note_body(review),
    )
    assert is_problem(refused, 403)


def test_evidence_keeps_the_pages_rules(review, reviewer):
    secret = token_for(reviewer)
    path = f"/api/v1/reviews/{review.pk}/evidence"
    early = call("post", path, secret, _note_body(review))
    assert is_problem(early, 400)
    assert early.json()["detail"] == "Evidence can be recorded once the visit has started"
    start_visit(review)
    made = call("post", path, secret, _note_body(review) | {"client_key": "k1"})
    again = call("post", path, secret, _note_body(review) | {"client_key": "k1"})
    assert made.status_code == 201 and again.json()["id"] == made.json()["id"]
    assert is_problem(call("post", path, secret, {"text": "No strands"}), 400)


def test_a_stale_change_is_a_conflict(review, reviewer):
    start_visit(review)
    place = review.team.get(reviewer__user=reviewer)
    note = record_evidence(reviewer, review, place, "First", [_strand(review).pk])
    secret = token_for(reviewer)
    path = f"/api/v1/reviews/{review.pk}/evidence/{note.pk}"
    body = _note_body(review, "Second") | {"base_revision": 1}
    changed = call("put", path, secret, body)
    assert changed.status_code == 200 and changed.json()["revision"] == 2
    stale = call("put", path, secret, _note_body(review, "Third") | {"base_revision": 1})
    assert is_problem(stale, 409) and "after you opened it" in stale.json()["detail"]
    assert EvidenceNote.objects.get().text == "Second"


def test_someone_elses_note_cannot_be_changed(review, reviewer, lead_reviewer):
    start_visit(review)
    place = review.team.get(reviewer__user=reviewer)
    note = record_evidence(reviewer, review, place, "Mine", [_strand(review).pk])
    path = f"/api/v1/reviews/{review.pk}/evidence/{note.pk}"
    refused = call("put", path, token_for(lead_reviewer), _note_body(review) | {"base_revision": 1})
    assert is_problem(refused, 400) and EvidenceNote.objects.get().text == "Mine"


@pytest.fixture
def self_evaluation(school_a, framework_version, school_leader) -> SelfEvaluation:
    from collegium.people.dates import current_academic_year
    from collegium.selfevaluation.services import start_self_evaluation

    return start_self_evaluation(
        school_leader, school_a, current_academic_year(), framework_version
    )


def test_self_evaluation_answers_are_saved_with_their_revision(
    self_evaluation, school_leader, governor
):
    entry = self_evaluation.strands.first()
    path = f"/api/v1/self-evaluations/{self_evaluation.school_id}/{self_evaluation.academic_year}"
    answer = f"{path}/strands/{entry.strand_id}"
    body = {"level": 2, "narrative": "Reading is strong", "evidence": "", "revision": 1}
    saved = call("put", answer, token_for(school_leader), body)
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    stale = call("put", answer, token_for(school_leader), body | {"narrative": "Other"})
    assert is_problem(stale, 409)
    assert is_problem(call("put", answer, token_for(governor), body | {"revision": 2}), 403)
    read = call("get", path, token_for(governor)).json()
    assert read["strands"][0]["narrative"] == "Reading is strong"
    assert StrandEvaluation.objects.get(pk=entry.pk).narrative == "Reading is strong"


def test_plans_and_support_for_those_allowed(review, school_leader, outsider, coordinator):
    strand = _strand(review)
    plan = ActionPlan.objects.create(review=review, priority_strand=strand, priority="Writing")
    assert (
        call("get", f"/api/v1/plans/{plan.pk}", token_for(school_leader)).json()["priority"]
        == "Writing"
    )
    assert call("get", "/api/v1/plans", token_for(coordinator)).json()["count"] == 1
    assert call("get", "/api/v1/plans", token_for(outsider)).json()["count"] == 0
    assert is_problem(call("get", f"/api/v1/plans/{plan.pk}", token_for(outsider)), 404)
    assert is_problem(call("get", "/api/v1/support-requests/1", token_for(outsider)), 404)


def test_an_id_too_long_for_the_database_is_not_found(moderator):
    secret = token_for(moderator)
    for path in ("reviews", "plans", "clusters", "support-requests"):
        assert is_problem(call("get", f"/api/v1/{path}/{'9' * 20}", secret), 404)
