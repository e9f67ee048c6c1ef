"""Background work on Django's tasks framework (``django.tasks``): imports, and repeats of what is published.

``match_repeats_of`` runs after each publish or correction: it finds the desk's unchecked claims
that repeat the claim just published (``factcheck.repeats.match_unchecked_repeats``) and links or
suggests them, so that a repeat imported before its original was published is caught too. The
worker that runs one takes every other queued search with it and does them all in one pass, so a
burst of publishes never holds a later one's search back. It may run twice (a worker stopped
mid-task is recovered by running again every search it had taken): a pair already linked or
decided is left as it is.

Imports: one task per article.

The admin's "Import articles" page saves an ImportJob with one ImportItem per
uploaded file, pasted text or web address, and queues ``import_item`` for each.
The queue lives in the desk's database (the django-tasks-db backend), so it
survives restarts and needs nothing new on SQLite; ``manage.py import_worker``
runs the tasks.

An item is imported at most once to completion: a task delivered twice finds it
finished and does nothing. The import and the record of its result are saved in
one transaction, so a worker killed mid-import leaves either both or neither;
a new worker re-runs the unfinished item (``recover_stalled_imports``), and the
importer's own idempotence (same source, same text: unchanged) means nothing is
ever created twice. A web page is fetched, and the article read, before that
transaction opens, so a slow site or a heavy page never holds the database. An
unexpected error is recorded on the item, and the task fails with it too (its
traceback is kept by the backend).

No item holds the worker for long: the fetch ends at FACTCHECK_FETCH_TOTAL_SECONDS
whatever the server does (``factcheck.fetching``), and reading the article at
FACTCHECK_EXTRACTION_SECONDS (``factcheck.extraction.limits``); an item over
either is recorded as failed, saying which, and the worker goes on to the next.
"""

import hashlib
import logging
import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import TaskContext, task
from django.utils import timezone

from factcheck import importer, repeats
from factcheck.fetching import RefusedURL, fetch_page
from factcheck.models import ImportItem

logger = logging.getLogger(__name__)

# An item whose worker stopped this many times is refused rather than tried again.
MAX_ATTEMPTS = 3
# The most repeat searches done in one pass (see match_repeats_of): enough for any burst of publishes, few
# enough that one pass's product and candidates stay small.
REPEAT_SEARCHES_PER_PASS = 200


@task()
def import_item(item_id: int) -> dict:
    """Import one ImportItem and record the result on it; returns that result for the task backend."""
    item = ImportItem.objects.get(pk=item_id)
    if not item.start():
        return {"status": item.status, "note": "already finished"}
    try:
        _import(item)
    except Exception as error:
        item.record(outcome=ImportItem.Status.FAILED, reason=f"the import stopped with an error: {error!r}")
        raise
    return {"status": item.status, "article": item.article_id, "claims_created": item.claims_created}


@task(takes_context=True)
def match_repeats_of(context: TaskContext, claim_id: int) -> dict:
    """Link or suggest the unchecked claims that repeat claim `claim_id`, just published or corrected.

    Every other repeat search queued meanwhile (at most REPEAT_SEARCHES_PER_PASS) is taken along and done in
    the same pass (``repeats.match_unchecked_repeats``), so a burst of publishes costs one read of the
    unchecked claims, not one each, and a publish after it is not queued behind the burst's searches."""
    worker = (context.task_result.worker_ids or [worker_id()])[-1]
    taken = take_queued_repeat_searches(worker=worker, limit=REPEAT_SEARCHES_PER_PASS - 1)
    claim_ids = [claim_id, *(task_row.args_kwargs["args"][0] for task_row in taken)]
    try:
        made = repeats.match_unchecked_repeats(list(dict.fromkeys(claim_ids)))
    except BaseException as error:
        for task_row in taken:
            task_row.set_failed(error)
        raise
    for task_row in taken:
        searched = task_row.args_kwargs["args"][0]
        task_row.set_successful(
            {"claim": searched, "links_or_suggestions": made[searched], "searched_with": str(context.task_result.id)}
        )
    return {"claim": claim_id, "links_or_suggestions": made[claim_id], "searched_with_it": len(taken)}


def take_queued_repeat_searches(*, worker: str, limit: int) -> list:
    """Claim for `worker` up to `limit` repeat searches waiting in the queue, oldest first, as the worker claims
    the task it runs (locked rows skipped, so two workers never take the same one): they are marked running
    under its id, so that, should it stop before they are done, recover_stalled_repeat_matches() queues them
    again. Returns their task rows."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    if limit < 1:
        return []
    queued = DBTaskResult.objects.ready().filter(
        task_path=match_repeats_of.module_path, backend_name=match_repeats_of.backend
    )
    with exclusive_transaction(queued.db):
        taken = list(queued.select_for_update(skip_locked=True)[:limit])
        for task_row in taken:
            task_row.claim(worker)
    return taken


def _import(item: ImportItem) -> None:
    content = bytes(item.content)
    url, html = "", False
    if item.kind == ImportItem.Kind.URL:
        try:
            page = fetch_page(item.name)
        except RefusedURL as error:
            item.record(outcome=ImportItem.Status.FAILED, reason=f"not fetched: {error}")
            return
        text, source, url, html = page.text(), item.name, page.url, page.is_html
        content_hash = ""
    else:
        try:
            text = importer.decode_article(content, html=item.name.lower().endswith(importer.HTML_SUFFIXES))
        except importer.UnreadableText as error:
            item.record(outcome=ImportItem.Status.FAILED, reason=str(error))
            return
        html = item.name.lower().endswith(importer.HTML_SUFFIXES) or importer.looks_like_html(text)
        content_hash = importer.hashlib.sha256(content).hexdigest()
        # Named by content: a different file with the same name is a different article, and the same
        # file sent again is the same article (unchanged).
        prefix = "upload" if item.kind == ImportItem.Kind.FILE else "pasted"
        source = f"{prefix}/{content_hash[:16]}/{item.name}"[:500]
        if item.kind == ImportItem.Kind.TEXT and item.url:
            # Pasted with its original address: the article at that address, as a URL import names it, so
            # an updated version pasted again updates it (its new sentences become claims) instead of
            # putting every claim on the desk twice.
            source = item.url[:500]
    stated = importer.StatedDetails(outlet=item.outlet, published_on=item.published_on, url=item.url)
    # Read before the transaction opens, within FACTCHECK_EXTRACTION_SECONDS: an article over the limits
    # or too slow to read comes back as a failed result and nothing of it is saved.
    prepared = importer.prepare_text(
        text=text, source=source, html=html, url=url, content_hash=content_hash, stated=stated
    )
    with transaction.atomic():
        result = importer.save_article(prepared)
        item.record(
            outcome=result.outcome,
            # A transcript's warnings (speakers nobody could name) show where an unchanged one's reason would.
            reason="; ".join(filter(None, [result.reason, *result.warnings])),
            article_id=result.article_id,
            claims_created=result.claims_created,
            actors_created=result.actors_created,
        )


def worker_id() -> str:
    """This worker process's id for the task backend: host, process and when that process started, so a dead
    one can be recognised even once another process has its number."""
    pid = os.getpid()
    return f"{socket.gethostname()[:40]}:{pid}:{_process_start(pid)}"[:64]


def _process_start(pid: int) -> str:
    """A short mark of when process `pid` started (since this machine booted), the same for as long as it runs;
    "" where the system does not say (no /proc)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The 22nd field, counted after the command's name, which is in parentheses and may hold spaces.
    started = stat.rpartition(")")[2].split()[19]
    return hashlib.sha256(f"{boot}:{started}".encode()).hexdigest()[:12]


def _worker_alive(worker: str) -> bool | None:
    """Whether the worker with this id is running; None when it ran on another host (unknowable here).

    A live process with the worker's number is the worker only if it started when the worker did: after the
    machine restarts, another process has the number, and a container's worker is process 1 every time it is
    started again. Ids of workers from before the start was recorded ("host:pid") are judged by the number.
    """
    host, pid, started = ([*worker.split(":"), ""])[:3]
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return not started or started == _process_start(int(pid))


def _stalled(task_row, stale_before) -> bool:
    """Whether a running task's worker stopped: its process is gone (on this host), or it has run longer
    than FACTCHECK_IMPORT_STALE_SECONDS (any host)."""
    alive = _worker_alive(task_row.worker_ids[-1]) if task_row.worker_ids else None
    return not (alive or (alive is None and task_row.started_at and task_row.started_at > stale_before))


def recover_stalled_repeat_matches() -> int:
    """Queue again the repeat searches whose worker stopped mid-task (see _stalled); returns how many."""
    from django_tasks_db.models import DBTaskResult

    stale_before = timezone.now() - timedelta(seconds=settings.FACTCHECK_IMPORT_STALE_SECONDS)
    recovered = 0
    running = DBTaskResult.objects.filter(status="RUNNING", task_path=match_repeats_of.module_path)
    for task_row in running:
        if not _stalled(task_row, stale_before):
            continue
        with transaction.atomic():
            task_row.set_failed(WorkerStopped(f"worker {task_row.worker_ids[-1:]} stopped while matching repeats"))
            match_repeats_of.enqueue(*task_row.args_kwargs["args"], **task_row.args_kwargs["kwargs"])
        recovered += 1
        logger.warning("Queued the repeat search of claim %s again: its worker stopped", task_row.args_kwargs["args"])
    return recovered


def recover_stalled_imports() -> int:
    """Queue again the imports whose worker stopped mid-task; returns how many.

    A running task is stalled when its worker's process is gone (on this host) or when it has run
    longer than FACTCHECK_IMPORT_STALE_SECONDS (any host). Its task is marked failed, with that
    reason, and a new task is queued for the item, unless the item has been tried MAX_ATTEMPTS times.
    """
    from django_tasks_db.models import DBTaskResult

    stale_before = timezone.now() - timedelta(seconds=settings.FACTCHECK_IMPORT_STALE_SECONDS)
    recovered = 0
    for item in ImportItem.objects.filter(status__in=ImportItem.UNFINISHED).exclude(task_id=""):
        task_row = DBTaskResult.objects.filter(pk=item.task_id).first()
        if task_row is None or task_row.status != "RUNNING":
            continue
        if not _stalled(task_row, stale_before):
            continue
        with transaction.atomic():
            task_row.set_failed(WorkerStopped(f"worker {task_row.worker_ids[-1:]} stopped while importing {item}"))
            if item.attempts >= MAX_ATTEMPTS:
                item.record(
                    outcome=ImportItem.Status.FAILED,
                    reason=f"the import worker stopped {item.attempts} times while importing this; not tried again",
                )
            else:
                ImportItem.objects.filter(pk=item.pk).update(
                    status=ImportItem.Status.QUEUED, task_id=str(import_item.enqueue(item.pk).id)
                )
        recovered += 1
        logger.warning("Queued %s again: its worker stopped mid-import", item)
    return recovered


class WorkerStopped(Exception):
    """The worker process running a task stopped (killed, or its machine restarted) before it finished."""
