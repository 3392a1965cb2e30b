"""Demo data: a school's self-evaluation with every strand filled in, through the services."""

from collegium.accounts.models import User
from collegium.frameworks.levels import scale_labels
from collegium.frameworks.models import MET, FrameworkVersion
from collegium.schools.models import School
from collegium.selfevaluation import selectors, services
from collegium.selfevaluation.models import SelfEvaluation

# A school that sees itself as mostly effective, with a strength and an area to develop.
LEVEL_PATTERN = (2, 2, 1, 2, 3, 2)
NARRATIVES = {
    1: "A strength we can show: {title} is consistent across year groups, and staff from "
    "other schools have visited to see it. We now want to share it more widely.",
    2: "{title} is secure in most classes. Monitoring this year showed a few inconsistencies, "
    "which middle leaders are addressing through coaching and shared planning.",
    3: "{title} is improving but not yet consistent. It is a priority in our improvement plan, "
    "with termly checks by senior leaders and governors.",
    4: "{title} is a concern. We have sought support from our cluster and set clear "
    "milestones for the next two terms.",
}
ENQUIRY = (
    "We asked ourselves to what extent {title} makes a difference to pupils. Pupil voice, "
    "work scrutiny and our own data suggest it does for most pupils, and we are looking at "
    "those it reaches least."
)
MET_NARRATIVE = (
    "{title}: policies are up to date, checks on staff are complete and recorded, and every "
    "member of staff has had this year's training."
)
EVIDENCE = "Improvement plan {year}\nGovernors' minutes, autumn term\nMonitoring schedule"


def load_demo_self_evaluation(
    school: School,
    head: User,
    framework_version: FrameworkVersion,
    academic_year: int,
    submit: bool = True,
) -> SelfEvaluation:
    self_evaluation = services.start_self_evaluation(head, school, academic_year, framework_version)
    labels = scale_labels(framework_version)
    overview = selectors.overview(self_evaluation)
    for index, row in enumerate(overview.rows):
        entry = row.entry
        level = _level(entry.strand.met_or_not_met, labels, index)
        services.save_strand(
            head,
            entry,
            level,
            _narrative(entry.strand.met_or_not_met, level).format(title=entry.strand.title),
            EVIDENCE.format(year=self_evaluation.year_label),
            entry.revision,
        )
    if submit:
        self_evaluation = services.submit_self_evaluation(head, self_evaluation)
    return self_evaluation


def _level(met_or_not_met: bool, labels: dict[int, str], index: int) -> int | None:
    if met_or_not_met:
        return MET
    if not labels:
        return None
    return min(LEVEL_PATTERN[index % len(LEVEL_PATTERN)], max(labels))


def _narrative(met_or_not_met: bool, level: int | None) -> str:
    if met_or_not_met:
        return MET_NARRATIVE
    if level is None:
        return ENQUIRY
    return NARRATIVES[min(level, max(NARRATIVES))]
