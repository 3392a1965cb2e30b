"""collegium/schools/data/README.md lists every file the import reads and every column it reads
from each, so whoever imports a newer DfE release knows what to map."""

from pathlib import Path

import pytest

from collegium.schools.importing.sources import SOURCES, Release, Source

README = Path(__file__).resolve().parent.parent / "data" / "README.md"
TABLE = [line for line in README.read_text().splitlines() if line.startswith("| `")]


def row_of(source: Source) -> str:
    name = source.pattern.rsplit("/", 1)[-1]
    rows = [line for line in TABLE if f"`{source.pattern}`" in line or f"`{name}`" in line]
    assert len(rows) == 1, f"{source.pattern} is not listed once in {README.name}"
    return rows[0]


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.pattern)
def test_every_file_and_column_read_is_documented(source):
    row = row_of(source)
    missing = [column for column in source.required if f"`{column}`" not in row]
    assert not missing, f"{source.pattern}: {missing} not in {README.name}"


def test_no_file_is_read_twice():
    patterns = [source.pattern for source in SOURCES]
    assert len(set(patterns)) == len(patterns)


def test_a_release_gives_its_year_once_and_only_fields_its_table_has():
    with pytest.raises(ValueError, match="either the year or the year's column"):
        Release("ks4", "ks4_2020.csv", {"pupils": "TPUP"})
    with pytest.raises(ValueError, match="either the year or the year's column"):
        Release("ks4", "ks4_2020.csv", {"pupils": "TPUP"}, year=2020, year_column="YEAR")
    with pytest.raises(ValueError, match=r"ks4 has no \['reading_progress'\]"):
        Release("ks4", "ks4_2020.csv", {"reading_progress": "READPROG"}, year=2020)
    newer = Release("ks4", "ks4_2020.csv", {"pupils": "TPUP", "progress_8": "P8MEA"}, year=2020)
    assert newer.source().required == ("URN", "TPUP", "P8MEA")
    assert newer.parse({"URN": "100049", "TPUP": "180", "P8MEA": "-0.2"}) == {
        "urn": 100049,
        "year": 2020,
        "pupils": 180,
        "progress_8": -0.2,
    }
