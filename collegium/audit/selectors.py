from dataclasses import dataclass
from typing import Any

from collegium.audit.models import AuditEvent


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


def changes_in(event: AuditEvent) -> list[Change]:
    before, after = event.before or {}, event.after or {}
    return [
        Change(name, before.get(name), after.get(name))
        for name in {**before, **after}
        if before.get(name) != after.get(name)
    ]
