"""The consistency figures, worked out from the live data and stored, and read back.

`refresh` is run by the task worker (`tasks.refresh_figures`) whenever a judgement, a proposal,
a calibration grade or the register changes, and at the end of the demo load. It reads the data
once, and works out again only the kinds of figure whose data (or format) changed. The pages
read what `latest` returns and never compute.
"""

import logging
import pickle
import time
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium.consistency import statistics
from collegium.consistency.models import StoredFigures

logger = logging.getLogger(__name__)
KINDS = tuple(StoredFigures.Kind.values)
# What unpickling figures stored by an older version of the code may raise.
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError)


def refresh(kinds: tuple[str, ...] = KINDS) -> list[str]:
    """Work out each kind whose data changed since it was stored; the kinds stored."""
    read_at = timezone.now()
    inputs = statistics.live_inputs()
    stored = StoredFigures.objects.filter(format=statistics.FORMAT)
    hashes = dict(stored.values_list("kind", "data_hash"))
    done = []
    for kind in kinds:
        key = statistics.data_key(*inputs[kind])
        if hashes.get(kind) == key:
            continue
        started = time.monotonic()
        figures = statistics.COMPUTE[kind](*inputs[kind])
        if _store(kind, key, figures, read_at, time.monotonic() - started):
            done.append(kind)
    logger.info("Consistency figures worked out again: %s", ", ".join(done) or "none changed")
    return done


def _store(kind: str, key: str, figures: Any, read_at: datetime, seconds: float) -> bool:
    """Keep the figures unless figures from data read later were stored meanwhile."""
    try:
        with transaction.atomic():
            row = StoredFigures.objects.select_for_update().filter(kind=kind).first()
            if row is not None and row.data_read_at > read_at:
                return False
            row = row or StoredFigures(kind=kind)
            row.data_hash, row.format = key, statistics.FORMAT
            row.data_read_at, row.seconds = read_at, round(seconds, 3)
            row.figures = pickle.dumps(figures, protocol=pickle.HIGHEST_PROTOCOL)
            row.save()
    except IntegrityError:  # another worker stored this kind first, from data read as late
        return False
    return True


def latest(kind: str) -> tuple[Any, datetime] | None:
    """The stored figures of a kind and when they were worked out; None if there are none
    (or they were stored by a version of the code that cannot read them)."""
    row = StoredFigures.objects.filter(kind=kind, format=statistics.FORMAT).first()
    if row is None:
        return None
    try:
        return pickle.loads(row.figures), row.computed_at
    except UNREADABLE:
        logger.warning("The stored %s figures could not be read: they will be worked out", kind)
        return None
