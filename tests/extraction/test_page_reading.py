"""How the desk reads a news page: its details from the page's own metadata, one clean body, people and
organisations only, and the claimant a fact-checker would name.

The pages in ``tests/fixtures/page_shapes`` are short pages written for these tests, each in one of the
shapes real news pages take (see that folder's README).
"""

from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract, extract_page
from factcheck.extraction.actors import ActorIndex, find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE, ClaimantFinder
from factcheck.extraction.webpage import headline, known_outlet, readable_site_name
from tests.claimant_reading import claimants

PAGES = Path(__file__).parent.parent / "fixtures" / "page_shapes"


def page(name: str, url: str = ""):
    return extract_page((PAGES / f"{name}.html").read_text(encoding="utf-8"), url=url)


def sentence(extraction, start: str):
    return next(found for found in extraction.sentences if found.text.startswith(start))


# Article details


def test_the_headline_loses_the_site_name_and_date_the_title_ends_with():
    assert page("wire_story").title == "Port operator to cut 400 jobs after traffic falls"


def test_the_headline_is_the_h1_when_the_headline_field_is_cut_short():
    assert page("cut_headline").title == "Ferry fares to rise by a fifth in spring, operator says"


def test_an_h1_that_is_another_headline_does_not_replace_the_pages_own():
    fields = ["Ferry fares to rise by a fifth in spring"]
    assert headline(fields, ["Readers' favourites", "Most read today"], [], "") == fields[0]


def test_a_site_name_at_the_front_of_the_title_goes_too():
    assert headline(["Lantern Review: Festival jury named"], [], ["The Lantern Review"], "") == "Festival jury named"


def test_the_date_is_the_first_published_one_not_the_modified_one():
    assert page("wire_story").published_on == date(2020, 1, 19)


def test_a_utc_stamp_on_the_next_day_gives_way_to_the_date_in_the_address():
    # Published at 04:58 UTC on the 19th: the 18th where the outlet's readers are, as its address says.
    assert page("cut_headline").published_on == date(2019, 11, 18)


def test_the_outlet_is_never_a_shouted_domain_or_a_date():
    assert page("wire_story").outlet == "NWS"


def test_a_well_known_outlets_run_together_name_is_the_name_readers_know():
    assert page("cut_headline").outlet == "Herald Sun"
    assert known_outlet(name="NYTimes") == "The New York Times"
    assert known_outlet(url="https://www.dw.com/en/some-story/a-1") == "DW"
    assert known_outlet(name="whitehouse.gov") == "The White House"
    assert known_outlet(name="FAZ.NET") == "Frankfurter Allgemeine Zeitung"
    assert known_outlet(url="https://www.sueddeutsche.de/politik/1.234") == "Süddeutsche Zeitung"


def test_a_run_together_site_name_gives_way_to_the_one_the_title_ends_with():
    assert page("gazette_standfirst").outlet == "The Millbrook Gazette"


@pytest.mark.parametrize("name", ["DW.COM", "jpost.com", "detroitnews", "Hosted", "19.01.2020", "THE DAILY ECHO"])
def test_these_are_not_names_readers_know_an_outlet_by(name):
    assert not readable_site_name(name)


def test_the_address_is_the_canonical_one_in_https_when_the_page_gives_it_so():
    extraction = page("gazette_standfirst", url="http://millbrook-gazette.example/news/flood-wall?ref=rss")
    assert extraction.url == "https://millbrook-gazette.example/news/flood-wall"


# One clean body


def test_a_standfirst_the_page_repeats_as_its_first_paragraph_appears_once():
    extraction = page("gazette_standfirst")
    opening = "Millbrook council approved a £14 million flood wall on Tuesday"
    assert (extraction.dek + "\n" + extraction.body).count(opening) == 1


def test_the_headline_is_never_a_body_line():
    extraction = page("gazette_standfirst")
    assert extraction.title not in extraction.body.split("\n")


def test_a_wire_dateline_is_kept_as_the_dateline_and_off_the_first_claim():
    extraction = page("wire_story")
    assert extraction.dateline == "LOS ANGELES (Reuters)"
    assert extraction.body.startswith("Harbourline Terminals will cut 400 jobs")
    assert not any("(Reuters)" in found.text for found in extraction.sentences)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("DUBAI, United Arab Emirates — Dubai's airline ordered 30 jets.", "DUBAI, United Arab Emirates"),
        ("Indianapolis – Several thousand teachers surrounded the Statehouse.", "Indianapolis"),
        ("(Reuters) — The attorney general is investigating the company.", "(Reuters)"),
        ("Meanwhile — and this matters — the council voted for the wall.", ""),
        (
            "LEEDS, England, March 3, 2026 /PRNewswire/ -- Harbour Tech today reported record orders.",
            "LEEDS, England, March 3, 2026 /PRNewswire/",
        ),
    ],
)
def test_wire_datelines_of_every_shape(text, dateline):
    assert extract(f"Headline of the story here\n\n{text} It was the third time in a decade.").dateline == dateline


def test_a_press_releases_dateline_gives_its_date():
    release = "Harbour Tech reports record orders\n\nLEEDS, England, March 3, 2026 /PRNewswire/ -- Orders doubled."
    extraction = extract(release)
    assert extraction.published_on == date(2026, 3, 3)
    assert extraction.body == "Orders doubled."


def test_editors_notes_and_syndication_lines_go_to_the_removed_clutter_not_the_claims():
    extraction = page("wire_story")
    removed = {item["rule"]: item["text"] for item in extraction.removed_clutter}
    assert removed["editors_note"].startswith("Update Jan. 20, 9:15AM PT:")
    assert removed["syndication"] == "This article originally appeared on Harbour Business Weekly."
    assert "originally appeared" not in extraction.body
    assert not any("updated" in found.text or "appeared" in found.text for found in extraction.sentences)


# Actors that are people and organisations


def test_places_works_characters_products_platforms_and_nationalities_are_never_actors():
    names = {actor.name for actor in page("arts_desk").actors}
    for not_an_actor in ["BERLIN", "Berlin", "Mary Delacourt", "Captain Holloway", "Android", "FaceTime", "German"]:
        assert not_an_actor not in names


def test_a_surname_alone_is_the_person_the_headline_names_in_full():
    actors = {actor.name: actor for actor in page("arts_desk").actors}
    assert actors["Joaquin Fairweather"].kind == "person"
    assert "Fairweather" in actors["Joaquin Fairweather"].aliases
    assert "Fairweather" not in actors


def test_an_organisations_name_is_kept_whole_with_its_acronym():
    actors = {actor.name: actor for actor in page("arts_desk").actors}
    assert actors["Universities and Colleges Employers' Association"].aliases == ["UCEA"]
    assert "U.S. Securities and Exchange Commission" in actors
    assert not {"Colleges Employers' Association", "Exchange Commission", "U.S. Securities"} & set(actors)


def test_a_surname_alone_later_in_the_text_is_the_same_person_never_a_second_one():
    actors = find_actors(["Nadia Orlova, the mayor, opened the bridge.", "Orlova said it cost $4 million."])
    assert [(actor.name, actor.aliases) for actor in actors] == [("Nadia Orlova", ["Orlova"])]


def test_an_automatic_alias_is_never_a_place_or_a_nationality():
    actors = find_actors(
        [
            "The German Marshall Fund said the talks had failed.",
            "German officials denied it, and the Berlin Philharmonic Orchestra said it would play on.",
            "Berlin said nothing more.",
        ]
    )
    aliases = {alias for actor in actors for alias in actor.aliases}
    assert not {"German", "Berlin"} & aliases


def test_the_rainforest_is_not_the_company():
    actors = find_actors(["Loggers cleared 10% of the Amazon rainforest last year, the agency said."])
    assert "Amazon" not in {actor.name for actor in actors}
    index = ActorIndex(page("arts_desk").actors)
    assert index.names_in("Loggers cleared 10% of the Amazon rainforest.") == []
    assert index.names_in("Amazon bought the rights.") == ["Amazon"]


# Claimants


def test_a_short_quotation_with_a_long_attribution_is_a_quotation():
    extraction = page("arts_desk")
    quip = sentence(extraction, "“It's a good-news bad-news story,”")
    assert (quip.claimant, quip.quotation) == ("Trevor Houndsworth", QUOTE)


def test_an_inverted_speech_verb_names_the_speaker_after_it():
    extraction = page("arts_desk")
    assert sentence(extraction, "The festival will be streamed").claimant == "Joaquin Fairweather"


def test_a_relative_clause_between_the_name_and_the_verb():
    extraction = page("gazette_standfirst")
    assert sentence(extraction, "Councillor Agnes Whitlow").claimant == "Agnes Whitlow"


def test_an_organisation_named_with_its_acronym_speaks():
    extraction = page("arts_desk")
    assert sentence(extraction, "The Universities and Colleges").claimant == (
        "Universities and Colleges Employers' Association"
    )


def test_a_spokespersons_words_go_to_their_organisation():
    assert claimants(
        [
            "Harbourline Terminals Group said it would close its night shift.",
            "A company spokesperson said in an email that “the closure is temporary and necessary for safety”.",
            "A spokeswoman for the Harbour Pilots Association said the pilots would strike.",
            "An Associated Press journalist in the port reported hearing shots.",
        ]
    ) == [
        ("Harbourline Terminals Group", PARAPHRASE),
        ("Harbourline Terminals Group", QUOTE),
        ("Harbour Pilots Association", PARAPHRASE),
        ("Associated Press", PARAPHRASE),
    ]


def test_it_said_and_they_said_go_to_the_organisation_that_spoke_last():
    assert claimants(
        [
            "Kelburn Freight Group denied that any jobs would go.",
            "“No jobs are at risk at any of our sites,” it added in a statement.",
        ]
    ) == [("Kelburn Freight Group", PARAPHRASE), ("Kelburn Freight Group", QUOTE)]


def test_a_quotation_running_on_into_the_next_paragraph_keeps_its_speaker():
    finder = ClaimantFinder(ActorIndex(find_actors(["Tottenham said in a statement: “Jose is one of the best."])))
    finder.new_paragraph()
    assert finder.claimant("Tottenham said in a statement: “Jose is one of the best.") == "Tottenham"
    finder.new_paragraph()
    assert finder.claimant("“He has won a domestic title in four different countries.”") == "Tottenham"


def test_names_inside_the_quotation_are_not_the_speaker():
    found = claimants(
        [
            "Press secretary Stephanie Grisham spoke after the hearing.",
            "“Ambassador Volker confirmed under oath that there was no link,” she said.",
        ]
    )
    assert found[1] == ("Stephanie Grisham", QUOTE)


def test_a_phrase_quoted_in_the_articles_own_words_is_a_paraphrase():
    assert claimants(["Ines Marlowe said the outages had been “terribly disruptive” for the town's shops."]) == [
        ("Ines Marlowe", PARAPHRASE)
    ]


def test_a_quotation_the_speech_verb_introduces_is_a_quotation():
    assert claimants(["Ms Persson said: “The injured party has given a credible and reliable account of events."]) == [
        ("Persson", QUOTE)
    ]


def test_a_platform_or_a_place_is_never_the_claimant():
    found = claimants(["The update reached Android phones in Paris on Monday, Samsung said."])
    assert found == [("Samsung", PARAPHRASE)]


def test_a_countrys_institution_speaks_as_an_organisation_and_the_statement_is_its_own():
    assert claimants(
        [
            "Two soldiers were killed in a helicopter crash, the US military said in a statement on Wednesday.",
            "“The cause of the crash is under investigation,” the statement said.",
            "The Afghan government has ruled out any involvement by the group.",
        ]
    ) == [("US military", PARAPHRASE), ("US military", QUOTE), ("Afghan government", PARAPHRASE)]


def test_a_surname_shared_by_two_people_named_in_full_is_never_a_third_actor():
    actors = find_actors(["Maria Lindgren met Carlos Lindgren in Malmo.", "Lindgren said the talks went well."])
    assert sorted(actor.name for actor in actors) == ["Carlos Lindgren", "Maria Lindgren"]


def test_a_word_of_a_title_case_heading_is_never_taken_for_a_surname():
    actors = find_actors(["It was rejected on Monday, Kyiv officials said."], headlines=["Why Zelenskyy Rejected It"])
    assert not any("Rejected" in actor.name for actor in actors)
