"""D1: every release a file mapping names is imported, and the import stores the local-authority
and England figure of every measure, year and phase beside the schools' own.

The small data directory of test_import_register, with more York pupils: Carr and Badger Hill
are York's primary schools, Osbaldwick (made independent here) is left out of every comparator,
Cottesmore is Rutland's primary school and Fulford York's secondary school.
"""

from pathlib import Path

import pytest

from collegium.schools.importing.loader import import_register
from collegium.schools.models import Comparator, KeyStage4Destination, KeyStage4Result, School
from collegium.schools.tests.test_import_register import (
    ABSENCE,
    BADGER,
    CARR,
    CENSUS,
    COTTESMORE,
    FILES,
    FINANCE_2018,
    FULFORD,
    OSBALDWICK,
    SPINE,
    write,
)

YORK, RUTLAND, ENGLAND = "816", "857", Comparator.ENGLAND


def census(urn: int, la: int, pupils: int, fsm: float) -> dict:
    return {"URN": urn, "LA": la, "NOR": pupils, "PNUMFSMEVER": fsm}


MORE: dict[str, list[dict]] = {
    CENSUS: [
        census(CARR, 816, 180, 12.5),
        census(BADGER, 816, 300, 30.0),
        census(OSBALDWICK, 816, 100, 50.0),
        census(COTTESMORE, 857, 60, 5.0),
        census(FULFORD, 816, 1500, 11.0),
        {"URN": "NAT", "ESTAB": "PRI", "NOR": 4727089},
    ],
    ABSENCE: [
        {"LA": 816, "URN": CARR, "PERCTOT": 4.1},
        {"LA": 816, "URN": BADGER, "PERCTOT": 5.0},
        {"LA": 816, "URN": OSBALDWICK, "PERCTOT": 9.0},
        {"LA": "NAT", "ESTAB": "PRI", "PERCTOT": 4.0},
    ],
    FINANCE_2018: [
        {"URN": CARR, "Income": "900000", "Academic Year": 2018},
        {"URN": BADGER, "Income": "1200000", "Academic Year": 2018},
        {"URN": OSBALDWICK, "Income": "800000", "Academic Year": 2018},
    ],
}


def spine(changes: dict[int, dict] | None = None) -> list[dict]:
    """The school list with Osbaldwick independent, and other changes by URN."""
    changes = {OSBALDWICK: {"MINORGROUP": "Independent School"}, **(changes or {})}
    return [row | changes.get(row["URN"], {}) for row in FILES[SPINE]]


@pytest.fixture
def data_dir(tmp_path) -> Path:
    for name, rows in (FILES | MORE | {SPINE: spine()}).items():
        write(tmp_path, name, rows)
    return tmp_path


def figure(measure: str, year: int, area: str, phase: str = "primary") -> tuple[float, int]:
    found = Comparator.objects.get(measure=measure, year=year, phase=phase, area=area)
    return found.value, found.schools


@pytest.mark.django_db
def test_shares_of_pupils_are_weighted_by_pupils_and_independent_schools_left_out(data_dir):
    import_register(data_dir)

    # (180 × 12.5 + 300 × 30) / 480 in York; Rutland's 60 pupils at 5 % join them in England.
    assert figure("census.pct_fsm_ever", 2019, YORK) == (23.4375, 2)
    assert figure("census.pct_fsm_ever", 2019, ENGLAND) == (21.3889, 3)
    assert figure("census.pct_fsm_ever", 2019, RUTLAND) == (5.0, 1)
    # Pupils on roll: the mean school.
    assert figure("census.pupils", 2019, YORK) == (240.0, 2)
    assert figure("census.pupils", 2019, ENGLAND) == (180.0, 3)
    # Absence has no pupil count: each school's census of the same year weighs it.
    assert figure("absence.pct_overall", 2019, YORK) == (4.6625, 2)
    # Income per pupil is all the income over all the pupils: 2,100,000 / 480.
    assert figure("finance.income_per_pupil", 2018, YORK) == (4375.0, 2)
    assert figure("finance.income", 2018, YORK) == (1050000.0, 2)
    # Spend per pupil the same way, over the schools that give their expenditure: 7,400,000 /
    # 1,500 at Fulford, York's only secondary school.
    assert figure("finance.expenditure_per_pupil", 2017, YORK, "secondary") == (4933.33, 1)
    assert not Comparator.objects.filter(measure="finance.expenditure_per_pupil", year=2018)
    # Each phase is compared with its own: Fulford is York's only secondary school.
    assert figure("census.pct_fsm_ever", 2019, YORK, "secondary") == (11.0, 1)


@pytest.mark.django_db
def test_a_measure_no_school_gives_has_no_comparator(data_dir):
    import_register(data_dir)

    assert not Comparator.objects.filter(measure="census.pct_eal").exists()
    assert not Comparator.objects.filter(measure="ks4.pct_entering_ebacc", year=2019).exists()
    assert not Comparator.objects.filter(area=str(OSBALDWICK)).exists()


@pytest.mark.django_db
def test_a_newer_release_under_the_dfes_own_column_names_adds_a_year(data_dir):
    result = import_register(data_dir)

    years = KeyStage4Result.objects.filter(school_id=FULFORD).order_by("year")
    assert [(r.year, r.pupils, r.progress_8, r.attainment_8) for r in years] == [
        (2018, 200, 0.35, 52.1),
        (2019, 210, 0.41, 53.4),
    ]
    newest = years.last()
    assert newest is not None
    assert (newest.pct_english_maths_5, newest.pct_entering_ebacc) == (51.0, None)  # NE
    assert figure("ks4.progress_8", 2019, YORK, "secondary") == (0.41, 1)
    assert not [r for r in result.rejections if "ks4" in r["file"]]  # total rows skipped


@pytest.mark.django_db
def test_destinations_are_kept_for_each_cohort_with_disadvantaged_pupils_apart(data_dir):
    import_register(data_dir)

    by_year = {d.year: d for d in KeyStage4Destination.objects.filter(school_id=FULFORD)}
    assert sorted(by_year) == [2016, 2017]  # the 2014/15 cohort's columns are all NA
    latest = by_year[2017]
    assert (latest.cohort, latest.pct_sustained, latest.pct_education) == (190, 95.0, 90.0)
    assert latest.pct_employment is None  # SP: under 0.5 %, not published
    assert (latest.cohort_disadvantaged, latest.pct_sustained_disadvantaged) == (40, 88.0)
    assert (latest.cohort_other, latest.pct_sustained_other) == (150, 97.0)
    earlier = by_year[2016]
    assert (earlier.cohort, earlier.pct_sustained, earlier.pct_sustained_other) == (185, 93.0, 96.0)
    assert (earlier.pct_sustained_disadvantaged, earlier.pct_education) == (None, None)
    assert figure("destination.pct_sustained_disadvantaged", 2017, YORK, "secondary") == (88.0, 1)
    assert not Comparator.objects.filter(measure="destination.pct_sustained_disadvantaged",
                                         year=2016).exists()  # fmt: skip


@pytest.mark.django_db
def test_comparators_follow_the_register_and_drop_those_no_school_gives_any_more(data_dir):
    import_register(data_dir)
    assert figure("ks2.reading_progress", 2018, YORK) == (1.2, 1)  # Badger Hill's
    secondary = {"ISPRIMARY": 0, "ISSECONDARY": 1, "AGEL": 11, "AGEH": 16}
    write(data_dir, SPINE, spine({BADGER: secondary}))

    result = import_register(data_dir)

    assert School.objects.get(urn=BADGER).phase == "secondary"
    assert not Comparator.objects.filter(measure="ks2.reading_progress", phase="primary").exists()
    assert figure("ks2.reading_progress", 2018, YORK, "secondary") == (1.2, 1)
    assert figure("census.pct_fsm_ever", 2019, YORK) == (12.5, 1)  # Carr alone now
    assert result.changed["comparator"] > 0
    assert import_register(data_dir).changed["comparator"] == 0


@pytest.mark.django_db
def test_special_schools_are_compared_with_special_schools_and_never_independent_ones(data_dir):
    special = {"MINORGROUP": "Special School", "NFTYPE": "Community special school"}
    independent = {"MINORGROUP": "Special School", "NFTYPE": "Other independent special school"}
    write(data_dir, SPINE, spine({BADGER: special, COTTESMORE: independent}))

    import_register(data_dir)

    assert figure("census.pct_fsm_ever", 2019, YORK) == (12.5, 1)  # Carr: York's mainstream
    assert figure("census.pct_fsm_ever", 2019, ENGLAND) == (12.5, 1)
    assert figure("census.pct_fsm_ever", 2019, YORK, "special") == (30.0, 1)  # Badger Hill
    assert figure("census.pct_fsm_ever", 2019, ENGLAND, "special") == (30.0, 1)
    assert not Comparator.objects.filter(area=RUTLAND).exists()  # Cottesmore is independent
