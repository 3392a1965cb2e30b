from typing import Any

from django.core.management.base import BaseCommand

from collegium.frameworks.shipped import load_frameworks


class Command(BaseCommand):
    help = "Load the frameworks Collegium ships, and their crosswalk, where they are absent."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_frameworks()
        names = ", ".join(loaded.frameworks) or "none (all were already loaded)"
        self.stdout.write(
            f"Frameworks loaded: {names}. Crosswalk mappings added: {loaded.mappings}."
        )
