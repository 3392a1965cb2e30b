"""Placeholder replaced by the allocate benchmark."""

import argparse
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> dict[str, Any]:
    raise NotImplementedError
