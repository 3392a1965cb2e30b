# The audit trail and Django's content types name a record by "app_label.model": the events
# recorded about offers, requests and support given while they were part of improvement are
# renamed to support's label, so each record keeps its history (ADR 0016).

from django.db import migrations

MOVED = ("standingoffer", "supportrequest", "supportsession")


def _relabel(apps, old: str, new: str) -> None:
    for name in ("AuditEvent", "AuditSubject"):
        model = apps.get_model("audit", name)
        for moved in MOVED:
            model.objects.filter(object_type=f"{old}.{moved}").update(
                object_type=f"{new}.{moved}"
            )
    content_types = apps.get_model("contenttypes", "ContentType")
    for moved in MOVED:
        if not content_types.objects.filter(app_label=new, model=moved).exists():
            content_types.objects.filter(app_label=old, model=moved).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    _relabel(apps, "improvement", "support")


def backwards(apps, schema_editor) -> None:
    _relabel(apps, "support", "improvement")


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
