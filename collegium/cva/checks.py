"""Checks on the numbers given to a fit: every one refuses with a CvaError naming the problem."""

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import linalg

from collegium.cva.errors import CvaError

# A column is collinear when less than this share of its (uncentred) spread is left after
# regressing it on the columns before it: exact collinearity leaves rounding error, ~1e-15.
COLLINEAR_TOLERANCE = 1e-9


def rows_named(rows: NDArray[np.intp]) -> str:
    """'row 3', 'rows 3 and 9', 'rows 3, 9, 12 and 40 others' (rows counted from 1)."""
    shown = [str(int(r) + 1) for r in rows[:3]]
    if len(rows) == 1:
        return f"row {shown[0]}"
    if len(rows) <= 3:
        return f"rows {', '.join(shown[:-1])} and {shown[-1]}"
    return f"rows {', '.join(shown)} and {len(rows) - 3} others"


def finite_vector(values: ArrayLike, what: str) -> NDArray[np.float64]:
    """A 1-D float array with no missing or infinite value, else a CvaError naming the rows."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise CvaError(f"The {what} must be numbers.") from error
    if array.ndim != 1:
        raise CvaError(f"The {what} must be one column of numbers.")
    missing = np.flatnonzero(~np.isfinite(array))
    if len(missing):
        raise CvaError(f"The {what} is missing or not a number on {rows_named(missing)}.")
    return array


def finite_matrix(matrix: ArrayLike, names: tuple[str, ...]) -> NDArray[np.float64]:
    array = np.asarray(matrix, dtype=float)
    if array.ndim != 2 or array.shape[1] != len(names):
        raise CvaError(f"The covariates must be a table with one column for each of {names}.")
    bad = ~np.isfinite(array)
    if bad.any():
        column = int(np.flatnonzero(bad.any(axis=0))[0])
        rows = np.flatnonzero(bad[:, column])
        raise CvaError(f"'{names[column]}' is missing or not a number on {rows_named(rows)}.")
    return array


def same_length(**columns: int) -> None:
    lengths = set(columns.values())
    if len(lengths) > 1:
        counts = ", ".join(f"{name} {length}" for name, length in columns.items())
        raise CvaError(
            f"Every column needs one value for each row, but the lengths differ: {counts}."
        )


def independent_columns(gram: NDArray[np.float64], names: tuple[str, ...]) -> None:
    """Refuse a column that the columns before it determine exactly (its effect is not
    identifiable), naming it and the columns it can be worked out from."""
    scale = np.sqrt(np.diag(gram))
    for k, name in enumerate(names):
        if scale[k] == 0:
            raise CvaError(f"'{name}' is 0 for every row, so its effect cannot be estimated.")
    scaled = gram / np.outer(scale, scale)
    for k in range(1, len(names)):
        name = names[k]
        before = scaled[:k, :k]
        coefficients = np.linalg.solve(before, scaled[:k, k])
        left = scaled[k, k] - scaled[:k, k] @ coefficients
        if left < COLLINEAR_TOLERANCE:
            others = [names[i] for i in np.flatnonzero(np.abs(coefficients) > 1e-6)]
            raise CvaError(
                f"'{name}' can be worked out exactly from {_listed(others)}, so their effects "
                "cannot be told apart (for example every pupil has the same value, or two "
                f"columns say the same thing): leave '{name}' out."
            )


def _listed(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def school_codes(schools: Sequence[Any] | ArrayLike) -> NDArray[Any]:
    """The school codes as a 1-D array, refusing a row with no code."""
    array = np.asarray(schools)
    if array.ndim != 1:
        raise CvaError("The school codes must be one column, one code for each row.")
    missing = _missing_codes(array)
    if len(missing):
        raise CvaError(f"The school is missing on {rows_named(missing)}.")
    return array


def _missing_codes(array: NDArray[Any]) -> NDArray[np.intp]:
    if array.dtype.kind == "f":
        return np.flatnonzero(~np.isfinite(array))
    if array.dtype.kind in "US":
        return np.flatnonzero(np.char.str_len(np.char.strip(array)) == 0)
    if array.dtype.kind == "O":
        return np.flatnonzero(
            [code is None or code != code or str(code).strip() == "" for code in array]
        )
    return np.empty(0, dtype=np.intp)


def cholesky(gram: NDArray[np.float64]) -> NDArray[np.float64]:
    """The lower Cholesky factor, or a CvaError when the covariates are nearly collinear
    (past `independent_columns`, only rounding can get here)."""
    try:
        factor: NDArray[np.float64] = linalg.cholesky(gram, lower=True)
        return factor
    except linalg.LinAlgError as error:
        raise CvaError(
            "The covariates are so nearly collinear that their effects cannot be told apart: "
            "leave out a column that almost repeats others."
        ) from error
