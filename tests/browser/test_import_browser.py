"""The admin's "Import articles" page end to end in a real browser, with the real web server and worker.

A desk on a SQLite file runs as separate processes (tests/desk_processes.py):
Django's web server and the import worker. A fact-checker logs in, uploads 20
saved news pages and pastes one article; the worker imports them in the
background while the admin stays responsive; the progress page updates itself
until all are done and links to the articles.
"""

import time

from playwright.sync_api import Page, expect

from tests.browser.test_public_site_browser import axe_violations
from tests.desk_processes import Desk, free_port
from tests.news_server import WEB, herald_edition

PASSWORD = "correct horse battery staple"
FILES = 20
# The admin answers within this while the worker imports (two shared cores; a page normally takes ~0.1 s).
RESPONSIVE_SECONDS = 3.0


def test_a_fact_checker_imports_twenty_pages_and_a_pasted_article_in_the_background(page: Page, tmp_path):
    desk = Desk(tmp_path, FACTCHECK_STAFF_PASSWORD=PASSWORD)
    try:
        desk.manage("migrate", "--no-input")
        desk.manage("create_staff", "alice", "--role", "fact-checker", "--name", "Alice Adeyemi", "--no-input")
        port = free_port()
        desk.start_web(port)
        desk.start_worker()
        site = f"http://127.0.0.1:{port}"
        uploads = []
        for number in range(1, FILES + 1):
            path = tmp_path / f"herald-day-{number}.html"
            path.write_text(herald_edition(number), encoding="utf-8")
            uploads.append(path)

        page.goto(f"{site}/admin/login/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(f"{site}/admin/factcheck/importjob/add/")
        expect(page.get_by_role("heading", name="Import articles")).to_be_visible()
        assert axe_violations(page) == []

        page.get_by_label("Article files").set_input_files(uploads)
        page.get_by_label("Or paste an article").fill((WEB / "northgate_wire_bank_oil.w3m.txt").read_text())
        page.get_by_role("button", name="Import").click()

        summary = page.locator("#import-summary")
        expect(summary).to_contain_text("Importing in the background")
        # While the worker imports, the admin answers promptly.
        timings = []
        while "Importing" in summary.inner_text() and len(timings) < 10:
            started = time.monotonic()
            response = page.request.get(f"{site}/admin/factcheck/article/")
            timings.append(time.monotonic() - started)
            assert response.ok
        print(f"admin changelist while importing: {len(timings)} requests, slowest {max(timings):.2f} s")
        assert max(timings) < RESPONSIVE_SECONDS, timings

        expect(summary).to_contain_text("Finished:", timeout=240_000)
        expect(summary).to_contain_text(f"{FILES + 1} created, 0 updated, 0 unchanged, 0 refused")
        assert page.locator("tr.import-item.status-created").count() == FILES + 1
        assert axe_violations(page) == []

        page.get_by_role("link", name="Nordhavn Bank to stop financing new oil and gas fields").click()
        expect(page.locator("#content h2, #content h1").first).to_be_visible()
        expect(page.locator("body")).to_contain_text("Nordhavn Bank to stop financing new oil and gas fields")
        assert desk.query("SELECT COUNT(*) FROM factcheck_article") == [(FILES + 1,)]
    finally:
        desk.stop()
