"""Load the shipped safeguarding audit template.

Calls the same idempotent loader as `manage.py load_audit_templates` (ADR 0022): a database that has them, from
the command or the demo, is left as it is. The loader uses today's models, so if a later
migration changes the tables it writes, make this one a no-op and load from a new migration
after that change (a fresh database would otherwise write columns that do not exist yet).
"""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    if not settings.SHIPPED_DATA_ON_MIGRATE:
        return
    from collegium.safeguarding.shipped import load_templates

    load_templates()


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_initial"),
        ("frameworks", "0002_load_shipped_frameworks"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
