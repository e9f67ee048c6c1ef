"""The admin's "Import articles" page: who may use it, what it queues, and what the progress page shows.

The queued tasks are run by django-tasks-db's own worker loop, in this process
(``run_worker``); tests/test_import_worker.py runs it as a separate process.
"""

import re
from unittest.mock import patch

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from factcheck import tasks
from factcheck.models import Article, ImportItem, ImportJob
from tests.news_server import WEB, base_url, serve

IMPORT_PAGE = reverse("admin:factcheck_importjob_add")
HERALD = "herald_budget_guardian_style"


def run_worker(max_tasks: int | None = None) -> int:
    """Run every queued task (or the first `max_tasks`) with the real database worker, then return how many
    it ran.

    The worker closes stale connections between tasks, as a long-running process should; here the
    connection holds the test's transaction, so that step is skipped.
    """
    worker = _worker(max_tasks)
    with patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
    return worker._run_tasks


def _worker(max_tasks: int | None = None) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (WEB / name).read_bytes())


@pytest.fixture
def allowed_test_host(settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]


def test_a_reader_who_is_not_logged_in_is_sent_to_log_in(client, db):
    response = client.get(IMPORT_PAGE)
    assert response.status_code == 302
    assert "/login/" in response.url


def test_staff_without_a_desk_role_cannot_import(client, django_user_model):
    intern = django_user_model.objects.create_user("intern", password="correct horse battery", is_staff=True)
    client.force_login(intern)
    assert client.get(IMPORT_PAGE).status_code == 403


@pytest.mark.parametrize("role", ["fact_checker", "editor"])
def test_fact_checkers_and_editors_find_the_import_page(client, request, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(IMPORT_PAGE).content.decode()
    assert "Import articles" in page
    assert 'type="file"' in page
    assert "multiple" in page
    assert client.get(reverse("admin:index")).content.decode().count(IMPORT_PAGE) >= 1


def test_files_text_and_addresses_are_queued_then_imported_in_the_background(client, fact_checker, allowed_test_host):
    client.force_login(fact_checker)
    with serve() as server:
        response = client.post(
            IMPORT_PAGE,
            {
                "files": [upload(f"{HERALD}.html"), upload("northgate_wire_bank_oil.w3m.txt")],
                "text": (WEB / "physworld_flint_tool.lynx.txt").read_text(),
                "urls": f"{base_url(server)}/pages/lantern_magazine_trademark.html",
            },
        )
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("admin:factcheck_importjob_change", args=[job.pk])
        assert [item.status for item in job.items.all()] == ["queued"] * 4
        assert DBTaskResult.objects.filter(status="READY").count() == 4
        assert "4 waiting" in client.get(response.url).content.decode()
        assert not Article.objects.exists(), "nothing is imported while the request runs"

        run_worker()

    items = list(job.items.select_related("article"))
    assert [(item.kind, item.status) for item in items] == [
        ("file", "created"),
        ("file", "created"),
        ("text", "created"),
        ("url", "created"),
    ]
    assert (
        items[0].article.url == "https://www.rivertonherald.example/politics/2020/jan/20/carter-defends-spring-budget"
    )
    assert items[0].article.published_on.isoformat() == "2020-01-20"
    assert items[3].article.title == "The mayor promised 10,000 trees. The city planted 2,600"
    assert all(item.claims_created > 0 for item in items)
    progress = client.get(response.url).content.decode()
    assert "Finished:" in progress
    assert "4 created" in progress
    assert reverse("admin:factcheck_article_change", args=[items[1].article.pk]) in progress
    assert "hx-trigger" not in progress, "a finished import stops refreshing"


def test_a_pasted_article_takes_the_outlet_date_and_address_given_with_it(client, editor):
    client.force_login(editor)
    response = client.post(
        IMPORT_PAGE,
        {
            "text": (WEB / "physworld_flint_tool.lynx.txt").read_text(),
            "outlet": "Physics World",
            "published_on": "2025-11-03",
            "url": "https://physicsworld.example/flint-tool",
        },
    )
    assert response.status_code == 302
    run_worker()
    article = ImportItem.objects.get().article
    assert (article.outlet, article.published_on.isoformat(), article.url) == (
        "Physics World",
        "2025-11-03",
        "https://physicsworld.example/flint-tool",
    )
    claim = article.claims.first()
    assert (claim.said_on.isoformat(), claim.original_url) == ("2025-11-03", "https://physicsworld.example/flint-tool")


def test_a_pasted_article_pasted_again_updated_is_the_same_article_with_only_its_new_claims(client, editor):
    """An outlet updates a story and the editor pastes it again with its address: it used to become a second
    article, every claim of the first on the desk twice."""
    text = (
        "Eastbrook bus fares to rise 12 percent\n\n"
        "Bus fares in Eastbrook will rise by 12 percent from April, the council confirmed on Tuesday.\n\n"
        "Council leader Daniel Achterberg said the state had cut its transport grant by £4 million this year.\n"
    )
    update = text + "\nThe regional transport authority said the grant had been cut by £2.2 million, not £4 million.\n"
    details = {"outlet": "Eastbrook Gazette", "url": "https://eastbrookgazette.example/news/bus-fares"}
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"text": text, **details})
    run_worker()
    article = ImportItem.objects.get().article
    claims_before = set(article.claims.values_list("pk", flat=True))
    client.post(IMPORT_PAGE, {"text": update, **details})
    run_worker()
    assert [item.status for item in ImportItem.objects.order_by("pk")] == ["created", "updated"]
    assert Article.objects.count() == 1
    added = article.claims.exclude(pk__in=claims_before)
    assert [claim.text for claim in added] == [
        "The regional transport authority said the grant had been cut by £2.2 million, not £4 million."
    ]
    client.post(IMPORT_PAGE, {"text": update, **details})
    run_worker()
    assert ImportItem.objects.order_by("pk").last().status == "unchanged"


def test_a_pasted_articles_details_without_the_article_are_refused(client, editor):
    client.force_login(editor)
    page = client.post(IMPORT_PAGE, {"urls": "https://news.example/a", "outlet": "The Herald"}).content.decode()
    assert "This describes a pasted article: paste its text above, or leave this empty." in page
    assert not ImportJob.objects.exists()


def test_the_import_page_asks_for_a_pasted_articles_outlet_date_and_address(client, editor):
    client.force_login(editor)
    page = client.get(IMPORT_PAGE).content.decode()
    details = page.split("<legend>About the pasted article (optional)</legend>")[1].split("</fieldset>")[0]
    assert 'for="id_outlet">Its outlet' in details
    assert 'type="date" name="published_on"' in details
    assert 'type="url" name="url"' in details


def test_an_imported_claims_history_starts_with_the_import_not_none(client, editor):
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"text": (WEB / "physworld_flint_tool.lynx.txt").read_text()})
    run_worker()
    claim = ImportItem.objects.get().article.claims.first()
    page = client.get(reverse("admin:factcheck_claim_history", args=[claim.pk])).content.decode()
    first = page.split("<tbody>")[1].split("</tr>")[0]
    cells = [" ".join(cell.split()) for cell in re.findall(r"<td>(.*?)</td>", first, flags=re.DOTALL)]
    assert cells[-4:-1] == ["Created", "The article import", "Imported"]
    assert "None" not in first


def test_sending_the_same_file_again_changes_nothing(client, editor):
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"files": [upload(f"{HERALD}.html")]})
    run_worker()
    client.post(IMPORT_PAGE, {"files": [upload(f"{HERALD}.html")]})
    run_worker()
    assert [item.status for item in ImportItem.objects.order_by("pk")] == ["created", "unchanged"]
    assert Article.objects.count() == 1


def test_a_file_with_no_usable_title_is_refused_saying_what_its_first_lines_were(client, editor):
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"files": [upload("menu.txt", b"Skip to main content\nMenu\n* *\nSearch\n")]})
    run_worker()
    item = ImportItem.objects.get()
    assert item.status == "failed"
    assert item.reason == (
        "no title: no line reads as a headline once navigation and clutter are removed; "
        "the first lines were “Skip to main content”, “Menu”, “* *”"
    )


def test_a_refused_address_is_recorded_with_its_reason(client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    client.force_login(editor)
    with serve() as server:
        client.post(IMPORT_PAGE, {"urls": f"{base_url(server)}/pages/{HERALD}.html"})
        run_worker()
        assert server.requests == []
    item = ImportItem.objects.get()
    assert item.status == "failed"
    assert "loopback address" in item.reason
    progress = client.get(reverse("admin:factcheck_importjob_change", args=[item.job_id]))
    assert "loopback address" in progress.content.decode()


def test_a_failing_task_is_recorded_with_its_error(client, editor, monkeypatch):
    def broken_save(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(tasks.importer, "save_article", broken_save)
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"files": [upload(f"{HERALD}.html")]})
    run_worker()
    item = ImportItem.objects.get()
    assert item.status == "failed"
    assert "RuntimeError('the disk is full')" in item.reason
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    assert "the disk is full" in task.traceback
    progress = client.get(reverse("admin:factcheck_importjob_change", args=[item.job_id])).content.decode()
    assert "the disk is full" in progress


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({}, "Choose a file, paste an article or give a web address."),
        ({"urls": "ftp://news.example/story.html"}, "only http:// and https://"),
        ({"files": [upload("story.pdf", b"%PDF-1.7")]}, "only .txt, .html, .htm, .vtt and .srt files"),
        ({"text": "Council approves new budget"}, "no article text below the title"),
        ({"text": "Advertisement\n\nShare this article"}, "no title"),
    ],
)
def test_an_import_that_cannot_work_is_refused_on_the_form(client, editor, form, error):
    client.force_login(editor)
    response = client.post(IMPORT_PAGE, form)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("typed", ["not a url", "www.herald.example/budget"])
def test_something_that_is_no_web_address_is_refused_saying_what_to_give(client, editor, typed):
    client.force_login(editor)
    page = client.post(IMPORT_PAGE, {"urls": typed}).content.decode()
    assert f"“{typed}” is not a web address: give a full address starting with https://" in page
    assert "relative" not in page
    assert not ImportJob.objects.exists()


def test_imports_are_records_nobody_edits_or_deletes(client, editor):
    client.force_login(editor)
    client.post(IMPORT_PAGE, {"text": "Council passes budget\n\nThe council voted 5-4 on Tuesday to pass the budget."})
    job = ImportJob.objects.get()
    assert client.post(reverse("admin:factcheck_importjob_delete", args=[job.pk])).status_code == 403
    assert ImportJob.objects.exists()


def test_an_empty_file_among_many_is_named_and_the_others_are_imported(client, editor):
    client.force_login(editor)
    files = [upload(f"story-{n}.txt", f"Council story {n}\n\nThe council met {n} times.".encode()) for n in range(18)]
    files.insert(7, upload("blank.txt", b""))
    response = client.post(IMPORT_PAGE, {"files": files}, follow=True)
    assert [item.name for item in ImportItem.objects.order_by("pk")] == [f"story-{n}.txt" for n in range(18)]
    page = response.content.decode()
    assert "18 article(s) queued for import." in page
    assert "Not imported: “blank.txt” is empty." in page


def test_only_empty_files_are_refused_naming_them(client, editor):
    client.force_login(editor)
    response = client.post(IMPORT_PAGE, {"files": [upload("blank.txt", b""), upload("void.html", b"")]})
    assert response.status_code == 200
    assert "Nothing to import: “blank.txt” and “void.html” are empty." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_import_page_lists_the_latest_imports_newest_first(client, editor):
    client.force_login(editor)
    jobs = [ImportJob.objects.create(submitted_by=editor) for _ in range(7)]
    page = client.get(IMPORT_PAGE).content.decode()
    listed = [int(number) for number in re.findall(r">Import #(\d+) \(", page)]
    assert listed == [job.pk for job in reversed(jobs)][:5]


def test_imports_name_who_submitted_them_as_the_front_page_does(client, editor):
    job = ImportJob.objects.create(submitted_by=editor)
    client.force_login(editor)
    assert "by Charlie Castillo: 0 articles" in client.get(IMPORT_PAGE).content.decode()
    progress = client.get(reverse("admin:factcheck_importjob_change", args=[job.pk])).content.decode()
    assert "submitted by Charlie Castillo on" in progress
    listed = client.get(reverse("admin:factcheck_importjob_changelist")).content.decode()
    assert '<td class="field-submitter">Charlie Castillo</td>' in listed
