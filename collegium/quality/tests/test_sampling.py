"""The sample: each reason a review is always picked, the random share, the pool and one draw a
term."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.dates import current_academic_year
from collegium.quality.models import ModerationSample, NetworkModerationSettings, SampledReview
from collegium.quality.sampling import draw_sample, random_pick
from collegium.quality.terms import Term, parse_term, term_of
from collegium.reviews.models import Concern, Judgement, JudgementProposal, Review, TeamMember
from collegium.schools.models import KeyStage2Result, KeyStage4Result
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation

from .conftest import agree, review_of, seasoned_lead, strands_of

Reason = SampledReview.Reason


def share(percent: int) -> None:
    NetworkModerationSettings.objects.create(pk=1, random_share=percent)


def reasons_of(review: Review, moderator) -> list[str]:
    sample = draw_sample(moderator, term_of(review.start_date), seed=1)
    pick = sample.picks.filter(review=review).first()
    return pick.reasons if pick else []


def self_evaluate(review: Review, levels: dict[str, int]) -> None:
    evaluation = SelfEvaluation.objects.create(
        school=review.school,
        academic_year=current_academic_year(review.start_date),
        framework_version=review.framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
    )
    strands = strands_of(review)
    for code, level in levels.items():
        StrandEvaluation.objects.create(
            self_evaluation=evaluation, strand=strands[code], level=level
        )


def test_a_review_led_by_a_newly_accredited_lead_is_always_picked(agreed_review, moderator):
    share(0)
    assert reasons_of(agreed_review, moderator) == [Reason.NEW_LEAD]


def test_a_review_with_no_reason_is_left_out_when_the_share_is_zero(settled_review, moderator):
    share(0)
    assert reasons_of(settled_review, moderator) == []


def test_judgements_far_from_the_self_evaluation_are_picked(settled_review, moderator):
    share(0)  # agreed 1, 2, 2, met; the school said 2, 3, 3, met: a mean gap of 0.75
    self_evaluate(settled_review, {"A1S1": 2, "A1S2": 3, "A2S1": 3, "A2S2": 1})
    assert reasons_of(settled_review, moderator) == []
    ModerationSample.objects.all().delete()
    StrandEvaluation.objects.filter(strand__code="A2S2").update(level=2)  # a gap of 1.0
    assert reasons_of(settled_review, moderator) == [Reason.SELF_EVALUATION]


@pytest.mark.parametrize(
    ("progress_8", "picked"), [(-0.8, True), (-0.3, False), (0.2, False), (0.9, False)]
)
def test_judgements_far_from_progress_8_are_picked(settled_review, moderator, progress_8, picked):
    share(0)  # the scaled strands agreed 1, 2, 2: a mean of 1.67; -0.8 suggests level 4
    year = current_academic_year(settled_review.start_date)
    KeyStage4Result.objects.create(school=settled_review.school, year=year, progress_8=progress_8)
    KeyStage4Result.objects.create(school=settled_review.school, year=year + 1, progress_8=5.0)
    expected = [Reason.CONTEXT] if picked else []
    assert reasons_of(settled_review, moderator) == expected


def test_key_stage_2_progress_is_used_without_progress_8(settled_review, moderator, school_a):
    share(0)
    year = current_academic_year(settled_review.start_date)
    KeyStage2Result.objects.create(
        school=school_a, year=year, reading_progress=-3, writing_progress=-2.5, maths_progress=None
    )
    assert reasons_of(settled_review, moderator) == [Reason.CONTEXT]


def test_a_review_with_a_concern_is_picked(settled_review, moderator, school_leader):
    share(0)
    Concern.objects.create(review=settled_review, raised_by=school_leader, text="Rushed visit.")
    assert reasons_of(settled_review, moderator) == [Reason.CONCERN]


def test_every_reason_is_recorded(agreed_review, moderator, school_leader):
    share(0)
    Concern.objects.create(review=agreed_review, raised_by=school_leader, text="Rushed visit.")
    self_evaluate(agreed_review, {"A1S1": 3, "A1S2": 4})
    assert reasons_of(agreed_review, moderator) == [
        Reason.NEW_LEAD,
        Reason.SELF_EVALUATION,
        Reason.CONCERN,
    ]


def test_the_random_share_is_drawn_from_the_rest(settled_review, moderator, school_b, school_c):
    share(50)
    lead = settled_review.team.get(role="lead").reviewer
    start = settled_review.start_date
    others = [
        agree(review_of(school, settled_review.framework_version, lead, start))
        for school in (school_b, school_c, school_b)
    ]
    sample = draw_sample(moderator, term_of(start), seed=7)
    picks = list(sample.picks.all())
    assert len(picks) == 2  # half of 4, rounded
    assert all(pick.reasons == [Reason.RANDOM] for pick in picks)
    rest = sorted([settled_review, *others], key=lambda r: int(r.pk))
    assert {p.review for p in picks} == set(random_pick(rest, 50, seed=7))
    assert sample.seed == 7 and sample.random_share == 50


def test_random_pick_is_repeatable_with_a_seed():
    items = list(range(40))
    assert random_pick(items, 10, seed=3) == random_pick(items, 10, seed=3)
    assert len(random_pick(items, 10, seed=3)) == 4
    assert random_pick(items, 0, seed=3) == []
    assert sorted(random_pick(items, 100, seed=3)) == items


def test_only_reviews_with_agreed_judgements_in_the_term_are_in_the_pool(agreed_review, moderator):
    share(100)
    lead = seasoned_lead(agreed_review.school)
    version = agreed_review.framework_version
    in_visit = review_of(agreed_review.school, version, lead, agreed_review.start_date)
    in_visit.status = Review.Status.VISIT
    in_visit.save()
    next_term = agree(
        review_of(
            agreed_review.school,
            version,
            lead,
            term_of(agreed_review.start_date).last_day + timedelta(days=3),
        )
    )
    sample = draw_sample(moderator, term_of(agreed_review.start_date))
    assert [pick.review for pick in sample.picks.all()] == [agreed_review]
    assert next_term.start_date > term_of(agreed_review.start_date).last_day


def test_a_term_is_drawn_once(agreed_review, moderator):
    term = term_of(agreed_review.start_date)
    draw_sample(moderator, term)
    with pytest.raises(ValidationError, match="has already been drawn"):
        draw_sample(moderator, term)
    assert ModerationSample.objects.count() == 1 and SampledReview.objects.count() == 1


def test_drawing_is_audited_with_the_reasons(agreed_review, moderator):
    sample = draw_sample(moderator, term_of(agreed_review.start_date))
    event = AuditEvent.objects.get(action=verbs.MODERATION_SAMPLE_DRAWN)
    assert event.actor == moderator
    assert (event.after or {})["reviews"] == {str(agreed_review.pk): [Reason.NEW_LEAD]}
    assert event.object_id == str(sample.pk)


def test_only_a_moderator_draws(agreed_review, client_for, network_admin, coordinator):
    draw = reverse("quality:draw", args=[term_of(agreed_review.start_date).key])
    for person in (network_admin, coordinator):
        assert client_for(person).post(draw).status_code == 403
    assert not ModerationSample.objects.exists()


def test_terms_are_autumn_spring_and_summer_of_the_academic_year():
    from datetime import date

    assert term_of(date(2026, 9, 1)) == Term(2026, "autumn")
    assert term_of(date(2027, 3, 31)) == Term(2026, "spring")
    assert term_of(date(2027, 4, 1)) == Term(2026, "summer")
    assert term_of(date(2027, 8, 31)).label == "Summer term 2026/27"
    assert parse_term("2026-spring") == Term(2026, "spring")
    assert parse_term("2026-winter") is None and parse_term("x-autumn") is None


def test_a_strand_agreed_without_a_peer_proposal_is_picked(settled_review, moderator):
    share(0)
    peer_proposals = JudgementProposal.objects.filter(
        review=settled_review, strand__code="A1S2", proposed_by__role=TeamMember.Role.PEER
    )
    peer_proposals.delete()
    lead = settled_review.team.get(role=TeamMember.Role.LEAD)
    JudgementProposal.objects.create(  # the lead's own proposal is not a peer's
        review=settled_review,
        strand=strands_of(settled_review)["A1S2"],
        proposed_by=lead,
        level=2,
        rationale="Mine.",
    )
    Judgement.objects.filter(review=settled_review, strand__code="A1S2").update(
        no_peer_reason="Our peer reviewer was ill on the second day."
    )
    assert reasons_of(settled_review, moderator) == [Reason.NO_PEER_PROPOSAL]
    pick = SampledReview.objects.get(review=settled_review)
    assert pick.reason_labels == ["A strand agreed without a peer's proposal"]


def test_peer_proposals_on_every_strand_give_no_such_reason(settled_review, moderator):
    share(0)
    assert reasons_of(settled_review, moderator) == []
