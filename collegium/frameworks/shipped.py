"""The frameworks Collegium ships (data/*.yaml) and the crosswalk between them.

Loading is idempotent: a framework whose slug is already present is left as it is, and a
mapping that exists (either way round) is not added again.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from collegium.frameworks import exchange, services
from collegium.frameworks.models import Framework, FrameworkVersion, Strand, StrandMapping

DATA = Path(__file__).resolve().parent / "data"
CROSSWALK = DATA / "crosswalk.yaml"
FRAMEWORK_FILES = ["enquiry", "peer-estimate", "four-quadrants", "national-areas"]


@dataclass
class Loaded:
    frameworks: list[str] = field(default_factory=list)  # slugs imported this time
    mappings: int = 0


def framework_file(slug: str) -> Path:
    return DATA / f"{slug}.yaml"


def load_frameworks() -> Loaded:
    loaded = Loaded()
    with transaction.atomic():
        for slug in FRAMEWORK_FILES:
            if Framework.objects.filter(slug=slug).exists():
                continue
            version = exchange.import_text(None, framework_file(slug).read_text("utf-8"), "yaml")
            services.publish_version(None, version)
            loaded.frameworks.append(slug)
        loaded.mappings = _load_crosswalk()
    return loaded


def _strand(reference: str) -> Strand:
    slug, code = reference.split(":", 1)
    return Strand.objects.get(
        area__version__framework__slug=slug,
        area__version__number=1,
        area__version__status=FrameworkVersion.Status.PUBLISHED,
        code=code,
    )


def _load_crosswalk() -> int:
    added = 0
    for one, other in yaml.safe_load(CROSSWALK.read_text("utf-8")):
        a, b = _strand(one), _strand(other)
        pair = StrandMapping.objects.filter(
            from_strand=a, to_strand=b
        ) | StrandMapping.objects.filter(from_strand=b, to_strand=a)
        if not pair.exists():
            services.add_mapping(None, a, b)
            added += 1
    return added
