# Keep only a SHA-256 digest of each calendar feed's token (ADR 0023): existing tokens are
# hashed in place, so the addresses people already use keep working.

import hashlib

from django.db import migrations


def hash_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("calendars", "CalendarFeed")
    for feed in CalendarFeed.objects.all():
        feed.digest = hashlib.sha256(feed.digest.encode()).hexdigest()
        feed.save(update_fields=["digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="calendarfeed", old_name="token", new_name="digest"),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
