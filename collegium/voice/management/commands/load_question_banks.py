from typing import Any

from django.core.management.base import BaseCommand

from collegium.voice.shipped import load_banks


class Command(BaseCommand):
    help = "Load the survey question banks Collegium ships (those not yet loaded)."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_banks()
        self.stdout.write(f"Loaded {len(loaded)} question bank(s): {', '.join(loaded) or 'none'}")
