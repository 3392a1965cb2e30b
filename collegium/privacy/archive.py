"""A person's data as a ZIP: each table as JSON and as CSV, and a note on what is in it."""

import csv
import io
import json
import zipfile
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
README = """What Collegium holds about {name}, produced on {when}.

Each kind of record is here twice: as JSON (name.json) and as CSV (name.csv) for a spreadsheet.
An empty file means Collegium holds no record of that kind about you. Judgements the team agreed
and published summaries belong to the school's review and are not in this download.
"""


def zip_of(tables: dict[str, list[dict[str, Any]]], name: str, when: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(name=name, when=when))
        for kind, rows in tables.items():
            archive.writestr(f"{kind}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2))
            archive.writestr(f"{kind}.csv", _csv(rows))
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # a spreadsheet shows the text instead of running it
    return "" if value is None else value
