"""The covariate matrix of the pupil-level model, built from named pupil columns.

One row per pupil, the columns in this order (the model's β in the same order):

    intercept
    prior_attainment            prior attainment, centred on the file's mean
    prior_attainment_squared    its square (progress is rarely a straight line in prior attainment)
    fsm                         1 if eligible for free school meals
    eal                         1 if English is an additional language
    sen_support                 1 for SEN support (census code K)
    sen_ehcp                    1 for an education, health and care plan (census code E)
    male                        1 for a boy (census gender M), 0 for a girl (F)
    month_in_year               0 for a September birthday … 11 for August: the youngest in
                                the year group score lower at every key stage
    idaci                       the IDACI score of the pupil's home area (0–1), when given

Codes are read exactly as the school census writes them (SEN N, K or E; gender F or M): the
upload service trims and capitalises what it reads. A column that is the same for every pupil
(no EAL pupil in the file, say) carries no information and is left out, with the reason in
``Design.left_out``.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from collegium.cva.checks import finite_vector, rows_named, same_length
from collegium.cva.errors import CvaError

SEN_CODES = ("N", "K", "E")  # school census: none, SEN support, EHC plan
GENDER_CODES = ("F", "M")  # school census


@dataclass(frozen=True)
class Design:
    """Covariates for a fit: a (rows × columns) matrix and a name for each column."""

    matrix: NDArray[np.float64]
    names: tuple[str, ...]
    # Columns left out, each with the reason ("it is the same on every row, …").
    left_out: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.matrix.ndim != 2 or self.matrix.shape[1] != len(self.names):
            raise CvaError("The design needs exactly one name for each column.")


def pupil_design(
    *,
    prior_attainment: ArrayLike,
    fsm: ArrayLike,
    eal: ArrayLike,
    sen: Sequence[str] | ArrayLike,
    gender: Sequence[str] | ArrayLike,
    birth_month: ArrayLike,
    idaci: ArrayLike | None = None,
) -> Design:
    """The design of the pupil-level model from the pupil file's columns (see the module)."""
    prior = finite_vector(prior_attainment, "prior attainment")
    centred = prior - prior.mean()
    support, ehcp = _sen(sen)
    columns = {
        "intercept": np.ones(len(prior)),
        "prior_attainment": centred,
        "prior_attainment_squared": centred**2,
        "fsm": _yes_no(fsm, "free school meals (FSM)"),
        "eal": _yes_no(eal, "English as an additional language (EAL)"),
        "sen_support": support,
        "sen_ehcp": ehcp,
        "male": _gender(gender),
        "month_in_year": _month_in_year(birth_month),
    }
    if idaci is not None:
        columns["idaci"] = _idaci(idaci)
    same_length(**{name: len(values) for name, values in columns.items()})
    return design_from_columns(columns)


def design_from_columns(columns: dict[str, NDArray[np.float64]]) -> Design:
    """A Design of these columns in order, leaving out (with the reason) any but the
    intercept that has the same value on every row."""
    kept, left_out = {}, {}
    for name, values in columns.items():
        if name != "intercept" and len(values) and np.all(values == values[0]):
            left_out[name] = "it is the same on every row, so it cannot change any comparison"
        else:
            kept[name] = values
    rows = len(next(iter(kept.values()))) if kept else 0
    # Column by column in memory: the fit reads whole columns (sums per school).
    matrix = np.empty((rows, len(kept)), order="F")
    for k, values in enumerate(kept.values()):
        matrix[:, k] = values
    return Design(matrix=matrix, names=tuple(kept), left_out=left_out)


def _yes_no(values: ArrayLike, what: str) -> NDArray[np.float64]:
    array = np.asarray(values)
    if array.dtype == bool:
        return array.astype(float)
    numbers = finite_vector(array, what)
    wrong = np.flatnonzero((numbers != 0) & (numbers != 1))
    if len(wrong):
        raise CvaError(
            f"{what[0].upper()}{what[1:]} must be 1 (yes) or 0 (no), not on {rows_named(wrong)}."
        )
    return numbers


def _sen(values: Sequence[str] | ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    codes = np.asarray(values, dtype=str)
    wrong = np.flatnonzero(~np.isin(codes, SEN_CODES))
    if len(wrong):
        raise CvaError(
            "Special educational needs (SEN) must be N (none), K (SEN support) or E (an "
            f"education, health and care plan), not on {rows_named(wrong)}."
        )
    return (codes == "K").astype(float), (codes == "E").astype(float)


def _gender(values: Sequence[str] | ArrayLike) -> NDArray[np.float64]:
    codes = np.asarray(values, dtype=str)
    wrong = np.flatnonzero(~np.isin(codes, GENDER_CODES))
    if len(wrong):
        raise CvaError(
            f"Gender must be F or M (as in the school census), not on {rows_named(wrong)}."
        )
    male: NDArray[np.float64] = (codes == "M").astype(float)
    return male


def _month_in_year(values: ArrayLike) -> NDArray[np.float64]:
    months = finite_vector(values, "month of birth")
    wrong = np.flatnonzero((months != np.round(months)) | (months < 1) | (months > 12))
    if len(wrong):
        raise CvaError(
            f"Month of birth must be a whole number from 1 to 12, not on {rows_named(wrong)}."
        )
    return (months - 9) % 12


def _idaci(values: ArrayLike) -> NDArray[np.float64]:
    scores = finite_vector(values, "IDACI score")
    wrong = np.flatnonzero((scores < 0) | (scores > 1))
    if len(wrong):
        raise CvaError(f"The IDACI score must be between 0 and 1, not on {rows_named(wrong)}.")
    return scores
