"""The impact page: the change in the school's published figures since its review, against the
change over the same years at similar schools outside the network (known numbers)."""

from datetime import date

import pytest

from collegium.clusters.models import Cluster, Membership
from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors.figures import FIGURES
from collegium.improvement.selectors.impact import (
    baseline_year,
    comparison_schools,
    describe,
    figure_change,
    plan_impact,
)
from collegium.improvement.tests.conftest import make_plan
from collegium.reviews.models import Review
from collegium.schools.models import Absence, Census, KeyStage2Result, School
from conftest import make_school

OUTSIDE_CHANGES = (1, 2, 3, 4, 5, 6)  # median 3.5, quartiles 2.25 and 4.75


def census(school: School, pupils: int, fsm: float, sen: float) -> None:
    Census.objects.create(
        school=school, year=2024, pupils=pupils, pct_fsm_ever=fsm, pct_sen_support=sen
    )


def ks2(school: School, values: dict[int, float]) -> None:
    for year, value in values.items():
        KeyStage2Result.objects.create(school=school, year=year, pct_expected_standard=value)


MARCH_REVIEW = date(2024, 3, 4)  # in the academic year 2023/24: measured from 2022/23 (2023)
Y = 2023


def review_on(review: Review, start: date) -> None:
    Review.objects.filter(pk=review.pk).update(start_date=start)
    review.refresh_from_db()


@pytest.fixture
def impact_plan(agreed_review, school_leader, school_b, la) -> ActionPlan:
    """Ash's review is in March 2024, so figures are compared from data year Y = 2023 (the
    academic year 2022/23, the last to end before the review). Ash went 62 → 70 from Y to Y+1;
    six similar schools outside the network rose by 1 to 6; Beech, in the network, rose by 40
    and must not count."""
    review_on(agreed_review, MARCH_REVIEW)
    y = Y
    school_a = agreed_review.school
    census(school_a, 230, 27.0, 12.0)
    ks2(school_a, {y - 1: 60.0, y: 62.0, y + 1: 70.0})
    Absence.objects.create(school=school_a, year=y, pct_overall=5.0)
    census(school_b, 231, 27.0, 12.0)
    ks2(school_b, {y: 20.0, y + 1: 60.0})
    for n, change in enumerate(OUTSIDE_CHANGES):
        other = make_school(la, 910000 + n, f"Outside School {n}")
        census(other, 220 + n, 25.0 + n, 11.0)
        ks2(other, {y: 50.0, y + 1: 50.0 + change})
    far = make_school(la, 920000, "Missing Year School")
    census(far, 225, 26.0, 12.0)
    ks2(far, {y + 1: 90.0})  # no figure for year Y: not counted
    return make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)


def url(plan: ActionPlan) -> str:
    return f"/improvement/plans/{plan.pk}/impact/"


def test_neighbours_are_similar_schools_outside_the_network(impact_plan, school_b):
    names = {n.school.name for n in comparison_schools(impact_plan.review.school)}
    assert school_b.name not in names
    assert impact_plan.review.school.name not in names
    assert len(names) == 7


def test_the_change_is_compared_over_the_same_years(impact_plan):
    impact = plan_impact(impact_plan)
    y = impact.baseline_year
    assert y == Y
    figures = {item.figure.field: item for item in impact.figures}
    assert set(figures) == {"pct_expected_standard", "pct_overall"}  # those with data only
    expected = figures["pct_expected_standard"].comparison
    assert expected is not None
    assert (expected.start_year, expected.end_year) == (y, y + 1)
    assert expected.school_change == 8.0
    assert expected.neighbours_counted == 6
    assert expected.neighbours_median == 3.5
    assert (expected.neighbours_lower_quartile, expected.neighbours_upper_quartile) == (2.25, 4.75)
    assert expected.difference == 4.5
    assert figures["pct_expected_standard"].better is True
    absence = figures["pct_overall"]
    assert absence.comparison is None
    assert "since the review" in absence.missing


def test_the_comparison_in_words(impact_plan):
    impact = plan_impact(impact_plan)
    item = next(i for i in impact.figures if i.comparison)
    words = " ".join(describe(item, "Ash Primary School"))
    assert "went from 62% in 2022/23 to 70% in 2023/24, a change of +8 percentage points" in words
    assert "the 6 similar schools with figures for both years was +3.5 percentage points" in words
    assert "changed by between +2.2 and +4.8 percentage points" in words
    assert "better than at least three in four similar schools" in words


def test_the_page_shows_the_table_and_explains(impact_plan, governor, client_for):
    page = client_for(governor).get(url(impact_plan))
    assert page.status_code == 200
    assert "Change since the review" in page.text
    table = page.text[page.text.index('id="impact-table"') : page.text.index("</table>")]
    assert "+8<br>" in table and "+3.5" in table and "+4.5" in table
    assert "62% in 2022/23 to 70% in 2023/24" in table
    assert "sessions missed" not in table  # no figure since the review: said once, below
    assert "did not take part in peer review" in page.text
    assert page.text.count("published since the review") == 1
    assert "no figure has been published since the review: % of sessions missed." in page.text
    assert "Beech Primary School" not in page.text


def test_too_few_neighbours_is_said(agreed_review, school_leader, la, client_for):
    review_on(agreed_review, MARCH_REVIEW)
    y = Y
    census(agreed_review.school, 230, 27.0, 12.0)
    ks2(agreed_review.school, {y: 62.0, y + 1: 70.0})
    for n in range(3):
        other = make_school(la, 910100 + n, f"Outside School {n}")
        census(other, 200 + 10 * n, 25.0 + n, 11.0 + n)
        ks2(other, {y: 50.0, y + 1: 51.0 + n})
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    page = client_for(school_leader).get(url(plan))
    assert page.status_code == 200
    assert "Too few similar schools" in page.text
    assert "the 3 similar schools with figures for both years was +2 percentage points" in page.text
    assert "fewer than 5 schools, too few to say whether" in page.text


def test_no_data_is_said(plan, school_leader, client_for):
    page = client_for(school_leader).get(url(plan))
    assert page.status_code == 200
    assert "no figures for Ash Primary School that can be compared yet" in page.text


def test_refused_people(impact_plan, outsider, client_for):
    assert client_for(outsider).get(url(impact_plan)).status_code == 404
    assert client_for(None).get(url(impact_plan)).status_code == 302
    assert client_for(outsider).get("/improvement/plans/99999/impact/").status_code == 404


def test_the_baseline_is_the_last_academic_year_ended_before_the_review():
    assert baseline_year(date(2024, 3, 4)) == 2023  # 2023/24 under way: from 2022/23
    assert baseline_year(date(2024, 10, 7)) == 2024  # 2024/25 under way: from 2023/24


@pytest.mark.parametrize(
    ("start", "compared"), [(date(2024, 3, 4), (2023, 2025)), (date(2024, 10, 7), (2024, 2025))]
)
def test_the_comparison_starts_before_the_review(agreed_review, school_leader, start, compared):
    review_on(agreed_review, start)
    ks2(agreed_review.school, {2023: 60.0, 2024: 64.0, 2025: 66.0})
    impact = plan_impact(make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE))
    comparison = impact.figures[0].comparison
    assert comparison is not None
    assert (comparison.start_year, comparison.end_year) == compared


def test_schools_only_invited_or_which_declined_are_compared_with(impact_plan, la):
    other = Cluster.objects.create(name="Other Cluster")
    declined = Membership.Status.DECLINED
    statuses = {"Outside School 0": declined, "Outside School 1": Membership.Status.LEFT}
    for name, status in statuses.items():
        school = School.objects.get(name=name)
        Membership.objects.create(cluster=other, school=school, status=status)
    names = {n.school.name for n in comparison_schools(impact_plan.review.school)}
    assert "Outside School 0" in names  # declined: never took part
    assert "Outside School 1" not in names  # was a member, then left


def test_the_table_gives_the_same_verdict_as_the_words(impact_plan, governor, client_for):
    y = Y  # Ash's change of +4.0 is above the median (+3.5) but within the middle half
    KeyStage2Result.objects.filter(school=impact_plan.review.school, year=y + 1).update(
        pct_expected_standard=66.0
    )
    page = client_for(governor).get(url(impact_plan)).text
    table = page[page.index('id="impact-table"') : page.index("</table>")]
    assert "no clear difference: within the middle half" in table
    assert "better" not in table
    assert "within the range of the middle half of similar schools: no clear difference" in page


def test_with_nothing_published_since_the_review_one_paragraph_says_so(
    agreed_review, school_leader, client_for
):
    review_on(agreed_review, MARCH_REVIEW)
    ks2(agreed_review.school, {Y - 1: 60.0, Y: 62.0})
    Absence.objects.create(school=agreed_review.school, year=Y, pct_overall=5.0)
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    page = client_for(school_leader).get(url(plan)).text
    assert (
        "No results have been published for Ash Primary School since its review. Figures for "
        "later years will appear here once the Department for Education publishes them."
    ) in page
    assert "<table" not in page and "What this shows" not in page
    assert "No figure for this school" not in page


def test_scores_have_one_decimal_and_percentages_a_percent_sign():
    percentage, score = FIGURES["ks2_expected"], FIGURES["ks2_reading_progress"]
    assert percentage.format(43.0) == "43%"
    assert percentage.format(5.25) == "5.2%"
    assert score.format(1.0) == "1.0"
    assert figure_change(percentage, 8.0) == "+8"
    assert figure_change(percentage, -0.04) == "0"
    assert figure_change(score, -1.25) == "-1.2"
    assert figure_change(score, 0.02) == "0.0"
    assert figure_change(score, None) == "–"
