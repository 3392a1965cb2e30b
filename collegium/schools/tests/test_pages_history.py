"""D1 on the school's page: every year of every measure, each figure with its academic year and
beside its local authority's and England's for the same phase, and a plain warning when the
newest figure is more than two years old."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from collegium.schools.history import figures_out_of_date
from collegium.schools.importing.loader import refresh_comparators
from collegium.schools.models import (
    Census,
    Finance,
    KeyStage2Result,
    KeyStage4Destination,
    LocalAuthority,
    Phase,
)
from collegium.schools.selectors import school_page
from conftest import make_school

OLD = "more than two years old. Newer figures have not been imported."


def url(school) -> str:
    return reverse("schools:detail", args=[school.urn])


def text_of(html: str) -> str:
    """The page's words, tags and runs of spaces gone, to read a table row as a person does."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def neighbours(la, school_a, school_b):
    """School A and B (Testshire primaries), a primary elsewhere and an independent one, with
    two years of census and key stage 2 results, and the comparators the import would store."""
    elsewhere = make_school(LocalAuthority.objects.create(code=999, name="Otherton"), 900201, "Far")
    private = make_school(la, 900202, "Gilded Prep", school_group="Independent School")
    for school, pupils, fsm in (
        (school_a, 200, 10.0),
        (school_b, 600, 30.0),
        (elsewhere, 200, 50.0),
    ):
        Census.objects.create(school=school, year=2018, pupils=pupils, pct_fsm_ever=fsm - 1)
        Census.objects.create(school=school, year=2019, pupils=pupils, pct_fsm_ever=fsm)
    Census.objects.create(school=private, year=2019, pupils=300, pct_fsm_ever=0.0)
    for school, progress in ((school_a, 1.5), (school_b, -0.5)):
        for year in (2016, 2017, 2018):
            KeyStage2Result.objects.create(
                school=school, year=year, pupils=30, reading_progress=progress + year - 2018
            )
    refresh_comparators()


def test_every_year_is_shown_beside_the_local_authority_and_england(
    client_for, neighbours, school_a
):
    response = client_for(None).get(url(school_a))
    words = text_of(response.text)

    assert response.status_code == 200
    assert "Year This school Testshire England" in words
    # (200 × 10 + 600 × 30) / 800 in Testshire; Far's 200 at 50 % join them in England; the
    # independent Gilded Prep counts in neither.
    assert "Eligible for free school meals in the last 6 years 2018/19 10.0% " in words
    assert "2018/19 10.0% 25.0% 2 schools 30.0% 3 schools" in words
    assert "2017/18 9.0% 24.0% 2 schools 29.0% 3 schools" in words
    assert "Pupils on roll 2018/19 200 400 2 schools 333 3 schools" in words
    # Every key stage 2 year the register holds, newest first, each with its comparators.
    for year, own, area in (("2017/18", "1.5", "0.5"), ("2016/17", "0.5", "-0.5")):
        assert f"{year} {own} {area} 2 schools {area} 2 schools" in words
    assert "2015/16 -0.5 -1.5 2 schools" in words
    assert "not for disadvantaged pupils" in words


def test_destinations_show_disadvantaged_pupils_apart(client_for, school_c):
    KeyStage4Destination.objects.create(
        school=school_c, year=2017, cohort=150, pct_sustained=94.0,
        cohort_disadvantaged=50, pct_sustained_disadvantaged=88.0,
        cohort_other=100, pct_sustained_other=97.0,
    )  # fmt: skip
    KeyStage4Destination.objects.create(school=school_c, year=2016, cohort=140, pct_sustained=90.0)
    refresh_comparators()

    words = text_of(client_for(None).get(url(school_c)).text)

    assert "Destinations after key stage 4, by the year pupils finished key stage 4" in words
    assert "Stayed in education, an apprenticeship or work 2016/17 94.0%" in words
    assert "2015/16 90.0% 90.0% 1 school 90.0% 1 school" in words
    assert "Disadvantaged pupils who stayed 2016/17 88.0% 88.0% 1 school 88.0% 1 school" in words
    assert "Other pupils who stayed 2016/17 97.0%" in words
    # A year with no figure at all is left out, but a measure keeps its newest year.
    assert "In an apprenticeship 2016/17 – – – In work 2016/17 – – – Did not" in words


def test_a_figure_with_no_comparator_shows_a_dash(client_for, school_a):
    Finance.objects.create(school=school_a, year=2018, income=Decimal("1500000"))

    words = text_of(client_for(None).get(url(school_a)).text)

    assert "Income 2017/18 £1,500,000 – –" in words  # not imported: no comparator stored


def test_figures_over_two_years_old_are_said_to_be_old(client_for, school_a):
    Census.objects.create(school=school_a, year=2019, pupils=321)

    text = client_for(None).get(url(school_a)).text

    assert f"The newest figures on this page are from 2018/19, {OLD}" in text


def test_figures_from_the_last_two_years_carry_no_warning(client_for, school_a):
    today = timezone.localdate()
    this_year = today.year + 1 if today.month >= 9 else today.year  # its academic year's end
    Census.objects.create(school=school_a, year=2019, pupils=300)
    Census.objects.create(school=school_a, year=this_year - 1, pupils=321)

    text = client_for(None).get(url(school_a)).text

    assert "321" in text and OLD not in text


def test_a_school_with_no_figures_says_so_and_warns_of_nothing(client_for, school_b):
    text = client_for(None).get(url(school_b)).text

    assert "No yearly figures" in text and OLD not in text


@pytest.mark.parametrize(
    ("newest", "today", "old"),
    [
        (2019, date(2021, 8, 31), False),  # two years after 2018/19 ended
        (2019, date(2021, 9, 1), True),
        (2024, date(2026, 12, 6), True),  # 2023/24
        (2025, date(2026, 12, 6), False),  # 2024/25
        (None, date(2026, 12, 6), False),  # no figures
    ],
)
def test_the_age_of_figures_counts_from_the_end_of_their_academic_year(newest, today, old):
    assert figures_out_of_date(newest, today) is old


def test_the_page_reads_the_age_on_the_day_it_is_given(school_a):
    Census.objects.create(school=school_a, year=2019, pupils=321)

    assert not school_page(school_a, today=date(2020, 3, 1)).figures.out_of_date
    figures = school_page(school_a, today=date(2026, 12, 6)).figures
    assert figures.out_of_date and figures.newest_year == 2019


def test_an_unknown_school_is_not_found(client_for, outsider):
    assert client_for(outsider).get(reverse("schools:detail", args=[999999])).status_code == 404


def test_secondary_schools_are_compared_with_secondary_schools(client_for, school_a, school_c):
    assert school_c.phase == Phase.SECONDARY
    Census.objects.create(school=school_a, year=2019, pupils=200, pct_fsm_ever=10.0)
    Census.objects.create(school=school_c, year=2019, pupils=900, pct_fsm_ever=40.0)
    refresh_comparators()

    words = text_of(client_for(None).get(url(school_c)).text)

    assert "secondary schools in Testshire" in words
    assert "2018/19 40.0% 40.0% 1 school 40.0% 1 school" in words


def test_a_special_school_is_compared_with_special_schools(client_for, school_a, school_b):
    school_b.school_group, school_b.school_type = "Special School", "Community special school"
    school_b.save()
    Census.objects.create(school=school_a, year=2019, pupils=200, pct_ehc_plan=1.0)
    Census.objects.create(school=school_b, year=2019, pupils=80, pct_ehc_plan=98.0)
    refresh_comparators()

    words = text_of(client_for(None).get(url(school_b)).text)

    assert "the figure for special schools in Testshire" in words
    assert "Education, health and care plan 2018/19 98.0% 98.0% 1 school 98.0% 1 school" in words
