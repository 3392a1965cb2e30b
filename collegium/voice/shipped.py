"""The question banks Collegium ships (data/*.yaml), in its own words, one per audience.

Questions name strands of the shipped frameworks, so the frameworks are loaded first. Loading is
idempotent: a bank whose slug is already present is left as it is.
"""

from pathlib import Path

from django.db import transaction

from collegium.frameworks.shipped import load_frameworks
from collegium.voice import exchange
from collegium.voice.models import QuestionBank
from collegium.voice.services import banks

DATA = Path(__file__).resolve().parent / "data"
BANK_FILES = [
    "pupils-primary.yaml",
    "pupils-secondary.yaml",
    "staff.yaml",
    "parents.yaml",
    "governors.yaml",
]


def load_banks() -> list[str]:
    """Import and publish each shipped bank not yet present; the slugs loaded."""
    loaded = []
    with transaction.atomic():
        load_frameworks()
        for name in BANK_FILES:
            spec = exchange.read_text((DATA / name).read_text("utf-8"), "yaml")
            if QuestionBank.objects.filter(slug=spec.slug).exists():
                continue
            banks.publish_version(None, banks.import_version(None, spec))
            loaded.append(spec.slug)
    return loaded
