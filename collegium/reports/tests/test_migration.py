"""The school's comments, kept as one text before answers were recorded, become one comment each
report (unanswered), and going back joins them into the text again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from collegium.reports.models import AccuracyComment

BEFORE = [("reports", "0002_keptpdf")]


def migrate(target: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(target or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_text_becomes_one_comment_and_back(report):
    executor = migrate(BEFORE)
    old_report = executor.loader.project_state(BEFORE).apps.get_model("reports", "Report")
    checked_at = timezone.now()
    old_report.objects.filter(pk=report.pk).update(
        school_comments="Roll is 212, not 221.", accuracy_checked_at=checked_at
    )
    migrate()
    comment = AccuracyComment.objects.get()
    assert (comment.report_id, comment.text) == (report.pk, "Roll is 212, not 221.")
    assert comment.raised_at == checked_at and not comment.is_answered
    AccuracyComment.objects.create(report=comment.report, text="Second.", raised_at=timezone.now())
    executor = migrate(BEFORE)
    old_report = executor.loader.project_state(BEFORE).apps.get_model("reports", "Report")
    assert (
        old_report.objects.get(pk=report.pk).school_comments == "Roll is 212, not 221.\n\nSecond."
    )
    migrate()
