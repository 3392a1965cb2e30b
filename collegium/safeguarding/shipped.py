"""The audit template Collegium ships (data/annual-audit.yaml), in its own words.

Loading is idempotent: a template whose slug is already present is left as it is.
"""

from pathlib import Path

from django.db import transaction

from collegium.safeguarding import exchange
from collegium.safeguarding.models import AuditTemplate, TemplateVersion
from collegium.safeguarding.services import templates

DATA = Path(__file__).resolve().parent / "data"
TEMPLATE_FILES = ["annual-audit.yaml"]


def load_templates() -> list[str]:
    """Import and publish each shipped template not yet present; the slugs loaded."""
    loaded = []
    with transaction.atomic():
        for name in TEMPLATE_FILES:
            spec = exchange.read_text((DATA / name).read_text("utf-8"), "yaml")
            if AuditTemplate.objects.filter(slug=spec.slug).exists():
                continue
            templates.publish_version(None, templates.import_version(None, spec))
            loaded.append(spec.slug)
    return loaded


def shipped_version() -> TemplateVersion | None:
    """The latest published version of the first shipped template, if it is loaded."""
    return (
        TemplateVersion.objects.filter(
            template__slug="annual-safeguarding-audit", status=TemplateVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
