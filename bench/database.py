"""A fresh, migrated database for the benchmarks that need Django, dropped at the end.

    with fresh_database(database_url=None):   # a new SQLite file in a temporary directory
        from collegium.schools.importing.loader import import_register
        import_register(data_dir)

Django is set up inside (its settings read DATABASE_URL then), so Collegium's models may only be
imported within the block.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO.parent / "shared" / "data"  # the national register, beside the repository


@contextmanager
def fresh_database(database_url: str | None = None) -> Iterator[None]:
    """Set Django up on a new database and migrate it quietly.

    - Default: a new SQLite file in a temporary directory under /tmp, removed at the end.
    - `database_url` (e.g. postgres://…): the database named in the URL is not touched: Django's
      test-database machinery creates `bench_<name>` beside it, migrates it and drops it at the
      end, so the role needs CREATEDB.
    """
    workdir = tempfile.mkdtemp(prefix="collegium-bench-")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "collegium-bench-only-not-a-secret")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")  # required unless DEBUG
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    os.environ.setdefault("LOG_LEVEL", "INFO")
    os.environ["DJANGO_SETTINGS_MODULE"] = "collegium.settings"
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    test_db, old_name = database_url is not None, connection.settings_dict["NAME"]
    if test_db:
        # Never write into the database named by the URL (nor the test suite's test_<name>):
        # a fresh bench_<name> is created beside it and dropped at the end.
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    try:
        yield
    finally:
        if test_db:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
