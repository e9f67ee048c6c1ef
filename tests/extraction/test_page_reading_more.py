"""More shapes of real news pages, read as a fact-checker reads them: the page's furniture found in its HTML,
its date in the outlet's time zone, an outlet written as an address or under a section's name, names kept
whole, things and places that are nobody, and claimants named by participles, data, relays and pronouns.

The pages in ``tests/fixtures/page_shapes`` are short pages written for these tests (see that folder's README).
"""

from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract_page
from factcheck.extraction.actors import find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE
from factcheck.extraction.clutter import line_rule, wire_dateline
from factcheck.extraction.places import is_place
from factcheck.extraction.webpage import WebPage, _Metadata, first_published, headline, outlet_name, site_brand
from tests.claimant_reading import claimants

PAGES = Path(__file__).parent.parent / "fixtures" / "page_shapes"


def page(name: str):
    return extract_page((PAGES / f"{name}.html").read_text(encoding="utf-8"))


def names(sentences: list[str]) -> list[str]:
    return sorted(actor.name for actor in find_actors(sentences))


# The page's furniture, read from its HTML


def test_a_pop_up_card_inside_a_paragraph_never_runs_into_the_sentence():
    body = page("hover_cards").body
    assert "The board's chair, Ines Marlowe, said the board would appeal against the fine." in body
    assert "MORE" not in body
    assert "Budget talks stall" not in body


@pytest.mark.parametrize(
    "furniture",
    [
        "SEE MORE: Oyster beds reopen",  # a label and a link
        "Budget row: Harbour board members split",  # a bold label and another story's headline
    ],
)
def test_a_block_of_links_or_a_labelled_headline_is_removed_clutter_not_body(furniture):
    extraction = page("hover_cards")
    assert furniture not in extraction.body
    assert any(furniture in removed["text"] for removed in extraction.removed_clutter)


@pytest.mark.parametrize(
    "line",
    [
        "(Graphic: Oyster harvests since 2010 - here)",
        "Loading weather data ...",
        "Follow our full coverage of the harbour at https://www.baysidewire.example/harbour",
        "Tom Ellery in Kelburn contributed to this report.",
        "The Associated Press contributed to this report.",
        "To contact the reporter on this story: Tessa Morland in Kelburn at tmorland@baysidewire.example",
        "This graphic, provided by Chartwell, shows the towns where the ferry stops.",
    ],
)
def test_pointers_widgets_and_contribution_lines_are_clutter(line):
    assert line_rule(line) is not None


def test_a_sentence_that_mentions_a_contribution_is_still_prose():
    assert line_rule("The city contributed $2 million to the report's research budget last year.") is None


def test_a_wire_agencys_name_run_into_the_first_word_is_the_dateline():
    assert wire_dateline("(CNN)President Alma Reyes made an unscheduled trip.") == (
        "(CNN)",
        "President Alma Reyes made an unscheduled trip.",
    )


def test_the_dateline_of_the_story_below_a_standfirst_is_taken_off_too():
    extraction = page("hover_cards")
    assert extraction.dateline == "(AP)"
    assert extraction.body.startswith("The Kelburn Harbour Board was fined")


def test_a_share_text_that_quotes_the_headline_is_not_the_standfirst():
    read = WebPage(
        title="Ferry operator names new chief",
        text="The appointment follows a year of delays.",
        description="Read 'Ferry operator names new chief' on Bayside! News. Dana Holt will run Bay Ferries from June.",
    )
    assert read.as_text() == "Dana Holt will run Bay Ferries from June.\n\nThe appointment follows a year of delays."


def test_a_site_name_run_into_the_h1_is_not_part_of_the_headline():
    fields = ["Ferry fares to rise by a fifth in spring"]
    h1s = ["Ferry fares to rise by a fifth in springBayside Daily"]
    assert headline(fields, h1s, [], "") == "Ferry fares to rise by a fifth in spring"


# The date as the outlet's readers saw it


def test_a_utc_stamp_is_moved_to_the_time_zone_the_page_shows_beside_its_time():
    # 05:40 UTC on the 5th is 9:40 pm on the 4th in the Pacific zone the byline shows.
    assert page("hover_cards").published_on == date(2021, 3, 4)


def test_a_date_in_the_last_part_of_the_address_is_the_local_date():
    assert page("section_site_name").published_on == date(2021, 3, 4)


def metadata(html: str) -> _Metadata:
    from trafilatura.utils import load_html

    return _Metadata(load_html(f"<html><head>{html}</head><body><p>text</p></body></html>"))


def test_a_stamp_in_local_time_elsewhere_on_the_page_gives_the_outlets_zone():
    meta = metadata(
        '<meta property="article:published_time" content="2019-11-20T05:57:50Z">'
        '<meta name="sailthru.date" content="2019-11-19 21:57:00 -0800">'
    )
    assert first_published(meta, url="", found_by_search=None) == date(2019, 11, 19)


def test_a_date_alone_the_page_shows_is_the_day_a_utc_stamp_falls_after():
    meta = metadata('<meta property="article:published_time" content="2019-11-19T04:50:22+00:00">')
    meta.local_dates.append(date(2019, 11, 18))
    assert first_published(meta, url="", found_by_search=None) == date(2019, 11, 18)


def test_the_date_in_the_address_wins_over_a_date_found_by_searching_the_page():
    meta = metadata("")
    url = "http://www.cnn.example/2010/POLITICS/08/13/social.security/index.html"
    assert first_published(meta, url=url, found_by_search=date(2011, 8, 19)) == date(2010, 8, 13)


def test_a_utc_stamp_without_other_evidence_keeps_its_date():
    meta = metadata('<meta property="article:published_time" content="2019-11-19T14:50:22Z">')
    assert first_published(meta, url="", found_by_search=None) == date(2019, 11, 19)


# The outlet as readers know it


def test_a_section_given_as_the_site_name_gives_way_to_the_outlet_the_title_ends_with():
    assert page("section_site_name").outlet == "Tidewater Ledger"


@pytest.mark.parametrize(
    ("name", "brand"),
    [("BaysideWire.example", "BaysideWire"), ("SpaceNews.com", "SpaceNews"), ("NJ.com", "NJ.com")],
)
def test_a_site_name_written_as_an_address_is_the_brand_it_spells(name, brand):
    assert site_brand(name) == brand


def test_a_name_written_as_a_name_wins_over_one_written_as_an_address():
    meta = metadata('<meta property="og:site_name" content="Lantern.com"><meta name="x" content="y">')
    meta.publisher = "The Lantern-Review"
    assert outlet_name(meta, title_site="", found="", url="") == "The Lantern-Review"


def test_an_editions_place_after_the_outlets_name_is_not_part_of_it():
    meta = metadata('<meta property="og:site_name" content="The Quay Post Boston">')
    assert outlet_name(meta, title_site="", found="", url="") == "The Quay Post"


def test_a_shouted_address_is_never_the_outlet():
    meta = metadata('<meta property="og:site_name" content="QPN.COM">')
    assert outlet_name(meta, title_site="", found="", url="") == ""


# Actors: names kept whole, things and places that are nobody


def test_companies_listed_with_and_are_each_their_own_name():
    found = names(["Kestrel Aerospace, Ceres Robotics and Tyvak Systems were chosen, the agency said."])
    assert "Ceres Robotics" in found
    assert "Tyvak Systems" in found
    assert names(["Sierra Holdings Corp. and Ceres Robotics are building landers."]) == [
        "Ceres Robotics",
        "Sierra Holdings",
    ]


def test_a_common_nouns_possessive_is_part_of_an_organisations_name():
    found = names(
        [
            "The People's Liberation Army could be deployed, Marta Quint said.",
            "The plea was announced by the U.S. Attorney's Office on Monday, officials said.",
        ]
    )
    assert "People's Liberation Army" in found
    assert "U.S. Attorney's Office" in found


def test_a_place_of_two_words_owns_its_police():
    assert "Hong Kong police" in names(["Hong Kong police said they would hold the line."])


def test_a_country_or_a_capitalised_noun_run_into_a_name_is_not_part_of_it():
    assert "Tomas Erne" in names(["Harbour's ambassador to Britain Tomas Erne said the talks would resume."])
    assert "Steve Castro" in names(["Employee Steve Castro said he fought the man for the keys."])


def test_a_surname_that_is_also_a_given_name_stays_with_the_name_after_a_title():
    assert "Amira Omar" in names(["The man threatened Rep. Amira Omar, prosecutors said."])


def test_an_initial_keeps_its_full_stop_so_the_name_is_found_in_the_text():
    sentences = ["Mara J. Quint, the board's lawyer, said the fine was unfair."]
    assert claimants(sentences) == [("Mara J. Quint", PARAPHRASE)]


def test_one_person_named_with_and_without_a_middle_initial_a_suffix_or_a_given_name():
    actors = find_actors(
        [
            "Patrick Carlin Jr. pleaded guilty on Monday.",
            "The court sentenced Patrick W. Carlin in March, Kathleen Hawk Sawyer said.",
            "Hawk Sawyer said Carlin had apologised.",
        ]
    )
    people = {actor.name: actor.aliases for actor in actors}
    assert set(people) == {"Patrick Carlin Jr.", "Kathleen Hawk Sawyer"}
    assert "Carlin" in people["Patrick Carlin Jr."]
    assert "Hawk Sawyer" in people["Kathleen Hawk Sawyer"]


def test_programmes_laws_vehicles_and_buildings_named_after_someone_are_nobody():
    found = names(
        [
            "Five companies won Commercial Lunar Payload Services (CLPS) contracts, the agency said.",
            "All 14 CLPS companies may bid, Jim Brand said.",
            "Trump made a trip to Walter Reed hospital on Saturday, the White House said.",
            "Reporters were not told of the visit to Walter Reed, officials said.",
        ]
    )
    assert not {"Commercial Lunar Payload Services", "CLPS", "Walter Reed"} & set(found)


def test_streets_regions_countries_in_everyday_use_and_party_codes_are_not_actors():
    assert is_place("Wall Street")
    assert is_place("Inner Mongolia Autonomous Region")
    assert is_place("Russia")
    assert is_place("Britain")
    assert not is_place("Harbour Board")
    found = names(["Sen. Ben Sasse, R-Neb., said the charges were overdue.", "On Wall Street, stocks fell."])
    assert found == ["Ben Sasse"]


def test_a_ticker_after_a_name_and_a_brief_before_a_role_are_not_part_of_it():
    found = names(
        [
            "Aluminium on the London Metal Exchange CMAL3 lost 0.06%, traders said.",
            "It was true, said former White House Russia adviser Fiona Marsh.",
        ]
    )
    assert "London Metal Exchange" in found
    assert "White House" in found
    assert "Fiona Marsh" in found


def test_a_newspaper_is_an_organisation():
    actors = find_actors(["The Bayside Chronicle says police are looking into the fight."])
    assert [(actor.name, actor.kind) for actor in actors] == [("Bayside Chronicle", "organization")]


# Claimants


def test_the_person_told_something_is_the_listener_not_the_speaker():
    found = claimants(
        [
            "The Lantern reported the plea on Monday.",
            "The defendant's lawyer, a former judge, told The Lantern in a statement that he meant no harm.",
        ]
    )
    assert found[1] == (None, "")


def test_a_party_and_state_or_what_an_office_is_of_may_stand_between_the_name_and_the_verb():
    assert claimants(["State Sen. Dorian Pell (R-Eastbrook) said the budget was late."]) == [
        ("Dorian Pell", PARAPHRASE)
    ]
    sentence = "A man pleaded guilty, the U.S. Attorney's Office for the Northern District of Harbour announced Monday."
    assert claimants([sentence]) == [("U.S. Attorney's Office", PARAPHRASE)]


def test_the_subject_of_a_saying_or_warning_clause_is_the_claimant():
    assert claimants(
        [
            "Foreign Secretary Alma Reyes defended the party's actions, saying the account was clearly labelled.",
            "The Harbour Electoral Commission issued a statement warning that “voters are entitled to transparency.”",
        ]
    ) == [("Alma Reyes", PARAPHRASE), ("Harbour Electoral Commission", QUOTE)]


def test_an_organisations_data_speak_for_it():
    assert claimants(["Hourly pay rose 2.1% in a year, Port Statistics Bureau data show."]) == [
        ("Port Statistics Bureau", PARAPHRASE)
    ]


def test_the_news_agency_and_agency_officials_are_the_agency_spoken_of():
    assert claimants(
        [
            "The patient ate a wild rabbit, according to the state-run Kestrel News Agency.",
            "The patient was treated in Marlow, the news agency said.",
        ]
    )[1] == ("Kestrel News Agency", PARAPHRASE)
    assert claimants(
        [
            "The Harbour Space Administration picked five companies on Monday, Jim Brand said.",
            "It plans to spend $2.6 billion on landers by 2028, agency officials said.",
        ]
    )[1] == ("Harbour Space Administration", PARAPHRASE)


def test_what_someone_said_passed_on_by_a_reporter_is_theirs():
    sentence = "The Harbour Health Board said it had traced 28 contacts, according to Lena Vos of the Daily Lantern."
    assert claimants([sentence]) == [("Harbour Health Board", PARAPHRASE)]


def test_a_source_after_data_from_or_made_by_someone_for_the_paper():
    assert claimants(["The bond fell to 16% on Monday, according to data from TradeMarkets."]) == [
        ("TradeMarkets", PARAPHRASE)
    ]
    sentence = (
        "Michigan lost 174,429 jobs, according to data calculated for the Lantern by the Centre for Freight Research."
    )
    assert claimants([sentence]) == [("Centre for Freight Research", PARAPHRASE)]


def test_he_is_the_person_just_named_in_the_same_sentence():
    found = claimants(
        ["Sonia Holt said Patrick Pym had been charged.", "When Pym was arrested, he told police he acted alone."]
    )
    assert found[1] == ("Patrick Pym", PARAPHRASE)


def test_he_said_closing_a_sentence_is_the_speaker_before_not_someone_named_in_it():
    found = claimants(
        [
            "Lt. Omar Reyes said the gunman had not been found.",
            "His pay was a relationship with Judith Calloway, he said.",
        ]
    )
    assert found[1] == ("Omar Reyes", PARAPHRASE)


def test_he_is_the_last_sentences_subject_rather_than_a_name_in_its_clause():
    found = claimants(
        [
            "Milo Ferrand said the fund was sound.",
            "Ferrand, who served under President Clarke, blasted the claims.",
            "“There is a lot of scare talk out there about the fund going bankrupt,” he said.",
        ]
    )
    assert found[2] == ("Milo Ferrand", QUOTE)


def test_a_quotation_left_open_for_the_next_paragraph_is_a_quotation():
    sentence = "Dana Holt said the release “gives us hope for the talks, which the city stands ready to support."
    assert claimants([sentence]) == [("Dana Holt", QUOTE)]


def test_commented_and_a_long_apposition_before_the_verb():
    assert claimants(
        [
            "Lead author Dr. Ines K. Marlowe, professor at Harbour University, commented: “Use in youth is harmful.”",
            "Ian Corbett, an expert in drug use and mental health at the Department of Health Sciences at the "
            "University of Eastbrook who did not work on the study, told the Lantern: “The rise could be large.”",
        ]
    ) == [("Ines K. Marlowe", QUOTE), ("Ian Corbett", QUOTE)]


def test_the_speaker_after_an_inverted_verb_and_a_long_description():
    sentence = (
        "Holt ran the office, said another witness in the inquiry, former Town Council housing adviser Fiona Marsh."
    )
    assert claimants([sentence]) == [("Fiona Marsh", PARAPHRASE)]


def test_a_speaker_named_by_role_alone_is_the_one_person_the_article_gives_that_role():
    found = claimants(
        [
            "The old mill will become a police station, Eastmark's interior minister said on Tuesday.",
            "Interior Minister Wolfgang Pesch said the building would house the town's officers.",
            "A Harbour transit chief says a man was stabbed on a train.",
            "Interim Transit Police Chief Ed Alvarado told reporters the suspect was held.",
        ]
    )
    assert [claimant for claimant, _ in found] == ["Wolfgang Pesch", "Wolfgang Pesch", "Ed Alvarado", "Ed Alvarado"]


def test_a_role_two_people_hold_names_neither_of_them():
    found = claimants(
        [
            "The minister said the budget was late.",
            "Finance Minister Wolfgang Pesch and Health Minister Dana Holt met on Monday.",
        ]
    )
    assert found[0] == (None, "")


def test_a_role_and_the_country_it_is_held_in_are_the_role_of_the_name_after_them():
    actors = find_actors(["Harbour's ambassador to Britain Tomas Erne said the talks would resume."])
    assert [(actor.name, actor.description) for actor in actors] == [("Tomas Erne", "Harbour's ambassador to Britain")]


def test_a_name_written_with_a_capital_inside_is_a_company_even_when_it_never_speaks():
    actors = find_actors(
        [
            "TideWorks is being investigated by the state attorney general.",
            "TideWorks is headquartered in Kelburn.",
            "A company spokesperson said the inquiry was routine.",
            "LeBron scored twice and McArdle once.",
            "LeBron left early while McArdle stayed.",
        ]
    )
    assert [(actor.name, actor.kind) for actor in actors] == [("TideWorks", "organization")]
    assert claimants(
        [
            "TideWorks is being investigated.",
            "TideWorks is based in Kelburn.",
            "A company spokesperson said it was routine.",
        ]
    )[2] == ("TideWorks", PARAPHRASE)


def test_an_outlet_named_like_a_city_is_still_the_outlet():
    meta = metadata('<meta property="og:site_name" content="The Republic">')
    assert outlet_name(meta, title_site="", found="", url="") == "The Republic"


def test_an_edition_is_cut_whole_or_not_at_all():
    # A brand written with a capital inside is the outlet, its state edition's place cut whole (never "… West").
    meta = metadata('<meta property="og:site_name" content="FactWatch West Virginia">')
    assert outlet_name(meta, title_site="", found="", url="") == "FactWatch"
    # One plain word before the place is not cut: "Radio" alone would be no outlet.
    meta = metadata('<meta property="og:site_name" content="Radio West Virginia">')
    assert outlet_name(meta, title_site="", found="", url="") == "Radio West Virginia"
