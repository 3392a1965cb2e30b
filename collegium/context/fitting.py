"""The contextual value added of every school with pupils for a year and measure, worked out
by the task worker after a pupil file is uploaded and stored, so the pages only read it.

The model is fitted on each school's newest stored pupils: for every school, the pupils of the
newest file that covers it (a school's own upload replaces its pupils in the network's file,
and the other way round). Fits of one year and measure take turns (`FitLock`), so the last fit
always counts every file stored before it. Contextual value added compares schools, so nothing
is fitted until pupils of two schools are in. The maths is `collegium.cva`; a CvaError
(collinear columns, say) fails the fit and the file's pupils are removed.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from django.db import transaction
from django.db.models import Max
from numpy.typing import NDArray

from collegium.context.models import (
    FitLock,
    FitState,
    PupilFile,
    PupilRecord,
    SchoolValueAdded,
    ValueAddedFit,
)
from collegium.cva import CvaError, CvaFit, fit_pupils, pupil_design

MIN_SCHOOLS = 2
FIELDS = ("prior_attainment", "outcome", "fsm", "eal", "sen", "gender", "birth_month", "idaci")
NO_IDACI = "not every school's file gives it, so it is left out for all"


@dataclass(frozen=True)
class Pool:
    """The pupils a fit reads, one entry per pupil; `files` is each school's file."""

    columns: dict[str, Any]  # FIELDS → arrays; idaci None when some lack it
    schools: NDArray[np.int64]
    files: dict[int, int]


def work_out(file_id: int) -> None:
    """The task's work after an upload: fit on the newest pupils of every school for the file's
    year and measure, one fit at a time per year and measure, and record the outcome on the
    file. A fit that cannot be worked out removes the file's pupils, so none is counted."""
    PupilFile.objects.filter(pk=file_id).update(fit_state=FitState.FITTING, fit_message="")
    try:
        with transaction.atomic():
            pupil_file = PupilFile.objects.get(pk=file_id)
            _lock(pupil_file)
            fitted = refit(pupil_file)
            state = FitState.DONE if fitted else FitState.TOO_FEW
            PupilFile.objects.filter(pk=file_id).update(fit_state=state)
    except CvaError as error:
        with transaction.atomic():
            PupilRecord.objects.filter(file_id=file_id).delete()
            PupilFile.objects.filter(pk=file_id).update(
                fit_state=FitState.FAILED, fit_message=f"{CANNOT}: {error}"[:500]
            )


CANNOT = "Contextual value added cannot be worked out with these pupils, so they were not kept"


def _lock(pupil_file: PupilFile) -> None:
    """Wait for any other fit of the year and measure: the later fit then reads every pupil
    committed before it (READ COMMITTED reads per statement)."""
    FitLock.objects.get_or_create(year=pupil_file.year, measure=pupil_file.measure)
    FitLock.objects.select_for_update().get(year=pupil_file.year, measure=pupil_file.measure)


def refit(pupil_file: PupilFile) -> ValueAddedFit | None:
    """Fit the model on the newest stored pupils of every school for the file's year and
    measure and store each school's result; None while fewer than two schools have pupils.
    A CvaError (collinear columns, say) stores nothing."""
    pool = _pool(pupil_file)
    if len(pool.files) < MIN_SCHOOLS:
        return None
    columns = pool.columns
    design = pupil_design(
        prior_attainment=columns["prior_attainment"],
        fsm=columns["fsm"],
        eal=columns["eal"],
        sen=columns["sen"],
        gender=columns["gender"],
        birth_month=columns["birth_month"],
        idaci=columns["idaci"],
    )
    fit = fit_pupils(columns["outcome"], design, pool.schools)
    left_out = dict(design.left_out)
    if columns["idaci"] is None:
        left_out["idaci"] = NO_IDACI
    return _store(pupil_file, fit, left_out, pool.files)


def _pool(pupil_file: PupilFile) -> Pool:
    files: dict[int, int] = {}
    parts: list[tuple[dict[str, Any], NDArray[np.int64]]] = []
    for file_id, schools in _newest(pupil_file).items():
        parts.append(_stored(file_id, schools))
        files.update(dict.fromkeys(schools, file_id))
    if not parts:
        return Pool({}, np.array([], dtype=np.int64), files)
    columns = {
        name: None
        if any(part[name] is None for part, _ in parts)
        else np.concatenate([part[name] for part, _ in parts])
        for name in FIELDS
    }
    return Pool(columns, np.concatenate([schools for _, schools in parts]), files)


def _newest(pupil_file: PupilFile) -> dict[int, list[int]]:
    """File id → the schools whose newest pupils for the year and measure it holds."""
    newest = (
        PupilRecord.objects.filter(file__year=pupil_file.year, file__measure=pupil_file.measure)
        .values("school_id")
        .annotate(newest=Max("file_id"))
        .values_list("school_id", "newest")
        .order_by("school_id")
    )
    by_file: dict[int, list[int]] = defaultdict(list)
    for school_id, file_id in newest:
        by_file[file_id].append(school_id)
    return by_file


def _stored(file_id: int, schools: list[int]) -> tuple[dict[str, Any], NDArray[np.int64]]:
    records = PupilRecord.objects.filter(file_id=file_id, school_id__in=schools)
    values = list(zip(*records.values_list("school_id", *FIELDS), strict=True))
    columns: dict[str, Any] = {
        name: np.array(column) for name, column in zip(FIELDS, values[1:], strict=True)
    }
    if any(value is None for value in values[FIELDS.index("idaci") + 1]):
        columns["idaci"] = None
    else:
        columns["idaci"] = columns["idaci"].astype(float)
    columns["sen"] = columns["sen"].astype(str)
    columns["gender"] = columns["gender"].astype(str)
    return columns, np.array(values[0], dtype=np.int64)


def _store(
    pupil_file: PupilFile, fit: CvaFit, left_out: dict[str, str], files: dict[int, int]
) -> ValueAddedFit:
    stored = ValueAddedFit.objects.create(
        year=pupil_file.year,
        measure=pupil_file.measure,
        pupil_file=pupil_file,
        pupils=int(fit.pupils.sum()),
        schools=len(fit.schools),
        coefficients=dict(zip(fit.names, fit.coefficients.tolist(), strict=True)),
        left_out=left_out,
        residual_variance=fit.residual_variance,
        school_variance=fit.school_variance,
    )
    SchoolValueAdded.objects.bulk_create(
        (
            SchoolValueAdded(
                fit=stored,
                school_id=cast(int, row.school),
                pupil_file_id=files[cast(int, row.school)],
                pupils=row.pupils,
                effect=row.effect,
                standard_error=row.standard_error,
                low=row.low,
                high=row.high,
                reading=row.reading.value,
            )
            for row in fit.rows()
        ),
        batch_size=1_000,
    )
    return stored
