"""How search engines and social networks find the desk: sitemap, robots.txt, canonical links, share cards."""

import io
import re
import shutil
import subprocess
import urllib.robotparser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from PIL import Image

from factcheck import sharecards, sitemaps
from factcheck.models import Claim, Verdict
from tests.public_factories import archived_wording, correct, make_actor, make_article, make_claim, publish

SCHEMAS = Path(__file__).parent / "fixtures" / "sitemaps"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORG = "https://factcheck.example"


@pytest.fixture
def desk(db, fact_checker, editor):
    minister = make_actor(name="Jane Minister", slug="jane-minister")
    article = make_article(title="Budget debate", slug="budget-debate")
    published = make_claim(
        text="Taxes are the highest ever.", article=article, claimant=minister, quotation=Claim.Quotation.QUOTE
    )
    verdict = publish(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_FALSE)
    corrected = make_claim(text="Unemployment doubled.", article=article, claimant=minister)
    first = publish(corrected, author=fact_checker, reviewer=editor, rating=Verdict.Rating.TRUE)
    correction = correct(first, author=fact_checker, reviewer=editor, rating=Verdict.Rating.HALF_TRUE)
    in_review = make_claim(text="Crime fell by half.", article=article, status=Claim.Status.IN_REVIEW)
    return {
        "published": published,
        "verdict": verdict,
        "corrected": corrected,
        "correction": correction,
        "in_review": in_review,
        "actor": minister,
        "article": article,
    }


def locations(xml: bytes) -> list[str]:
    return [loc.text for loc in ElementTree.fromstring(xml).iter(f"{SITEMAP}loc")]


def validate(xml: bytes, schema: str, tmp_path) -> None:
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (Debian: libxml2-utils)")
    document = tmp_path / "sitemap.xml"
    document.write_bytes(xml)
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(SCHEMAS / schema), str(document)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# Sitemap


def test_the_sitemap_index_lists_every_section_at_the_organisation_url(client, desk, tmp_path):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    validate(response.content, "siteindex.xsd", tmp_path)
    assert locations(response.content) == [f"{ORG}/sitemap-{section}.xml" for section in sitemaps.SITEMAPS]


@pytest.mark.parametrize("section", list(sitemaps.SITEMAPS))
def test_every_sitemap_section_validates_against_the_sitemaps_org_schema(client, desk, tmp_path, section):
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    validate(response.content, "sitemap.xsd", tmp_path)
    assert all(loc.startswith(f"{ORG}/") for loc in locations(response.content))


def test_the_sitemap_lists_published_claims_actors_articles_and_pages(client, desk):
    claims = locations(client.get("/sitemap-claims.xml").content)
    assert sorted(claims) == sorted(f"{ORG}{desk[name].get_absolute_url()}" for name in ["published", "corrected"])
    assert f"{ORG}{desk['in_review'].get_absolute_url()}" not in claims
    assert locations(client.get("/sitemap-actors.xml").content) == [f"{ORG}/actors/jane-minister/"]
    assert locations(client.get("/sitemap-articles.xml").content) == [f"{ORG}/articles/budget-debate/"]
    pages = locations(client.get("/sitemap-pages.xml").content)
    assert f"{ORG}/" in pages
    assert f"{ORG}/claims/" in pages
    assert f"{ORG}/methodology/" in pages


def test_a_corrected_claim_was_last_modified_by_its_correction(client, desk):
    tree = ElementTree.fromstring(client.get("/sitemap-claims.xml").content)
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in tree.iter(f"{SITEMAP}url")}
    assert lastmod[f"{ORG}{desk['corrected'].get_absolute_url()}"] == desk["correction"].published_at.date().isoformat()
    assert lastmod[f"{ORG}{desk['published'].get_absolute_url()}"] == desk["verdict"].published_at.date().isoformat()


def test_sitemaps_are_split_into_pages_of_at_most_50000_addresses(client, desk, monkeypatch, tmp_path):
    assert all(section.limit == 50_000 for section in sitemaps.SITEMAPS.values())
    monkeypatch.setattr(sitemaps.ClaimSitemap, "limit", 1)
    index = locations(client.get("/sitemap.xml").content)
    assert f"{ORG}/sitemap-claims.xml" in index
    assert f"{ORG}/sitemap-claims.xml?p=2" in index
    first = locations(client.get("/sitemap-claims.xml").content)
    second_page = client.get("/sitemap-claims.xml", {"p": 2})
    validate(second_page.content, "sitemap.xsd", tmp_path)
    assert len(first) == len(locations(second_page.content)) == 1
    assert first != locations(second_page.content)
    assert client.get("/sitemap-claims.xml", {"p": 3}).status_code == 404


def test_an_unknown_sitemap_section_is_not_found(client, db):
    assert client.get("/sitemap-nonsense.xml").status_code == 404


# robots.txt


def robots(client) -> urllib.robotparser.RobotFileParser:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def test_robots_txt_lets_crawlers_read_public_pages_and_keeps_them_out_of_the_admin(client, desk):
    parser = robots(client)
    for path in ["/", "/claims/", desk["published"].get_absolute_url(), "/actors/", "/methodology/", "/sitemap.xml"]:
        assert parser.can_fetch("Googlebot", f"{ORG}{path}"), path
    for path in ["/admin/", "/admin/factcheck/claim/", "/claims/export.csv", "/report/"]:
        assert not parser.can_fetch("Googlebot", f"{ORG}{path}"), path
    assert parser.site_maps() == [f"{ORG}/sitemap.xml"]


def test_robots_txt_does_not_give_away_a_moved_admin(client, db, settings):
    settings.ADMIN_PATH = "desk-7f3a9/"
    text = client.get("/robots.txt").content.decode()
    assert "desk-7f3a9" not in text
    assert "Sitemap: https://factcheck.example/sitemap.xml" in text


# Canonical links and social tags


def public_pages(desk) -> dict[str, str]:
    return {
        "home": "/",
        "claims": "/claims/",
        "claim-published": desk["published"].get_absolute_url(),
        "claim-corrected": desk["corrected"].get_absolute_url(),
        "claim-in-review": desk["in_review"].get_absolute_url(),
        "actors": "/actors/",
        "actor": desk["actor"].get_absolute_url(),
        "articles": "/articles/",
        "article": desk["article"].get_absolute_url(),
        "methodology": "/methodology/",
        "corrections": "/corrections/",
        "report": "/report/",
    }


def meta(page: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    return found.group(1) if found else None


def test_every_public_page_names_its_canonical_address(client, desk):
    for name, path in public_pages(desk).items():
        page = client.get(path).content.decode()
        assert page.count('rel="canonical"') == 1, name
        assert f'<link rel="canonical" href="{ORG}{path}">' in page, name


def test_filters_and_sorting_share_the_lists_canonical_address_but_pages_keep_their_number(client, desk):
    page = client.get("/claims/", {"status": "published", "sort": "-said", "page": "1"}).content.decode()
    assert f'<link rel="canonical" href="{ORG}/claims/">' in page
    page = client.get("/claims/", {"per_page": "1", "page": "2"}).content.decode()
    assert f'<link rel="canonical" href="{ORG}/claims/?page=2">' in page


def test_a_published_claim_page_has_open_graph_and_twitter_card_tags(client, desk):
    claim = desk["published"]
    page = client.get(claim.get_absolute_url()).content.decode()
    card = f"{ORG}/claims/{claim.slug}/share.png?v={desk['verdict'].pk}"
    assert meta(page, "og:title") == "Mostly false: Taxes are the highest ever."
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == f"{ORG}{claim.get_absolute_url()}"
    assert meta(page, "og:image") == card
    assert meta(page, "og:image:alt").startswith("Rated Mostly false: “Taxes are the highest ever.”")
    assert meta(page, "og:description") == desk["verdict"].summary
    assert meta(page, "og:site_name") == "Factcheck desk"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:image") == card
    assert meta(page, "twitter:title") == "Mostly false: Taxes are the highest ever."
    assert meta(page, "twitter:site") is None  # no handle configured


def test_a_paraphrase_is_not_shown_as_a_quotation_on_its_share_card(client, desk):
    claim = desk["corrected"]  # its claimant's words are the article's paraphrase
    assert not claim.is_quotation
    page = client.get(claim.get_absolute_url()).content.decode()
    assert meta(page, "og:image:alt").startswith("Rated Half true: Unemployment doubled., a claim by Jane Minister")


def test_a_corrected_claims_tags_carry_both_dates_and_a_new_card_address(client, desk):
    page = client.get(desk["corrected"].get_absolute_url()).content.decode()
    assert meta(page, "og:title") == "Half true: Unemployment doubled."
    assert meta(page, "og:image").endswith(f"?v={desk['correction'].pk}")
    assert meta(page, "article:published_time") == desk["correction"].corrects.published_at.isoformat()
    assert meta(page, "article:modified_time") == desk["correction"].published_at.isoformat()


def test_the_social_handle_is_used_when_the_desk_has_one(client, desk, organization):
    organization["social_handle"] = "@rivertonfacts"
    page = client.get(desk["published"].get_absolute_url()).content.decode()
    assert meta(page, "twitter:site") == "@rivertonfacts"


@pytest.mark.parametrize("path", ["/claims/", "/actors/", "/articles/", "/corrections/", "/"])
def test_list_pages_have_social_tags_with_the_desks_card(client, desk, path):
    page = client.get(path).content.decode()
    for key in ["og:title", "og:description", "og:url", "og:image", "og:image:alt", "twitter:card", "twitter:image"]:
        assert meta(page, key), f"{key} missing on {path}"
    assert meta(page, "og:image") == f"{ORG}/share.png"


def test_an_unpublished_claim_shows_the_desks_card_not_a_rating(client, desk):
    page = client.get(desk["in_review"].get_absolute_url()).content.decode()
    assert meta(page, "og:image") == f"{ORG}/share.png"
    assert meta(page, "og:title") == "Crime fell by half."


# Share cards


def image(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


def test_a_published_claim_has_a_share_card_no_larger_than_1200_by_630(client, desk):
    card = image(client.get(reverse("factcheck:claim_share_card", kwargs={"slug": desk["published"].slug})))
    assert card.format == "PNG"
    assert card.size == (1200, 630)
    assert "public" in client.get(f"/claims/{desk['published'].slug}/share.png")["Cache-Control"]


def test_an_unpublished_claim_has_no_share_card(client, desk):
    response = client.get(reverse("factcheck:claim_share_card", kwargs={"slug": desk["in_review"].slug}))
    assert response.status_code == 404


def test_the_desk_has_its_own_share_card(client, db):
    assert image(client.get("/share.png")).size == (1200, 630)


def test_a_share_card_is_drawn_once_and_again_when_the_rating_changes(client, desk, monkeypatch, fact_checker, editor):
    drawn = []
    real_draw = sharecards.draw
    monkeypatch.setattr(sharecards, "draw", lambda card: drawn.append(card) or real_draw(card))
    url = reverse("factcheck:claim_share_card", kwargs={"slug": desk["published"].slug})
    first = client.get(url).content
    assert client.get(url).content == first
    assert [card.rating for card in drawn] == ["Mostly false"]
    correct(desk["verdict"], author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    assert client.get(url).content != first
    assert [card.rating for card in drawn] == ["Mostly false", "False"]


def test_a_claims_card_says_when_it_was_said_and_in_which_outlet(client, desk, monkeypatch):
    drawn = []
    real_draw = sharecards.draw
    monkeypatch.setattr(sharecards, "draw", lambda card: drawn.append(card) or real_draw(card))
    claim = desk["published"]
    archived_wording(claim, said_on="2025-04-02")
    claim.article.outlet = "The Riverton Herald"
    claim.article.save()
    client.get(reverse("factcheck:claim_share_card", kwargs={"slug": claim.slug}))
    assert (drawn[0].said_on, drawn[0].outlet) == ("2 April 2025", "The Riverton Herald")
    alt = re.search(
        r'<meta property="og:image:alt" content="([^"]*)">', client.get(claim.get_absolute_url()).content.decode()
    )
    assert "said 2 April 2025 (The Riverton Herald)" in alt.group(1)


def test_the_cards_footer_fits_a_long_outlet():
    card = sharecards.ShareCard(
        "Desk", "A claim.", "Someone With A Long Name", "False", 1, said_on="30 September 2025", outlet="O" * 300
    )
    assert Image.open(io.BytesIO(sharecards.draw(card))).size == (1200, 630)


def test_the_card_shows_the_rating_in_words_and_colour():
    """Drawn for the two ends of the scale, the cards differ where the rating badge sits."""
    false = Image.open(io.BytesIO(sharecards.draw(sharecards.ShareCard("Desk", "A claim.", "", "False", 1))))
    true = Image.open(io.BytesIO(sharecards.draw(sharecards.ShareCard("Desk", "A claim.", "", "True", 5))))
    assert false.getpixel((70, 150)) == sharecards.RATING_COLOURS[1]
    assert true.getpixel((70, 150)) == sharecards.RATING_COLOURS[5]


@pytest.mark.parametrize("text", ["x" * 5000, "word " * 2000, "Ünïcødé — «quotes» “and” 한국어 " * 40, ""])
def test_any_claim_text_fits_the_card(text):
    card = Image.open(io.BytesIO(sharecards.draw(sharecards.ShareCard("Desk", text, "Someone", "Half true", 3))))
    assert card.size == (1200, 630)


def test_long_text_is_cut_to_the_lines_there_are_with_an_ellipsis():
    lines, typeface = sharecards.fit("word " * 500, width=1000, max_lines=4)
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert all(typeface.getlength(line) <= 1000 for line in lines)


@pytest.mark.parametrize("rows", [2, 20])
def test_sitemaps_run_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    for _ in range(rows):
        publish(make_claim(claimant=make_actor()), author=fact_checker, reviewer=editor)
    for path in ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in sitemaps.SITEMAPS)]:
        with django_assert_max_num_queries(5):
            assert client.get(path).status_code == 200


def test_cards_are_drawn_with_pillows_own_font_where_debian_has_no_dejavu(monkeypatch, tmp_path):
    monkeypatch.setattr(sharecards, "FONT_DIR", tmp_path)
    sharecards.font.cache_clear()
    try:
        png = sharecards.draw(sharecards.ShareCard("Desk", "Taxes are the highest ever.", "Jane", "False", 1))
    finally:
        sharecards.font.cache_clear()
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
