"""The public site in a real browser: filter, sort and page in place, open a claim, read its
ClaimReview, keyboard use, accessibility (axe-core) and screenshots for the README."""

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.pages import axe_violations

# `make screenshots` refreshes the README's pictures; an ordinary run keeps the working tree clean.
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR")
PHONE = {"width": 390, "height": 844}


def test_filter_sort_and_page_update_in_place_with_a_shareable_url(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/?per_page=10")
    # A marker on the window survives only if htmx swaps content instead of loading a new page.
    page.evaluate("window.stillTheSamePage = true")
    expect(page.locator(".result-count")).to_have_text("Showing 1–10 of 27 claims")

    page.select_option("#id_status", "published")
    expect(page).to_have_url(re.compile(r"status=published"))
    expect(page.locator(".result-count")).to_have_text("Showing 1–6 of 6 claims")
    expect(page.locator(".claim-table tbody tr")).to_have_count(6)

    page.get_by_role("link", name=re.compile("^Claimant")).click()
    expect(page).to_have_url(re.compile(r"sort=claimant"))
    expect(page.locator("th[aria-sort=ascending]")).to_have_text(re.compile("Claimant"))
    names = page.locator("td[data-label=Claimant]").all_inner_texts()
    assert names == sorted(names)

    page.select_option("#id_status", "")
    expect(page).to_have_url(re.compile(r"sort=claimant"))  # the sort survives a filter change
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator(".result-count")).to_have_text("Showing 11–20 of 27 claims")
    assert page.evaluate("window.stillTheSamePage") is True

    # The URL is shareable: opened fresh, it shows the same results.
    shared = page.url
    fresh = page.context.new_page()
    fresh.goto(shared)
    expect(fresh.locator(".result-count")).to_have_text("Showing 11–20 of 27 claims")
    expect(fresh.locator("#id_per_page")).to_have_value("10")


def test_search_filters_as_you_type(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/")
    page.fill("#id_q", "tram")
    expect(page).to_have_url(re.compile(r"q=tram"))
    expect(page.locator(".claim-table tbody tr")).to_have_count(1)
    expect(page.locator(".claim-table tbody")).to_contain_text("The tram line will pay for itself")


def test_filters_work_without_javascript(browser, live_server, newsroom):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/claims/")
    # Without JavaScript the filters wait behind their button, which still opens them.
    expect(page.locator("#id_rating")).to_be_hidden()
    page.get_by_text("Filter claims").click()
    page.select_option("#id_rating", "false")
    page.get_by_role("button", name="Show claims").click()
    expect(page).to_have_url(re.compile(r"rating=false"))
    expect(page.locator(".claim-table tbody tr")).to_have_count(1)
    context.close()


def test_open_a_claim_and_read_its_claimreview(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/?rating=mostly_false&sort=said")
    page.get_by_role("link", name="Taxes on working families have never been higher.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Taxes on working families")
    expect(page.locator(".verdict .badge")).to_have_text("Mostly false")
    expect(page.get_by_role("heading", name="Correction history")).to_be_visible()

    blocks = page.locator('script[type="application/ld+json"]')
    expect(blocks).to_have_count(1)
    review = json.loads(blocks.text_content())
    assert review["@type"] == "ClaimReview"
    # Addresses are the desk's public ones (FACTCHECK_ORGANIZATION_URL), whatever host served the page.
    assert review["url"] == page.url.replace(live_server.url, "https://factcheck.example")
    assert review["claimReviewed"] == "Taxes on working families have never been higher."
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Helen Carter",
        "url": "https://factcheck.example/actors/helen-carter/",
        "jobTitle": "Minister of Finance",
    }


def test_an_unpublished_claim_has_no_claimreview(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/?status=in_review")
    page.locator(".claim-table tbody a").first.click()
    expect(page.get_by_role("heading", name="Where this claim stands")).to_be_visible()
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(0)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page: Page, live_server, newsroom):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_pages_run_under_a_strict_content_security_policy(browser, live_server, newsroom):
    """The CSP another change will add: no inline script or style may be needed, htmx included."""
    # A context of its own: the shared one bypasses CSP so that axe can be injected.
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route(f"{live_server.url}/**", with_csp)
    for path in ["/", "/claims/", newsroom["minister"].get_absolute_url(), "/methodology/"]:
        page.goto(f"{live_server.url}{path}")
    page.goto(f"{live_server.url}/claims/")
    page.select_option("#id_status", "published")
    expect(page.locator(".result-count")).to_have_text("Showing 1–6 of 6 claims")
    # Requests still in flight (htmx, favicon) must not outlive the test and its database.
    page.unroute_all(behavior="ignoreErrors")
    context.close()
    assert violations == []


def main_pages(newsroom) -> dict[str, str]:
    claim = newsroom["claims"]["Taxes on working families have never been higher."]  # corrected
    never_corrected = newsroom["claims"]["Unemployment is at its lowest level in fifty years."]
    return {
        "home": "/",
        "claims": "/claims/",
        "claim": claim.get_absolute_url(),
        "claim-never-corrected": never_corrected.get_absolute_url(),
        "actor": newsroom["minister"].get_absolute_url(),
        "actors": "/actors/",
        "article": newsroom["budget"].get_absolute_url(),
        "articles": "/articles/",
        "methodology": "/methodology/",
        "corrections": "/corrections/",
        "report": "/report/",
    }


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_main_pages_have_no_accessibility_violations_of_any_impact(page: Page, live_server, newsroom, viewport):
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    problems = {}
    for name, path in main_pages(newsroom).items():
        page.goto(f"{live_server.url}{path}")
        if found := axe_violations(page):
            problems[name] = found
    assert problems == {}


def test_nothing_overflows_sideways_on_a_phone(page: Page, live_server, newsroom):
    page.set_viewport_size(PHONE)
    for name, path in main_pages(newsroom).items():
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width}px wide"


# An address pasted into a claim, a title and an explanation, with a token that has no place to break:
# one "word" far wider than any screen.
LONG_ADDRESS = "https://statistics.example.org/download?token=" + "A1b2C3d4E5f6" * 25


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
def test_a_long_address_in_a_claim_wraps_instead_of_widening_the_page(
    page: Page, live_server, newsroom, django_user_model, width
):
    from tests.public_factories import make_article, make_claim, publish

    article = make_article(title=f"Jobless figures from {LONG_ADDRESS} disputed")
    claim = make_claim(text=f"Unemployment fell by half, according to {LONG_ADDRESS} in March.", article=article)
    publish(
        claim,
        author=django_user_model.objects.get(username="mlopez"),
        reviewer=django_user_model.objects.get(username="jchen"),
        # a summary holds 300 characters: its address is cut to fit, still far wider than a phone
        summary=f"The table at {LONG_ADDRESS[:200]} shows a fall of a tenth.",
        explanation=f"See {LONG_ADDRESS} for the quarterly figures.",
    )
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    for path in ["/", "/claims/", claim.get_absolute_url(), article.get_absolute_url()]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} is wider than the screen"


# Whether, in `element`, the date (its first "3") sits wholly after `name` on the line, as the sentence is written.
DATE_FOLLOWS_NAME = """(element, name) => {
    const find = (text) => {
        const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        while (texts.nextNode()) {
            const at = texts.currentNode.data.indexOf(text);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(texts.currentNode, at);
            range.setEnd(texts.currentNode, at + text.length);
            return range;
        }
        throw new Error(`${text} is not in ${element.outerHTML}`);
    };
    const end = find(name).getBoundingClientRect().right;
    return [...find("3 Mar").getClientRects()].every((box) => box.left >= end - 1);
}"""


def test_a_hebrew_outlet_or_an_arabic_name_keeps_the_date_after_it(
    page: Page, live_server, newsroom, django_user_model
):
    """Right-to-left text takes the neutral characters beside it into its own direction: without isolation
    "הארץ, 3 March 2026" reads "3 ,הארץ March 2026"."""
    from tests.public_factories import make_actor, make_article, make_claim, publish

    outlet, name = "הארץ", "مريم الحسن"
    article = make_article(title="Budget row in the Knesset", outlet=outlet, published_on=date(2025, 3, 3))
    claim = make_claim(text="Inflation fell to 2.5 percent.", article=article, claimant=make_actor(name=name))
    publish(
        claim,
        author=django_user_model.objects.get(username="mlopez"),
        reviewer=django_user_model.objects.get(username="jchen"),
    )
    for path, where, before_date in [
        ("/", page.locator(".verdict-card .byline", has_text=name), name),
        ("/articles/", page.locator(".article-list .meta", has_text=outlet), outlet),
        (article.get_absolute_url(), page.locator(".lede"), outlet),
        (claim.get_absolute_url(), page.locator(".claim-source"), outlet),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert where.evaluate(DATE_FOLLOWS_NAME, before_date), f"on {path} the date jumps before {before_date}"


def test_on_a_phone_the_first_claim_is_on_the_first_screen_and_the_filters_wait_behind_a_button(
    page: Page, live_server, newsroom
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/claims/")
    first_claim = page.locator(".claim-table tbody tr").first
    expect(first_claim).to_be_visible()
    box = first_claim.bounding_box()
    assert box["y"] + 40 < PHONE["height"], f"the first claim starts {box['y']:.0f}px down"
    expect(page.locator("#id_status")).to_be_hidden()
    page.get_by_text("Filter claims").click()
    page.select_option("#id_status", "published")
    expect(page.locator(".result-count")).to_have_text("Showing 1–6 of 6 claims")


def test_on_a_phone_the_claims_can_be_sorted_and_no_sort_link_takes_focus_unseen(page: Page, live_server, newsroom):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/claims/")
    links = page.locator(".claim-table thead a")
    assert links.count() >= 2
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
        box = links.nth(index).bounding_box()
        assert box["width"] > 20, f"sort link {index} is {box}"
        assert box["height"] > 10, f"sort link {index} is {box}"
    links.first.click()
    expect(page.locator(".claim-table th[aria-sort]")).to_have_count(1)


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_every_menu_item_is_on_screen_under_the_name(page: Page, live_server, newsroom, width):
    """No item hides off the edge of a strip that scrolls sideways (Corrections, "Suggest a claim")."""
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    page.goto(f"{live_server.url}/claims/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.2 * PHONE["height"], f"the header is {header['height']:.0f}px tall"
    links = page.locator(".site-header nav a")
    expect(links).to_have_count(6)
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0, f"“{link.inner_text()}” starts off-screen"
        assert box["x"] + box["width"] <= width, f"“{link.inner_text()}” runs off-screen"
        assert box["y"] + box["height"] <= header["y"] + header["height"]
    nav = page.locator(".site-header nav ul")
    assert nav.evaluate("(list) => list.scrollWidth <= list.clientWidth"), "the menu scrolls sideways"
    # Every link is reached with Tab, with its focus ring.
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the desk's name
    for link in links.all():
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
        expect(link).to_be_in_viewport()
        assert link.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"


def test_a_mistyped_date_in_the_address_is_reported_above_the_claims_and_leads_to_its_field(
    page: Page, live_server, newsroom
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/claims/?said_after=notadate")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Said on or after: Enter a valid date.")
    assert alert.bounding_box()["y"] + alert.bounding_box()["height"] < PHONE["height"]
    expect(page.locator(".result-count")).to_have_text("Showing 1–25 of 27 claims")
    alert.get_by_role("link", name="Said on or after").click()
    field = page.get_by_label("Said on or after")
    expect(field).to_be_focused()
    expect(field).to_have_accessible_description("Enter a valid date.")
    expect(page.locator("#id_said_after_error")).to_be_visible()


def test_a_date_error_goes_once_the_date_is_corrected(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/?said_after=notadate")
    expect(page.get_by_role("alert")).to_be_visible()
    page.fill("#id_said_after", "2025-04-01")
    expect(page).to_have_url(re.compile(r"said_after=2025-04-01"))
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^Showing 1–\d+ of \d+ claims?$"))
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("#id_said_after_error")).to_have_count(0)
    expect(page.locator("#id_said_after")).not_to_have_attribute("aria-invalid", "true")


def test_on_a_wide_screen_the_filters_are_open_beside_the_list(page: Page, live_server, newsroom):
    page.goto(f"{live_server.url}/claims/")
    expect(page.locator("#id_status")).to_be_visible()
    expect(page.locator(".filters-toggle")).to_be_hidden()


def test_a_corrected_fact_check_opens_with_its_correction_notice(page: Page, live_server, newsroom):
    claim = newsroom["claims"]["Taxes on working families have never been higher."]
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    notice = page.get_by_role("complementary", name=re.compile("^Correction,"))
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("We first compared against the wrong year's tax tables")
    assert notice.bounding_box()["y"] < page.locator(".verdict").bounding_box()["y"]
    expect(page.locator(".verdict-meta")).to_contain_text("First published")
    expect(page.locator(".verdict-meta")).to_contain_text("Updated")


def test_read_the_version_before_this_correction_opens_that_version(page: Page, live_server, newsroom):
    claim = newsroom["claims"]["Taxes on working families have never been higher."]
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    page.get_by_role("link", name="Read the version before this correction").click()
    earlier = page.locator("details.earlier-version")
    expect(earlier).to_have_attribute("open", "")
    expect(earlier.locator(".verdict-summary")).to_be_visible()
    expect(earlier.locator("summary")).to_be_in_viewport()


def test_a_message_that_was_not_sent_takes_the_focus_to_what_went_wrong(page: Page, live_server, newsroom):
    """A keyboard or screen-reader user sending the reader form without a message hears why at once."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/report/")
    page.get_by_label("Link to where it was said").fill("not an address")
    page.get_by_role("button", name="Send").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Error: "))
    problems = page.get_by_role("alert")
    expect(problems).to_be_focused()
    expect(problems).to_be_in_viewport()
    expect(problems).to_contain_text("Your message: This field is required.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()


def test_the_share_card_is_a_png_no_larger_than_1200_by_630(page: Page, live_server, newsroom):
    claim = newsroom["claims"]["Taxes on working families have never been higher."]
    response = page.request.get(f"{live_server.url}{claim.get_absolute_url()}share.png")
    assert response.ok
    assert response.headers["content-type"] == "image/png"
    body = response.body()
    width, height = int.from_bytes(body[16:20], "big"), int.from_bytes(body[20:24], "big")
    assert (width, height) == (1200, 630)


def test_save_screenshots_of_the_main_pages(page: Page, live_server, newsroom, tmp_path):
    screenshots = Path(settings.BASE_DIR) / SCREENSHOTS_DIR if SCREENSHOTS_DIR else tmp_path
    screenshots.mkdir(parents=True, exist_ok=True)
    shots = {name: path for name, path in main_pages(newsroom).items() if name in {"home", "claims", "claim", "actor"}}
    shots["methodology"] = "/methodology/"
    for viewport, size in [("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)]:
        page.set_viewport_size(size)
        for name, path in shots.items():
            page.goto(f"{live_server.url}{path}")
            target = screenshots / f"{name}-{viewport}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
