"""The CSV reader and value cleaning used by the register import (no database)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from collegium.schools.importing.readers import (
    FileRefused,
    postcode_district,
    read_rows,
    to_count,
    to_date,
    to_float,
    to_int,
    to_money,
    to_pct,
    to_text,
    to_urn,
)
from collegium.schools.importing.sources import derive_phase
from collegium.schools.models import Phase

MISSING_MARKERS: list[str | None] = ["", "  ", "NA", "NULL", "SUPP", "NE", "NP", "x", "X", "LOW"]
MISSING_MARKERS += ["LOWCOV", "NEW", "..", "Unknown", None]


def read_all(path: Path, required=("URN", "NOR"), final_newline=True) -> list:
    return list(read_rows(path, "census.csv", required, final_newline=final_newline))


def refusal(path: Path, final_newline=True) -> str:
    with pytest.raises(FileRefused) as refused:
        read_all(path, final_newline=final_newline)
    return str(refused.value)


@pytest.mark.parametrize("value", MISSING_MARKERS)
def test_publishers_markers_for_no_value_read_as_missing(value):
    assert to_float(value, "Progress 8") is None
    assert to_int(value, "NOR") is None
    assert to_pct(value, "PNUMEAL") is None
    assert to_money(value, "Income") is None
    assert to_date(value, "Inspection Date", "%Y%m%d") is None
    assert to_text(value) == ""


@pytest.mark.parametrize(
    ("helper", "value", "expected"),
    [
        (to_float, " -0.25 ", -0.25),
        (to_float, "1,234.5", 1234.5),
        (to_pct, "41%", 41.0),
        (to_pct, "16.2", 16.2),
        (to_pct, " 100 % ", 100.0),
        (to_int, "285", 285),
        (to_int, "285.0", 285),
        (to_count, "0", 0),
        (to_money, "2145540.94", Decimal("2145540.94")),
        (to_money, "-11223.655", Decimal("-11223.66")),
        (to_money, "£1,315,852.70", Decimal("1315852.70")),
    ],
)
def test_numbers_are_cleaned(helper, value, expected):
    assert helper(value, "Value") == expected


@pytest.mark.parametrize(
    ("helper", "value", "reason"),
    [
        (to_float, "abc", "Progress 8 'abc' is not a number"),
        (to_float, "nan", "Progress 8 'nan' is not a number"),
        (to_float, "inf", "Progress 8 'inf' is not a number"),
        (to_int, "12.5", "Progress 8 '12.5' is not a whole number"),
        (to_count, "-3", "Progress 8 '-3' is less than 0"),
        (to_pct, "140%", "Progress 8 '140%' is not a percentage from 0 to 100"),
        (to_money, "lots", "Progress 8 'lots' is not an amount of money"),
    ],
)
def test_garbage_gives_a_reason_a_person_can_act_on(helper, value, reason):
    with pytest.raises(ValueError) as raised:
        helper(value, "Progress 8")
    assert str(raised.value) == reason


def test_dates_in_each_files_format():
    assert to_date("20130418", "Inspection Date", "%Y%m%d") == date(2013, 4, 18)
    assert to_date("2018-04-03", "latest_report", "%Y-%m-%d") == date(2018, 4, 3)
    assert to_date("31-08-2021", "LinkEstablishedDate", "%d-%m-%Y") == date(2021, 8, 31)
    opened = to_date("2019-09-01 00:00:00", "OPENDATE", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
    assert opened == date(2019, 9, 1)


@pytest.mark.parametrize("value", ["2013-04-18", "20131318", "18/04/2013", "soon"])
def test_a_date_in_another_format_is_refused_with_the_format_expected(value):
    with pytest.raises(ValueError, match=r"is not a date \(expected YYYYMMDD\)"):
        to_date(value, "Inspection Date", "%Y%m%d")


def test_a_urn_is_required_and_must_be_a_positive_number():
    assert to_urn(" 100000 ") == 100000
    with pytest.raises(ValueError, match="URN is missing"):
        to_urn("NA")
    with pytest.raises(ValueError, match="URN 'SC011327' is not a number"):
        to_urn("SC011327")
    with pytest.raises(ValueError, match="URN '0' is not a URN"):
        to_urn("0")


def test_text_is_trimmed_and_spaces_collapsed():
    assert to_text("  St James's   Passage ") == "St James's Passage"


def test_byte_order_mark_is_dropped_from_the_first_column(tmp_path):
    path = tmp_path / "census.csv"
    path.write_bytes("\ufeffURN,NOR\n100000,285\n".encode())
    assert read_all(path) == [(2, {"URN": "100000", "NOR": "285"})]


def test_a_file_without_the_required_columns_is_refused_naming_them(tmp_path):
    path = tmp_path / "census.csv"
    path.write_text("URN,KS2 Pupils,Academic Year\n100000,28,2016\n")
    with pytest.raises(FileRefused) as refused:
        read_all(path, ("URN", "NOR", "PNUMEAL"))
    assert str(refused.value) == (
        'census.csv is not the file expected: it has no "NOR" or "PNUMEAL" columns.'
    )


def test_line_numbers_count_the_header_as_line_1_and_quoted_line_breaks(tmp_path):
    path = tmp_path / "census.csv"
    path.write_text('URN,NOR\n100000,285\n"100\n001",752\n\n100002,12\n')
    assert [line for line, _row in read_all(path)] == [2, 3, 6]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "URN,NOR\n100000,285\n100002,12,9\n100003,40\n",
            "line 3 has 3 fields but the header has 2",
        ),
        ("URN,NOR\n100000,285\n100002\n", "line 3 has 1 field but the header has 2"),
    ],
)
def test_a_row_with_the_wrong_number_of_fields_refuses_the_file(tmp_path, text, reason):
    path = tmp_path / "census.csv"
    path.write_text(text)
    assert refusal(path) == f"census.csv {reason}: the file may be cut short or damaged."


@pytest.mark.parametrize("rest", ["100001,12\n", "100001,12\n" * 20_000])
def test_a_quoted_field_never_closed_refuses_the_file_naming_its_line(tmp_path, rest):
    path = tmp_path / "census.csv"
    path.write_text('URN,NOR\n100000,"285\n' + rest)
    assert refusal(path) == (
        "census.csv line 2 opens a quoted field that is never closed: "
        "the file may be cut short or damaged."
    )


def test_text_after_a_closing_quote_refuses_the_file(tmp_path):
    path = tmp_path / "census.csv"
    path.write_text('URN,NOR\n100000,285\n100001,"12"5\n')
    assert refusal(path) == "census.csv line 3 has text after the closing quote of a field."


@pytest.mark.parametrize(
    "text", ["URN,NOR\n100000,285\n100001,1", 'URN,NOR\n100000,285\n100001,"12"']
)
def test_a_last_line_without_a_line_ending_refuses_the_file(tmp_path, text):
    path = tmp_path / "census.csv"
    path.write_text(text)
    assert refusal(path) == (
        "census.csv ends part-way through line 3: its last line has no line ending, "
        "so the file may have been cut short."
    )


def test_a_file_whose_last_record_ends_at_its_closing_quote_may_be_allowed(tmp_path):
    """The GIAS exports quote every field and have no line ending after the last record."""
    path = tmp_path / "links.csv"
    path.write_text('"URN","NOR"\r\n"100000","285"\r\n"100001","12"')
    assert read_all(path, final_newline=False)[-1] == (3, {"URN": "100001", "NOR": "12"})
    path.write_text('"URN","NOR"\r\n"100000","285"\r\n"100001","')
    assert "line 3 opens a quoted field that is never closed" in refusal(path, False)
    for cut in ('"100001","1', '"100001",1'):
        path.write_text('"URN","NOR"\r\n"100000","285"\r\n' + cut)
        assert "ends part-way through line 3" in refusal(path, False)


@pytest.mark.parametrize("text", ["", " \n\n"])
def test_an_empty_file_is_refused(tmp_path, text):
    path = tmp_path / "census.csv"
    path.write_text(text)
    assert refusal(path) == "census.csv is empty."


def test_windows_1252_files_are_read(tmp_path):
    path = tmp_path / "links.csv"
    path.write_bytes('URN,NOR\n108299,"St Thomas à Becket"\n'.encode("cp1252"))
    assert read_all(path)[0][1]["NOR"] == "St Thomas à Becket"


@pytest.mark.parametrize(
    ("flags", "ages", "phase"),
    [
        ((1, 0, 0), (3, 11), Phase.PRIMARY),
        ((1, 0, 0), (4, 7), Phase.PRIMARY),
        ((0, 1, 1), (11, 18), Phase.SECONDARY),
        ((0, 1, 0), (11, 16), Phase.SECONDARY),
        ((0, 1, 1), (13, 18), Phase.SECONDARY),
        ((1, 1, 1), (3, 19), Phase.ALL_THROUGH),
        ((1, 1, 0), (4, 16), Phase.ALL_THROUGH),
        ((1, 1, 0), (9, 13), Phase.MIDDLE),
        ((1, 0, 0), (8, 12), Phase.MIDDLE),
        ((0, 0, 1), (16, 99), Phase.SIXTEEN_PLUS),
        ((1, 0, 0), (2, 5), Phase.NURSERY),
        ((1, 0, 0), (None, None), Phase.PRIMARY),
        ((0, 0, 0), (None, None), Phase.NOT_APPLICABLE),
    ],
)
def test_phase_from_flags_and_ages(flags, ages, phase):
    primary, secondary, post16 = (bool(flag) for flag in flags)
    assert derive_phase(primary, secondary, post16, *ages) == phase


def test_postcode_district_is_the_part_before_the_space():
    assert postcode_district("yo24 4es") == "YO24"
    assert postcode_district("EC3A 5DE") == "EC3A"
    assert postcode_district("") == ""
    assert postcode_district("LONDON") == ""
