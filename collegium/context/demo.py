"""Demo data: synthetic pupil files for the demo network's schools, uploaded through the service
as the network admin and marked synthetic, so the contextual value added pages show figures.

A key stage 4 file (Attainment 8) for the secondary and all-through schools with census
figures, and a key stage 2 file for the primary schools with census figures, both for the last
academic year with results. The pupils are generated with known school effects
(`synthetic.py`); none is real.
"""

import random
from typing import Any

from django.utils import timezone

from collegium.context import services
from collegium.context.models import CensusCountFile, Measure, PupilFile, year_label
from collegium.context.synthetic import pupil_file_text
from collegium.schools.models import Phase, School

KS4_PHASES = (Phase.SECONDARY, Phase.ALL_THROUGH)
FILES = (
    # measure, phases, pupils per school, seed
    (Measure.KS4_ATTAINMENT_8, KS4_PHASES, 120, 12),
    (Measure.KS2_SCALED_SCORE, (Phase.PRIMARY,), 30, 2),
)


def results_year() -> int:
    """The last academic year with results (they come in the summer), as the year it ends in."""
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def demo_schools(phases: tuple[str, ...]) -> list[int]:
    return list(
        School.objects.filter(phase__in=phases, is_open=True, censuses__isnull=False)
        .distinct()
        .order_by("urn")
        .values_list("urn", flat=True)
    )


def load_demo_pupil_files(admin: Any) -> list[PupilFile]:
    loaded = []
    for measure, phases, pupils, seed in FILES:
        urns = demo_schools(phases)
        if len(urns) < 2:
            continue
        synthetic = pupil_file_text(urns, measure=measure, pupils_per_school=pupils, seed=seed)
        loaded.append(
            services.upload_pupil_file(
                admin,
                school=None,
                year=results_year(),
                measure=measure,
                file_name=f"SYNTHETIC-demo-{measure}.csv",
                content=synthetic.text.encode(),
                synthetic=True,
                background=False,
            )
        )
    return loaded


def load_demo_census_counts(admin: Any, flagged: int | None = None) -> CensusCountFile | None:
    """Synthetic census counts for two years, Years 7 to 11 of the secondary schools and Years 5
    and 6 of the primaries, uploaded through the service: most year groups lose about 1 % of
    their pupils a year. One school's cohort (`flagged`, a reviewed school, else the first
    secondary) shrinks more than usual, so the off-rolling question has something to ask: a
    secondary's Year 11 is 14 pupils fewer than its Year 10 a year earlier, a primary's Year 6
    is 8 fewer than its Year 5."""
    secondaries, primaries = demo_schools(KS4_PHASES), demo_schools((Phase.PRIMARY,))
    if not secondaries:
        return None
    flagged = flagged if flagged in secondaries + primaries else secondaries[0]
    rng = random.Random(34)
    year = results_year()
    lines = ["urn,academic_year,year_group,pupils"]
    for urn, groups in [(u, (7, 8, 9, 10)) for u in secondaries] + [(u, (5,)) for u in primaries]:
        for group in groups:
            before = rng.randint(120, 180) if group > 5 else rng.randint(25, 60)
            lost = sum(rng.random() < 0.01 for _ in range(before))
            if urn == flagged and group == 10:
                before, lost = 150, 14
            elif urn == flagged and group == 5:
                before, lost = 60, 8
            lines.append(f"{urn},{year_label(year - 1)},{group},{before}")
            lines.append(f"{urn},{year_label(year)},{group + 1},{before - lost}")
    return services.upload_census_counts(
        admin,
        school=None,
        file_name="SYNTHETIC-demo-census-counts.csv",
        content=("\r\n".join(lines) + "\r\n").encode(),
        synthetic=True,
    )
