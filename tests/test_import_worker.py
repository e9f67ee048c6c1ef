"""The background import worker as a real process: killed mid-import and restarted, it finishes the job once.

A desk on a SQLite file (tests/desk_processes.py) gets an import of 13
articles: 12 uploaded pages and, fourth in the queue, the address of a page on
a slow local server. The worker is killed (SIGKILL) while it waits for that
page, then started again: it must queue the interrupted import again and finish
every article, with nothing created twice.
"""

import json
import os
import signal
import time

import pytest

from tests.desk_processes import Desk
from tests.news_server import HERALD_HEADLINE, base_url, herald_edition, serve

QUEUE_IMPORT = """
import json
from factcheck.models import ImportItem, ImportJob
from factcheck.tasks import import_item
pages = json.loads({pages!r})
job = ImportJob.objects.create()
items = [ImportItem(job=job, kind="file", name=f"day-{{n}}.html", content=html.encode()) for n, html in pages]
items.insert(3, ImportItem(job=job, kind="url", name={url!r}))
for item in items:
    item.save()
    item.task_id = str(import_item.enqueue(item.pk).id)
    item.save(update_fields=["task_id"])
print(json.dumps([item.pk for item in items]))
"""


@pytest.fixture
def desk(tmp_path):
    running = Desk(tmp_path)
    running.manage("migrate", "--no-input")
    yield running
    running.stop()


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_import_and_restarted_finishes_every_article_once(desk):
    with serve() as server:
        slow_url = f"{base_url(server)}/pages/lantern_magazine_trademark.html?delay=4"
        pages = json.dumps([(n, herald_edition(n)) for n in range(1, 13)])
        item_ids = desk.python(QUEUE_IMPORT.format(pages=pages, url=slow_url))
        assert len(item_ids) == 13

        worker = desk.start_worker()
        # The worker has imported the first three and is waiting for the slow page: kill it there.
        wait_for(
            lambda: desk.query("SELECT 1 FROM factcheck_importitem WHERE kind = 'url' AND status = 'running'"),
            timeout=90,
            what="the worker to start fetching the slow page",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        statuses = dict(desk.query("SELECT status, COUNT(*) FROM factcheck_importitem GROUP BY status"))
        assert statuses == {"created": 3, "running": 1, "queued": 9}
        assert desk.query("SELECT status FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'") == [
            ("RUNNING",)
        ]

        restarted = desk.start_worker("--batch")
        assert restarted.wait(timeout=180) == 0, desk.log("worker")

    outcomes = desk.query("SELECT kind, status, attempts FROM factcheck_importitem ORDER BY id")
    assert [status for _, status, _ in outcomes] == ["created"] * 13
    assert [attempts for kind, _, attempts in outcomes if kind == "url"] == [2], "the interrupted page was run again"
    assert desk.query("SELECT COUNT(*) FROM factcheck_article") == [(13,)]
    assert desk.query("SELECT COUNT(*), COUNT(DISTINCT title) FROM factcheck_article") == [(13, 13)]
    claims, recorded = desk.query(
        "SELECT (SELECT COUNT(*) FROM factcheck_claim), (SELECT SUM(claims_created) FROM factcheck_importitem)"
    )[0]
    assert claims == recorded
    tasks = dict(desk.query("SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"))
    assert tasks == {"SUCCESSFUL": 13, "FAILED": 1}
    (stopped,) = desk.query("SELECT traceback FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
    assert "WorkerStopped" in stopped[0]
    assert "Queued 1 interrupted import(s) again." in desk.log("worker")


QUEUE_THREE = """
import json
from factcheck.models import ImportItem, ImportJob
from factcheck.tasks import import_item
job = ImportJob.objects.create()
said = "Mayor Jane Holloway told the Herald."
sentences = (f"“Spending on roads rose {{n % 97}} percent in {{2000 + n % 25}},” {{said}}" for n in range(4990))
slow = "Council budget\\n\\n" + "\\n".join(sentences)
items = [
    ImportItem(job=job, kind="url", name={url!r}),
    ImportItem(job=job, kind="file", name="longest.txt", content=slow.encode()),
    ImportItem(job=job, kind="file", name="day-1.html", content={page!r}.encode()),
]
for item in items:
    item.save()
    item.task_id = str(import_item.enqueue(item.pk).id)
    item.save(update_fields=["task_id"])
print(json.dumps([item.pk for item in items]))
"""


def test_a_stuck_item_is_failed_at_its_time_limit_and_the_next_one_is_imported(tmp_path):
    # Three items in the queue: a page sent a byte every 0.2 s (it would take hours), an article that takes
    # about 6 s to read on an idle machine (4,990 quoted, attributed sentences, within the size limits), then
    # an ordinary page, which the worker, its models loaded before it takes an item, reads well within the
    # 3 s limit even on a busy machine (a 1 s limit failed it at a load of 7).
    desk = Desk(
        tmp_path,
        FACTCHECK_FETCH_TOTAL_SECONDS="3",
        FACTCHECK_FETCH_TIMEOUT="5",
        FACTCHECK_EXTRACTION_SECONDS="3",
    )
    try:
        desk.manage("migrate", "--no-input")
        with serve() as server:
            desk.python(
                QUEUE_THREE.format(
                    url=f"{base_url(server)}/drip?every=0.2",
                    page=herald_edition(1),
                )
            )
            started = time.monotonic()
            worker = desk.start_worker("--batch")
            assert worker.wait(timeout=120) == 0, desk.log("worker")
            took = time.monotonic() - started
    finally:
        desk.stop()

    outcomes = desk.query(
        "SELECT name, status, reason, article_id, claims_created FROM factcheck_importitem ORDER BY id"
    )
    (_, *url_result), (_, *slow_result), (_, *page_result) = outcomes
    assert url_result == [
        "failed",
        "not fetched: 127.0.0.1 was too slow: the page took more than 3 seconds to arrive",
        None,
        0,
    ]
    assert slow_result == ["failed", "reading it took longer than 3 seconds, the limit for one article", None, 0]
    assert page_result[0] == "created"
    assert desk.query("SELECT title FROM factcheck_article") == [(f"{HERALD_HEADLINE}, day 1",)]
    assert desk.query("SELECT COUNT(*) FROM factcheck_claim") == [(page_result[3],)]
    assert took < 60, f"the worker took {took:.0f} s over three items"
