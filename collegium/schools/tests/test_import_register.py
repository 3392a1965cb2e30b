"""Importing the school register from a small data directory laid out like ../shared/data.

The files are written under the real headers of the DfE and Ofsted files (read from the demo
subset in collegium/demo/data), with a handful of York and Rutland schools.
"""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from collegium.schools.importing.loader import import_register
from collegium.schools.models import (
    Absence,
    Census,
    Comparator,
    Finance,
    ImportRun,
    Inspection,
    KeyStage2Result,
    KeyStage4Destination,
    KeyStage4Result,
    LocalAuthority,
    School,
    SchoolLink,
)

DEMO = Path(settings.BASE_DIR) / "collegium" / "demo" / "data"
SPINE = "performance_tables_2017-18_waiky8/2017-2018_england_spine.csv"
CENSUS = "performance_tables_2018-19_ksp/england_census.csv"
ABSENCE = "performance_tables_2018-19_ksp/england_abs.csv"
KS2_2017 = "derived_waiky8_schools-data/ks2_perf_2017.csv"
KS2_2018 = "derived_waiky8_schools-data/ks2_perf_2018.csv"
KS4_2018 = "derived_waiky8_schools-data/ks4_perf_2018.csv"
KS4_2019 = "performance_tables_2018-19_ksp/england_ks4provisional.csv"
DESTINATIONS = "performance_tables_2018-19_ksp/england_ks4-pupdest.csv"
FINANCE_2017 = "derived_waiky8_schools-data/financials_2017.csv"
FINANCE_2018 = "derived_waiky8_schools-data/financials_2018.csv"
RATINGS = "derived_waiky8_schools-data/ofsted_ratings_2018.csv"
REPORTS = "ofsted_scraped_2017-18_mathickman/2017-18_Academic_year_-_Secondary_Schools_sheet.csv"
MI = "ofsted_mi_sample_2026/ofsted_mi_first18rows_as_at_31_May_2026.csv"
KS2_COORDS = "derived_waiky8_eng-schools/england_ks2final.csv"
KS4_COORDS = "derived_waiky8_eng-schools/england_ks4final.csv"
LINKS = "gias/links_edubasealldata20250422.csv"

CARR, FULFORD, BADGER, OSBALDWICK, COTTESMORE = 121273, 121684, 121290, 121299, 120236


def spine_row(urn, name, la, postcode, flags, ages, **extra):
    primary, secondary, post16 = flags
    return {
        "URN": urn, "LA": la, "LAESTAB": f"{la}{urn % 10000:04d}", "SCHNAME": name,
        "STREET": "School Lane", "TOWN": "York" if la == 816 else "Oakham",
        "POSTCODE": postcode, "ICLOSE": 1, "MINORGROUP": "Maintained School",
        "NFTYPE": "Community school", "ISPRIMARY": primary, "ISSECONDARY": secondary,
        "ISPOST16": post16, "AGEL": ages[0], "AGEH": ages[1], "GENDER": "Mixed",
        "RELDENOM": "Does not apply", "ADMPOL": "Not recorded",
    } | extra  # fmt: skip


FILES: dict[str, list[dict]] = {
    SPINE: [
        spine_row(CARR, "Carr Infant School", 816, "YO26 5QA", (1, 0, 0), (3, 7)),
        spine_row(FULFORD, "Fulford School", 816, "YO10 4FY", (0, 1, 1), (11, 18)),
        spine_row(BADGER, "Badger Hill Primary School", 816, "YO10 3JF", (1, 0, 0), (4, 11)),
        spine_row(OSBALDWICK, "Osbaldwick Primary Academy", 816, "YO10 3AX", (1, 0, 0), (4, 11)),
        spine_row(
            COTTESMORE,
            "Cottesmore Primary",
            857,
            "LE15 7DJ",
            (1, 0, 0),
            (4, 11),
            ICLOSE=2,
            CLOSEDATE="2018-08-31 00:00:00",
        ),
    ],  # fmt: skip
    CENSUS: [
        {
            "URN": CARR,
            "LA": 816,
            "NOR": 180,
            "PNUMFSMEVER": 12.5,
            "PNUMEAL": "5.0",
            "PSENELK": 10.1,
            "PSENELSE": 1.2,
        },
        {
            "URN": FULFORD,
            "LA": 816,
            "NOR": 1500,
            "PNUMFSMEVER": "x",
            "PNUMEAL": "NA",
            "PSENELK": "SUPP",
            "PSENELSE": 2,
        },
        {"URN": 999999, "LA": 816, "NOR": 20},
        {"URN": "NAT", "ESTAB": "PRI", "NOR": 4727089},
    ],  # fmt: skip
    ABSENCE: [{"LA": 816, "URN": CARR, "PERCTOT": 4.1, "PPERSABS10": "SUPP"}],
    KS2_2017: [{"URN": BADGER, "KS2 Pupils": 28, "Overall Meet Std": "61%", "Academic Year": 2017}],
    KS2_2018: [
        {
            "URN": BADGER,
            "KS2 Pupils": 30,
            "Reading Progress": "1.2",
            "Writing Progress": "-0.5",
            "Maths Progress": "LOWCOV",
            "Overall Meet Std": "67%",
            "Overall Exceed Std": "10%",
            "Academic Year": 2018,
        },
    ],  # fmt: skip
    KS4_2018: [
        {
            "URN": FULFORD,
            "KS4 Pupils": 200,
            "Progress 8": "0.35",
            "Attainment 8": "52.1",
            "Eng Maths Grade 5": "48%",
            "Entering EBacc": "30%",
            "Academic Year": 2018,
        },
    ],  # fmt: skip
    # The DfE's own column names; RECTYPE 4 is York's total row, 7 England's.
    KS4_2019: [
        {
            "RECTYPE": 1,
            "LEA": 816,
            "URN": FULFORD,
            "TPUP": 210,
            "ATT8SCR": "53.4",
            "P8MEA": "0.41",
            "PTL2BASICS_95": "51%",
            "PTEBACC_E_PTQ_EE": "NE",
        },
        {"RECTYPE": 4, "LEA": 816, "TPUP": 1800, "ATT8SCR": "48.2", "P8MEA": "0.12"},
        {"RECTYPE": 7, "TPUP": 542831, "ATT8SCR": "46.5", "P8MEA": "-0.03"},
    ],
    # Pupils who finished key stage 4 in 2016/17, and in the two years before (_18, _17).
    DESTINATIONS: [
        {
            "RECTYPE": 1,
            "LEA": 816,
            "URN": FULFORD,
            "COHORT": 190,
            "OVERALL_DESTPER": "95%",
            "EDUCATIONPER": "90%",
            "APPRENPER": "3%",
            "EMPLOYMENTPER": "SP",
            "NOT_SUSTAINEDPER": "4%",
            "UNKNOWNPER": "1%",
            "COHORT_DIS": 40,
            "OVERALL_DESTPER_DIS": "88%",
            "COHORT_NONDIS": 150,
            "OVERALL_DESTPER_NONDIS": "97%",
            "COHORT_18": 185,
            "OVERALL_DESTPER_18": "93%",
            "COHORT_DIS_18": "SUPP",
            "OVERALL_DESTPER_DIS_18": "SUPP",
            "COHORT_NONDIS_18": 150,
            "OVERALL_DESTPER_NONDIS_18": "96%",
            "COHORT_17": "NA",
            "OVERALL_DESTPER_17": "NA",
        },
        {"RECTYPE": "LA", "LEA": 816, "COHORT": 1700, "OVERALL_DESTPER": "94%"},
        {"RECTYPE": "NAT", "COHORT": 528139, "OVERALL_DESTPER": "94%"},
    ],
    FINANCE_2017: [
        {
            "URN": FULFORD,
            "Income": "7500000",
            "Expenditure": "7400000",
            "Balance": "100000",
            "Academic Year": 2017,
        },
    ],  # fmt: skip
    FINANCE_2018: [
        {
            "URN": CARR,
            "Income": "900000.00",
            "Expenditure": "910000.5",
            "Balance": "-10000.5",
            "Academic Year": 2018,
        },
        {"URN": OSBALDWICK, "Income": "1200000", "Academic Year": 2018},
    ],  # fmt: skip
    RATINGS: [
        {"URN": CARR, "Rating": "Good", "Inspection Date": "20170301"},
        {"URN": CARR, "Rating": "Outstanding", "Inspection Date": "20120115"},
        {"URN": FULFORD, "Rating": "Requires Improvement", "Inspection Date": "20171121"},
    ],
    REPORTS: [
        # The same inspection as the ratings file's 21 November 2017, published later.
        {
            "urn": FULFORD,
            "rating": "Requires improvement to be good",
            "latest_report": "2017-12-18",
            "report_type": "Full inspection",
        },
        {
            "urn": BADGER,
            "rating": "",
            "latest_report": "2018-02-05",
            "report_type": "Short inspection",
        },
        {"urn": CARR, "latest_report": "2018-03-01", "report_type": "Academy conversion letter"},
    ],  # fmt: skip
    MI: [
        {"URN": CARR, "Multi-academy trust name": "NULL"},
        {"URN": BADGER, "Multi-academy trust name": "Ebor Academy Trust"},
    ],
    KS2_COORDS: [
        {"RECTYPE": 1, "URN": CARR, "LATITUDE": 53.9631, "LONGITUDE": -1.1275},
        {"RECTYPE": 1, "URN": BADGER, "LATITUDE": 53.948, "LONGITUDE": -1.041},
    ],
    KS4_COORDS: [{"RECTYPE": 1, "URN": FULFORD, "LATITUDE": 53.938, "LONGITUDE": -1.071}],
    LINKS: [
        {
            "URN": CARR,
            "LinkURN": 144265,
            "LinkName": "St Thomas à Becket Infant Academy",
            "LinkType": "Successor",
            "LinkEstablishedDate": "01-01-2018",
        },
        {
            "URN": 148000,
            "LinkURN": OSBALDWICK,
            "LinkName": "Osbaldwick Primary Academy",
            "LinkType": "Predecessor",
            "LinkEstablishedDate": "",
        },
    ],  # fmt: skip
}


def write(data_dir: Path, name: str, rows: list[dict], header_from: str | None = None) -> None:
    """Write rows under the real header of a source file (missing columns left empty)."""
    raw = (DEMO / (header_from or name)).read_bytes()
    encoding = "cp1252" if name == LINKS else "utf-8"
    header = next(csv.reader([raw.decode(encoding).lstrip("\ufeff").splitlines()[0]]))
    out = io.StringIO()
    writer = csv.DictWriter(out, header, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
    (data_dir / name).write_bytes((bom + out.getvalue()).encode(encoding))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    for name, rows in FILES.items():
        write(tmp_path, name, rows)
    return tmp_path


def snapshot() -> dict[str, list]:
    """Everything the import writes, to check what changed and what did not."""
    models = [LocalAuthority, School, Census, Absence, KeyStage2Result, KeyStage4Result]
    models += [KeyStage4Destination, Finance, Inspection, SchoolLink, Comparator]
    return {
        model.__name__: list(model._default_manager.order_by("pk").values()) for model in models
    }


@pytest.mark.django_db
def test_import_builds_the_register_from_every_file(data_dir):
    result = import_register(data_dir)

    assert result.schools == School.objects.count() == 5
    carr = School.objects.get(urn=CARR)
    assert (carr.name, carr.phase) == ("Carr Infant School", "primary")
    assert (str(carr.local_authority), carr.laestab) == ("York", 8161273)
    assert (carr.postcode, carr.age_low, carr.age_high) == ("YO26 5QA", 3, 7)
    assert carr.is_open and carr.trust_name == ""
    assert (carr.latitude, carr.longitude, carr.coordinate_source) == (53.9631, -1.1275, "file")
    fulford = School.objects.get(urn=FULFORD)
    assert fulford.phase == "secondary"
    closed = School.objects.get(urn=COTTESMORE)
    assert not closed.is_open and closed.closed_on == date(2018, 8, 31)
    assert str(closed.local_authority) == "Rutland"
    assert School.objects.get(urn=BADGER).trust_name == "Ebor Academy Trust"

    census = Census.objects.get(school=carr, year=2019)
    assert (census.pupils, census.pct_fsm_ever, census.pct_eal, census.pct_sen) == (
        180, 12.5, 5.0, 11.3,
    )  # fmt: skip
    assert Absence.objects.get(school=carr, year=2019).pct_overall == 4.1
    ks2 = KeyStage2Result.objects.get(school_id=BADGER, year=2018)
    assert (ks2.pupils, ks2.reading_progress, ks2.pct_expected_standard) == (30, 1.2, 67.0)
    assert KeyStage2Result.objects.filter(school_id=BADGER).count() == 2
    ks4 = KeyStage4Result.objects.get(school=fulford, year=2018)
    assert (ks4.progress_8, ks4.attainment_8, ks4.pct_english_maths_5) == (0.35, 52.1, 48.0)

    finance = Finance.objects.get(school=carr, year=2018)
    assert (finance.income, finance.balance) == (Decimal("900000.00"), Decimal("-10000.50"))
    assert finance.income_per_pupil == Decimal("5000.00")  # 900,000 / 180 on roll in 2019
    assert Finance.objects.get(school=fulford, year=2017).income_per_pupil == Decimal("5000.00")
    assert finance.expenditure_per_pupil == Decimal("5055.56")  # 910,000.50 / 180
    assert Finance.objects.get(school=fulford, year=2017).expenditure_per_pupil == Decimal(
        "4933.33"
    )  # 7,400,000 / 1,500

    links = SchoolLink.objects.order_by("urn")
    assert [(link.urn, link.linked_urn, link.link_type) for link in links] == [
        (CARR, 144265, "Successor"),
        (148000, OSBALDWICK, "Predecessor"),  # kept though 148000 is not in the register
    ]
    assert links[0].linked_name == "St Thomas à Becket Infant Academy"
    assert links[0].established_on == date(2018, 1, 1)


@pytest.mark.django_db
def test_inspections_from_both_ofsted_files_are_not_duplicated(data_dir):
    import_register(data_dir)

    history = Inspection.objects.order_by("school_id", "inspected_on")
    assert [(i.school_id, i.inspected_on, i.rating, i.source) for i in history] == [
        (CARR, date(2012, 1, 15), "Outstanding", "Ofsted ratings to 2018"),
        (CARR, date(2017, 3, 1), "Good", "Ofsted ratings to 2018"),
        (BADGER, date(2018, 2, 5), "", "Ofsted reports 2017-18 (date published)"),
        (FULFORD, date(2017, 11, 21), "Requires Improvement", "Ofsted ratings to 2018"),
    ]


@pytest.mark.django_db
def test_messy_values_are_stored_as_not_known(data_dir):
    import_register(data_dir)

    fulford = Census.objects.get(school_id=FULFORD)
    assert (fulford.pupils, fulford.pct_fsm_ever, fulford.pct_eal) == (1500, None, None)
    assert (fulford.pct_sen_support, fulford.pct_ehc_plan, fulford.pct_sen) == (None, 2.0, 2.0)
    assert Absence.objects.get(school_id=CARR).pct_persistent is None
    assert KeyStage2Result.objects.get(school_id=BADGER, year=2018).maths_progress is None
    osbaldwick = Finance.objects.get(school_id=OSBALDWICK)
    assert (osbaldwick.expenditure, osbaldwick.income_per_pupil) == (None, None)  # no census


@pytest.mark.django_db
def test_a_school_without_coordinates_is_placed_in_its_postcode_district(data_dir):
    import_register(data_dir)

    estimated = School.objects.get(urn=OSBALDWICK)  # YO10, like Fulford and Badger Hill
    assert estimated.coordinate_source == "postcode-district"
    assert estimated.get_coordinate_source_display() == (
        "Estimated from schools in the same postcode district"
    )
    assert (estimated.latitude, estimated.longitude) == (53.943, -1.056)
    nowhere = School.objects.get(urn=COTTESMORE)  # no school in LE15 has coordinates
    assert (nowhere.latitude, nowhere.coordinate_source) == (None, "none")


@pytest.mark.django_db
def test_rows_are_rejected_with_file_line_and_reason_and_the_rest_imports(data_dir):
    bad = {"URN": BADGER, "KS4 Pupils": 12, "Progress 8": "abc", "Academic Year": 2018}
    rows = [*FILES[KS4_2018], bad]
    write(data_dir, KS4_2018, rows)

    result = import_register(data_dir)

    assert result.rejections == [
        {"file": CENSUS, "line": 4, "reason": "URN 999999 is not in the school list"},
        {"file": KS4_2018, "line": 3, "reason": "Progress 8 'abc' is not a number"},
    ]
    run = ImportRun.objects.get()
    assert (run.rows_rejected, run.rejections) == (2, result.rejections)
    assert set(KeyStage4Result.objects.values_list("school_id", flat=True)) == {FULFORD}
    assert School.objects.count() == 5


@pytest.mark.django_db
def test_running_the_import_again_changes_nothing(data_dir):
    first = import_register(data_dir)
    before = snapshot()

    again = import_register(data_dir)

    assert first.rows_changed == sum(len(rows) for rows in before.values())
    assert again.rows_changed == 0
    assert snapshot() == before
    assert list(ImportRun.objects.values_list("rows_changed", flat=True)) == [0, first.rows_changed]


@pytest.mark.django_db
def test_a_value_changed_in_the_file_is_updated_on_the_next_run(data_dir):
    import_register(data_dir)
    before = snapshot()
    census = [dict(FILES[CENSUS][0], NOR=200), *FILES[CENSUS][1:]]
    write(data_dir, CENSUS, census)

    result = import_register(data_dir)

    # Carr's census and its income and spend per pupil, and York's and England's primary
    # figures of pupils on roll and income and spend per pupil (Carr is York's only primary
    # school with any of them).
    assert result.changed["census"] == result.changed["finance"] == 1
    assert result.changed["comparator"] == 6
    assert result.rows_changed == 8
    assert Census.objects.get(school_id=CARR).pupils == 200
    york = Comparator.objects.get(measure="census.pupils", year=2019, phase="primary", area="816")
    assert (york.value, york.schools) == (200.0, 1)
    assert Finance.objects.get(school_id=CARR).income_per_pupil == Decimal("4500.00")
    after = snapshot()
    assert after["School"] == before["School"]
    others = [
        [row for row in rows["Finance"] if row["school_id"] != CARR] for rows in (before, after)
    ]
    assert others[0] == others[1]  # the other finance rows untouched, same ids


@pytest.mark.django_db
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(data_dir):
    import_register(data_dir)
    before, runs = snapshot(), ImportRun.objects.count()
    renamed = [dict(FILES[SPINE][0], SCHNAME="Carr Infant and Nursery School"), *FILES[SPINE][1:]]
    write(data_dir, SPINE, renamed)  # a change that must not be written either
    write(data_dir, CENSUS, FILES[KS2_2018], header_from=KS2_2018)  # the KS2 file in its place

    with pytest.raises(CommandError) as refused:
        call_command("import_schools", data_dir=data_dir, stdout=io.StringIO())

    assert str(refused.value) == (
        f"Nothing was imported. {CENSUS} is not the file expected: it has no "
        '"LA", "NOR", "PNUMFSMEVER", "PNUMEAL", "PSENELK" or "PSENELSE" columns.'
    )
    assert snapshot() == before
    assert ImportRun.objects.count() == runs


@pytest.mark.django_db
def test_a_refused_first_import_leaves_the_database_empty(data_dir):
    (data_dir / SPINE).unlink()

    with pytest.raises(CommandError, match="2017-2018_england_spine.csv is missing"):
        call_command("import_schools", data_dir=data_dir, stdout=io.StringIO())

    assert not any(snapshot().values())
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_optional_files_missing_from_the_data_dir_are_skipped_with_a_note(data_dir):
    (data_dir / REPORTS).unlink()
    (data_dir / MI).unlink()

    result = import_register(data_dir)

    assert "Skipped ofsted_mi_sample_2026/*.csv: not in the data directory." in result.notes
    assert Inspection.objects.count() == 3
    assert School.objects.count() == 5


@pytest.mark.django_db
def test_an_unknown_local_authority_code_is_named_by_its_code_with_a_warning(data_dir):
    rows = FILES[SPINE] + [spine_row(990001, "Overseas School", 999, "", (1, 0, 0), (4, 11))]
    write(data_dir, SPINE, rows)

    result = import_register(data_dir)

    assert str(School.objects.get(urn=990001).local_authority) == "Local authority 999"
    assert [note for note in result.notes if "999" in note] == [
        "Local authority 999 has no name in local_authorities.csv: "
        'imported as "Local authority 999".'
    ]
    assert result.rows_rejected == 1  # only the census row for an unknown URN


@pytest.mark.django_db
def test_the_command_prints_a_summary_and_the_first_rejections(data_dir):
    out = io.StringIO()

    call_command("import_schools", data_dir=data_dir, show_rejections=5, stdout=out)

    printed = out.getvalue()
    assert f"Imported the school register from {data_dir}" in printed
    assert "Schools:       5" in printed
    assert "Rows rejected: 1" in printed
    assert f"  {CENSUS} line 4: URN 999999 is not in the school list" in printed
    assert "skipped 1 row (local authority and national totals)" in printed


@pytest.mark.django_db
def test_trust_names_are_set_where_the_file_names_one_and_kept_otherwise(data_dir):
    import_register(data_dir)
    assert School.objects.get(urn=BADGER).trust_name == "Ebor Academy Trust"
    School.objects.filter(urn=CARR).update(trust_name="Pathfinder Multi Academy Trust")

    result = import_register(data_dir)  # the file says NULL for Carr

    assert result.rows_changed == 0
    assert School.objects.get(urn=CARR).trust_name == "Pathfinder Multi Academy Trust"
