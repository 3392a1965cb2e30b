from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from collegium.improvement.services.reminders import send_overdue_reminders
from collegium.improvement.tasks import remind_overdue_milestones


class Command(BaseCommand):
    help = (
        "Remind action owners and cluster coordinators of overdue milestones: queue the task "
        "for the background worker, or send the emails at once with --now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Send now, without the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            reminded = send_overdue_reminders()
            self.stdout.write(f"Reminded {reminded} {'person' if reminded == 1 else 'people'}.")
        else:
            result = remind_overdue_milestones.enqueue()
            self.stdout.write(f"Queued the reminders for the background worker ({result.id}).")
