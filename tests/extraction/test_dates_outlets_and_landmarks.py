"""A page's first-published date as its byline shows it to readers, its outlet spelled as its readers know it,
and venues, landmarks and historical events that are nobody.

Every page and sentence here is written for these tests; the outlets, people and places are invented.
"""

from datetime import date

from trafilatura.utils import load_html

from factcheck.extraction import extract_page, extract_text
from factcheck.extraction.actors import find_actors
from factcheck.extraction.webpage import _Metadata, first_published, outlet_name


def metadata(head: str, body: str = "<p>text</p>") -> _Metadata:
    return _Metadata(load_html(f"<html><head>{head}</head><body>{body}</body></html>"))


# The first-published date as the byline shows it


def test_the_bylines_shown_date_wins_over_an_address_written_in_utc():
    # The platform writes the address's date in UTC: 00:26 UTC on the 19th is 2:26 PM on the 18th in Hawaii.
    meta = metadata(
        "",
        '<div class="timestamp">November 18, 2019 at 2:26 PM HST - Updated November 19 at 4:46 PM</div><p>text</p>',
    )
    url = "https://www.islandnews.example/2019/11/19/telescope-finds-water/"
    assert first_published(meta, url=url, found_by_search=date(2019, 11, 19)) == date(2019, 11, 18)


def test_an_updated_date_in_the_byline_is_never_taken_for_the_first_published_one():
    meta = metadata("", '<div class="byline">By Ana Ruiz | Updated November 20, 2019</div><p>text</p>')
    assert first_published(meta, url="", found_by_search=date(2019, 11, 18)) == date(2019, 11, 18)


def test_the_bylines_time_stamp_wins_over_a_date_found_by_searching_the_page():
    # htmldate's search may find when the page was served ("dt: 2019-11-20T04:07:50Z" in an attribute).
    meta = metadata("", '<div class="info"><time datetime="2019-11-19T10:36:00.000Z">1 day ago</time></div>')
    assert first_published(meta, url="", found_by_search=date(2019, 11, 20)) == date(2019, 11, 19)


def test_a_published_field_still_wins_over_the_bylines_shown_date():
    meta = metadata(
        '<meta property="article:published_time" content="2019-11-08T15:30:00-05:00">',
        '<div class="byline">By Ana Ruiz Nov 13, 2019, 10:28am EST</div><p>text</p>',
    )
    assert first_published(meta, url="", found_by_search=None) == date(2019, 11, 8)


def test_a_time_stamp_days_away_from_the_pages_other_dates_is_another_storys():
    meta = metadata(
        "", '<ul><li><a href="/a">Pier repairs</a> <time datetime="2019-11-02T09:00:00Z">Nov 2</time></li></ul>'
    )
    assert first_published(meta, url="", found_by_search=date(2019, 11, 19)) == date(2019, 11, 19)


# The outlet spelled as its readers know it


def test_a_name_run_together_is_spelled_as_the_titles_suffix_spells_it():
    meta = metadata(
        '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Quays"}}</script>'
    )
    assert outlet_name(meta, title_site="Quay's", found="", url="https://www.quays.example/a") == "Quay's"


def test_a_site_named_by_its_address_is_named_as_its_copyright_line_spells_it():
    meta = metadata(
        '<meta property="og:site_name" content="https://www.harbournewsnow.example">',
        "<p>text</p><p><i>Copyright 2019 Harbour News Now. All rights reserved.</i></p>",
    )
    url = "https://www.harbournewsnow.example/2019/11/19/ferry/"
    assert outlet_name(meta, title_site="", found="", url=url) == "Harbour News Now"


def test_the_owner_in_the_copyright_line_is_never_the_outlet():
    meta = metadata(
        '<meta property="og:site_name" content="BayGate">', "<p>text</p><footer>© 2019 Tidewater Media Group</footer>"
    )
    # A brand written run together on purpose stays so: the page never spells it apart.
    assert outlet_name(meta, title_site="BayGate", found="", url="https://www.baygate.example/a") == "BayGate"


def test_a_pasted_articles_outlet_is_the_one_its_copyright_line_names():
    story = "Council approves budget\n\nThe council voted 5-4 on Tuesday to approve a $212 million budget.\n\n"
    assert extract_text(story + "© 2026 Riverton Daily. All rights reserved.\n").outlet == "Riverton Daily"
    assert extract_text(story + "Copyright © 2023, Harbour News Now\n").outlet == "Harbour News Now"
    assert extract_text(story + "All Rights Reserved.\n").outlet == ""
    assert extract_text(story).outlet == ""


def test_a_pasted_articles_copyright_line_names_its_outlet_under_a_list_of_other_stories():
    story = (
        "Council approves budget\n\nThe council voted 5-4 on Tuesday to approve a $212 million budget.\n\n"
        "Most read\n1. Storm warning issued for coast\n2. Football club sold to US investors\n\n"
    )
    assert extract_text(story + "© 2026 The Northern Ledger\n").outlet == "The Northern Ledger"


def test_a_web_pages_copyright_owner_does_not_stand_in_for_its_missing_site_name():
    page = (
        "<html><head><title>Council approves budget</title></head><body><article><h1>Council approves budget</h1>"
        "<p>The council voted 5-4 on Tuesday to approve a $212 million budget for next year, the clerk said.</p>"
        "<p>The mayor said the city had closed a $9 million deficit without laying off a single employee.</p>"
        "<p>© 2019 Tidewater Media Group. All rights reserved.</p></article></body></html>"
    )
    assert extract_page(page).outlet != "Tidewater Media Group"


# Venues, landmarks and historical events are nobody


def names(sentences: list[str]) -> set[str]:
    return {actor.name for actor in find_actors(sentences)}


def test_a_venue_where_something_happened_is_not_an_actor():
    found = names(
        [
            "Marta Quill, the company's chief executive, said sales would double.",
            "She recalled the theatre on the grounds of San Diego's Tollard Center, where the founder once spoke.",
            "The match at Brannock Stadium was called off, officials said.",
        ]
    )
    assert "Tollard Center" not in found
    assert "Brannock Stadium" not in found
    assert "Marta Quill" in found


def test_a_mountain_or_a_historical_event_is_never_the_speaker():
    found = names(
        [
            "Scientists using a telescope atop Mauna Tolu have confirmed the presence of ice on the moon.",
            "The 55-year-old is the third resident to catch the disease dubbed the Grey Death, say officials.",
            "Farmers along the Quill River said the harvest was late.",
        ]
    )
    assert not found & {"Mauna Tolu", "Grey Death", "Quill River"}


def test_a_centre_that_speaks_or_does_research_is_still_an_organisation():
    found = names(
        [
            "The Tollard Center said in a statement that it would reopen in May.",
            "A survey by the Kelburn Research Center found that 40% of adults read the news daily.",
        ]
    )
    assert {"Tollard Center", "Kelburn Research Center"} <= found


def test_a_festival_the_text_calls_one_is_not_an_actor():
    found = names(["The worst smog came during Tolvani, the harvest festival of lanterns, celebrated with fireworks."])
    assert "Tolvani" not in found


def test_a_town_the_text_places_in_a_region_is_not_an_actor():
    found = names(["“This was my fourth deportation,” said Singh Tolvar, 24, from Punjab’s Kethinda."])
    assert "Kethinda" not in found
    assert "Singh Tolvar" in found
