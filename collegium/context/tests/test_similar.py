"""D3: the similar-schools page (for every school, and from the pre-review analysis): the school
beside its statistical neighbours, the local authority and England, each figure with its year;
contextual value added only for those who may read it; the people refused."""

from decimal import Decimal

import pytest

from collegium.context.selectors import BY_INTAKE, BY_SIZE, choose_neighbours, comparison_of
from collegium.context.services import upload_pupil_file
from collegium.context.tests.conftest import KS4, YEAR, make_schools, network_csv
from collegium.neighbours import SchoolFigures
from collegium.schools.models import Absence, Census, Comparator, Finance, KeyStage2Result, Phase
from conftest import make_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def primaries(la, school_a):
    """School A and twelve other primaries with census figures, results, absence and income."""
    Census.objects.create(
        school=school_a, year=2024, pupils=650, pct_fsm_ever=14.0, pct_sen_support=9.0
    )
    schools = [school_a, *make_schools(la, 12, first_urn=930001, phase=Phase.PRIMARY)]
    for index, school in enumerate(schools):
        KeyStage2Result.objects.create(
            school=school, year=2024, pupils=60, pct_expected_standard=50.0 + index
        )
        Absence.objects.create(school=school, year=2023, pct_overall=5.0 + index / 10)
        Finance.objects.create(
            school=school, year=2024, income=Decimal("3000000"), income_per_pupil=Decimal(5000),
            expenditure_per_pupil=Decimal(4875),
        )  # fmt: skip
    area = str(school_a.local_authority_id)
    for where, value in ((area, 61.5), (Comparator.ENGLAND, 59.25)):
        Comparator.objects.create(
            measure="ks2.pct_expected_standard", year=2024, phase=Phase.PRIMARY,
            area=where, value=value, schools=40,
        )  # fmt: skip
    return schools


@pytest.fixture
def fitted(network_admin, primaries):
    return upload_pupil_file(
        network_admin, school=None, year=YEAR, measure=KS4, file_name="network.csv",
        content=network_csv(primaries[:9], pupils_per_school=30),
    )  # fmt: skip


def test_anyone_sees_the_school_beside_ten_similar_schools_the_la_and_england(
    client_for, school_a, primaries
):
    page = client_for(None).get(f"/context/schools/{school_a.urn}/similar-schools/")
    assert page.status_code == 200
    text = page.text
    assert "Ash Primary School (this school)" in text
    assert sum(f"School {n:02d}" in text for n in range(1, 13)) == 10  # ten neighbours
    assert "whose intake is most like its own" in text
    assert "Testshire" in text and "England" in text
    assert "61.5%" in text and "59.2%" in text  # the LA and England figures, 2023/24
    assert "2023/24" in text and "2022/23" in text  # results and absence carry their years
    assert "£5,000" in text and "one is never divided by the other" in text
    assert "Spend per pupil" in text and "£4,875" in text and "academies show –" in text
    assert "value for money" not in text.lower()
    assert "Contextual value added," not in text  # nobody signed in: no value added


def test_the_schools_leader_also_sees_value_added_with_its_interval(
    client_for, school_leader, school_a, fitted
):
    text = client_for(school_leader).get(f"/context/schools/{school_a.urn}/similar-schools/").text
    assert "Contextual value added, Attainment 8 (key stage 4), 2024/25" in text
    comparison = comparison_of(school_a)
    own = comparison.schools[0].value_added[0]
    assert own is not None and own.school_id == school_a.urn
    assert f"{own.low:+.2f}".replace("-", "−") in text


def test_an_unknown_school_is_not_found(client_for, outsider):
    assert client_for(outsider).get("/context/schools/999999/similar-schools/").status_code == 404


def test_the_review_team_reads_it_from_the_analysis_and_an_outsider_is_refused(
    client_for, reviewer, outsider, review, primaries
):
    page = client_for(reviewer).get(f"/context/reviews/{review.pk}/similar-schools/")
    assert page.status_code == 200
    assert "Back to the pre-review analysis" in page.text
    refused = client_for(outsider).get(f"/context/reviews/{review.pk}/similar-schools/")
    assert refused.status_code == 404
    assert client_for(None).get(f"/context/reviews/{review.pk}/similar-schools/").status_code == 302
    analysis = client_for(reviewer).get(f"/reviews/{review.pk}/analysis/").text
    assert "Ash Primary School and similar schools" in analysis


def test_a_figure_the_newest_over_two_years_old_is_said(client_for, la):
    old = make_school(la, 940001, "Old Figures School", phase=Phase.SECONDARY)
    Absence.objects.create(school=old, year=2019, pct_overall=4.0)
    text = client_for(None).get(f"/context/schools/{old.urn}/similar-schools/").text
    assert "more than two years old" in text and "2018/19" in text


def test_neighbours_by_intake_else_by_the_closest_size_schools_without_size_last():
    figures = {
        1: SchoolFigures(id=1, phase="primary", pupils=200, pct_fsm=20.0, pct_sen=10.0),
        2: SchoolFigures(id=2, phase="primary", pupils=210, pct_fsm=21.0, pct_sen=10.0),
        3: SchoolFigures(id=3, phase="primary", pupils=900, pct_fsm=50.0, pct_sen=20.0),
    }
    assert choose_neighbours(1, {1: 200, 2: 210, 3: 900}, figures) == (BY_INTAKE, [2, 3])
    by_size = choose_neighbours(1, {1: 200, 4: None, 5: 500, 6: 190}, {})
    assert by_size == (BY_SIZE, [6, 5, 4])
