"""The long tables built from live reviews: values, exclusions, latest proposals, context."""

from datetime import date

import pandas as pd
import pytest

from collegium.consistency import data
from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand
from collegium.reviews.models import Judgement, JudgementProposal, Review, TeamMember
from collegium.schools.models import Census, Finance, KeyStage2Result, KeyStage4Result


def propose(review: Review, code: str, member: TeamMember, level: int | None) -> None:
    strand = Strand.objects.get(area__version=review.framework_version, code=code)
    JudgementProposal.objects.create(
        review=review, strand=strand, proposed_by=member, level=level, rationale="Seen in lessons"
    )


@pytest.fixture
def agreed(review: Review) -> Review:
    review.status = Review.Status.AGREED
    review.start_date = date(2025, 11, 10)
    review.save()
    return review


def members(review: Review) -> tuple[TeamMember, TeamMember]:
    return review.team.get(role="lead"), review.team.get(role="peer")


def test_values_are_reversed_so_larger_is_better(agreed):
    lead, peer = members(agreed)
    propose(agreed, "A1S1", lead, 1)
    propose(agreed, "A1S1", peer, 4)
    ratings = data.live_ratings().set_index("rater")
    assert ratings.loc[lead.reviewer_id, "value"] == 4  # 4-level scale: level 1 → 4
    assert ratings.loc[peer.reviewer_id, "value"] == 1
    strand = Strand.objects.get(area__version=agreed.framework_version, code="A1S1")
    assert set(ratings["unit"]) == {f"{agreed.pk}:{strand.pk}"}
    assert set(ratings["area"]) == {"Test framework: A1 Area 1"}
    assert set(ratings["cluster"]) == {"Testtown Cluster"}
    assert set(ratings["term"]) == {"2025/26 autumn"}


def test_only_each_reviewers_latest_proposal_counts(agreed):
    lead, peer = members(agreed)
    propose(agreed, "A1S1", lead, 3)
    propose(agreed, "A1S1", lead, 2)
    propose(agreed, "A1S1", peer, 2)
    ratings = data.live_ratings()
    assert len(ratings) == 2
    assert list(ratings["value"]) == [3, 3]


def test_met_or_not_met_strands_and_missing_levels_are_left_out(agreed):
    lead, peer = members(agreed)
    propose(agreed, "A2S2", lead, 1)  # met / not met
    propose(agreed, "A2S1", peer, None)
    propose(agreed, "A1S2", peer, 2)
    assert list(data.live_ratings()["strand"]) == ["A1S2"]


def test_reviews_not_yet_agreed_are_left_out(review):
    lead, peer = members(review)
    for status in (Review.Status.PLANNING, Review.Status.VISIT, Review.Status.CANCELLED):
        review.status = status
        review.save()
        propose(review, "A1S1", lead, 2)
        assert data.live_ratings().empty
    review.status = Review.Status.CLOSED
    review.save()
    assert len(data.live_ratings()) == 1


def test_ungraded_frameworks_are_left_out(agreed):
    framework = Framework.objects.create(slug="ungraded", name="Ungraded framework")
    version = FrameworkVersion.objects.create(framework=framework, number=1, status="published")
    area = Area.objects.create(version=version, position=1, code="U1", title="Ungraded area")
    Strand.objects.create(area=area, position=1, code="U1S1", title="Ungraded strand")
    agreed.framework_version = version
    agreed.save()
    lead, _ = members(agreed)
    propose(agreed, "U1S1", lead, 1)
    assert data.live_ratings().empty


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (date(2025, 9, 1), "2025/26 autumn"),
        (date(2025, 12, 31), "2025/26 autumn"),
        (date(2026, 1, 5), "2025/26 spring"),
        (date(2026, 3, 31), "2025/26 spring"),
        (date(2026, 4, 20), "2025/26 summer"),
        (date(2026, 8, 31), "2025/26 summer"),
        (date(2009, 10, 1), "2009/10 autumn"),
    ],
)
def test_term_of_a_date(day, term):
    assert data.term_of(day) == term


def test_agreed_judgements_are_values_with_labels(agreed):
    strands = {s.code: s for s in Strand.objects.filter(area__version=agreed.framework_version)}
    for code, level in (("A1S1", 1), ("A2S1", 3), ("A2S2", 2)):
        Judgement.objects.create(review=agreed, strand=strands[code], level=level, rationale="x")
    table = data.agreed_judgements().set_index("strand")
    assert set(table.index) == {"A1S1", "A2S1"}  # A2S2 is met / not met
    assert table.loc["A1S1", "judgement"] == 4
    assert table.loc["A1S1", "label"] == "Leading"
    assert table.loc["A2S1", "judgement"] == 2
    assert table.loc["A2S1", "area"] == "Test framework: A2 Area 2"


def test_judgements_of_reviews_in_their_visit_are_left_out(review):
    review.status = Review.Status.VISIT
    review.save()
    strand = Strand.objects.get(area__version=review.framework_version, code="A1S1")
    Judgement.objects.create(review=review, strand=strand, level=1, rationale="x")
    assert data.agreed_judgements().empty


def test_school_context_uses_the_latest_figures(school_a, school_b, school_c, school_d):
    Census.objects.create(school=school_a, year=2023, pct_fsm_ever=90.0)
    Census.objects.create(
        school=school_a, year=2024, pct_fsm_ever=10.0, pct_sen_support=12.0, pct_ehc_plan=3.0
    )
    Census.objects.create(school=school_b, year=2024, pct_fsm_ever=20.0, pct_sen_support=8.0)
    Census.objects.create(school=school_c, year=2024, pct_fsm_ever=40.0)
    Census.objects.create(school=school_d, year=2024, pct_fsm_ever=30.0)
    Finance.objects.create(school=school_a, year=2024, income_per_pupil=6100)
    for school, progress in ((school_a, 3.0), (school_b, -1.0), (school_d, 1.0)):
        KeyStage2Result.objects.create(
            school=school,
            year=2024,
            reading_progress=progress,
            writing_progress=progress,
            maths_progress=progress + 3,
        )
    KeyStage4Result.objects.create(school=school_c, year=2024, progress_8=0.4)
    context = data.school_context([school_a.urn, school_b.urn, school_c.urn, school_d.urn])
    context = context.set_index("school")
    assert context.loc[school_a.urn, "pct_fsm"] == 10.0  # 2024, not 2023
    # Ranks 1–4 of 4 schools: A 10%, B 20%, D 30%, C 40%; quintile = 1 + ⌊5 × (rank − 1) / 4⌋.
    assert list(context["fsm_quintile"]) == [1, 2, 4, 3]
    assert context.loc[school_a.urn, "sen"] == 15.0  # SEN support plus EHC plans
    assert context.loc[school_b.urn, "sen"] == 8.0
    assert context.loc[school_a.urn, "income_per_pupil"] == 6100
    assert context["income_per_pupil"].isna().sum() == 3
    # KS2: means 4, 0, 2 → standardised 1, -1, 0; KS4 alone: centred on itself.
    assert context.loc[school_a.urn, "value_added"] == pytest.approx(1.0)
    assert context.loc[school_b.urn, "value_added"] == pytest.approx(-1.0)
    assert context.loc[school_d.urn, "value_added"] == pytest.approx(0.0)
    assert context.loc[school_c.urn, "value_added"] == pytest.approx(0.0)


def test_fsm_quintiles_spread_schools_evenly():
    quintiles = data.fsm_quintiles(pd.Series([float(v) for v in range(10)] + [None]))
    assert list(quintiles[:10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert pd.isna(quintiles.iloc[10])


@pytest.mark.django_db
def test_calibration_grades_join_the_severity_ratings(
    framework_version, moderator, reviewer, lead_reviewer
):
    from collegium.calibration.demo import load_demo_calibration
    from collegium.consistency.data import calibration_ratings

    profiles = [reviewer.reviewer_profile, lead_reviewer.reviewer_profile]
    load_demo_calibration(moderator, framework_version, profiles)
    rows = calibration_ratings()
    assert not rows.empty
    assert set(rows["reviewer"]) <= {"Rhys Reviewer", "Lena Lead"}
    assert rows["school"].str.startswith("pack-").all()
    assert set(rows["strand"]) <= {"A1S1", "A1S2", "A2S1"}  # met / not met left out
    assert rows["value"].between(1, 4).all()
