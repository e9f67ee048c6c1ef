"""A podcast's page, a broadcaster's promotions, a letters box and a dateline with its country: shapes of real
news pages whose headline, date or body the desk once read wrongly.

The page in ``tests/fixtures/page_shapes`` is written for these tests (see that folder's README).
"""

from datetime import date
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from factcheck.extraction import extract_page
from factcheck.extraction.clutter import clean, line_rule, wire_dateline
from factcheck.extraction.webpage import _Metadata, _title_site, outlet_name

PAGES = Path(__file__).parent.parent / "fixtures" / "page_shapes"


@pytest.fixture(scope="module")
def episode():
    return extract_page((PAGES / "podcast_episode.html").read_text(encoding="utf-8"))


def test_a_headline_with_a_label_and_its_repeat_in_the_text_is_not_a_transcript(episode):
    assert episode.title == "Harbour Podcast: Ferry strike enters its second week… and tempers fray"
    assert episode.kind == "article"


def test_a_midday_utc_stamp_keeps_its_day_when_other_stories_on_the_page_are_dated_the_day_before(episode):
    assert episode.published_on == date(2019, 11, 19)


def test_a_month_written_as_a_word_in_the_address_dates_a_page_without_stamps():
    html = (PAGES / "podcast_episode.html").read_text(encoding="utf-8")
    undated = html.replace('<meta name="DC.date.issued" content="2019-11-19T13:16+0000">', "")
    undated = undated.replace("<p>19 November 2019 • 1:16pm</p>", "")
    assert extract_page(undated).published_on == date(2019, 11, 19)


@pytest.mark.parametrize(
    "furniture",
    [
        "How to listen to the Harbour Podcast",
        "https://pod.example/hp12",
        "is sponsored by the Bayside Maritime Festival",
        "Follow Harbourbeat on Instagram",
        "Listen to Harbourbeat live",
        "letters to the editor",
        "Here are some tips.",
    ],
)
def test_listening_links_sponsors_follow_lines_and_a_letters_box_leave_the_body(episode, furniture):
    assert furniture not in episode.body
    assert not any(furniture in claim.text for claim in episode.sentences)
    assert any(furniture in removed["text"] for removed in episode.removed_clutter)


def test_the_article_around_the_furniture_stays(episode):
    assert "with 14 of the 20 daily crossings cancelled" in episode.body
    assert "1,200 commuters who now drive round the bay" in episode.body


@pytest.mark.parametrize(
    "line",
    [
        "Follow the Courier's letters page on Facebook, Twitter (@CourierLetters) and Instagram.",
        "iTunes: https://pod.example/hp12-apple",
    ],
)
def test_more_promotion_lines_are_clutter(line):
    assert line_rule(line) is not None


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor said she would follow the money on Twitter and in the council's accounts.",
        "Police followed the suspect on foot for two miles.",
        "Listeners can hear the full interview on the station's website from Monday.",
    ],
)
def test_prose_that_mentions_following_or_listening_stays(prose):
    assert line_rule(prose) is None
    assert clean(prose).lines == [prose]


def test_a_prompt_in_a_paragraph_of_prose_takes_only_itself():
    paragraph = (
        "The operator cut 14 crossings on Monday. Fares rose by a fifth in spring. "
        "We'd like to hear what you think about the strike."
    )
    assert clean(paragraph).lines == ["The operator cut 14 crossings on Monday. Fares rose by a fifth in spring."]


def test_a_dateline_with_the_city_region_and_country_before_a_colon_comes_off():
    assert wire_dateline("Halifax, Nova Scotia, Canada: Getting a ferry to the island has never been harder.") == (
        "Halifax, Nova Scotia, Canada:",
        "Getting a ferry to the island has never been harder.",
    )


def test_a_contribution_line_in_spanish_is_a_byline():
    assert line_rule("Con información de Paloma Ruiz y Elena Sevilla.") == "byline"


@pytest.fixture(scope="module")
def video():
    return extract_page((PAGES / "video_caption.html").read_text(encoding="utf-8"))


def test_a_buttons_label_after_the_headline_in_the_h1_is_not_the_headline(video):
    assert video.title == "Video of the ferry crew hours before the rescue"


def test_a_site_named_by_its_address_in_lower_case_is_known_by_it(video):
    assert video.outlet == "baysidetv.example"


def test_a_video_caption_loses_the_players_date_the_headline_and_the_embed_code_box(video):
    text = f"{video.dek}\n{video.body}"
    assert text.startswith("In a video posted to the operator's page, the 14 crew members")
    for furniture in ["Loading", "<iframe", "Your browser does not support frames", "Add to"]:
        assert furniture not in text
        assert not any(furniture in claim.text for claim in video.sentences)


@pytest.mark.parametrize(
    "furniture", ["SOURCE: Bayside Maritime Authority", "A special credit to data reporter Nia Okafor"]
)
def test_a_charts_sources_and_a_credit_line_leave_the_body(video, furniture):
    assert furniture not in video.body


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Patricio Ruiz | Palma | 08/01/2014", "byline"),
        ("Sources: Reuters, AP", "photo_credit"),
        ("Source: the ministry said 40% of homes were empty.", None),
    ],
)
def test_a_writer_place_and_date_line_and_a_source_list_are_clutter_not_a_sourced_sentence(line, rule):
    assert line_rule(line) == rule


def test_a_place_in_capitals_run_into_the_text_by_a_dash_is_the_dateline():
    assert wire_dateline("VATICAN CITY—Six years ago the pope asked for a report.") == (
        "VATICAN CITY",
        "Six years ago the pope asked for a report.",
    )
    assert wire_dateline("NASA—the agency—said no.") == ("", "NASA—the agency—said no.")
    assert wire_dateline("NEW YORK--Verizon is prepping a TV app.") == ("NEW YORK", "Verizon is prepping a TV app.")


def test_embed_code_left_in_a_line_of_text_goes_to_the_removed_clutter():
    embed = "<iframe src='https://tv.example/embed/1'>Your browser does not support frames.</iframe>"
    cleaned = clean(f"The crew asked for calm. {embed}")
    assert cleaned.lines == ["The crew asked for calm."]
    assert cleaned.removed[0]["rule"] == "embed"


@pytest.mark.parametrize("header", ["11 commentaires", "Comentarios (3)", "5 Kommentare", "Comments (412)"])
def test_a_comments_header_in_the_desks_languages_ends_the_article(header):
    prose = "The minister spoke for an hour to supporters from across the region before leaving to applause."
    cleaned = clean("\n".join([prose, prose, prose, header, "Another story's headline", "A reader's comment."]))
    assert cleaned.lines == [prose, prose, prose]


def site(html: str, *, title_site: str = "", found: str = "") -> str:
    meta = _Metadata(load_html(f"<html><head>{html}</head><body><p>text</p></body></html>"))
    return outlet_name(meta, title_site=title_site, found=found, url="")


@pytest.mark.parametrize(
    ("html", "title_site", "found", "outlet"),
    [
        ('<meta property="og:site_name" content="LinkNaija | Lagos\'s favourite news site">', "", "", "LinkNaija"),
        ('<meta property="og:site_name" content="Quayside | Ferries | Harbours">', "", "", "Quayside"),
        ('<meta property="og:site_name" content="https://www.harbournews.example">', "", "", "harbournews.example"),
        ('<meta property="og:site_name" content="baysider">', "baysider.com", "Baysider", "baysider.com"),
        ('<meta property="og:site_name" content="nj">', "nj.com", "", "nj.com"),
        ('<meta name="application-name" content="Copyright 2014">', "", "", ""),
    ],
)
def test_the_outlet_loses_a_slogan_and_a_capital_it_never_had_and_is_never_a_copyright_line(
    html, title_site, found, outlet
):
    assert site(html, title_site=title_site, found=found) == outlet


@pytest.mark.parametrize(
    ("page_title", "headline", "site_part"),
    [
        ("Ferry fares rise - The Quay Post", "Ferry fares rise", "The Quay Post"),
        (
            "The Harbour Review: Seeking a bigger role for a big ferry",
            "Seeking a bigger role for a big ferry",
            "The Harbour Review",
        ),
        ("Russia and Syria: Ferries Blocked at the Border", "Russia and Syria: Ferries Blocked at the Border", ""),
        ("Breaking News: Ferry sinks", "Ferry sinks", ""),
    ],
)
def test_the_site_name_in_the_title_is_never_a_part_of_the_headline(page_title, headline, site_part):
    assert _title_site(page_title, headline) == site_part


def test_a_column_whose_headline_opens_with_a_label_keeps_its_headline_as_a_transcript():
    html = (
        "<html><head><title>Dear Agony: My husband flew business class and left me in economy</title></head><body>"
        "<h1>Dear Agony: My husband flew business class and left me in economy</h1><article>"
        + "".join(
            f"<p>{who}: {text}</p>"
            for who, text in [
                ("DEAR AGONY", "My husband booked himself a business class seat and put me in economy for ten hours."),
                ("DEAR LEFT BEHIND", "Tell him how it felt, and book the next trip yourself, side by side."),
                ("DEAR AGONY", "My sister borrows my car every weekend and returns it with an empty tank."),
                ("DEAR EMPTY", "Ask her to fill it up before she brings it back, every single time."),
            ]
        )
        + "</article></body></html>"
    )
    assert extract_page(html).title == "Dear Agony: My husband flew business class and left me in economy"


@pytest.mark.parametrize(
    "line",
    [
        "___",
        "Reach the reporters on Twitter at https://twitter.example/tmorland",
        "More Harbour sport: https://bayside.example/sport and https://social.example/BaysideSport",
        "Nia Okafor contributed reporting from Kelburn.",
        "This copy is for your personal, non-commercial use only. To order copies, use the order form.",
        "Get the latest harbour news right in your inbox.",
        "See more photos",
        "Disclaimer: The views expressed by the investment experts on this site are their own.",
        "The views and opinions expressed in the article do not necessarily reflect those of the Courier.",
        "If you buy something through this post, the Courier may get a share of the sale.",
        "This post has been compensated by a ferry operator and its advertisers.",
        "05/10/2018 - Publicado por: Marta Ruiz - Categoría: Salud",
        "저작권자 ⓒ 베이사이드 뉴스, 무단전재 및 재배포 금지",
    ],
)
def test_separators_contact_lines_disclaimers_affiliate_notes_and_other_languages_bylines_are_clutter(line):
    assert line_rule(line) is not None


@pytest.mark.parametrize(
    "prose",
    [
        "The refund landed in your inbox, the operator said, and vanished by Monday.",
        "The views expressed at the hearing were sharply divided, officials said.",
        "Police reached the reporters at the scene on foot.",
    ],
)
def test_prose_about_inboxes_views_and_reporters_stays(prose):
    assert line_rule(prose) is None


def test_a_you_may_also_like_list_with_an_ellipsis_is_a_teaser():
    assert clean("The ferry sank.\nYou may also like...\nPier repairs start\nFares rise").lines == ["The ferry sank."]


@pytest.mark.parametrize(
    "line",
    [
        "Correction 8/29/10 7:05 a.m. PDT:A previous version of this story misstated the fare.",
        "Tessa Morland can be reached at tmorland@bayside.example",
        "Tessa Morland is the business reporter for the Bayside Courier.",
        "Get Courier Business On Twitter, Facebook, and Instagram",
        "Mis à jour le 14/03/2015 à 09h12",
        "• Le port en 2008. REUTERS/Jean Dupont -",
    ],
)
def test_corrections_run_into_their_text_contact_and_role_lines_and_agency_credits_are_clutter(line):
    assert line_rule(line) is not None


def test_a_sentence_about_getting_on_a_platform_stays():
    assert line_rule("The rescuers get on Facebook to find the families, officials said.") is None
