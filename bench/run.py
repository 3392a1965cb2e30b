"""Collegium benchmarks. Prints one JSON line of figures on stdout; logs go to stderr.

    .venv/bin/python bench/run.py import [--data-dir DIR] [--database-url URL]

    .venv/bin/python bench/run.py allocate [--help for the instance flags]
    .venv/bin/python bench/run.py quality [--help for the data flags]
    .venv/bin/python bench/run.py context [--pupils 600000 --schools 3500 --seed 1]
    .venv/bin/python bench/run.py improvement [--data-dir DIR --seed S]
    .venv/bin/python bench/run.py pages [--database-url URL --requests 20]
    .venv/bin/python bench/run.py load [--users 50 --minutes 3 --then-users 100 --then-minutes 1]
    .venv/bin/python bench/run.py voice [--schools 500 --responses 50000 --requests 60]

import: imports the national school register into a fresh database twice and reports the size,
the time and peak memory of the first run, and the time and rows changed of the second run
(which must change nothing). improvement: brokerage, statistical neighbours, the plan page and
impact on a generated network over the imported register. pages: p95 and queries of the pages
people open most, on that network. load: gunicorn with production settings on PostgreSQL under
simulated users. See bench/README.md.
"""

import argparse
import json
import logging
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
log = logging.getLogger("bench")


def main(argv: list[str] | None = None) -> int:
    benchmarks = _benchmarks()
    from bench.database import DATA_DIR, fresh_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    bench_import = commands.add_parser("import", help="Import the national register twice.")
    bench_import.add_argument("--data-dir", type=Path, default=DATA_DIR)
    bench_import.add_argument(
        "--database-url",
        help="Benchmark against this database (e.g. postgres://…): a throwaway test database "
        "is created beside it and dropped afterwards. Default: a new SQLite file in /tmp.",
    )
    for name, module in benchmarks.items():
        sub = commands.add_parser(name, help=(module.__doc__ or "").splitlines()[0])
        module.add_arguments(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    if args.command == "import":
        with fresh_database(args.database_url):
            figures = bench_register_import(args.data_dir)
    else:
        figures = benchmarks[args.command].run(args)
    print(json.dumps(figures), flush=True)
    return 0


def _benchmarks() -> dict[str, Any]:
    """The benchmarks in their own modules: the computational cores (no database), and the
    improvement cycle (its own fresh database, as `import`)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench import allocate, context, improvement, load, pages, quality, voice

    return {
        "allocate": allocate,
        "quality": quality,
        "context": context,
        "improvement": improvement,
        "pages": pages,
        "load": load,
        "voice": voice,
    }


def bench_register_import(data_dir: Path) -> dict[str, float | int]:
    """Inside `fresh_database`: import the register twice."""
    from collegium.schools.importing.loader import import_register

    started = time.perf_counter()
    first = import_register(data_dir)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    second = import_register(data_dir)
    second_seconds = time.perf_counter() - started
    log.info("First run: %s rows changed; second run: %s", first.rows_changed, second.rows_changed)
    return {
        "schools": first.schools,
        "rows_read": first.rows_read,
        "rows_rejected": first.rows_rejected,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb, 1),
        "second_run_seconds": round(second_seconds, 2),
        "second_run_changed": second.rows_changed,
    }


if __name__ == "__main__":
    sys.exit(main())
