"""The levels a strand may be given, for every page that rates strands: self-evaluation,
proposed and agreed judgements, moderation and calibration.

Positions count from 1, the strongest level of the scale. A strand judged met / not met uses
1 = met and 2 = not met; on a framework without a scale a strand takes no level at all.
"""

from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.frameworks.spec import MET_LABELS


def scale_labels(version: FrameworkVersion) -> dict[int, str]:
    """The version's scale: position → label (empty for an enquiry framework)."""
    return dict(version.scale_levels.values_list("position", "label"))


def strand_levels(strand: Strand, labels: dict[int, str]) -> dict[int, str]:
    """The levels the strand may be given: met / not met, the scale, or none."""
    return dict(MET_LABELS) if strand.met_or_not_met else labels
