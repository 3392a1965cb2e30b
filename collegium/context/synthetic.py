"""Synthetic pupil files with known school effects, for the demo, the browser journeys and the
benchmark. They are not real pupils: every pupil key starts with "SYN-", and the files the demo
uploads are marked synthetic.

The pupils follow the pupil-level model of `collegium.cva.generate` (an Attainment 8-like
scale); for the key stage 2 measure the outcome and the school effects are rescaled to scaled
scores (about 104 ± 7).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from collegium.context.models import Measure
from collegium.context.reading import NAMES
from collegium.cva.generate import generate_pupils

KS2_SCALE = 0.4  # points of scaled score per point of the Attainment 8-like scale
KS2_CENTRE = 104.0
A8_CENTRE = 46.0


@dataclass(frozen=True)
class SyntheticFile:
    text: str  # the CSV, header first
    effects: dict[int, float]  # URN → the school effect the pupils were generated with
    pupils: int


def pupil_file_text(
    urns: Sequence[int],
    *,
    measure: str = Measure.KS4_ATTAINMENT_8,
    pupils_per_school: int = 60,
    seed: int = 0,
    with_urn: bool = True,
) -> SyntheticFile:
    """A pupil file for these schools (about `pupils_per_school` each, sizes varying)."""
    data = generate_pupils(len(urns) * pupils_per_school, len(urns), seed=seed)
    codes = np.asarray(urns, dtype=np.int64)
    school = codes[data.schools - data.codes[0]]
    outcome, effects = data.outcome, data.true_effects
    if measure == Measure.KS2_SCALED_SCORE:
        outcome = KS2_CENTRE + KS2_SCALE * (outcome - A8_CENTRE)
        effects = KS2_SCALE * effects
    return SyntheticFile(
        text=as_csv(data.columns, np.round(outcome, 1), school, seed, with_urn),
        effects=dict(zip(codes.tolist(), effects.tolist(), strict=True)),
        pupils=len(outcome),
    )


def as_csv(
    columns: dict[str, np.ndarray], outcome: np.ndarray, school: np.ndarray, seed: int, urn: bool
) -> str:
    """A pupil file of generated pupils (`collegium.cva.generate` columns), keys "SYN-…"."""
    rows = zip(
        (f"SYN-{seed}-{index:07d}" for index in range(len(outcome))),
        school.tolist(),
        columns["prior_attainment"].tolist(),
        outcome.tolist(),
        columns["fsm"].astype(int).tolist(),
        columns["eal"].astype(int).tolist(),
        columns["sen"].tolist(),
        columns["gender"].tolist(),
        columns["birth_month"].tolist(),
        columns["idaci"].tolist(),
        strict=True,
    )
    names = [name for name in NAMES if urn or name != "urn"]
    lines = [",".join(names)]
    for key, code, prior, result, fsm, eal, sen, gender, month, idaci in rows:
        school_cell = f"{code}," if urn else ""
        lines.append(
            f"{key},{school_cell}{prior},{result},{fsm},{eal},{sen},{gender},{month},{idaci}"
        )
    return "\n".join(lines) + "\n"
