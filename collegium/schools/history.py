"""A school's figures year by year, each beside the local-authority and England figure (D1).

Read for the school's page and the pre-review analysis: the school's rows of each yearly table
and the stored comparators of its phase and local authority (one query), shaped per topic of
`measures.TOPICS`. Nothing is worked out here but the age of the figures.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from collegium.schools.comparators import comparison_group
from collegium.schools.measures import TOPICS, Measure, Topic
from collegium.schools.models import Comparator, Phase, School

# The comparators of a school's group: (measure, year, "la" or "england") -> comparator.
type Compared = dict[tuple[str, int, str], Comparator]

# Figures are out of date once more than two years have passed since their academic year ended.
YEARS_UNTIL_OLD = 2


@dataclass(frozen=True)
class YearFigure:
    year: int
    value: Any  # int, float or Decimal; None when the file gives none
    la: Comparator | None
    england: Comparator | None


@dataclass(frozen=True)
class MeasureHistory:
    measure: Measure
    years: list[YearFigure]  # newest first


@dataclass(frozen=True)
class TopicHistory:
    topic: Topic
    measures: list[MeasureHistory]


@dataclass(frozen=True)
class Figures:
    topics: list[TopicHistory]
    la_name: str  # the school's local authority, "" if not known
    compared_with: str  # "primary schools": the schools its figures are compared with
    newest_year: int | None
    out_of_date: bool  # the newest figure is more than two years old


PHASE_WORDS = {
    Phase.NURSERY: "nursery schools",
    Phase.PRIMARY: "primary schools",
    Phase.MIDDLE: "middle schools",
    Phase.SECONDARY: "secondary schools",
    Phase.ALL_THROUGH: "all-through schools",
    Phase.SIXTEEN_PLUS: "schools and colleges for pupils aged 16 and over",
    Phase.NOT_APPLICABLE: "schools with no phase of education recorded",
}


def figures_of(school: School, records: Mapping[str, Sequence[Any]], today: date) -> Figures:
    """The school's figures, year by year beside their comparators, and how old they are.

    `records` holds the school's rows of each yearly table, newest first, by table name.
    """
    newest = max((rows[0].year for rows in records.values() if rows), default=None)
    la = school.local_authority
    special = comparison_group(school.phase, school.school_group) == Comparator.SPECIAL
    return Figures(
        topics=histories_of(school, records),
        la_name=la.name if la is not None else "",
        compared_with="special schools" if special else PHASE_WORDS[Phase(school.phase)],
        newest_year=newest,
        out_of_date=figures_out_of_date(newest, today),
    )


def figures_out_of_date(newest_year: int | None, today: date) -> bool:
    """Whether more than two years have passed since the newest figure's academic year ended
    (31 August of the year it ends in): on 1 September 2021, figures for 2018/19 are old."""
    if newest_year is None:
        return False
    return today > date(newest_year + YEARS_UNTIL_OLD, 8, 31)


def histories_of(school: School, records: Mapping[str, Sequence[Any]]) -> list[TopicHistory]:
    """Each topic the school has figures for, every year of every measure, newest first."""
    years = {row.year for rows in records.values() for row in rows}
    compared = _comparators(school, years)
    histories = []
    for topic in TOPICS:
        rows = records.get(topic.table, ())
        if not rows:
            continue
        measures = [
            MeasureHistory(measure, _years(topic, measure, rows, compared))
            for measure in topic.measures
        ]
        histories.append(TopicHistory(topic, measures))
    return histories


def _years(
    topic: Topic, measure: Measure, rows: Sequence[Any], compared: Compared
) -> list[YearFigure]:
    """The measure's years, leaving out those with no figure at all (neither the school's nor
    a comparator), but always the newest, so that a measure the files lack still says so."""
    years = [_figure(topic, measure, row, compared) for row in rows]
    shown = [y for y in years if (y.value, y.la, y.england) != (None, None, None)]
    return shown or years[:1]


def _figure(topic: Topic, measure: Measure, row: Any, compared: Compared) -> YearFigure:
    key = topic.key(measure)
    return YearFigure(
        year=row.year,
        value=getattr(row, measure.field),
        la=compared.get((key, row.year, "la")),
        england=compared.get((key, row.year, Comparator.ENGLAND)),
    )


def _comparators(school: School, years: set[int]) -> Compared:
    """{(measure, year, "la" or "england"): comparator} for the school's group and years."""
    if not years:
        return {}
    la = str(school.local_authority_id) if school.local_authority_id is not None else None
    areas = [Comparator.ENGLAND] + ([la] if la else [])
    group = comparison_group(school.phase, school.school_group)
    found = Comparator.objects.filter(phase=group, year__in=years, area__in=areas)
    return {(c.measure, c.year, "la" if c.area == la else Comparator.ENGLAND): c for c in found}
