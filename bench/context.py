"""Contextual value added on a seeded national pupil file: the pupil-level fit, timed.

    .venv/bin/python bench/run.py context [--pupils 600000 --schools 3500 --seed 1]

Generates a pupil file with known school effects (collegium/cva/generate.py), then times the
fit as the upload service will call it: the design from the named columns, REML, the
shrunken school effects and their intervals. Then, untimed, a reference: statsmodels'
MixedLM (REML) and this package fitted on the same subsample of whole schools drawn at
random up to 20,000 pupils, compared on the school effects. Last, the same pupils as a CSV
file go through the upload service (collegium/context/services.py) into a fresh database
(SQLite in /tmp, or --database-url): every row checked, keys hashed, pupils stored in batches,
the model fitted again and each school's figures stored: `upload_seconds`. See bench/README.md.
"""

import argparse
import logging
import resource
import time
import warnings
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

log = logging.getLogger("bench")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--blas-threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--pupils", type=int, default=600_000)
    parser.add_argument("--schools", type=int, default=3_500)
    parser.add_argument("--reference-pupils", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", help="Upload into a throwaway database beside this one (default SQLite)"
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    with threadpool_limits(limits=args.blas_threads):
        return _run(args)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    from collegium.cva import fit_pupils, pupil_design
    from collegium.cva.generate import generate_pupils

    data = generate_pupils(args.pupils, args.schools, seed=args.seed)
    log.info("Generated %d pupils in %d schools", len(data.outcome), len(data.codes))
    started = time.perf_counter()
    fit = fit_pupils(data.outcome, pupil_design(**data.columns), data.schools)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shown = np.isfinite(fit.effect)
    r_true = float(np.corrcoef(fit.effect[shown], data.true_effects[shown])[0, 1])
    inside = (fit.low <= data.true_effects) & (data.true_effects <= fit.high)
    log.info(
        "σ² %.2f, τ² %.2f, %d REML score evaluations; %d schools shown, %d too few; "
        "95 %% intervals cover %.3f of the true effects",
        fit.residual_variance,
        fit.school_variance,
        fit.evaluations,
        shown.sum(),
        (~shown).sum(),
        inside[shown].mean(),
    )
    return {
        "pupils": len(data.outcome),
        "schools": len(fit.schools),
        "fit_seconds": round(seconds, 2),
        "peak_mb": round(peak_mb, 1),
        "max_abs_diff_reference": _reference_difference(data, args),
        "r_true": round(r_true, 4),
        "upload_seconds": _upload_seconds(data, args),
    }


def _reference_difference(data: Any, args: argparse.Namespace) -> float:
    """Largest difference between statsmodels' school effects and ours on a subsample."""
    import statsmodels.api as sm

    from collegium.cva import fit_pupils, pupil_design

    rng = np.random.default_rng(args.seed)
    sizes = np.bincount(np.searchsorted(data.codes, data.schools), minlength=len(data.codes))
    order = rng.permutation(len(data.codes))
    chosen = order[np.cumsum(sizes[order]) <= args.reference_pupils]
    rows = np.isin(data.schools, data.codes[chosen])
    columns = {name: values[rows] for name, values in data.columns.items()}
    design = pupil_design(**columns)
    outcome, schools = data.outcome[rows], data.schools[rows]
    ours = fit_pupils(outcome, design, schools)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Conjugate gradients: statsmodels' default BFGS can stop short (see the tests).
        theirs = sm.MixedLM(outcome, design.matrix, groups=schools).fit(reml=True, method=["cg"])
    effects = np.array([float(np.asarray(theirs.random_effects[code])[0]) for code in ours.schools])
    shown = np.isfinite(ours.effect)
    difference = float(np.abs(ours.effect[shown] - effects[shown]).max())
    log.info(
        "Reference: %d pupils in %d schools; statsmodels MixedLM %.1f s (converged %s); "
        "τ² %.4f against %.4f",
        rows.sum(),
        len(chosen),
        time.perf_counter() - started,
        theirs.converged,
        ours.school_variance,
        float(np.asarray(theirs.cov_re)[0, 0]),
    )
    return float(f"{difference:.2g}")


def _upload_seconds(data: Any, args: argparse.Namespace) -> float:
    """Seconds to upload the pupil file as a network admin: read and check every row, hash the
    keys, store the pupils, fit and store each school's figures."""
    from bench.database import fresh_database

    with fresh_database(args.database_url):
        from collegium.accounts.models import User
        from collegium.context.models import Measure, PupilRecord
        from collegium.context.services import upload_pupil_file
        from collegium.context.synthetic import as_csv
        from collegium.schools.models import School

        School.objects.bulk_create(
            School(urn=int(code), name=f"Bench school {code}", phase="secondary")
            for code in data.codes
        )
        admin = User.objects.create_user("bench.admin@example.org", "not-a-password")
        content = as_csv(data.columns, np.round(data.outcome, 1), data.schools, args.seed, True)
        content_bytes = content.encode()
        del content
        log.info("Pupil file of %.1f MB", len(content_bytes) / 1e6)
        started = time.perf_counter()
        upload_pupil_file(
            admin,
            school=None,
            year=2025,
            measure=Measure.KS4_ATTAINMENT_8,
            file_name="bench-pupils.csv",
            content=content_bytes,
            synthetic=True,
            background=False,
        )
        seconds = time.perf_counter() - started
        log.info(
            "Upload: %d pupils stored in %.1f s; peak memory so far %.0f MB",
            PupilRecord.objects.count(),
            seconds,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        )
    return round(seconds, 1)
