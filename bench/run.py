"""Collegium benchmarks. Prints one JSON line of figures on stdout; logs go to stderr.

    .venv/bin/python bench/run.py import [--data-dir DIR] [--database-url URL]

    .venv/bin/python bench/run.py allocate [--help for the instance flags]
    .venv/bin/python bench/run.py quality [--help for the data flags]

import: imports the national school register into a fresh database twice and reports the size,
the time and peak memory of the first run, and the time and rows changed of the second run
(which must change nothing). See bench/README.md.
"""

import argparse
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
log = logging.getLogger("bench")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    bench_import = commands.add_parser("import", help="Import the national register twice.")
    bench_import.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    bench_import.add_argument(
        "--database-url",
        help="Benchmark against this database (e.g. postgres://…): a throwaway test database "
        "is created beside it and dropped afterwards. Default: a new SQLite file in /tmp.",
    )
    for name, module in _pure_benchmarks().items():
        sub = commands.add_parser(name, help=(module.__doc__ or "").splitlines()[0])
        module.add_arguments(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    if args.command == "import":
        figures = bench_register_import(args.data_dir, args.database_url)
    else:
        figures = _pure_benchmarks()[args.command].run(args)
    print(json.dumps(figures), flush=True)
    return 0


def _pure_benchmarks() -> dict[str, Any]:
    """Benchmarks of the computational cores: no database, each in its own module."""
    sys.path.insert(0, str(REPO))
    from bench import allocate, quality

    return {"allocate": allocate, "quality": quality}


def bench_register_import(data_dir: Path, database_url: str | None) -> dict[str, float | int]:
    workdir = tempfile.mkdtemp(prefix="collegium-bench-")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "collegium-bench-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "INFO")
    os.environ["DJANGO_SETTINGS_MODULE"] = "collegium.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from collegium.schools.importing.loader import import_register

    test_db, old_name = database_url is not None, connection.settings_dict["NAME"]
    if test_db:
        # Never import into the database named by the URL (nor the test suite's test_<name>):
        # a fresh bench_<name> is created beside it and dropped at the end.
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        first = import_register(data_dir)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        second = import_register(data_dir)
        second_seconds = time.perf_counter() - started
    finally:
        if test_db:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
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
