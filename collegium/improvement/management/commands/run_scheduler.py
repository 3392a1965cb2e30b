import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from collegium.allocations.consent_tasks import enqueue_daily_task as enqueue_place_requests
from collegium.complaints.tasks import enqueue_daily_task as enqueue_complaints_task
from collegium.improvement.tasks import enqueue_daily_reminders
from collegium.notifications.tasks import enqueue_daily_digests, enqueue_retry
from collegium.reports.tasks import enqueue_daily_task as enqueue_reports_task
from collegium.safeguarding.tasks import enqueue_daily_task as enqueue_safeguarding_task


class Command(BaseCommand):
    help = (
        "Queue the daily background tasks (reminders of overdue milestones; reminders of "
        "complaint deadlines and closing complaints not taken further; safeguarding actions, "
        "audits and board reviews; place requests on review teams left unanswered; factual "
        "accuracy checks due; daily email summaries) once a day, and another try of emails "
        "that could not be sent at every check. "
        "Runs until stopped; a background worker (db_worker) runs what it queues."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=300, help="Seconds between checks (default 300)"
        )
        parser.add_argument("--once", action="store_true", help="Check once, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            if enqueue_daily_reminders():
                self.stdout.write("Queued today's reminders of overdue milestones.")
            if enqueue_complaints_task():
                self.stdout.write("Queued today's reminders of complaint deadlines.")
            if enqueue_safeguarding_task():
                self.stdout.write("Queued today's safeguarding reminders.")
            if enqueue_reports_task():
                self.stdout.write("Queued today's reminders of factual accuracy checks due.")
            if enqueue_daily_digests():
                self.stdout.write("Queued today's daily email summaries.")
            if enqueue_retry():  # at every check, not once a day
                self.stdout.write("Queued another try of the emails that could not be sent.")
            if enqueue_place_requests():
                self.stdout.write("Queued today's check of unanswered place requests.")
            for path in settings.DAILY_TASKS:  # apps above this one in the layers
                if import_string(path)():
                    self.stdout.write(f"Queued today's task {path}.")
            if options["once"]:
                return
            time.sleep(options["every"])
