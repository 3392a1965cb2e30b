"""One small spec per source file: where it lives, the columns it must have, how a row maps.

Paths are relative to the data directory (laid out like ../shared/data). A parse function
returns the field values of one record, None when the row carries nothing to import (a
national total row, a letter that is not an inspection), or raises ValueError with the reason
the row is rejected.
"""

from collections.abc import Callable
from dataclasses import dataclass
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

CENSUS_YEAR = 2019  # england_census.csv is the January 2019 census (2018-19 tables)
ABSENCE_YEAR = 2019  # england_abs.csv comes from the same 2018-19 release
# Ofsted's report pages give the date a report was published, a few weeks after the visit.
REPORT_DELAY_DAYS = 120


@dataclass(frozen=True)
class Source:
    pattern: str  # relative path; a * matches several files of the same kind
    table: str  # the register table the rows feed (see collect.KEYS)
    required: tuple[str, ...]
    parse: Callable[[Row], Record | None]
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


def _is_total(row: Row) -> bool:
    """National (NAT) and other total rows at the foot of the performance-tables files."""
    return "NAT" in (row["URN"].strip(), row["LA"].strip())


def census(row: Row) -> Record | None:
    if _is_total(row):
        return None
    return {
        "urn": to_urn(row["URN"]),
        "year": CENSUS_YEAR,
        "pupils": to_count(row["NOR"], "NOR"),
        "pct_fsm_ever": to_pct(row["PNUMFSMEVER"], "PNUMFSMEVER"),
        "pct_eal": to_pct(row["PNUMEAL"], "PNUMEAL"),
        "pct_sen_support": to_pct(row["PSENELK"], "PSENELK"),
        "pct_ehc_plan": to_pct(row["PSENELSE"], "PSENELSE"),
    }


def absence(row: Row) -> Record | None:
    if _is_total(row):
        return None
    return {
        "urn": to_urn(row["URN"]),
        "year": ABSENCE_YEAR,
        "pct_overall": to_pct(row["PERCTOT"], "PERCTOT"),
        "pct_persistent": to_pct(row["PPERSABS10"], "PPERSABS10"),
    }


def ks2(row: Row) -> Record:
    return {
        "urn": to_urn(row["URN"]),
        "year": to_year(row["Academic Year"], "Academic Year"),
        "pupils": to_count(row["KS2 Pupils"], "KS2 Pupils"),
        "reading_progress": to_float(row["Reading Progress"], "Reading Progress"),
        "writing_progress": to_float(row["Writing Progress"], "Writing Progress"),
        "maths_progress": to_float(row["Maths Progress"], "Maths Progress"),
        "pct_expected_standard": to_pct(row["Overall Meet Std"], "Overall Meet Std"),
        "pct_higher_standard": to_pct(row["Overall Exceed Std"], "Overall Exceed Std"),
    }


def ks4(row: Row) -> Record:
    return {
        "urn": to_urn(row["URN"]),
        "year": to_year(row["Academic Year"], "Academic Year"),
        "pupils": to_count(row["KS4 Pupils"], "KS4 Pupils"),
        "progress_8": to_float(row["Progress 8"], "Progress 8"),
        "attainment_8": to_float(row["Attainment 8"], "Attainment 8"),
        "pct_english_maths_5": to_pct(row["Eng Maths Grade 5"], "Eng Maths Grade 5"),
        "pct_entering_ebacc": to_pct(row["Entering EBacc"], "Entering EBacc"),
    }


def finance(row: Row) -> Record:
    return {
        "urn": to_urn(row["URN"]),
        "year": to_year(row["Academic Year"], "Academic Year"),
        "income": to_money(row["Income"], "Income"),
        "expenditure": to_money(row["Expenditure"], "Expenditure"),
        "balance": to_money(row["Balance"], "Balance"),
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
KS2_COLUMNS = (
    "URN", "KS2 Pupils", "Reading Progress", "Writing Progress", "Maths Progress",
    "Overall Meet Std", "Overall Exceed Std", "Academic Year",
)  # fmt: skip
KS4_COLUMNS = (
    "URN", "KS4 Pupils", "Progress 8", "Attainment 8", "Eng Maths Grade 5", "Entering EBacc",
    "Academic Year",
)  # fmt: skip
DERIVED = "derived_waiky8_schools-data"
CENSUS_COLUMNS = ("URN", "LA", "NOR", "PNUMFSMEVER", "PNUMEAL", "PSENELK", "PSENELSE")

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
    Source("performance_tables_2018-19_ksp/england_census.csv", "census", CENSUS_COLUMNS, census,
           skipped_rows="national totals"),
    Source("performance_tables_2018-19_ksp/england_abs.csv", "absence",
           ("URN", "LA", "PERCTOT", "PPERSABS10"), absence, skipped_rows="national totals"),
    *(Source(f"{DERIVED}/ks2_perf_{y}.csv", "ks2", KS2_COLUMNS, ks2) for y in (2016, 2017, 2018)),
    *(Source(f"{DERIVED}/ks4_perf_{y}.csv", "ks4", KS4_COLUMNS, ks4) for y in (2016, 2017, 2018)),
    *(
        Source(f"{DERIVED}/financials_{year}.csv", "finance",
               ("URN", "Income", "Expenditure", "Balance", "Academic Year"), finance)
        for year in range(2014, 2019)
    ),
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
