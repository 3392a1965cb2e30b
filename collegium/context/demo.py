"""Demo data: synthetic pupil files for the demo network's schools, uploaded through the service
as the network admin and marked synthetic, so the contextual value added pages show figures.

A key stage 4 file (Attainment 8) for the secondary and all-through schools with census
figures, and a key stage 2 file for the primary schools with census figures, both for the last
academic year with results. The pupils are generated with known school effects
(`synthetic.py`); none is real.
"""

from typing import Any

from django.utils import timezone

from collegium.context import services
from collegium.context.models import Measure, PupilFile
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
            )
        )
    return loaded
