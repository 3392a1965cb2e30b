"""collegium/exports.py: a table as CSV or XLSX, read back as a spreadsheet would read it."""

import io
from datetime import UTC, date, datetime

import pytest
from django.http import Http404
from openpyxl import load_workbook

from collegium.exports import safe_text, table_response
from tests.downloads import csv_rows, filename_of, xlsx_rows

HEADERS = ["School", "URN", "Due", "Recorded", "Done", "Note"]
ROWS = [
    [
        "Ash Primary School",
        900001,
        date(2027, 3, 1),
        datetime(2027, 3, 2, 9, 30, tzinfo=UTC),
        True,
        "",
    ],
    ["Élan Academy", 900002, None, None, False, '=HYPERLINK("http://evil")'],
    ["Birch School", 900003, None, None, False, "+1"],
    ["Cedar School", 900004, None, None, False, "-2 pupils"],
    ["Damson School", 900005, None, None, False, "@SUM(A1)"],
]


def test_a_csv_reads_back_with_its_header_accents_and_dates():
    response = table_response("schools", HEADERS, ROWS, "csv")
    rows = csv_rows(response)
    assert filename_of(response) == "schools.csv"
    assert rows[0] == HEADERS
    assert rows[1][:3] == ["Ash Primary School", "900001", "2027-03-01"]
    assert rows[1][4] == "Yes" and rows[2][4] == "No"
    assert rows[2][0] == "Élan Academy"
    assert rows[2][2] == "" and rows[2][3] == ""


def test_a_csv_cell_that_a_spreadsheet_would_run_is_made_text():
    rows = csv_rows(table_response("notes", HEADERS, ROWS, "csv"))
    notes = [row[5] for row in rows[2:]]
    assert notes == ['\'=HYPERLINK("http://evil")', "'+1", "'-2 pupils", "'@SUM(A1)"]
    assert safe_text("Reading") == "Reading" and safe_text("\tx") == "'\tx"


def test_an_xlsx_has_a_bold_header_widths_and_typed_cells():
    response = table_response("schools", HEADERS, ROWS, "xlsx")
    assert filename_of(response) == "schools.xlsx"
    rows = xlsx_rows(response)
    assert rows[0] == HEADERS
    assert rows[1][0] == "Ash Primary School"
    assert rows[1][1] == 900001  # a number, not text
    assert rows[1][2] == datetime(2027, 3, 1)  # a date cell
    assert isinstance(rows[1][3], datetime)
    assert rows[1][4] == "Yes"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet["C2"].is_date and sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["A"].width >= len("Ash Primary School")


def test_an_xlsx_never_holds_a_formula():
    response = table_response("notes", HEADERS, ROWS, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["F3"].value == '=HYPERLINK("http://evil")'
    assert sheet["F3"].data_type == "s"  # text, not "f"


def test_an_xlsx_drops_characters_it_cannot_hold():
    rows = xlsx_rows(table_response("x", ["Note"], [["bell\x07 ring"]], "xlsx"))
    assert rows[1] == ["bell ring"]


def test_an_empty_table_is_its_header():
    assert csv_rows(table_response("none", HEADERS, [], "csv")) == [HEADERS]
    assert xlsx_rows(table_response("none", HEADERS, [], "xlsx")) == [HEADERS]


def test_another_format_is_not_found():
    with pytest.raises(Http404):
        table_response("schools", HEADERS, ROWS, "pdf")
