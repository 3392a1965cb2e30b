"""Demo data for frameworks: the shipped frameworks and their crosswalk."""

from collegium.frameworks.shipped import load_frameworks


def load_demo_frameworks() -> None:
    """Idempotent: frameworks already present are left as they are."""
    load_frameworks()
