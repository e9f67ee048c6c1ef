"""A fresh desk for a bench that imports files and judges what the desk made of them.

workdir = scratch_desk("transcript-layouts-")   # a temporary folder holding the desk's SQLite database
evaluator, arguments = evaluator_option(sys.argv[1:], DEFAULT_EVALUATOR)
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_desk(prefix: str) -> Path:
    """A new temporary folder with an empty, migrated SQLite desk in it, Django set up to use it."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log growing through a long import
    call_command("migrate", verbosity=0)
    return workdir


def evaluator_option(arguments: list[str], default: Path) -> tuple[Path, list[str]]:
    """The judging script given with `--evaluator PATH` (else `default`), and the other arguments."""
    arguments = list(arguments)
    if "--evaluator" not in arguments:
        return default, arguments
    at = arguments.index("--evaluator")
    evaluator = Path(arguments[at + 1])
    del arguments[at : at + 2]
    return evaluator, arguments
