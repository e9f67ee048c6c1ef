"""The clutter a whole web page brings along: each kind removed by its named rule, prose kept.

The kinds come from real pages: Guardian-style datelines, Phys.org-style
citations, Salon-style trademark footers, embedded posts, shop adverts and
teasers of other stories.
"""

import pytest

from factcheck.extraction import UnreadableText, extract
from factcheck.extraction.clutter import clean, find_date
from factcheck.extraction.parsing import normalise, unwrap

BODY = "The council voted 5-4 on Tuesday to raise the city's property tax by 3% from April."


def removed_by(line: str) -> tuple[dict, list]:
    result = clean(normalise(f"Title\n\n{BODY}\n\n{line}\n\nTaxes rose 3% in the year to March, officials said."))
    return {item["text"]: item["rule"] for item in result.removed}, [line for line in result.lines if line]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Mon 20 Jan 2020 06.05 GMT", "dateline"),
        ("Jul 3, 2019, 6:30 PM EDT", "byline"),
        ("January 15, 2020 2:22 PM UTC Updated 5 years ago", "byline"),
        ("Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT", "last_modified"),
        ("Last updated 14:32, 2 March 2024", "byline"),
        ("© 2020 Riverton Herald News & Media Limited or its affiliated companies. All rights reserved.", "copyright"),
        ("Copyright © 2021 Lantern Media Inc.", "copyright"),
        (
            "SALON ® is registered in the U.S. Patent and Trademark Office as a trademark of Salon Media Group Inc.",
            "copyright",
        ),
        ("This document is subject to copyright. Apart from any fair dealing, no part may be reproduced.", "copyright"),
        (
            "Citation: Flint flake tool shows early humans crossed the strait (2020, January 20) retrieved "
            "20 January 2020 from https://physworld.example/news/2020-01-flint.html",
            "citation",
        ),
        ("More information: Amara Osei et al. A submerged lithic, Journal of Coastal Archaeology (2020).", "citation"),
        ("Provided by University of Eastbridge", "citation"),
        ("— Dave Schukin (@schukin) July 3, 2019", "tweet_signature"),
        ("$79.99 at Amazon", "advert"),
        ("Today's best deals: save 40% on the Orbit X2 earbuds — shop now at $79.99 (was $129.99).", "advert"),
        ("Some of our stories include affiliate links. We may earn a commission.", "advert"),
        ("Harlow council approves new tram depot despite protests 3 hours ago", "teaser"),
        ("Why Europe's lenders are turning their backs on oil 5 min read", "teaser"),
        ("Skip to main content", "navigation"),
        ("Sign in Search", "navigation"),
        ("* *", "navigation"),
        ("(BUTTON) Accept all", "navigation"),
        (
            "We use cookies to improve your experience on our site and to show you personalised advertising.",
            "cookie_notice",
        ),
        ("[tower]", "image"),
        ("Reporting by Julie Mollins in Osterby; Editing by Mark Potter", "byline"),
        ("Ruth Okafor is a staff writer at Lantern covering cities. Follow her on Twitter @ruthokafor.", "byline"),
        ("Advertisement · Scroll to continue", "advertisement"),
        ("ShareXFacebookLinkedinEmailLink", "share_prompt"),
        ("The Nordhavn Bank headquarters, March 3, 2019. Northgate Wire/Anders Holm/File Photo", "photo_credit"),
    ],
)
def test_each_kind_of_page_clutter_is_removed_by_its_named_rule(line, rule):
    removed, kept = removed_by(line)
    assert removed == {line: rule}
    assert BODY in kept


@pytest.mark.parametrize(
    "line",
    [
        "The glasses will cost $299 in the United States and will go on sale on September 12.",
        "Shares in Nordhavn Bank were up 0.8% by 1420 GMT, slightly outperforming the index.",
        "The mayor said the deal, which he called the best of his career, was signed on Monday.",
        "Sales rose 4% to $2.1 billion, the company said in a statement on January 20, 2020.",
        "Three people were hurt in the crash, police said 3 hours ago.",
    ],
)
def test_article_sentences_that_mention_prices_times_and_deals_are_kept(line):
    removed, kept = removed_by(line)
    assert removed == {}
    assert line in kept


def test_a_list_of_teasers_under_its_heading_goes_up_to_the_next_paragraph():
    text = (
        "Title\n\n" + BODY + "\n\nMore on this story\n\n* Bank Will No Longer Fund Oil Exploration, Chief Says\n"
        "* Harlow council approves new tram depot\n\nThe tax rise will bring in about £12m a year, the council's "
        "finance director told the meeting, enough to reopen two libraries and a swimming pool."
    )
    result = clean(normalise(text))
    assert [item["rule"] for item in result.removed] == ["teaser", "teaser", "teaser"]
    assert result.lines[-1].startswith("The tax rise will bring in")


def test_readers_comments_and_the_footer_after_them_go_once_the_article_has_been_read():
    paragraphs = "\n\n".join(f"{BODY} It was the {n}th such vote this decade, the clerk said." for n in range(4))
    text = f"Title\n\n{paragraphs}\n\nComments (412)\n\nrivertonreader\n\nTypical spin.\n\nAbout us"
    result = clean(normalise(text))
    assert {item["rule"] for item in result.removed} == {"comments"}
    assert "Typical spin." not in result.lines


def test_a_dateline_gives_the_publication_date_day_first_too():
    assert find_date("Mon 20 Jan 2020 06.05 GMT") is not None
    assert find_date("Mon 20 Jan 2020 06.05 GMT").isoformat() == "2020-01-20"


def test_hard_wrapped_paragraphs_are_rejoined_and_their_breaks_kept():
    wrapped = (
        "   The finance minister, Helen Carter, has defended her spring budget\n"
        "   against a wave of criticism, saying that unemployment in Riverton is\n"
        "   now at its lowest level in fifty years.\n"
        "\n"
        "Schools and hospitals\n"
        "\n"
        "   The budget sets aside £2.4bn for school repairs over four years, which\n"
        "   the Treasury says is twice what the previous government spent over the\n"
        "   same period.\n"
        "   Hospital waiting lists, which reached 4.6 million last autumn, are not\n"
        "   addressed directly.\n"
    )
    lines = [line.strip() for line in unwrap(wrapped).split("\n") if line.strip()]
    assert lines == [
        "The finance minister, Helen Carter, has defended her spring budget against a wave of criticism, "
        "saying that unemployment in Riverton is now at its lowest level in fifty years.",
        "Schools and hospitals",
        "The budget sets aside £2.4bn for school repairs over four years, which the Treasury says is twice what "
        "the previous government spent over the same period.",
        # A short line ends a paragraph even without a blank line after it.
        "Hospital waiting lists, which reached 4.6 million last autumn, are not addressed directly.",
    ]


def test_text_that_is_not_hard_wrapped_is_left_as_it_is():
    text = "Title\n\n" + "\n".join(f"{BODY} Paragraph {n} goes on for a while longer than any wrap." for n in range(9))
    assert unwrap(text) == text


def test_a_text_browsers_link_markers_and_reference_list_are_dropped():
    text = "   Related: [23]Opposition unveils budget\n\nReferences\n\n   1. https://news.example/a\n   2. https://news.example/b\n"
    assert unwrap(text).strip() == "Related: Opposition unveils budget"


def test_the_title_is_the_headline_below_the_menus_and_labels_around_it_are_furniture():
    extraction = extract(
        "Skip to main content\nMenu\n* *\nThe Riverton Herald Live\n"
        "Carter defends spring budget as jobless figures fall\n\nIndigenous Peoples\n\n"
        f"{BODY} Ministers said the rise was unavoidable, given the state of the public finances.\n"
    )
    assert extraction.title == "Carter defends spring budget as jobless figures fall"
    removed = {item["text"]: item["rule"] for item in extraction.removed_clutter}
    assert removed == {
        "Skip to main content": "navigation",
        "Menu": "navigation",
        "* *": "navigation",
        "The Riverton Herald Live": "navigation",
        "Indigenous Peoples": "page_furniture",
    }


def test_a_file_with_no_usable_title_is_refused_saying_what_its_first_lines_were():
    with pytest.raises(UnreadableText) as refusal:
        extract("Skip to main content\n\nMenu\n\n* *\n\nSearch\n")
    assert str(refusal.value) == (
        "no title: no line reads as a headline once navigation and clutter are removed; "
        "the first lines were “Skip to main content”, “Menu”, “* *”"
    )
