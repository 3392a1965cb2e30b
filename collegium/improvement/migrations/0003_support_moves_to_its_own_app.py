# Standing offers, support requests and support given move to the support app (ADR 0016).
# Only Django's record of the models changes here: the tables and their rows stay as they are,
# and collegium/support/migrations/0001_initial.py takes the models over with the same tables.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0002_remove_supportrequest_one_request_per_need_and_school_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SupportSession"),
                migrations.DeleteModel(name="SupportRequest"),
                migrations.DeleteModel(name="StandingOffer"),
            ],
            database_operations=[],
        )
    ]
