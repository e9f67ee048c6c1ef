"""Run the background worker: the imports queued by the admin's "Import articles" page, and the search for
repeats of each verdict published.

    python manage.py import_worker [db_worker's options]

This is django-tasks-db's ``db_worker`` (same options: ``--batch``,
``--max-tasks``, ``--interval``, ``--reload`` …) with two additions: its worker
id names this host and process, and before it starts it queues again every
import whose worker stopped mid-task (``factcheck.tasks.recover_stalled_imports``),
and every repeat search likewise (``recover_stalled_repeat_matches``), so a worker killed or
restarted mid-task finishes the job when it comes back. Meanwhile it reads the unchecked claims'
embeddings for those searches, in a thread of its own, so that the first search after a publish
does not wait for them, and it reads a short text and page first, so that each item's time limit
(FACTCHECK_EXTRACTION_SECONDS) measures reading that item, not loading the extraction's models and data.
``make run`` starts one beside the web server; in production run one or more
next to gunicorn (see README, "Background imports").
"""

import contextlib
import threading

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from factcheck.extraction import UnreadableText, extract_page, extract_text
from factcheck.repeats import unchecked_claims
from factcheck.tasks import recover_stalled_imports, recover_stalled_repeat_matches, worker_id

WARM_UP_TEXT = "The council said spending on roads rose 5% in 2020 to £12 million, according to its own report."


# Paragraphs that differ, so that the page reads as an article rather than one repeated line.
WARM_UP_PAGE = "".join(f"<p>{WARM_UP_TEXT} Paragraph {number} of the warm-up.</p>" for number in range(1, 9))


class Command(DatabaseWorkerCommand):
    help = "Run the background import worker (django-tasks-db's db_worker), recovering imports a stopped worker left."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        recovered = recover_stalled_imports()
        if recovered and options["verbosity"]:
            self.stdout.write(f"Queued {recovered} interrupted import(s) again.")
        recovered = recover_stalled_repeat_matches()
        if recovered and options["verbosity"]:
            self.stdout.write(f"Queued {recovered} interrupted repeat search(es) again.")
        threading.Thread(target=unchecked_claims.warm, name="unchecked-claims", daemon=True).start()
        with contextlib.suppress(UnreadableText):  # a warm-up that finds nothing has still loaded what it needs
            extract_text(WARM_UP_TEXT, name="warm-up.txt")
            extract_page(f"<html><body><article>{WARM_UP_PAGE}</article></body></html>")
        return super().handle(*args, **options)
