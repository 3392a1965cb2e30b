"""One small spec per source file: where it lives, the columns it must have, how a row maps.

Paths are relative to the data directory (laid out like ../shared/data). A parse function
returns the field values of one record (or of several, a file giving earlier years in the same
row), None when the row carries nothing to import (a national total row, a letter that is not
an inspection), or raises ValueError with the reason the row is rejected.

The yearly figures (census, absence, results, destinations, finance) are read through one
`Release` per file the DfE published: the year it describes and the column giving each field.
A newer release, even with renamed columns, is imported by adding its `Release` to the
table's list below; collegium/schools/data/README.md lists every file and column read.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from collegium.schools.importing.readers import (
    Row,
    to_count,
    to_date,
    to_flag,
    to_float,
    to_int,
    to_money,
    to_pct,
    to_text,
    to_urn,
    to_year,
)
from collegium.schools.models import Phase

Record = dict[str, Any]
Parsed = Record | list[Record] | None
# Ofsted's report pages give the date a report was published, a few weeks after the visit.
REPORT_DELAY_DAYS = 120


@dataclass(frozen=True)
class Source:
    pattern: str  # relative path; a * matches several files of the same kind
    table: str  # the register table the rows feed (see collect.KEYS)
    required: tuple[str, ...]
    parse: Callable[[Row], Parsed]
    optional: bool = True
    needs_school: bool = True  # reject rows whose URN is not in the school list
    # Skip a row when an earlier file already has an inspection of that school up to this
    # many days before its date: it is the same inspection, reported later.
    same_inspection_within_days: int = 0
    skipped_rows: str = "nothing to import"  # what a None from parse means
    # Fewer data rows than this and the file is refused as cut short (1: a header alone is).
    # The stronger check is against the last import's rows (collect.SHRINK_LIMIT).
    min_rows: int = 1
    # False: the last record may end at its closing quote with no line ending (GIAS exports).
    final_newline: bool = True


def derive_phase(
    primary: bool, secondary: bool, post16: bool, low: int | None, high: int | None
) -> Phase:
    """Phase from the spine's ISPRIMARY/ISSECONDARY/ISPOST16 flags and age range.

    In order: nursery when the top age is 5 or under; middle when the range straddles the
    move at 11 without reaching the end of key stage 4 (starts at 7-10, ends at 12-14, e.g.
    9-13); all-through when both the primary and secondary flags are set; then primary,
    secondary, or 16-plus when only the post-16 flag is set.
    """
    if high is not None and high <= 5:
        return Phase.NURSERY
    if low is not None and high is not None and 7 <= low <= 10 and 12 <= high <= 14:
        return Phase.MIDDLE
    if primary and secondary:
        return Phase.ALL_THROUGH
    if primary:
        return Phase.PRIMARY
    if secondary:
        return Phase.SECONDARY
    if post16:
        return Phase.SIXTEEN_PLUS
    return Phase.NOT_APPLICABLE


# ICLOSE in the 2017-18 spine uses the GIAS establishment status codes.
OPEN_STATUSES = {1: True, 2: False, 3: True, 4: False}  # 3: open, proposed to close; 4: to open


def school(row: Row) -> Record:
    status = to_int(row["ICLOSE"], "ICLOSE")
    if status not in OPEN_STATUSES:
        raise ValueError(f"ICLOSE '{row['ICLOSE'].strip()}' is not a status from 1 to 4")
    name = to_text(row["SCHNAME"])
    if not name:
        raise ValueError("SCHNAME is missing")
    low = to_count(row["AGEL"], "AGEL")
    high = to_count(row["AGEH"], "AGEH") or None  # 0 means not recorded
    primary, secondary, post16 = (
        to_flag(row[column], column) for column in ("ISPRIMARY", "ISSECONDARY", "ISPOST16")
    )
    dates = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y")
    return {
        "urn": to_urn(row["URN"]),
        "la_code": to_int(row["LA"], "LA"),
        "laestab": to_count(row["LAESTAB"], "LAESTAB"),
        "name": name,
        "street": to_text(row["STREET"]),
        "locality": to_text(row["LOCALITY"]),
        "town": to_text(row["TOWN"]),
        "postcode": to_text(row["POSTCODE"]).upper(),
        "phase": derive_phase(primary, secondary, post16, low, high).value,
        "school_group": to_text(row["MINORGROUP"]),
        "school_type": to_text(row["NFTYPE"]),
        "is_open": OPEN_STATUSES[status],
        "opened_on": to_date(row["OPENDATE"], "OPENDATE", *dates),
        "closed_on": to_date(row["CLOSEDATE"], "CLOSEDATE", *dates),
        "age_low": low,
        "age_high": high,
        "gender": to_text(row["GENDER"]),
        "religious_character": to_text(row["RELDENOM"]),
        "admissions_policy": to_text(row["ADMPOL"]),
    }


def _rating(value: str) -> str:
    rating = to_text(value)
    # The scraped 2017-18 reports spell one grade out in full.
    return "Requires Improvement" if rating == "Requires improvement to be good" else rating


def _inspection(urn: int, inspected_on: date | None, rating: str, source: str) -> Record:
    if inspected_on is None:
        raise ValueError("the date is missing")
    return {"urn": urn, "inspected_on": inspected_on, "rating": rating, "source": source}


def ofsted_rating(row: Row) -> Record:
    inspected_on = to_date(row["Inspection Date"], "Inspection Date", "%Y%m%d")
    return _inspection(to_urn(row["URN"]), inspected_on, _rating(row["Rating"]), RATINGS_SOURCE)


NOT_INSPECTIONS = {"", "Academy conversion letter"}


def ofsted_report(row: Row) -> Record | None:
    if to_text(row["report_type"]) in NOT_INSPECTIONS:
        return None
    published = to_date(row["latest_report"], "latest_report", "%Y-%m-%d")
    return _inspection(to_urn(row["urn"]), published, _rating(row["rating"]), REPORTS_SOURCE)


def trust(row: Row) -> Record | None:
    # NULL (no trust named) leaves the school's trust name as it is: people may correct it.
    name = to_text(row["Multi-academy trust name"])
    return {"urn": to_urn(row["URN"]), "trust_name": name} if name else None


def coordinates(row: Row) -> Record | None:
    latitude = to_float(row["LATITUDE"], "LATITUDE")
    longitude = to_float(row["LONGITUDE"], "LONGITUDE")
    if latitude is None or longitude is None:
        return None
    if not (49 <= latitude <= 61 and -9 <= longitude <= 2):
        raise ValueError(f"LATITUDE {latitude}, LONGITUDE {longitude} is not in the UK")
    return {"urn": to_urn(row["URN"]), "latitude": latitude, "longitude": longitude}


def link(row: Row) -> Record:
    link_type = to_text(row["LinkType"])
    if not link_type:
        raise ValueError("LinkType is missing")
    return {
        "urn": to_urn(row["URN"]),
        "linked_urn": to_urn(row["LinkURN"], "LinkURN"),
        "linked_name": to_text(row["LinkName"]),
        "link_type": link_type,
        "established_on": to_date(row["LinkEstablishedDate"], "LinkEstablishedDate", "%d-%m-%Y"),
    }


RATINGS_SOURCE = "Ofsted ratings to 2018"
REPORTS_SOURCE = "Ofsted reports 2017-18 (date published)"
SPINE = "performance_tables_2017-18_waiky8/2017-2018_england_spine.csv"
SPINE_COLUMNS = (
    "URN", "LA", "LAESTAB", "SCHNAME", "STREET", "LOCALITY", "TOWN", "POSTCODE", "ICLOSE",
    "OPENDATE", "CLOSEDATE", "MINORGROUP", "NFTYPE", "ISPRIMARY", "ISSECONDARY", "ISPOST16",
    "AGEL", "AGEH", "GENDER", "RELDENOM", "ADMPOL",
)  # fmt: skip
# ---------------------------------------------------------------------------------------------
# The yearly figures: one Release per published file, with the column giving each field.

# How each field of a yearly table is read from its column.
FIELDS: dict[str, dict[str, Callable[[str | None, str], Any]]] = {
    "census": {
        "pupils": to_count, "pct_fsm_ever": to_pct, "pct_eal": to_pct,
        "pct_sen_support": to_pct, "pct_ehc_plan": to_pct,
    },
    "absence": {"pct_overall": to_pct, "pct_persistent": to_pct},
    "ks2": {
        "pupils": to_count, "reading_progress": to_float, "writing_progress": to_float,
        "maths_progress": to_float, "pct_expected_standard": to_pct,
        "pct_higher_standard": to_pct,
    },
    "ks4": {
        "pupils": to_count, "progress_8": to_float, "attainment_8": to_float,
        "pct_english_maths_5": to_pct, "pct_entering_ebacc": to_pct,
    },
    "destination": {
        "cohort": to_count, "pct_sustained": to_pct, "pct_education": to_pct,
        "pct_apprenticeship": to_pct, "pct_employment": to_pct, "pct_not_sustained": to_pct,
        "pct_unknown": to_pct, "cohort_disadvantaged": to_count,
        "pct_sustained_disadvantaged": to_pct, "cohort_other": to_count,
        "pct_sustained_other": to_pct,
    },
    "finance": {"income": to_money, "expenditure": to_money, "balance": to_money},
}  # fmt: skip


@dataclass(frozen=True)
class Release:
    """One published file of yearly figures: the year it describes and where each field is.

    `year` is the calendar year the academic year ends in (2019 for 2018/19) when the file does
    not say; otherwise `year_column` names the column that does. `totals` marks the local
    authority and national total rows (column -> values), which are skipped. `earlier` gives,
    for a file that repeats earlier years' figures in the same row, those years' columns.
    """

    table: str
    pattern: str
    columns: Mapping[str, str]
    year: int | None = None
    year_column: str = ""
    totals: Mapping[str, frozenset[str]] = field(default_factory=dict)
    earlier: Mapping[int, Mapping[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.year is None) == (not self.year_column):
            raise ValueError(f"{self.pattern}: give either the year or the year's column")
        for columns in (self.columns, *self.earlier.values()):
            unknown = set(columns) - set(FIELDS[self.table])
            if unknown:
                raise ValueError(f"{self.pattern}: {self.table} has no {sorted(unknown)}")

    def required(self) -> tuple[str, ...]:
        columns = ["URN", *self.totals, self.year_column, *self.columns.values()]
        columns += [column for earlier in self.earlier.values() for column in earlier.values()]
        return tuple(dict.fromkeys(column for column in columns if column))

    def source(self) -> Source:
        skipped = "local authority and national totals" if self.totals else "nothing to import"
        return Source(self.pattern, self.table, self.required(), self.parse, skipped_rows=skipped)

    def parse(self, row: Row) -> Parsed:
        if any(row[column].strip() in values for column, values in self.totals.items()):
            return None
        urn = to_urn(row["URN"])
        year = self.year or to_year(row[self.year_column], self.year_column)
        record = self.record(urn, year, self.columns, row)
        if not self.earlier:
            return record
        earlier = [self.record(urn, y, columns, row) for y, columns in self.earlier.items()]
        blank = {"urn", "year"}
        return [record, *(r for r in earlier if any(r[k] is not None for k in r.keys() - blank))]

    def record(self, urn: int, year: int, columns: Mapping[str, str], row: Row) -> Record:
        readers = FIELDS[self.table]
        record: Record = {"urn": urn, "year": year}
        for name, column in columns.items():
            record[name] = readers[name](row[column], column)
        return record


NATIONAL_ROWS = {"URN": frozenset({"NAT"}), "LA": frozenset({"NAT"})}
KSP = "performance_tables_2018-19_ksp"
DERIVED = "derived_waiky8_schools-data"
CENSUS = {
    "pupils": "NOR", "pct_fsm_ever": "PNUMFSMEVER", "pct_eal": "PNUMEAL",
    "pct_sen_support": "PSENELK", "pct_ehc_plan": "PSENELSE",
}  # fmt: skip
ABSENCE = {"pct_overall": "PERCTOT", "pct_persistent": "PPERSABS10"}
# The derived files' own names for the DfE columns (READPROG, P8MEA, ATT8SCR...).
KS2_DERIVED = {
    "pupils": "KS2 Pupils", "reading_progress": "Reading Progress",
    "writing_progress": "Writing Progress", "maths_progress": "Maths Progress",
    "pct_expected_standard": "Overall Meet Std", "pct_higher_standard": "Overall Exceed Std",
}  # fmt: skip
KS4_DERIVED = {
    "pupils": "KS4 Pupils", "progress_8": "Progress 8", "attainment_8": "Attainment 8",
    "pct_english_maths_5": "Eng Maths Grade 5", "pct_entering_ebacc": "Entering EBacc",
}  # fmt: skip
KS4_DFE = {
    "pupils": "TPUP", "progress_8": "P8MEA", "attainment_8": "ATT8SCR",
    "pct_english_maths_5": "PTL2BASICS_95", "pct_entering_ebacc": "PTEBACC_E_PTQ_EE",
}  # fmt: skip
# RECTYPE 1 and 2 are schools; 4 a local authority, 5 and 7 England (all schools, state-funded).
KS4_TOTALS = {"RECTYPE": frozenset({"4", "5", "7"})}
DESTINATIONS = {
    "cohort": "COHORT", "pct_sustained": "OVERALL_DESTPER", "pct_education": "EDUCATIONPER",
    "pct_apprenticeship": "APPRENPER", "pct_employment": "EMPLOYMENTPER",
    "pct_not_sustained": "NOT_SUSTAINEDPER", "pct_unknown": "UNKNOWNPER",
    "cohort_disadvantaged": "COHORT_DIS", "pct_sustained_disadvantaged": "OVERALL_DESTPER_DIS",
    "cohort_other": "COHORT_NONDIS", "pct_sustained_other": "OVERALL_DESTPER_NONDIS",
}  # fmt: skip


def _earlier_destinations(suffix: str) -> dict[str, str]:
    """The headline share for an earlier cohort, in columns ending _18 (2018's tables) or _17."""
    fields = ("cohort", "pct_sustained", "cohort_disadvantaged", "pct_sustained_disadvantaged",
              "cohort_other", "pct_sustained_other")  # fmt: skip
    return {name: DESTINATIONS[name] + suffix for name in fields}


# Per table, every release imported, oldest first. A newer DfE file is one more line here.
RELEASES: tuple[Release, ...] = (
    # January 2019 census and 2018/19 absence, from the 2018-19 performance tables.
    Release("census", f"{KSP}/england_census.csv", CENSUS, year=2019, totals=NATIONAL_ROWS),
    Release("absence", f"{KSP}/england_abs.csv", ABSENCE, year=2019, totals=NATIONAL_ROWS),
    *(
        Release("ks2", f"{DERIVED}/ks2_perf_{year}.csv", KS2_DERIVED, year_column="Academic Year")
        for year in (2016, 2017, 2018)
    ),
    *(
        Release("ks4", f"{DERIVED}/ks4_perf_{year}.csv", KS4_DERIVED, year_column="Academic Year")
        for year in (2016, 2017, 2018)
    ),
    # The DfE's own 2018/19 (provisional) key stage 4 file, under its own column names.
    Release("ks4", f"{KSP}/england_ks4provisional.csv", KS4_DFE, year=2019, totals=KS4_TOTALS),
    # The 2019 tables' destinations: pupils who finished key stage 4 in 2016/17, with the two
    # cohorts before them from the 2018 and 2017 tables.
    Release(
        "destination", f"{KSP}/england_ks4-pupdest.csv", DESTINATIONS, year=2017,
        totals={"RECTYPE": frozenset({"LA", "NAT"})},
        earlier={2016: _earlier_destinations("_18"), 2015: _earlier_destinations("_17")},
    ),
    *(
        Release("finance", f"{DERIVED}/financials_{year}.csv",
                {"income": "Income", "expenditure": "Expenditure", "balance": "Balance"},
                year_column="Academic Year")
        for year in range(2014, 2019)
    ),
)  # fmt: skip

# In reading order: the school list first, then what hangs off it.
SOURCES: tuple[Source, ...] = (
    Source(SPINE, "school", SPINE_COLUMNS, school, optional=False, needs_school=False),
    Source("ofsted_mi_sample_2026/*.csv", "trust", ("URN", "Multi-academy trust name"), trust,
           skipped_rows="no trust named"),
    *(
        Source(f"derived_waiky8_eng-schools/england_{stage}final.csv", "coordinates",
               ("URN", "LATITUDE", "LONGITUDE"), coordinates,
               skipped_rows="no coordinates")
        for stage in ("ks2", "ks4", "ks5")
    ),
    *(release.source() for release in RELEASES),
    Source(f"{DERIVED}/ofsted_ratings_2018.csv", "inspection",
           ("URN", "Rating", "Inspection Date"), ofsted_rating),
    Source("ofsted_scraped_2017-18_mathickman/*_Schools_sheet.csv", "inspection",
           ("urn", "rating", "latest_report", "report_type"), ofsted_report,
           same_inspection_within_days=REPORT_DELAY_DAYS,
           skipped_rows="not an inspection: academy conversion letter or no report type"),
    Source("gias/links_edubasealldata20250422.csv", "link",
           ("URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"), link,
           needs_school=False, final_newline=False),
)  # fmt: skip
