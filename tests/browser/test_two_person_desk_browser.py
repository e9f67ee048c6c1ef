"""A day of a desk of two, one editor and one fact-checker, in a real browser on the desk as `make run`
serves it (DEBUG off, over plain http on this machine; a separate web server and import worker).

Import, assign in bulk, research, confirm the claimant, submit; the editor's edit is proposed and
accepted; publish; a correction, proposed by the editor and taken in by the fact-checker; publish. No
third account exists, and nobody ever reaches a step where only somebody else could go on.
"""

import re
from datetime import date

from playwright.sync_api import Page, expect

from tests.browser.pages import axe_violations
from tests.desk_processes import Desk, free_port
from tests.news_server import WEB

PASSWORD = "correct horse battery staple"


def log_in(page: Page, site: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today on the desk")).to_be_visible()


def messages(page: Page):
    return page.locator("ul.messagelist")


def queue(page: Page, section_id: str):
    """A section of the front page, by its heading's id."""
    return page.locator(f"#{section_id}").locator("xpath=..")


def test_a_desk_of_one_editor_and_one_fact_checker_gets_through_its_day(page: Page, tmp_path):
    desk = Desk(
        tmp_path,
        FACTCHECK_STAFF_PASSWORD=PASSWORD,
        DJANGO_DEBUG="0",
        DJANGO_LOCAL_TRIAL="1",
        DJANGO_SECRET_KEY="a-two-person-desk-trying-the-desk-on-its-own-machine-" + "k" * 20,
    )
    try:
        desk.manage("migrate", "--no-input")
        desk.manage("create_staff", "charlie", "--role", "editor", "--name", "Charlie Castillo", "--no-input")
        desk.manage("create_staff", "alice", "--role", "fact-checker", "--name", "Alice Adeyemi", "--no-input")
        port = free_port()
        desk.start_web(port)
        desk.start_worker()
        site = f"http://127.0.0.1:{port}"

        # Morning. Charlie pastes an article with its outlet, date and address, and uploads another.
        log_in(page, site, "charlie")
        page.goto(f"{site}/admin/factcheck/importjob/add/")
        page.get_by_label("Or paste an article").fill((WEB / "coastal_gazette_flood_barrier.lynx.txt").read_text())
        page.get_by_label("Its outlet").fill("The Coastal Gazette")
        page.get_by_label("Its date").fill("2026-03-02")
        page.get_by_label("Its original web address").fill("https://coastalgazette.example/flood-barrier")
        page.get_by_label("Article files").set_input_files(WEB / "herald_budget_guardian_style.html")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Import").click()
        expect(page.locator("#import-summary")).to_contain_text("Finished:", timeout=240_000)
        expect(page.locator("#import-summary")).to_contain_text("2 created")

        # He shares out the day's most check-worthy claims in one go, to Alice.
        page.goto(f"{site}/admin/factcheck/claim/?status__exact=new")
        rows = page.locator("#result_list tbody tr")
        for index in range(3):
            rows.nth(index).locator("input.action-select").check()
        page.select_option("select[name=action]", "assign_to")
        page.get_by_role("button", name="Run").click()
        page.get_by_role("radio", name=re.compile("Alice Adeyemi")).check()
        page.get_by_role("button", name="Assign 3 claims").click()
        expect(messages(page)).to_contain_text("Assigned to Alice Adeyemi: 3 claims.")
        page.goto(f"{site}/admin/")
        alice_load = queue(page, "desk-load").locator("tr", has_text="Alice Adeyemi")
        expect(alice_load.locator("td").first).to_have_text("3")

        # Alice researches the first, confirms who said it and submits her verdict.
        log_in(page, site, "alice")
        queue(page, "desk-mine").locator("tbody tr a").first.click()
        claim_page = page.url
        claim_id = int(re.search(r"/claim/(\d+)/", claim_page).group(1))
        [(slug, claimant_id, quotation, said_on)] = desk.query(
            "SELECT slug, claimant_id, quotation, said_on FROM factcheck_claim WHERE id = ?", claim_id
        )
        page.get_by_role("button", name="Start research").click()
        expect(messages(page)).to_contain_text("Research started.")
        if claimant_id and not quotation:
            page.select_option("#id_quotation", "paraphrase")
        page.get_by_label("Claimant confirmed").check()
        page.get_by_role("button", name="Save and continue editing").click()
        expect(page.locator(".field-attribution_check")).to_contain_text("Confirmed by Alice Adeyemi")
        page.get_by_role("link", name="Write a verdict").click()
        page.select_option("#id_rating", "mostly_false")
        page.fill("#id_summary", "The figure is from an older estimate; the latest one is lower.")
        page.fill("#id_explanation", "The agency's **latest** estimate, published in February, is lower.")
        page.fill("#id_sources-0-title", "Agency estimate, February 2026")
        page.fill("#id_sources-0-url", "https://agency.example/estimate-2026-02")
        page.get_by_role("button", name="Save and submit for review").click()
        expect(messages(page)).to_contain_text("Saved and sent to an editor.")
        verdict_page = page.url

        # Charlie reviews it and fixes the summary. He is told first that his change goes to Alice.
        log_in(page, site, "charlie")
        queue(page, "desk-my-review").get_by_role("link", name="Review it").first.click()
        said = date.fromisoformat(said_on)
        expect(page.locator(".desk-review")).to_contain_text(f"Said on {said.day} {said:%B %Y}")
        page.goto(verdict_page)
        expect(page.locator("#desk-proposing")).to_contain_text("they go to Alice Adeyemi as a proposal")
        page.fill("#id_summary", "The figure is from an older estimate; the latest one is a fifth lower.")
        page.get_by_role("button", name="Save and publish").click()
        expect(messages(page)).to_contain_text("they went to Alice Adeyemi as a proposal")
        expect(page.locator(".desk-proposal")).to_contain_text("They wait for Alice Adeyemi's answer")

        # Alice sees the change word by word and takes it in with one click.
        log_in(page, site, "alice")
        proposed = queue(page, "desk-proposals")
        expect(proposed).to_contain_text("Charlie Castillo")
        proposed.get_by_role("link", name="See the changes; accept or reject them").click()
        expect(page.locator(".desk-proposal ins")).to_have_text(["a fifth"])
        assert axe_violations(page) == []
        page.get_by_role("button", name="Accept these changes").click()
        expect(messages(page)).to_contain_text("Accepted: Charlie Castillo's changes are in the verdict, as yours.")

        # Charlie has seen Alice's words, and she his: he publishes.
        log_in(page, site, "charlie")
        queue(page, "desk-my-review").get_by_role("link", name="Review it").first.click()
        page.get_by_role("button", name="Publish").click()
        expect(messages(page)).to_contain_text("Published.")
        public_page = f"{site}/claims/{slug}/"
        page.goto(public_page)
        expect(page.locator(".verdict .badge")).to_have_text("Mostly false")
        expect(page.locator(".verdict-summary")).to_have_text(
            "The figure is from an older estimate; the latest one is a fifth lower."
        )
        expect(page.locator(".verdict-meta")).to_contain_text("Checked byAlice Adeyemi")
        expect(page.locator(".verdict-meta")).to_contain_text("Reviewed byCharlie Castillo")

        # Afternoon: a reader shows the rating was too harsh. Charlie starts a correction and proposes it.
        page.goto(verdict_page)
        page.get_by_role("button", name="Correct this verdict").click()
        expect(messages(page)).to_contain_text("Correction started, in Alice Adeyemi's drafts")
        expect(page.locator("#desk-proposing")).to_be_visible()
        page.select_option("#id_rating", "half_true")
        page.fill("#id_correction_note", "The agency revised its February estimate up; the gap is smaller.")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(messages(page)).to_contain_text("they went to Alice Adeyemi as a proposal")

        # Alice takes the correction in, adds the revised source, and submits it.
        log_in(page, site, "alice")
        queue(page, "desk-proposals").get_by_role("link", name="See the changes; accept or reject them").click()
        expect(page.locator(".desk-proposal")).to_contain_text("Public correction note")
        page.get_by_role("button", name="Accept these changes").click()
        page.fill("#id_sources-1-title", "Agency estimate, revised")
        page.fill("#id_sources-1-url", "https://agency.example/estimate-2026-02-revised")
        page.get_by_role("button", name="Save and submit for review").click()
        expect(messages(page)).to_contain_text("Saved and sent to an editor.")

        # Charlie reviews the correction against what readers saw, and publishes it.
        log_in(page, site, "charlie")
        queue(page, "desk-my-review").get_by_role("link", name="Review it").first.click()
        changed = page.locator(".desk-diff")
        expect(changed.first).to_contain_text("Half true")
        expect(page.locator(".desk-diff del").first).to_have_text("Mostly false")
        page.get_by_role("button", name="Publish").click()
        expect(messages(page)).to_contain_text("Published.")

        # Readers see the correction once, and can read what it replaced in full.
        page.goto(public_page)
        notice = page.locator(".correction-notice")
        expect(notice).to_contain_text("rating changed from Mostly false to Half true")
        expect(notice).to_contain_text("The agency revised its February estimate up")
        assert notice.inner_text().count("Mostly false") == 1
        notice.get_by_role("link", name="Read the version before this correction").click()
        earlier = page.locator("details.earlier-version")
        earlier.locator("summary").click()
        expect(earlier).to_contain_text("The figure is from an older estimate; the latest one is a fifth lower.")
        expect(earlier).to_contain_text("Agency estimate, February 2026")
        expect(page.locator(".verdict-meta")).to_contain_text("Alice Adeyemi")

        # Two people did all of it: nobody else has an account, and both named themselves only.
        assert desk.query("SELECT username FROM auth_user ORDER BY username") == [("alice",), ("charlie",)]
        assert desk.query("SELECT COUNT(*) FROM factcheck_verdict WHERE reviewer_id = author_id") == [(0,)], (
            "nobody published their own words"
        )
    finally:
        desk.stop()
