"""Back up the whole desk to one file, and put it back.

Everything in the database goes in: articles, claims, verdicts, sources, the
django-simple-history rows behind every change, editors and their groups,
login lockouts, sessions. On PostgreSQL the file is a pg_dump custom-format
archive (pg_dump and pg_restore must be the server's major version); on
SQLite it is a copy of the database made with SQLite's online backup API,
consistent even while the desk is writing. Either is a complete database, so
a restore needs no migrations and loses no history.

A restore replaces everything in the configured database with the backup,
in one transaction: if it fails, the desk is left as it was. Once it has
succeeded, every page in the shared page cache is made stale: the cache
outlives the app servers that are stopped for a restore, and would otherwise
go on serving the replaced desk's pages (articles and verdicts the backup does
not have) until they expired.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection

from factcheck.cache import bump_desk_generation

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def backup_desk(*, path: Path) -> Path:
    """Write the whole desk to path (replacing that file) and return it.

    The file is written beside path and renamed into place when complete, so
    an interrupted backup never leaves a half file under the expected name.
    It holds password hashes and sessions, so only its owner may read it.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    try:
        if connection.vendor == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)])
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
        else:
            raise BackupError(f"Backups are not supported on {connection.vendor}.")
        partial.chmod(0o600)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore_desk(*, path: Path) -> None:
    """Replace everything in the database with the backup at path.

    Refuses (BackupError) a file that is missing or is not a backup for this
    kind of database, before touching anything.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    with path.open("rb") as backup:
        magic = backup.read(len(SQLITE_MAGIC))
    if connection.vendor == "postgresql":
        if not magic.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a pg_dump custom-format archive.")
        # pg_restore drops and recreates every table: our own open
        # connection would hold locks that make it wait forever.
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ]
        )
    elif connection.vendor == "sqlite":
        if magic != SQLITE_MAGIC:
            raise BackupError(f"{path} is not an SQLite database.")
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as backup:
            backup.backup(connection.connection)
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}.")
    bump_desk_generation()


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client tool against the desk's database, or raise BackupError with its message."""
    database = connection.settings_dict
    env = {**os.environ, "PGDATABASE": database["NAME"]}
    for variable, value in [
        ("PGHOST", database.get("HOST")),
        ("PGPORT", database.get("PORT")),
        ("PGUSER", database.get("USER")),
        ("PGPASSWORD", database.get("PASSWORD")),
        ("PGSSLMODE", database.get("OPTIONS", {}).get("sslmode")),
    ]:
        if value:
            env[variable] = str(value)
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (it comes with the PostgreSQL client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
