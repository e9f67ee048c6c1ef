"""`import_seeds` with saved web pages and with --url: the article, its original address and its date."""

import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factcheck.importer import iter_article_files, prepare_article
from factcheck.models import Actor, Article
from tests.news_server import WEB, base_url, serve

HERALD_URL = "https://www.rivertonherald.example/politics/2020/jan/20/carter-defends-spring-budget"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_folder_of_saved_pages_and_text_dumps_imports_each_as_an_article(db, tmp_path):
    for path in WEB.iterdir():
        shutil.copy(path, tmp_path)
    pages, dumps = len(list(WEB.glob("*.html"))), len(list(WEB.glob("*.txt")))
    out, _ = run(str(tmp_path))
    assert f"Articles: {pages + dumps} created, 0 updated, 0 unchanged, 0 failed." in out
    assert Article.objects.filter(source_file__endswith=".html").count() == pages
    herald = Article.objects.get(source_file__endswith="herald_budget_guardian_style.html")
    assert herald.title == "Carter defends spring budget as jobless figures fall"
    assert herald.url == HERALD_URL
    assert herald.outlet == "The Riverton Herald"
    assert herald.published_on == date(2020, 1, 20)
    assert "rivertonreader" not in herald.body, "readers' comments are never taken"
    assert Actor.objects.get(name="Meta").kind == Actor.Kind.ORGANIZATION


def test_a_page_whose_adverts_changed_but_article_did_not_is_unchanged(db, tmp_path):
    page = tmp_path / "herald.html"
    page.write_text((WEB / "herald_budget_guardian_style.html").read_text())
    run(str(page))
    page.write_text(page.read_text().replace("Yes, I'm happy", "Accept all cookies"))
    out, _ = run(str(page))
    assert "0 created, 0 updated, 1 unchanged" in out


def test_a_page_in_its_own_charset_is_read_in_it(db, tmp_path):
    html = (WEB / "lantern_magazine_trademark.html").read_text().replace('charset="utf-8"', 'charset="iso-8859-1"')
    html = html.replace("Lena Kowalski", "Léna Kowalski")
    (tmp_path / "latin.html").write_bytes(html.encode("iso-8859-1", errors="replace"))
    run(str(tmp_path / "latin.html"))
    assert "Léna Kowalski" in Article.objects.get().body


def test_a_url_is_fetched_and_imported_under_its_address(db, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]
    with serve() as server:
        url = f"{base_url(server)}/pages/herald_budget_guardian_style.html"
        out, _ = run("--url", url)
        assert "Articles: 1 created" in out
        article = Article.objects.get()
        assert article.source_file == url
        assert article.url == HERALD_URL, "the page's canonical address, the original"
        out, _ = run("--url", url)
        assert "0 created, 0 updated, 1 unchanged" in out


def test_a_refused_url_gets_one_line_saying_why_and_a_non_zero_exit(db, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    err = StringIO()
    with serve() as server, pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        call_command("import_seeds", "--url", f"{base_url(server)}/pages/x.html", stdout=StringIO(), stderr=err)
    assert "not imported — not fetched: 127.0.0.1 a loopback address" in err.getvalue()
    assert not Article.objects.exists()


def test_files_extracted_in_other_processes_import_exactly_as_in_one(db, tmp_path):
    for path in WEB.glob("*.*"):
        shutil.copy(path, tmp_path)
    out, _ = run(str(tmp_path), "--jobs", "2", "-v", "2")
    in_order = [line.split(":")[0] for line in out.splitlines() if ": created" in line]
    assert in_order == sorted(in_order), "results come in the files' order"
    prepared = [prepare_article(path) for path in iter_article_files([tmp_path])]
    serial = {article.source: article.content_hash for article in prepared}
    assert dict(Article.objects.values_list("source_file", "content_hash")) == serial


def test_jobs_must_be_one_or_more(db, tmp_path):
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        run(str(tmp_path), "--jobs", "0")
