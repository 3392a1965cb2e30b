"""Placeholder replaced by the quality benchmark."""

import argparse
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> dict[str, Any]:
    raise NotImplementedError
