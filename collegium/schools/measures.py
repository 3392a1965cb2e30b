"""The register's yearly measures: how each is labelled, shown and compared (D1).

One list, read by the comparators the import stores (`comparators.py`) and by the school's
history tables (`selectors.school_page`). A measure's `weight` says how its local-authority and
England figures are worked out:

- a field of the same row (pupils, cohort): a mean weighted by those pupils, because a share
  or a score of pupils averaged over schools would count a school of 20 as much as one of
  2,000 (the result is the figure for all the pupils of the schools counted);
- `CENSUS_PUPILS`: weighted by the pupils on roll in the school's census of the same year
  (absence, whose file has no pupil count);
- `PUPILS_PAID_FOR`: income (or spend) per pupil, all the income (or expenditure) of the
  schools counted divided by all their pupils;
- None: a plain mean of the schools (pupils on roll, income in pounds: the typical school).

Only schools with a figure (and a weight) are counted; independent schools never are, as in
the DfE's own national figures for state-funded schools.
"""

from dataclasses import dataclass
from enum import StrEnum

CENSUS_PUPILS = "census pupils"
PUPILS_PAID_FOR = "pupils paid for"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    SCORE = "score"
    MONEY = "money"


@dataclass(frozen=True)
class Measure:
    field: str
    label: str
    unit: Unit
    weight: str | None = None
    places: int = 1


@dataclass(frozen=True)
class Topic:
    table: str  # the register table, as the importer names it (collect.KEYS)
    title: str
    measures: tuple[Measure, ...]
    year_words: str = ""  # how the year is read, when it is not simply the figures' year
    # What the DfE files give about disadvantaged pupils for this topic, said on the page.
    disadvantaged: str = ""

    def key(self, measure: Measure) -> str:
        return f"{self.table}.{measure.field}"


def _pct(field: str, label: str, weight: str | None = "pupils") -> Measure:
    return Measure(field, label, Unit.PERCENT, weight)


NOT_SPLIT = (
    "The DfE files imported give these results for all pupils only, not for disadvantaged "
    "pupils; the destinations below are split."
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "census",
        "Pupils",
        (
            Measure("pupils", "Pupils on roll", Unit.COUNT, places=0),
            _pct("pct_fsm_ever", "Eligible for free school meals in the last 6 years"),
            _pct("pct_eal", "English as an additional language"),
            _pct("pct_sen_support", "Special educational needs support"),
            _pct("pct_ehc_plan", "Education, health and care plan"),
        ),
    ),
    Topic(
        "absence",
        "Absence",
        (
            _pct("pct_overall", "Sessions missed", CENSUS_PUPILS),
            _pct("pct_persistent", "Persistently absent pupils", CENSUS_PUPILS),
        ),
    ),
    Topic(
        "ks2",
        "Key stage 2 results",
        (
            Measure("pupils", "Pupils", Unit.COUNT, places=0),
            Measure("reading_progress", "Reading progress", Unit.SCORE, "pupils"),
            Measure("writing_progress", "Writing progress", Unit.SCORE, "pupils"),
            Measure("maths_progress", "Maths progress", Unit.SCORE, "pupils"),
            _pct("pct_expected_standard", "Expected standard in reading, writing and maths"),
            _pct("pct_higher_standard", "Higher standard in reading, writing and maths"),
        ),
        disadvantaged=NOT_SPLIT,
    ),
    Topic(
        "ks4",
        "Key stage 4 results",
        (
            Measure("pupils", "Pupils", Unit.COUNT, places=0),
            Measure("progress_8", "Progress 8", Unit.SCORE, "pupils", places=2),
            Measure("attainment_8", "Attainment 8", Unit.SCORE, "pupils"),
            _pct("pct_english_maths_5", "Grade 5 or above in English and maths"),
            _pct("pct_entering_ebacc", "Entering the EBacc"),
        ),
        disadvantaged=NOT_SPLIT,
    ),
    Topic(
        "destination",
        "Destinations after key stage 4",
        (
            Measure("cohort", "Pupils who finished key stage 4", Unit.COUNT, places=0),
            _pct("pct_sustained", "Stayed in education, an apprenticeship or work", "cohort"),
            _pct(
                "pct_sustained_disadvantaged",
                "Disadvantaged pupils who stayed",
                "cohort_disadvantaged",
            ),
            _pct("pct_sustained_other", "Other pupils who stayed", "cohort_other"),
            _pct("pct_education", "In education", "cohort"),
            _pct("pct_apprenticeship", "In an apprenticeship", "cohort"),
            _pct("pct_employment", "In work", "cohort"),
            _pct("pct_not_sustained", "Did not stay in education or work", "cohort"),
            _pct("pct_unknown", "Not known", "cohort"),
        ),
        year_words="by the year pupils finished key stage 4",
        disadvantaged=(
            "Disadvantaged pupils are those eligible for free school meals in the last 6 years "
            "or looked after. For earlier years the file gives only the share who stayed."
        ),
    ),
    Topic(
        "finance",
        "Finance",
        (
            Measure("income", "Income", Unit.MONEY, places=0),
            Measure("expenditure", "Expenditure", Unit.MONEY, places=0),
            Measure("balance", "Balance", Unit.MONEY, places=0),
            Measure("income_per_pupil", "Income per pupil", Unit.MONEY, PUPILS_PAID_FOR, 0),
            Measure("expenditure_per_pupil", "Spend per pupil", Unit.MONEY, PUPILS_PAID_FOR, 0),
        ),
    ),
)

MEASURES: dict[str, tuple[Topic, Measure]] = {
    topic.key(measure): (topic, measure) for topic in TOPICS for measure in topic.measures
}
