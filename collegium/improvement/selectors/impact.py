"""I3 reads: an action plan's progress (shown on the plan page, read by governors), and its
impact: how the school's context figures changed since the review, against the change over the
same years at similar schools that did not take part in the network's peer review.

The comparison itself is the pure `collegium.neighbours.change`; the neighbours come from
`selectors/similar.py` (N4), chosen only among schools that have never been a member of one of
the network's clusters. Changes are measured from the last academic year that ended
before the review started (see `baseline_year`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from collegium.clusters.models import Membership
from collegium.improvement.models import (
    Action,
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
)
from collegium.improvement.selectors.figures import FIGURES, PERCENT, Figure, series
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.improvement.selectors.similar import SimilarSchool, candidates_for, similar_schools
from collegium.neighbours.change import MIN_NEIGHBOURS, Comparison, compare_change
from collegium.neighbours.change import years_to_compare as years_for
from collegium.people.dates import academic_year_label
from collegium.schools.models import School
from collegium.voice import selectors as voice_selectors
from collegium.words import lower_first

NEIGHBOURS = 20  # similar schools compared with
SEPTEMBER = 9  # the month an academic year starts
EVER_MEMBER = (Membership.Status.MEMBER, Membership.Status.LEFT)  # took part in peer review


@dataclass(frozen=True)
class MilestoneProgress:
    milestone: Milestone
    check_ins: list[CheckIn]  # newest first
    overdue: bool

    @property
    def latest(self) -> CheckIn | None:
        return self.check_ins[0] if self.check_ins else None


@dataclass(frozen=True)
class ActionProgress:
    action: Action
    milestones: list[MilestoneProgress]


def figure_change(figure: Figure, change: float | None) -> str:
    """A change with its sign: "+8" or "-1.5" (percentage points), "+2.0" for a score; no
    change is "0" or "0.0"."""
    if change is None:
        return "–"
    percentage = figure.unit == PERCENT
    if round(change, 1) == 0:
        return "0" if percentage else "0.0"
    return f"{round(change, 1):+g}" if percentage else f"{change:+.1f}"


def _change_words(figure: Figure, change: float) -> str:
    said = figure_change(figure, change)
    if figure.unit != PERCENT:
        return said
    return f"{said} percentage point{'' if abs(round(change, 1)) == 1 else 's'}"


@dataclass(frozen=True)
class MeasureProgress:
    measure: SuccessMeasure
    readings: list[MeasureReading]  # oldest first
    figure: Figure | None  # for a context measure
    figures_by_year: list[tuple[str, float]]  # (academic year, value), oldest first
    # A survey measure: the school's stakeholder surveys on its strand, year by year (V1).
    voice: list[tuple[int, str, int | None]] = field(default_factory=list)

    @property
    def figures_shown(self) -> list[tuple[str, str]]:
        """(academic year, the figure as people read it), oldest first."""
        if self.figure is None:
            return []
        return [(year, self.figure.format(value)) for year, value in self.figures_by_year]


@dataclass(frozen=True)
class PlanProgress:
    plan: ActionPlan
    actions: list[ActionProgress]
    measures: list[MeasureProgress]

    @property
    def milestones(self) -> list[MilestoneProgress]:
        return [m for action in self.actions for m in action.milestones]

    @property
    def done(self) -> int:
        return sum(m.milestone.status == Milestone.Status.DONE for m in self.milestones)

    @property
    def overdue(self) -> list[MilestoneProgress]:
        return [m for m in self.milestones if m.overdue]


def plan_progress(plan: ActionPlan, today: date | None = None) -> PlanProgress:
    today = today or timezone.localdate()
    overdue = set(overdue_milestones([plan], today).values_list("pk", flat=True))
    check_ins = Prefetch("check_ins", queryset=CheckIn.objects.select_related("recorded_by"))
    milestones = Prefetch("milestones", queryset=Milestone.objects.prefetch_related(check_ins))
    actions = [
        ActionProgress(
            action,
            [
                MilestoneProgress(m, list(m.check_ins.all()), m.pk in overdue)
                for m in action.milestones.all()
            ],
        )
        for action in plan.actions.select_related("owner").prefetch_related(milestones)
    ]
    return PlanProgress(plan, actions, measure_progress(plan))


def measure_progress(plan: ActionPlan) -> list[MeasureProgress]:
    found = []
    measures = plan.measures.select_related("strand").prefetch_related("readings")
    for measure in measures:
        figure = FIGURES.get(measure.context_figure) if measure.context_figure else None
        by_year: list[tuple[str, float]] = []
        if figure is not None and measure.kind == SuccessMeasure.Kind.CONTEXT:
            values = series(measure.context_figure, [plan.school_id])[plan.school_id]
            by_year = [(year_label(year), values[year]) for year in sorted(values)]
        heard = []
        if measure.kind == SuccessMeasure.Kind.SURVEY:
            strand = measure.strand or plan.priority_strand
            heard = voice_selectors.strand_by_year(plan.school_id, strand)
        readings = list(measure.readings.all())
        found.append(MeasureProgress(measure, readings, figure, by_year, heard))
    return found


def year_label(year: int) -> str:
    """The register's year (the calendar year an academic year ends in) as "2022/23"."""
    return academic_year_label(year - 1)


NOT_PUBLISHED_YET = "No figure for this school has been published since the review yet."
NO_BASELINE = "There is no figure for this school from before the review."


@dataclass(frozen=True)
class FigureImpact:
    figure: Figure
    comparison: Comparison | None
    missing: str  # why there is no comparison ("" when there is one)

    @property
    def awaited(self) -> bool:
        """Whether the comparison waits for a figure to be published after the review."""
        return self.missing == NOT_PUBLISHED_YET

    def value(self, value: float) -> str:
        return self.figure.format(value)

    def change(self, change: float | None) -> str:
        return figure_change(self.figure, change)

    @property
    def better(self) -> bool | None:
        """Whether the school's change was better than at least three in four similar schools
        (True), worse (False), or neither: within the middle half, or too few to say (None).
        The same verdict the words give."""
        c = self.comparison
        if c is None or not c.enough or c.position in (None, "within"):
            return None
        return (c.position == "above") == self.figure.higher_is_better

    @property
    def verdict(self) -> str:
        """The verdict in a few words, for the table."""
        return {True: "better", False: "worse", None: "no clear difference"}[self.better]

    @property
    def start_label(self) -> str:
        return year_label(self.comparison.start_year) if self.comparison else ""

    @property
    def end_label(self) -> str:
        return year_label(self.comparison.end_year) if self.comparison else ""


@dataclass(frozen=True)
class Impact:
    plan: ActionPlan
    school: School
    baseline_year: int  # the data year changes are measured from (see baseline_year())
    neighbours: list[SimilarSchool]
    figures: list[FigureImpact]
    minimum: int = MIN_NEIGHBOURS

    @property
    def compared(self) -> list[FigureImpact]:
        return [item for item in self.figures if item.comparison is not None]

    @property
    def awaited(self) -> list[FigureImpact]:
        """Figures with none published since the review yet."""
        return [item for item in self.figures if item.awaited]

    @property
    def without_baseline(self) -> list[FigureImpact]:
        """Figures with none from before the review, so nothing to measure a change from."""
        return [item for item in self.figures if item.comparison is None and not item.awaited]


def comparison_schools(school: School) -> list[SimilarSchool]:
    """The school's statistical neighbours among schools that have never been a member of one
    of the network's clusters: similar schools that did not take part. A school only invited,
    or which declined, never took part, so it can be compared with."""
    ever_members = Membership.objects.filter(
        Q(status__in=EVER_MEMBER) | Q(joined_at__isnull=False)
    ).values("school_id")
    outside = candidates_for(school).exclude(pk__in=ever_members)
    return similar_schools(school, NEIGHBOURS, among=outside)


def baseline_year(review_start: date) -> int:
    """The data year (the calendar year an academic year ends in) the change is measured from:
    the latest academic year that had ended before the review started. Academic years run from
    September, so a review in March 2024 (academic year 2023/24, data year 2024) is measured
    from 2023, and one in October 2024 (2024/25) from 2024."""
    return review_start.year if review_start.month >= SEPTEMBER else review_start.year - 1


def plan_impact(plan: ActionPlan) -> Impact:
    review = plan.review
    school = review.school
    neighbours = comparison_schools(school)
    ids = [n.school.pk for n in neighbours]
    baseline = baseline_year(review.start_date)
    figures = []
    for key, figure in FIGURES.items():
        data = series(key, [school.pk, *ids])
        if data[school.pk]:  # only the figures the school has data for
            neighbour_series = [data[urn] for urn in ids]
            figures.append(figure_impact(figure, data[school.pk], neighbour_series, baseline))
    return Impact(plan, school, baseline, neighbours, figures)


def figure_impact(
    figure: Figure,
    school: dict[int, float],
    neighbours: list[dict[int, float]],
    baseline: int,
) -> FigureImpact:
    years = years_for(school, baseline)
    if years is None:
        missing = NO_BASELINE if min(school) > baseline else NOT_PUBLISHED_YET
        return FigureImpact(figure, None, missing)
    return FigureImpact(figure, compare_change(school, neighbours, *years), "")


def describe(item: FigureImpact, school_name: str) -> list[str]:
    """The comparison in words, as a governor would read it."""
    c = item.comparison
    if c is None:
        return [item.missing]
    figure = item.figure
    label = lower_first(figure.label)
    said = [
        f"At {school_name}, the {label} went from {item.value(c.school_start)} in "
        f"{item.start_label} to {item.value(c.school_end)} in {item.end_label}, a change of "
        f"{_change_words(figure, c.school_change)}."
    ]
    if c.neighbours_median is None:
        return [*said, "None of the similar schools has figures for both years."]
    assert c.neighbours_lower_quartile is not None and c.neighbours_upper_quartile is not None
    said.append(
        f"Over the same years, the typical change (the median) at the {c.neighbours_counted} "
        f"similar school{'s' if c.neighbours_counted != 1 else ''} with figures for both years was "
        f"{_change_words(figure, c.neighbours_median)}; the middle half of them changed by "
        f"between {item.change(c.neighbours_lower_quartile)} and "
        f"{_change_words(figure, c.neighbours_upper_quartile)}."
    )
    if not c.enough:
        return [
            *said,
            f"That is fewer than {MIN_NEIGHBOURS} schools, too few to say whether "
            f"{school_name} did better or worse than similar schools.",
        ]
    return [*said, _verdict(item, school_name)]


def _verdict(item: FigureImpact, school_name: str) -> str:
    c = item.comparison
    assert c is not None
    if item.better is None:
        return (
            f"{school_name}'s change is within the range of the middle half of similar "
            "schools: no clear difference."
        )
    return f"{school_name}'s change is {item.verdict} than at least three in four similar schools."
