"""The background task that imports uploaded register files (Django tasks; `make run` starts a
worker)."""

import logging
import tempfile
import time
from pathlib import Path

from django.tasks import task

from collegium.schools import uploads
from collegium.schools.importing.loader import import_register
from collegium.schools.importing.readers import FileRefused

logger = logging.getLogger(__name__)
EVERY_SECONDS = 0.5  # progress is written at most this often


class Reporter:
    """The import's progress callback: writes to the run row, throttled."""

    def __init__(self, run_id: int) -> None:
        self.run_id, self.last = run_id, 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= EVERY_SECONDS or fraction >= 0.9:
            self.last = now
            uploads.report_progress(self.run_id, fraction, message)


@task
def import_uploaded(run_id: int) -> None:
    run = uploads.begin(run_id)
    if run is None:
        return
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, content in uploads.files_to_import(run):
                target = Path(folder) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            import_register(Path(folder), run.allow_shrink, run=run, progress=Reporter(run_id))
        uploads.finish(run_id)
    except FileRefused as err:
        uploads.fail(run_id, f"Nothing was imported. {err}")
    except Exception as exc:  # a failure must reach the network admin, whatever it is
        logger.exception("Register import %s failed", run_id)
        uploads.fail(run_id, f"The import stopped with an error: {exc}. Nothing was imported.")
