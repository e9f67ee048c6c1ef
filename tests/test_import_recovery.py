"""A starting worker queues again the imports a stopped worker left running, and leaves live ones alone."""

import os
import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from factcheck.models import ImportItem, ImportJob
from factcheck.tasks import MAX_ATTEMPTS, import_item, recover_stalled_imports, worker_id

HOST = socket.gethostname()[:40]


def running_item(*, worker: str, started_ago: timedelta, attempts: int = 1) -> ImportItem:
    """An item whose task a worker claimed `started_ago`, as the database worker leaves it."""
    item = ImportItem.objects.create(job=ImportJob.objects.create(), kind="text", name="Pasted text", content=b"x")
    task = DBTaskResult.objects.get(pk=import_item.enqueue(item.pk).id)
    task.claim(worker)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started_ago)
    ImportItem.objects.filter(pk=item.pk).update(status="running", task_id=str(task.pk), attempts=attempts)
    return ImportItem.objects.get(pk=item.pk)


@pytest.mark.django_db
def test_an_import_whose_worker_process_is_gone_is_queued_again():
    item = running_item(worker=f"{HOST}:999999999:0123456789ab", started_ago=timedelta(seconds=5))
    assert recover_stalled_imports() == 1
    item.refresh_from_db()
    assert item.status == "queued"
    assert DBTaskResult.objects.get(pk=item.task_id).status == "READY"
    assert "WorkerStopped" in DBTaskResult.objects.filter(status="FAILED").get().traceback


@pytest.mark.django_db
@pytest.mark.skipif(not os.path.exists("/proc/1/stat"), reason="needs /proc to tell when a process started")
def test_an_import_whose_workers_process_number_now_belongs_to_another_process_is_queued_again():
    """After the machine restarts, or when a container's worker is process 1 every time it starts, the
    number of the worker that took the import is alive again: that process is not the worker."""
    item = running_item(worker=f"{HOST}:1:0123456789ab", started_ago=timedelta(seconds=5))
    assert recover_stalled_imports() == 1
    item.refresh_from_db()
    assert item.status == "queued"


@pytest.mark.django_db
def test_an_import_taken_by_a_worker_from_before_the_upgrade_is_judged_by_its_process_number():
    gone = running_item(worker=f"{HOST}:999999999", started_ago=timedelta(seconds=5))
    alive = running_item(worker=f"{HOST}:{os.getpid()}", started_ago=timedelta(seconds=5))
    assert recover_stalled_imports() == 1
    gone.refresh_from_db()
    alive.refresh_from_db()
    assert (gone.status, alive.status) == ("queued", "running")


@pytest.mark.django_db
def test_an_import_on_a_live_worker_is_left_alone():
    item = running_item(worker=worker_id(), started_ago=timedelta(hours=2))
    assert recover_stalled_imports() == 0
    item.refresh_from_db()
    assert item.status == "running"


@pytest.mark.django_db
def test_an_import_on_another_host_is_recovered_only_once_it_has_run_too_long(settings):
    settings.FACTCHECK_IMPORT_STALE_SECONDS = 300
    recent = running_item(worker="elsewhere:41", started_ago=timedelta(seconds=60))
    old = running_item(worker="elsewhere:42", started_ago=timedelta(seconds=900))
    assert recover_stalled_imports() == 1
    recent.refresh_from_db()
    old.refresh_from_db()
    assert (recent.status, old.status) == ("running", "queued")


@pytest.mark.django_db
def test_an_import_whose_worker_stopped_too_often_is_refused_saying_so():
    item = running_item(worker="elsewhere:43", started_ago=timedelta(days=1), attempts=MAX_ATTEMPTS)
    recover_stalled_imports()
    item.refresh_from_db()
    assert item.status == "failed"
    assert item.reason == f"the import worker stopped {MAX_ATTEMPTS} times while importing this; not tried again"
