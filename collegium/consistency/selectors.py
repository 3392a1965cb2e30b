"""What a consistency page shows: the stored figures and how fresh they are."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from collegium.consistency import figures, tasks


@dataclass(frozen=True)
class Shown:
    figures: Any  # statistics.Reliability / Severity / Bias; None while first worked out
    computed_at: datetime | None
    updating: bool  # newer figures are being worked out

    @property
    def when(self) -> str:
        """When the figures were worked out, e.g. "4 May 2026 at 2:05pm"."""
        if self.computed_at is None:
            return ""
        moment = timezone.localtime(self.computed_at)
        return f"{moment:%-d %B %Y} at {moment:%-I:%M}{moment:%p}".replace("AM", "am").replace(
            "PM", "pm"
        )


def shown(kind: str) -> Shown:
    """The latest stored figures of a kind. With none stored, the task is queued once: not
    again while it waits or runs, nor for a while after it failed."""
    stored = figures.latest(kind)
    updating = tasks.pending()
    if stored is None and not updating and not tasks.failed_recently():
        updating = tasks.request_refresh()
    if stored is None:
        return Shown(None, None, updating)
    return Shown(stored[0], stored[1], updating)
