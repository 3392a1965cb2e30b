"""Reading back a download of collegium/exports.py, as a person's spreadsheet would."""

import csv
import io
from typing import Any

from openpyxl import load_workbook


def csv_rows(response: Any) -> list[list[str]]:
    """The rows of a CSV download (its byte-order mark checked and dropped), header first."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response: Any) -> list[list[Any]]:
    """The rows of an XLSX download's first sheet, header first, as openpyxl reads them."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def filename_of(response: Any) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')
