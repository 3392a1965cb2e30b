"""The allocations tests' cluster with one review needing a team and reviewers free that week
(for the place offers, which carry the visit)."""

from collegium.allocations.tests.conftest import (  # noqa: F401  (fixtures)
    _tasks_run_at_once,
    open_review,
    ready,
    school_e,
    school_f,
)
