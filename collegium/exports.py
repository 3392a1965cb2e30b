"""Tables as downloads: CSV (UTF-8 with a byte-order mark, so Excel reads the accents) or an
XLSX workbook (openpyxl, write-only), for every page that offers "Download as CSV" or "Download
as spreadsheet (XLSX)".

A cell that starts with = + - @ (or a tab or carriage return) would be read as a formula by a
spreadsheet that opens the CSV, so it is written with a ' before it; in the XLSX it is stored as
text, never as a formula. Views fetch the rows through the same getters and selectors as their
page, so whoever is refused the page is refused its download.
"""

import csv
import io
import numbers
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MIN_WIDTH, MAX_WIDTH = 8, 60  # columns, in characters
# Characters an XLSX file may not hold (control characters other than tab and line breaks).
NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Row = Sequence[Any]


def table_response(
    filename: str, headers: Sequence[str], rows: Iterable[Row], fmt: str
) -> HttpResponse:
    """The table as a download named ``filename`` plus ".csv" or ".xlsx"; any other format is
    a page that does not exist."""
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        response = _csv(headers, rows)
    else:
        response = HttpResponse(_xlsx(headers, list(rows)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def safe_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _local(value: datetime) -> datetime:
    """A spreadsheet has no time zones: the time in the service's zone, without its zone."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, numbers.Number):  # also numpy's numbers: "-3" is a number, not text
        return str(value)
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(str(value))


def _csv(headers: Sequence[str], rows: Iterable[Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return response


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    elif isinstance(value, datetime):
        value = _local(value)
    elif isinstance(value, str):
        value = NOT_IN_XLSX.sub("", value)
    elif value is not None and not isinstance(value, numbers.Number | date):
        value = NOT_IN_XLSX.sub("", str(value))
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16 if isinstance(value, datetime) else 10
    longest = max((len(line) for line in str(value).splitlines()), default=0)
    return longest


def _widths(headers: Sequence[str], rows: list[Row]) -> list[int]:
    widths = [_width(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], _width(value))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _xlsx(headers: Sequence[str], rows: list[Row]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    for i, width in enumerate(_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = _xlsx_cell(sheet, header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
