"""Back up the whole desk, history included, to one file.

    python manage.py backup_desk backups/desk-2026-11-23.dump

On PostgreSQL this runs pg_dump (custom format); on SQLite it copies the
database with SQLite's online backup API. Safe while the desk is running.
Put it back with `restore_desk`. See factcheck/backup.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.backup import BackupError, backup_desk


class Command(BaseCommand):
    help = "Back up the whole desk (every table, history included) to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup file to write (replaced if it exists)")

    def handle(self, *, path, **options):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            written = backup_desk(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up the desk to {written} ({written.stat().st_size:,} bytes)."))
