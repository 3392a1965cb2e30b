"""python manage.py import_schools [--data-dir DIR] [--show-rejections N] [--allow-shrink]"""

from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from collegium.schools.importing.loader import ImportResult, import_register
from collegium.schools.importing.readers import FileRefused


class Command(BaseCommand):
    help = "Import the school register from the DfE and Ofsted files in a data directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Directory laid out like ../shared/data (default: settings.SHARED_DATA_DIR).",
        )
        parser.add_argument(
            "--show-rejections",
            type=int,
            default=20,
            metavar="N",
            help="How many rejected rows to list (default 20).",
        )
        parser.add_argument(
            "--allow-shrink",
            action="store_true",
            help="Import files with over 10%% fewer rows than the last import read, or files it "
            "read that are now missing (when a publisher's new file really is smaller).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or Path(settings.SHARED_DATA_DIR)
        try:
            result = import_register(data_dir, allow_shrink=options["allow_shrink"])
        except FileRefused as err:
            raise CommandError(f"Nothing was imported. {err}") from err
        self.report(data_dir, result, max(options["show_rejections"], 0))

    def report(self, data_dir: Path, result: ImportResult, show: int) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Imported the school register from {data_dir}"))
        write(f"Schools:       {result.schools:,}")
        write(f"Rows read:     {result.rows_read:,}")
        write(f"Rows rejected: {result.rows_rejected:,}")
        write(f"Rows changed:  {result.rows_changed:,}")
        write(f"Time:          {result.seconds:.1f} s")
        for note in result.notes:
            write(f"Note: {note}")
        if not result.rejections:
            return
        by_file = Counter(rejection["file"] for rejection in result.rejections)
        write("Rejected rows by file:")
        for name, count in sorted(by_file.items()):
            write(f"  {name}: {count:,}")
        if show:
            write(f"First {min(show, len(result.rejections))} rejected rows:")
        for rejection in result.rejections[:show]:
            write(f"  {rejection['file']} line {rejection['line']}: {rejection['reason']}")
