"""The production settings with static files collected into the load benchmark's temporary
directory (BENCH_STATIC_ROOT), so a benchmark never writes into the repository's staticfiles."""

import os
from pathlib import Path

from collegium.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
