import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from collegium.complaints.tasks import enqueue_daily_task as enqueue_complaints_task
from collegium.improvement.tasks import enqueue_daily_reminders
from collegium.safeguarding.tasks import enqueue_daily_task as enqueue_safeguarding_task


class Command(BaseCommand):
    help = (
        "Queue the daily background tasks (reminders of overdue milestones; reminders of "
        "complaint deadlines and closing complaints not taken further; safeguarding actions, "
        "audits and board reviews) once a day. "
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
            if options["once"]:
                return
            time.sleep(options["every"])
