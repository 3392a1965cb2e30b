from typing import Any

from django.core.management.base import BaseCommand

from collegium.safeguarding.shipped import load_templates


class Command(BaseCommand):
    help = "Load the safeguarding audit templates Collegium ships (those not yet loaded)."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_templates()
        self.stdout.write(f"Loaded {len(loaded)} audit template(s): {', '.join(loaded) or 'none'}")
