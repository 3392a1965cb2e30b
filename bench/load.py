"""Load: gunicorn with production settings on PostgreSQL under simulated users, on loopback.

    .venv/bin/python bench/run.py load [--users 50 --minutes 3 --then-users 100 --then-minutes 1]

Creates the database bench_load_<pid> on PostgreSQL (`--database-url`, default the local
server as postgres), migrates it, imports the national register and generates the national
network of `bench/pages.py`. Collects static files into a temporary directory (manifest
storage) and starts gunicorn (`--workers 4`) with DEBUG off on a free loopback port. Then
threads, each a simulated person with a signed-in session, request pages with a think time
between requests: the public, heads, reviewers autosaving evidence (every acknowledged save is
checked in the database afterwards), a coordinator on the allocation pages and a moderator on
the moderation pages. One JSON line per phase; the database is dropped at the end.
"""

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.load_users import Phase, Session, run_phase

log = logging.getLogger("bench")
REPO = Path(__file__).resolve().parent.parent
SECRET = "collegium-load-bench-only-not-a-secret"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from bench.pages import add_arguments as page_arguments

    page_arguments(parser)
    parser.set_defaults(database_url="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--users", type=int, default=50, help="simulated people, first phase")
    parser.add_argument("--minutes", type=float, default=3.0, help="first phase's length")
    parser.add_argument("--then-users", type=int, default=100, help="second phase (0: none)")
    parser.add_argument("--then-minutes", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 5.0), metavar=("MIN", "MAX"))


def run(args: argparse.Namespace) -> dict[str, Any]:
    base = args.database_url.rsplit("/", 1)[0]
    name = f"bench_load_{os.getpid()}"
    _admin_sql(args.database_url, f'CREATE DATABASE "{name}"')
    workdir = Path(tempfile.mkdtemp(prefix="collegium-load-"))
    env = _environment(f"{base}/{name}", workdir)
    os.environ.update(env)
    server = None
    try:
        people = _prepare(args)
        _collectstatic(env)
        server, port = _start_gunicorn(env, args.workers, workdir)
        # Untimed: every worker imports, compiles its templates and fills its caches first.
        run_phase(port, people, Phase(8, 0.25), (0.1, 0.3))
        phases = [Phase(args.users, args.minutes)]
        if args.then_users:
            phases.append(Phase(args.then_users, args.then_minutes))
        results = [run_phase(port, people, phase, tuple(args.think)) for phase in phases]
        for result in results:
            result["lost_writes"] = _lost_writes(result.pop("saves"))
        first = results[0]
        return first | {"then": results[1]} if len(results) > 1 else first
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        _admin_sql(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def _admin_sql(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(sql)  # type: ignore[arg-type]


def _environment(database_url: str, workdir: Path) -> dict[str, str]:
    """Production settings, as the README's production section sets them, on loopback."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "OPENBLAS_NUM_THREADS": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }


def _prepare(args: argparse.Namespace) -> dict[str, list[Session]]:
    """Migrate, import and generate the network; a session for each simulated person."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.load_users import sessions_for
    from bench.pages import build

    call_command("migrate", verbosity=0, interactive=False)
    network, visits = build(args)
    return sessions_for(network, visits)


def _collectstatic(env: dict[str, str]) -> None:
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, cwd=REPO, env=os.environ | env, check=True)


def _start_gunicorn(
    env: dict[str, str], workers: int, workdir: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "collegium.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        "--log-level=warning",
    ]
    errors = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (kept open for the server)
    server = subprocess.Popen(command, cwd=REPO, env=os.environ | env, stderr=errors)
    _wait_for(port, server)
    log.info("gunicorn (%d workers) on 127.0.0.1:%d", workers, port)
    return server, port


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    import http.client

    for _ in range(120):
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting: see its log")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within a minute")


def _lost_writes(saves: dict[int, tuple[int, str]]) -> int:
    """Acknowledged saves not in the database: each note's last acknowledged revision and text
    must be what is stored (a later save of the same note was acknowledged after it)."""
    from collegium.reviews.models import EvidenceNote

    stored = EvidenceNote.objects.in_bulk(list(saves))
    lost = 0
    for pk, (revision, text) in saves.items():
        note = stored.get(pk)
        if note is None or note.revision != revision or note.text != text:
            lost += 1
    return lost
