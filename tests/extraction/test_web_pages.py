"""Whole news pages, as HTML and as text-browser dumps, measured against what a reader sees as the article.

Each page in ``tests/fixtures/web`` comes as HTML and as a hard-wrapped text
dump of the same page; its ``.json`` names the headline, the article's
paragraphs, the clutter that must never become a claim or an actor, and the
kind of each actor. See that folder's README.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract, extract_page

WEB = Path(__file__).parent.parent / "fixtures" / "web"
PAGES = sorted(WEB.glob("*.html"))
DUMPS = sorted(WEB.glob("*.*.txt"))
# The figure: at least this share of the body's lines are the article's own text.
MIN_ARTICLE_SHARE = 0.95
# And the article's text is not lost on the way: this share of its paragraphs is in the body or the dek.
MIN_ARTICLE_RECALL = 0.9


def expected(path: Path) -> dict:
    return json.loads((WEB / f"{path.name.split('.')[0]}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


def extracted(path: Path):
    text = path.read_text(encoding="utf-8")
    return extract_page(text) if path.suffix == ".html" else extract(text)


def article_share(extraction, article_text: list[str]) -> tuple[float, float]:
    """(share of body lines that are article text, share of article paragraphs found in the body or dek)."""
    article = {squash(paragraph) for paragraph in article_text}
    body = [squash(line.removeprefix("• ")) for line in extraction.body.split("\n") if line.strip()]
    share = sum(1 for line in body if line in article) / len(body)
    found = {*body, squash(extraction.dek)}
    recall = sum(1 for paragraph in article if paragraph in found) / len(article)
    return share, recall


def test_there_are_pages_and_dumps_to_measure():
    assert len(PAGES) >= 5
    assert len(DUMPS) >= 5


@pytest.mark.parametrize("path", PAGES + DUMPS, ids=lambda path: path.name)
def test_the_title_is_the_headline(path):
    assert extracted(path).title == expected(path)["title"]


@pytest.mark.parametrize("path", PAGES + DUMPS, ids=lambda path: path.name)
def test_the_body_is_the_article_text(path):
    share, recall = article_share(extracted(path), expected(path)["article_text"])
    assert share >= MIN_ARTICLE_SHARE
    assert recall >= MIN_ARTICLE_RECALL


@pytest.mark.parametrize("path", PAGES + DUMPS, ids=lambda path: path.name)
def test_no_clutter_reaches_a_claim_or_an_actor(path):
    extraction = extracted(path)
    claims = [claim.text for claim in extraction.claims]
    actors = [actor.name for actor in extraction.actors]
    leaks = [(piece, text) for piece in expected(path)["clutter"] for text in claims + actors if piece in text]
    assert leaks == []
    assert claims, "an article with figures and quotes has claims"


@pytest.mark.parametrize("path", PAGES + DUMPS, ids=lambda path: path.name)
def test_people_and_organisations_are_typed_as_such(path):
    kinds = {actor.name: actor.kind for actor in extracted(path).actors}
    assert {name: kinds.get(name) for name in expected(path)["actor_kinds"]} == expected(path)["actor_kinds"]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_a_page_keeps_its_address_site_and_publication_date(path):
    extraction = extracted(path)
    assert extraction.url == expected(path)["url"]
    assert extraction.outlet == expected(path)["outlet"]
    assert extraction.published_on == date.fromisoformat(expected(path)["published_on"])


@pytest.mark.parametrize("path", DUMPS, ids=lambda path: path.name)
def test_a_dump_finds_its_date_in_the_dateline(path):
    assert extracted(path).published_on == date.fromisoformat(expected(path)["published_on"])


@pytest.mark.parametrize("path", PAGES + DUMPS, ids=lambda path: path.name)
def test_removed_clutter_is_kept_for_review(path):
    removed = " ".join(item["text"] for item in extracted(path).removed_clutter)
    assert any(piece in removed for piece in expected(path)["clutter"])


@pytest.mark.parametrize(
    "address", ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>", "/relative"]
)
def test_a_canonical_address_that_is_not_a_web_address_is_not_kept(address):
    html = (WEB / "lantern_magazine_trademark.html").read_text(encoding="utf-8")
    html = html.replace("https://www.lanternmag.example/2021/05/14/mayor-trees-promise/", address)
    assert extract_page(html).url == ""
    assert extract_page(html, url="https://lanternmag.example/trees").url == "https://lanternmag.example/trees"
