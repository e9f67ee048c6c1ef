"""Pages whose layout hid part of the article, and speakers the desk lost between paragraphs: an article split
by an advertisement into two containers, a page laid out in a table, a list of other stories under the article,
the outlet's address as the dateline, a quotation running on into its own paragraph, and an organisation named
"… International".

Every page and sentence here is written for these tests; the people, outlets and organisations are invented.
"""

from datetime import date

from factcheck.extraction import extract_page
from factcheck.extraction.actors import ORGANIZATION, find_actors
from factcheck.extraction.attribution import QUOTE
from factcheck.extraction.clutter import clean, furniture_key, line_rule, wire_dateline
from factcheck.extraction.sentences import split_sentences
from factcheck.extraction.webpage import _Metadata, first_published, read_page
from tests.claimant_reading import claimants

FIRST_HALF = (
    "<p>The Kelburn ferry service carried 4.2 million passengers last year, up from 3.1 million in 2017, the "
    "harbour authority said on Monday in its annual report to the council.</p>"
    "<p>Fares rose by 12% over the same period, while the number of crossings each day stayed at 48, the report "
    "shows, and the operator's subsidy grew to £9 million.</p>"
)
SECOND_HALF = (
    "<p>The report also found that one crossing in five left more than ten minutes late during the winter, and "
    "that the oldest of the six boats was built in 1984.</p>"
    "<p>Councillors will debate the report on Thursday, when the operator is expected to ask for a larger "
    "subsidy to replace two of its boats before 2027.</p>"
)


def test_an_article_split_by_an_advertisement_is_read_to_its_end():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<div class="article__body">{FIRST_HALF}</div>'
        '<div class="ad ad--mid-content"><span>Advertisement</span></div>'
        f'<div class="article__body">{SECOND_HALF}</div>'
        "<footer><p>About us</p></footer></body></html>"
    )
    body = extract_page(html).body
    assert "4.2 million passengers" in body
    assert "oldest of the six boats was built in 1984" in body
    assert "Advertisement" not in body


def test_a_page_laid_out_in_a_table_is_read_paragraph_by_paragraph():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body>"
        '<table><tr valign="top"><td class="main"><h1>Ferry numbers soar</h1>'
        f"{FIRST_HALF}{SECOND_HALF}</td><td><p>Search</p></td></tr></table></body></html>"
    )
    extraction = extract_page(html)
    assert "|" not in extraction.body
    assert any(found.text.startswith("Fares rose by 12%") for found in extraction.sentences)
    assert any(found.text.startswith("Councillors will debate") for found in extraction.sentences)


def test_a_data_table_stays_a_table():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<div class="article-body">{FIRST_HALF}{SECOND_HALF}'
        "<table><tr><th>Year</th><th>Passengers</th></tr><tr><td>2017</td><td>3.1 million</td></tr>"
        "<tr><td>2018</td><td>4.2 million</td></tr></table></div></body></html>"
    )
    assert "| 2017 | 3.1 million |" in read_page(html).text
    assert not any(found.text.startswith("2017") for found in extract_page(html).sentences)


def test_a_list_of_other_stories_headlines_under_the_article_is_not_its_text():
    stories = "".join(
        f'<li>{start} <a href="/story/{number}">{end}</a></li>'
        for number, (start, end) in enumerate(
            [
                ("The strange life and", "mysterious death of a lighthouse keeper"),
                ("How the council", "gets its budget backwards"),
                ("What the ferry merger means", "for the islands"),
            ]
        )
    )
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<div class="article-body">{FIRST_HALF}{SECOND_HALF}<hr><div>More great stories</div><ul>{stories}</ul>'
        "</div></body></html>"
    )
    body = extract_page(html).body
    assert "Councillors will debate the report" in body
    assert "lighthouse keeper" not in body
    assert "gets its budget backwards" not in body


def test_a_list_in_the_articles_prose_that_links_a_source_stays():
    items = "".join(
        f"<li>{text}</li>"
        for text in (
            'Passengers: 4.2 million, up from 3.1 million in 2017 (<a href="/r">report</a>).',
            "Fares: up 12% since 2017, faster than wages in the same five years.",
            "Crossings: 48 a day, the same as in 2017, on six boats of which the oldest dates from 1984.",
        )
    )
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<div class="article-body">{FIRST_HALF}<ul>{items}</ul>{SECOND_HALF}</div></body></html>'
    )
    assert "Fares: up 12% since 2017" in extract_page(html).body


def test_the_outlets_own_address_as_a_dateline_comes_off_the_first_sentence():
    assert wire_dateline("HarbourNews.Net - Ferry fares rose by 12% last year.") == (
        "HarbourNews.Net",
        "Ferry fares rose by 12% last year.",
    )
    assert wire_dateline("Mr. Tallis - the ferry's captain - said fares rose.")[0] == ""


def test_a_quotation_in_a_paragraph_of_its_own_goes_on_with_the_speaker_quoted_before_it():
    found = claimants(
        [
            "“The operator must publish its figures,” said Ilse Brannock, research director at Harbour Watch.",
            "“The persistence of these delays raises serious fears that the service is failing the islands.”",
        ]
    )
    assert found == [("Ilse Brannock", QUOTE), ("Ilse Brannock", QUOTE)]


def test_a_quotation_after_a_paragraph_that_quoted_nobody_stays_unattributed():
    found = claimants(
        [
            "Ilse Brannock, research director at Harbour Watch, said the operator must publish its figures.",
            "“The persistence of these delays raises serious fears that the service is failing the islands.”",
        ]
    )
    assert found[1] == (None, "")


def test_a_name_ending_in_international_is_an_organisation_that_can_speak():
    sentence = "Ferries were late on 300 days last year, said Kelburn Rights International on Tuesday."
    kinds = {actor.name: actor.kind for actor in find_actors([sentence])}
    assert kinds["Kelburn Rights International"] == ORGANIZATION
    assert claimants([sentence])[0][0] == "Kelburn Rights International"


def test_a_teasers_headline_inside_its_link_is_page_furniture():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        '<section class="promo"><article class="promo-item"><a href="/story/1"><img src="/1.jpg">'
        "<h3>Harbour Awards Nominations: See the Full List</h3></a></article></section>"
        f'<div class="article-body">{FIRST_HALF}{SECOND_HALF}</div></body></html>'
    )
    furniture = read_page(html).furniture
    assert furniture_key("Harbour Awards Nominations: See the Full List") in furniture
    assert furniture_key("Councillors will debate the report on Thursday") not in furniture


def test_speakers_after_comments_and_people_speaking_for_their_organisation_are_claimants():
    assert claimants(["“We will play songs from our whole catalogue,” comments Tom Brannock in a statement."]) == [
        ("Tom Brannock", QUOTE)
    ]
    assert claimants(["Kelburn Ferries executives have denied the claims made in a post on Tuesday."])[0][0] == (
        "Kelburn Ferries"
    )
    spoken_for = ["Mayor Ilse Tallis met the ferry operators on Monday.", "Tallis officials said the talks went well."]
    assert claimants(spoken_for)[1] == (None, "")
    assert claimants(["Coach Ilse Tallis recognizes that her team's playoff hopes are slim."])[0][0] == "Ilse Tallis"
    assert claimants(["The mayor's public “impediment” comments are a tactic before the Kelburn summit."]) == [
        (None, "")
    ]


def test_an_acronym_for_a_condition_and_a_leagues_division_are_nobody():
    sentences = [
        "People with harbour fever syndrome (HFS) often fall ill after a crossing, Dr. Ilse Tallis said.",
        "One small study in 50 people with HFS showed that rest helped.",
        "The Kelburn Chargers trail in the AFC West, and the AFC West leader won again on Sunday.",
    ]
    found = {actor.name for actor in find_actors(sentences)}
    assert "Ilse Tallis" in found
    assert not found & {"HFS", "AFC West"}
    assert claimants(sentences[:2])[1] == (None, "")


def test_an_edition_named_in_its_own_language_is_not_part_of_the_outlets_name():
    for site_name, outlet in [
        ("Harbour Insider Deutschland", "Harbour Insider"),
        ("Kelburn Radio International", "Kelburn Radio International"),
    ]:
        html = (
            f'<html><head><meta property="og:site_name" content="{site_name}"><title>Ferry numbers soar</title>'
            f'</head><body><h1>Ferry numbers soar</h1><div class="article-body">{FIRST_HALF}</div></body></html>'
        )
        assert read_page(html).site_name == outlet


def test_a_caption_with_its_agency_run_into_the_full_stop_is_a_photo_credit():
    assert line_rule("The ferry operator's logo outside its office in Kelburn.Reuters") == "photo_credit"
    assert line_rule("Fares rose by 12% in 2019, Reuters reported.") is None


def test_an_acronym_defined_at_the_start_of_a_sentence_is_nobody_but_a_named_body_is_someone():
    sentences = [
        "Harbour fever syndrome (HFS) is the most common illness among ferry crews.",
        "One study in 50 people with HFS showed that rest helped.",
        "The Kelburn Maritime Agency (KMA) said 4% of crews fell ill.",
    ]
    found = {actor.name for actor in find_actors(sentences)}
    assert "HFS" not in found
    assert "Kelburn Maritime Agency" in found


def test_an_organisation_that_published_a_post_saying_something_is_its_claimant():
    found = claimants(
        [
            "The Kelburn Ferry Company launched a night service on Tuesday.",
            "The company published a blog post that said passengers without a season ticket could now travel free.",
        ]
    )
    assert found[1] == ("Kelburn Ferry Company", "paraphrase")
    assert claimants(["The report that said fares rose was withdrawn on Monday."]) == [(None, "")]


def test_teasers_that_reuse_the_articles_class_are_never_joined_to_it():
    teasers = "".join(
        f'<article class="teaser"><h3>{headline}</h3><div class="post-content"><p>{text}</p></div></article>'
        for headline, text in [
            ("Bridge closes", "The Kelburn bridge will be closed for six weeks, the council said on Friday."),
            ("Bus fares", "Bus fares will rise by 5% in April, the operator said on Thursday."),
        ]
    )
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<main><div class="post-content">{FIRST_HALF}{SECOND_HALF}</div></main>'
        f'<section class="more">{teasers}</section></body></html>'
    )
    body = extract_page(html).body
    assert "Councillors will debate the report" in body
    assert "bridge will be closed" not in body


def test_text_written_straight_into_the_second_part_of_a_split_article_is_kept():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1><div>"
        f'<div class="article__body">{FIRST_HALF}</div><div class="ad">Advertisement</div>'
        '<div class="article__body">The mayor said the figures were a triumph for the islands and their people.'
        f"{SECOND_HALF}</div></div></body></html>"
    )
    body = extract_page(html).body
    assert "The mayor said the figures were a triumph" in body
    assert "oldest of the six boats" in body


def test_a_link_left_open_round_the_page_leaves_the_article_its_text():
    html = (
        '<html><head><title>Ferry numbers soar</title></head><body><a href="/">Home<h1>Ferry numbers soar</h1>'
        f'<div class="article-body">{FIRST_HALF}{SECOND_HALF}</div></body></html>'
    )
    assert "Councillors will debate the report" in extract_page(html).body


def test_a_company_named_by_its_address_keeps_its_place_in_the_sentence():
    for sentence in [
        "Booking.com - the travel site owned by Booking Holdings - said on Monday it would cut 2,700 jobs.",
        "Amazon.com: Shares in the retailer fell 4% on Monday.",
    ]:
        assert wire_dateline(sentence) == ("", sentence)


def test_scare_quotes_carry_no_speaker_into_the_next_paragraph():
    found = claimants(
        [
            "Ilse Brannock said the timetable was “a disgrace”.",
            "“Smart ticketing” was promised in 2019 and has still not arrived.",
        ]
    )
    assert found[1] == (None, "")


def test_a_report_about_the_company_is_not_the_companys_statement():
    found = claimants(
        [
            "The Kelburn Ferry Company launched a night service on Tuesday.",
            "The company was fined after a report that said its boats were unsafe.",
        ]
    )
    assert found[1] == (None, "")


def test_international_opening_a_name_makes_no_organisation_and_a_regional_broadcaster_still_speaks():
    found = {actor.name for actor in find_actors(["Thousands marched on International Women's Day, organisers said."])}
    assert not any(name.startswith("International") for name in found)
    assert claimants(["BBC South reported that the ferry was late on Monday."])[0][0] == "BBC South"


def test_a_person_named_by_the_short_form_of_their_given_name_is_the_same_person():
    sentences = [
        "Patrick Carlineo Jr. was sentenced on Tuesday for threatening the mayor.",
        "“Pat Carlineo is passionate about his beliefs,” his lawyer said.",
        "When Carlineo was approached, he told police he had acted alone.",
    ]
    people = [actor for actor in find_actors(sentences) if actor.kind == "person"]
    assert [person.name for person in people] == ["Patrick Carlineo Jr."]
    assert "Pat Carlineo" in people[0].aliases
    assert claimants(sentences)[2][0] == "Patrick Carlineo Jr."


def test_a_poll_that_shows_something_and_a_post_on_social_media_have_their_makers_as_claimants():
    assert claimants(["A new Harbour News poll shows majority support for the ferry levy."])[0][0] == "Harbour News"
    assert claimants(["Ilse Tallis took to social media and accused the operator of hiding the figures."])[0][0] == (
        "Ilse Tallis"
    )


def test_a_brands_exclamation_mark_neither_ends_the_sentence_nor_its_name():
    sentence = "Fares will rise by 12% in April, according to a new report by E! News."
    assert split_sentences(f"{sentence} Councillors meet on Thursday.") == [sentence, "Councillors meet on Thursday."]
    assert claimants([sentence])[0][0] == "E! News"
    assert split_sentences("I said NO! Then the line went dead.") == ["I said NO!", "Then the line went dead."]


def test_the_day_the_byline_shows_wins_over_an_event_day_in_the_address():
    from trafilatura.utils import load_html

    def meta(byline: str) -> _Metadata:
        return _Metadata(
            load_html(
                '<html><head><meta property="article:published_time" content="2019-11-20T06:07:00Z"></head>'
                f'<body><div class="byline">{byline}</div><p>text</p></body></html>'
            )
        )

    url = "https://news.example/ferry-hearing-live-updates-2019-11-19/"
    assert first_published(meta("November 20, 2019 / 1:07 AM"), url=url, found_by_search=None) == date(2019, 11, 20)
    # With no day shown, the address's day wins over a UTC stamp a day later, as before.
    assert first_published(meta("By Ilse Tallis"), url=url, found_by_search=None) == date(2019, 11, 19)


def test_two_companies_named_with_and_are_never_one_actor_but_a_name_in_two_halves_is_one():
    found = {actor.name for actor in find_actors(["Harbourcast and Kelburn Media Group said profits fell 12%."])}
    assert "Harbourcast and Kelburn Media Group" not in found
    assert "Kelburn Media Group" in found
    found = {actor.name for actor in find_actors(["The Food and Ferry Safety Administration said boats were safe."])}
    assert found == {"Food and Ferry Safety Administration"}


def test_a_role_of_a_department_before_a_name_is_not_part_of_the_name():
    for sentence, person in [
        ("Secretary of State Ilse Tallis said the talks went well.", "Ilse Tallis"),
        ("The Secretary of State for Health Tom Brannock said beds were short.", "Tom Brannock"),
    ]:
        assert [actor.name for actor in find_actors([sentence])] == [person]


def test_forecasts_writings_and_allegations_have_their_makers_as_claimants():
    for sentence, claimant in [
        ("“Fares fall with volume,” Ilse Tallis, a fellow at the Harbour Institute, has written.", "Ilse Tallis"),
        ("The Kelburn Budget Office projects that growth will slow to 0.3 percent by 2020.", "Kelburn Budget Office"),
        (
            "The Harbour Tax Foundation projected in May that the levy would cost $63.1 million.",
            "Harbour Tax Foundation",
        ),
        ("Kelburn Motors expects 16.6 million cars will be sold this year.", "Kelburn Motors"),
        ("The Kelburn Union is alleging that the ballot was irregular.", "Kelburn Union"),
    ]:
        assert claimants([sentence])[0][0] == claimant
    assert claimants(["Seoul expects ferry builders to raise their efficiency."]) == [(None, "")]


def test_according_to_a_report_from_someone_the_claimant_is_who_made_it():
    sentence = "About 4,000 cars were sold, according to the Harbour Auto Facts report from InfoNation, a data firm."
    assert claimants([sentence])[0][0] == "InfoNation"


def test_a_description_that_is_the_whole_article_is_no_standfirst():
    paragraphs = [
        "A cat missing for five years in Kelburn has been found 1,200 miles away in Harbourton, officials said.",
        "The Harbourton Animal Shelter said a scan of the cat's microchip showed where it came from.",
        "Harbour Airlines offered to fly the cat home, along with a member of the shelter's staff.",
        "Its owner said the family thought they would never see the cat again.",
        "The shelter said 1,400 lost pets were brought to it last year, and that 38% of them were never claimed.",
        "Shelters across the state have asked owners to have their pets microchipped, at a cost of about $45 each.",
    ]
    html = (
        f'<html><head><title>Cat found</title><meta name="description" content="{" ".join(paragraphs)}"></head>'
        '<body><h1>Cat found</h1><div class="article-body"><p>https://news.example/cat-found</p>'
        f"{''.join(f'<p>{paragraph}</p>' for paragraph in paragraphs)}</div></body></html>"
    )
    assert extract_page(html).body.count("Harbour Airlines offered to fly the cat home") == 1


def test_a_pitch_for_the_outlets_podcast_is_no_claim():
    line = "Catch up on the ferry strike with our reporters on our weekly politics podcast, “Harbour Hour.”"
    assert line_rule(line) == "share_prompt"
    assert line_rule("Catch up with the new timetable, the council said, as fares rose by 4% in March.") is None


def test_a_pull_quote_is_not_read_twice():
    html = (
        "<html><head><title>Ferry numbers soar</title></head><body><h1>Ferry numbers soar</h1>"
        f'<div class="article-body">{FIRST_HALF}<blockquote class="pullquote">Fares rose by 12% over the same '
        f"period</blockquote>{SECOND_HALF}</div></body></html>"
    )
    assert extract_page(html).body.count("Fares rose by 12% over the same period") == 1


def test_more_ways_of_saying_have_their_speakers_as_claimants():
    assert claimants(
        [
            "Kelburn Motors showed a new ferry on Monday.",
            "The German carmaker, which builds 40 boats a year, says the ferry will go 300 miles on a charge.",
        ]
    )[1] == ("Kelburn Motors", "paraphrase")
    for sentence, claimant in [
        ("Ilse Tallis has indicated that she will stand again in 2027.", "Ilse Tallis"),
        ("Inside, Kelburn Motors is promising space for 400 passengers.", "Kelburn Motors"),
        (
            "The ferry charges fast, with Kelburn Motors suggesting that it can reach 80% in 30 minutes.",
            "Kelburn Motors",
        ),
    ]:
        assert claimants([sentence])[0][0] == claimant
    assert claimants(["She walked in with Ilse Tallis saying nothing at all."]) == [(None, "")]


def test_the_bylines_day_wins_over_a_stamp_a_day_later_written_in_local_time():
    from trafilatura.utils import load_html

    meta = _Metadata(
        load_html(
            '<html><head><meta property="article:published_time" content="2019-11-20T02:15:49-06:00"></head><body>'
            '<div class="author_date"><span>Ilse Tallis</span> - <span>Nov 19, 2019, 8:15 pm CST</span></div>'
            "<p>text</p></body></html>"
        )
    )
    assert first_published(meta, url="", found_by_search=None) == date(2019, 11, 19)


def test_a_block_of_labelled_teasers_ends_where_the_article_goes_on():
    text = "\n".join(
        [
            "More than 100 million people may have died in the outbreak, reducing the population by a quarter.",
            "DON'T MISS",
            "Ferry warning: council names EIGHT unsafe crossings [WARNING]",
            "Passengers quarantined after outbreak on the night boat [NEWS]",
            "According to the Kelburn health board, the illness is treatable with antibiotics.",
            "The board advises that the earlier people seek treatment, the better.",
        ]
    )
    kept = clean(text).lines
    assert "According to the Kelburn health board, the illness is treatable with antibiotics." in kept
    assert not any("[NEWS]" in line for line in kept)
