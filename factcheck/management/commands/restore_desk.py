"""Replace the whole desk with a backup made by `backup_desk`.

    python manage.py restore_desk backups/desk-2026-11-23.dump [--no-input]

Everything now in the database is replaced, in one transaction: if the
restore fails the desk is left as it was. Stop the app servers first, so no
one edits a claim that is about to be overwritten. Asks for confirmation
unless --no-input is given.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factcheck.backup import BackupError, restore_desk


class Command(BaseCommand):
    help = "Replace everything in the database with the backup at PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by backup_desk")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="do not ask to confirm")

    def handle(self, *, path, interactive, **options):
        database = connection.settings_dict["NAME"]
        if interactive:
            answer = input(f"This replaces everything in the database {database} with {path}. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore_desk(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the desk from {path}."))
