"""Load the four shipped frameworks and their crosswalk.

Calls the same idempotent loader as `manage.py load_frameworks` (ADR 0022): a database that has them, from
the command or the demo, is left as it is. The loader uses today's models, so if a later
migration changes the tables it writes, make this one a no-op and load from a new migration
after that change (a fresh database would otherwise write columns that do not exist yet).
"""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    if not settings.SHIPPED_DATA_ON_MIGRATE:
        return
    from collegium.frameworks.shipped import load_frameworks

    load_frameworks()


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
