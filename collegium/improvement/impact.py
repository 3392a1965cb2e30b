"""I3 reads: an action plan's progress (shown on the plan page, read by governors), and its
impact: how the school's context figures changed since the review, against the change over the
same years at similar schools that did not take part in the network's peer review.

The comparison itself is the pure `collegium.neighbours.change`; the neighbours come from
`collegium.improvement.similar` (N4), chosen only among schools that have never had a place in
one of the network's clusters."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from collegium.improvement.figures import FIGURES, Figure, series
from collegium.improvement.models import (
    Action,
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
)
from collegium.improvement.similar import SimilarSchool, candidates_for, similar_schools
from collegium.neighbours.change import MIN_NEIGHBOURS, Comparison, compare_change
from collegium.neighbours.change import years_to_compare as years_for
from collegium.people.dates import academic_year_label
from collegium.schools.models import School

NEIGHBOURS = 20  # similar schools compared with


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


@dataclass(frozen=True)
class MeasureProgress:
    measure: SuccessMeasure
    readings: list[MeasureReading]  # oldest first
    figure: Figure | None  # for a context measure
    figures_by_year: list[tuple[str, float]]  # (academic year, value), oldest first


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
    under_way = plan.status == ActionPlan.Status.ACTIVE
    check_ins = Prefetch("check_ins", queryset=CheckIn.objects.select_related("recorded_by"))
    milestones = Prefetch("milestones", queryset=Milestone.objects.prefetch_related(check_ins))
    actions = [
        ActionProgress(
            action,
            [
                MilestoneProgress(m, list(m.check_ins.all()), under_way and is_overdue(m, today))
                for m in action.milestones.all()
            ],
        )
        for action in plan.actions.select_related("owner").prefetch_related(milestones)
    ]
    return PlanProgress(plan, actions, measure_progress(plan))


def is_overdue(milestone: Milestone, today: date) -> bool:
    return milestone.due_on < today and milestone.status != Milestone.Status.DONE


def measure_progress(plan: ActionPlan) -> list[MeasureProgress]:
    found = []
    measures = plan.measures.select_related("strand").prefetch_related("readings")
    for measure in measures:
        figure = FIGURES.get(measure.context_figure) if measure.context_figure else None
        by_year: list[tuple[str, float]] = []
        if figure is not None and measure.kind == SuccessMeasure.Kind.CONTEXT:
            values = series(measure.context_figure, [plan.school_id])[plan.school_id]
            by_year = [(year_label(year), values[year]) for year in sorted(values)]
        found.append(MeasureProgress(measure, list(measure.readings.all()), figure, by_year))
    return found


def year_label(year: int) -> str:
    """The register's year (the calendar year an academic year ends in) as "2022/23"."""
    return academic_year_label(year - 1)


@dataclass(frozen=True)
class FigureImpact:
    figure: Figure
    comparison: Comparison | None
    missing: str  # why there is no comparison ("" when there is one)

    @property
    def better(self) -> bool | None:
        """Whether the school's change beat the neighbours' median, in the figure's good
        direction (None when it cannot be said)."""
        difference = self.comparison.difference if self.comparison else None
        if difference is None or difference == 0:
            return None
        return (difference > 0) == self.figure.higher_is_better

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
    review_year: int
    neighbours: list[SimilarSchool]
    figures: list[FigureImpact]
    minimum: int = MIN_NEIGHBOURS


def comparison_schools(school: School) -> list[SimilarSchool]:
    """The school's statistical neighbours among schools never in one of the network's
    clusters: similar schools that did not take part."""
    outside = candidates_for(school).filter(cluster_memberships__isnull=True)
    return similar_schools(school, NEIGHBOURS, among=outside)


def plan_impact(plan: ActionPlan) -> Impact:
    review = plan.review
    school = review.school
    neighbours = comparison_schools(school)
    ids = [n.school.pk for n in neighbours]
    figures = []
    for key, figure in FIGURES.items():
        data = series(key, [school.pk, *ids])
        if data[school.pk]:  # only the figures the school has data for
            neighbour_series = [data[urn] for urn in ids]
            figures.append(
                figure_impact(figure, data[school.pk], neighbour_series, review.start_date.year)
            )
    return Impact(plan, school, review.start_date.year, neighbours, figures)


def figure_impact(
    figure: Figure,
    school: dict[int, float],
    neighbours: list[dict[int, float]],
    review_year: int,
) -> FigureImpact:
    years = years_for(school, review_year)
    if years is None:
        if min(school) > review_year:
            missing = "There is no figure for this school from before the review."
        else:
            missing = "No figure for this school has been published since the review yet."
        return FigureImpact(figure, None, missing)
    return FigureImpact(figure, compare_change(school, neighbours, *years), "")


def describe(item: FigureImpact, school_name: str) -> list[str]:
    """The comparison in words, as a governor would read it."""
    c = item.comparison
    if c is None:
        return [item.missing]
    label = item.figure.label[0].lower() + item.figure.label[1:]
    said = [
        f"At {school_name}, the {label} went from {c.school_start:.1f} in {item.start_label} "
        f"to {c.school_end:.1f} in {item.end_label}, a change of {c.school_change:+.1f}."
    ]
    if c.neighbours_median is None:
        return [*said, "None of the similar schools has figures for both years."]
    said.append(
        f"Over the same years, the typical change (the median) at the {c.neighbours_counted} "
        f"similar school{'s' if c.neighbours_counted != 1 else ''} with figures for both years was "
        f"{c.neighbours_median:+.1f}; the middle half of them changed by between "
        f"{c.neighbours_lower_quartile:+.1f} and {c.neighbours_upper_quartile:+.1f}."
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
    if c.position == "within":
        return (
            f"{school_name}'s change is within the range of the middle half of similar "
            "schools: no clear difference."
        )
    good = (c.position == "above") == item.figure.higher_is_better
    return (
        f"{school_name}'s change is {'better' if good else 'worse'} than at least three in "
        "four similar schools."
    )
