"""Shapes of real news pages the desk read wrongly on pages it had not been developed on: a former state or a
territory with an organisation's word in its name, a competition, a vehicle said with its kind, an office named
by the role it serves or by a title and its brief, a person named by their age before a colon, and words quoted
inside the article's own clause, or after "that" and a few of its words.

Every sentence here is written for these tests; the people, outlets, vehicles and organisations are invented.
"""

import pytest

from factcheck.extraction.actors import find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE
from factcheck.extraction.places import is_country_or_region
from tests.claimant_reading import claimants


def names(sentences: list[str]) -> dict[str, str]:
    return {actor.name: actor.kind for actor in find_actors(sentences)}


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Kelburn has avoided bloodshed since the end of the Soviet Union, the Harbour Daily said.", "Soviet Union"),
        ("More than 600 ferry workers live in the West Bank, the Harbour Ferry Union said.", "West Bank"),
    ],
)
def test_a_country_or_territory_with_an_organisations_word_in_its_name_is_a_place(sentence, place):
    found = names([sentence])
    assert place not in found
    assert set(found) & {"Harbour Daily", "Harbour Ferry Union"}


def test_states_that_are_no_more_are_places_by_every_name_they_had():
    for former in ("Soviet Union", "USSR", "Czechoslovakia", "Yugoslavia", "Zaire", "East Germany"):
        assert is_country_or_region(former), former
    # A part of an old state's ISO name that is only a qualifier is no place.
    assert not is_country_or_region("Democratic")
    assert not is_country_or_region("Metropolitan")


@pytest.mark.parametrize(
    ("sentence", "competition"),
    [
        ("Marlowe was sacked six months after leading Kelburn to their first Coastal League final.", "Coastal League"),
        ("Ilse Brannock won three Ferry League titles with Harbour Rovers, the club said.", "Ferry League"),
        ("Dana Holt is one of three managers to have won the Harbour Super League twice.", "Harbour Super League"),
    ],
)
def test_a_competition_is_nobody(sentence, competition):
    assert competition not in names([sentence])


def test_a_league_that_speaks_without_being_played_is_an_organisation():
    assert names(["The Harbour Ferry League said fares would fall next year."]) == {
        "Harbour Ferry League": "organization"
    }


def test_a_vehicle_said_with_its_kind_is_nobody_wherever_it_is_named():
    sentences = [
        "The largest lander of the new entrants is from Orbitex, which bid its Skylark reusable launch vehicle.",
        "Dana Holt said Skylark lunar lander missions could begin in 2022.",
        "She gave no date for crewed missions, but said Orbitex would fly Skylark “a lot”.",
    ]
    found = names(sentences)
    assert "Skylark" not in found
    assert found["Dana Holt"] == "person"


def test_what_follows_said_that_is_what_was_said_about_not_who_said_it():
    found = names(["Dana Holt, president of Orbitex, said that Skylark will carry up to 100 tons to the moon."])
    assert "Skylark" not in found
    assert "Dana Holt" in found


def test_an_office_named_by_the_role_it_serves_is_the_claimant():
    sentence = "Bolivia’s public defender’s office said another 30 people had been injured in the skirmishes."
    assert claimants([sentence]) == [("Bolivia’s public defender’s office", PARAPHRASE)]


def test_an_office_named_by_a_title_and_its_brief_is_the_organisation_not_its_brief():
    sentence = "The United Nations High Commissioner for Ferries said the ruling did not change the law of the sea."
    assert names([sentence]) == {"United Nations High Commissioner for Ferries": "organization"}
    assert claimants([sentence]) == [("United Nations High Commissioner for Ferries", PARAPHRASE)]


def test_a_person_named_by_their_age_before_a_colon_is_the_claimant():
    sentences = [
        "Maria Brannock has agreed a deal to run the Kelburn ferries until 2027.",
        "Negotiations with Brannock's representatives went on into Tuesday night.",
        "The 56-year-old said after her appointment: “I am excited to be joining a service with such a heritage.",
    ]
    assert claimants(sentences)[-1] == ("Maria Brannock", QUOTE)


@pytest.mark.parametrize(
    ("sentence", "claimant", "quotation"),
    [
        # the speaker's words, introduced by the verb: after "that" and a few words of the article's
        ("The Harbour Daily warned that there is “absolutely no room for compromise”.", "Harbour Daily", QUOTE),
        (
            "The Harbour Ferry Agency says that the southern crossing “remains the main route for goods” and that "
            "“Kelburn remains the largest port in the region.”",
            "Harbour Ferry Agency",
            QUOTE,
        ),
        # words quoted inside a clause of the article's own, however many
        (
            "The administration has “corrected an historic injustice and lined up with truth and justice”, Dana Holt "
            "said.",
            "Dana Holt",
            PARAPHRASE,
        ),
        (
            "Dana Holt said the decision did “not modify existing maritime law, nor its reading by the courts of the "
            "harbour”.",
            "Dana Holt",
            PARAPHRASE,
        ),
    ],
)
def test_quote_or_paraphrase_follows_where_the_quotation_marks_begin(sentence, claimant, quotation):
    assert claimants([sentence]) == [(claimant, quotation)]


def test_a_person_named_by_their_nationality_is_the_claimant_but_a_team_is_not_a_person():
    sentences = [
        "Maria Brannock has agreed a deal to run the Kelburn ferries until 2027.",
        "The Portuguese boss said after her appointment: “I am excited to be joining a service with such a heritage.",
    ]
    assert claimants(sentences)[-1] == ("Maria Brannock", QUOTE)
    assert claimants([sentences[0], "The German side said it would appeal the ruling."])[-1] == (None, "")


def test_a_paper_named_with_a_titles_word_is_the_source_it_is_according_to():
    sentence = "The ferry campaign cost the city roughly $449,000, according to the Kelburn Argus Leader."
    assert names([sentence]) == {"Kelburn Argus Leader": "organization"}
    assert claimants([sentence]) == [("Kelburn Argus Leader", PARAPHRASE)]
    # A role after "according to the" stays a role: nobody is named.
    assert names(["The ferries will run all winter, according to the U.S. Ambassador."]) == {}
