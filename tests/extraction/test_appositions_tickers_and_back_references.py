"""Claimant shapes of news pages the rules were not written on: a person described as a member of a group, an
apposition the writer did not close before the speech verb, a body named with what it is on, a company known by
its stock ticker and spoken for by its management, and "the brokerage said" of the brokerage named before.

Every sentence here is written for these tests; the people, outlets and organisations are invented.
"""

from factcheck.extraction.actors import find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE
from tests.claimant_reading import claimants


def kinds(sentences: list[str]) -> dict[str, str]:
    return {actor.name: actor.kind for actor in find_actors(sentences)}


def test_a_member_of_a_group_is_a_person_and_she_is_who_speaks_next():
    sentences = [
        "The ferry was late, Dr. Maria Teller, a member of the group and signatory to the letter, told the Daily.",
        "A letter went to Tom Brannock, who was the acting head of the Kelburn Ferry Agency.",
        "But Teller said the agency has run such crossings before.",
        "She said it is cheaper than the cost of closing the port.",
    ]
    assert kinds(sentences)["Maria Teller"] == "person"
    assert claimants(sentences)[-1] == ("Maria Teller", PARAPHRASE)
    # The apposition's head noun still makes an organisation of one: "…, a ferry company, said".
    assert kinds(["Harbour Lines, a ferry company based in Kelburn, said fares would rise."])["Harbour Lines"] == (
        "organization"
    )


def test_an_apposition_left_open_before_the_verb_still_names_the_speaker():
    sentence = (
        "“This is mainly due to the change in wind,” Ana Ruiz, a research analyst at the Kelburn-based Centre on "
        "Energy, Water and Land think tank told the Harbour Daily."
    )
    assert claimants([sentence]) == [("Ana Ruiz", QUOTE)]
    # The organisation in the apposition is where she works, not who speaks.
    assert kinds([sentence])["Ana Ruiz"] == "person"


def test_a_body_named_with_what_it_is_on_is_what_found_it():
    sentence = "The Harbour Commission on ferries and health found that 900 crossings were cancelled in 2015."
    assert claimants([sentence]) == [("Harbour Commission", PARAPHRASE)]


def test_a_company_known_by_its_ticker_speaks_through_its_management():
    sentences = [
        "Harbour Hardware (ticker: HH) reported $2.53 in per-share earnings for the third quarter.",
        "Company management said comparable-store sales growth in 2019 will be 3.5%.",
    ]
    assert kinds(sentences)["Harbour Hardware"] == "organization"
    assert claimants(sentences)[-1] == ("Harbour Hardware", PARAPHRASE)


def test_the_brokerage_said_is_the_brokerage_named_before():
    sentences = [
        "“We remain sceptical of a quick recovery in the port,” said Kelburn Institutional Equities.",
        "An extended slowdown could cost the market its hope of a revival, the brokerage said.",
    ]
    assert kinds(sentences)["Kelburn Institutional Equities"] == "organization"
    assert claimants(sentences) == [
        ("Kelburn Institutional Equities", QUOTE),
        ("Kelburn Institutional Equities", PARAPHRASE),
    ]


def test_people_speaking_as_a_body_are_the_organisation_named_with_their_word_or_nobody():
    named = "Tom Brannock, the port director, met the Kelburn Ferry Workers Union on Monday."
    said = "The unions said the strike would go ahead on Friday."
    assert claimants([named, said])[-1] == ("Kelburn Ferry Workers Union", PARAPHRASE)
    # No organisation of theirs is named: nobody, rather than the person named before.
    unnamed = "Tom Brannock, the port director, met union leaders on Monday."
    assert claimants([unnamed, said])[-1] == (None, "")
    assert claimants([unnamed, "In a letter, the doctors warned that flu season has begun."])[-1] == (None, "")


def test_the_spokesperson_speaks_for_the_organisation_the_story_is_about_not_the_paper_it_told():
    sentences = [
        "Kelburn Ferry Agency, part of the Harbour Department, did not accept the offer.",
        "A spokesperson who did not wish to be named said in a statement emailed to the Harbour Daily that the "
        "agency never runs crossings at night.",
        "“Operating a night crossing is not feasible for a small agency,” the spokesperson said.",
    ]
    assert claimants(sentences)[-1] == ("Kelburn Ferry Agency", QUOTE)


def test_a_campaign_named_by_its_people_is_an_organisation_and_speaks_when_they_do():
    sentences = [
        "The doctors, members of a recently formed group Doctors for Safe Ferries, DSF, have offered help.",
        "Kelburn Ferry Agency did not accept the offer.",
        "The doctors said that night crossings are nine times more dangerous than the coast road.",
    ]
    assert kinds(sentences[:1]) == {"Doctors for Safe Ferries": "organization"}
    assert claimants(sentences)[-1] == ("Doctors for Safe Ferries", PARAPHRASE)
    # Doctors for a while are only doctors.
    assert kinds(["Doctors for years said the crossing was unsafe."]) == {}


def test_according_to_the_agency_is_the_body_of_that_kind_named_before_not_any_company():
    closed = "The crossing was closed for 12 days last year, according to the agency."
    sentences = [
        "The Kelburn Maritime Administration closed the southern crossing on Monday.",
        "Tom Brannock of Harbour Lines met Dana Holt.",
        closed,
    ]
    assert claimants(sentences)[-1] == ("Kelburn Maritime Administration", PARAPHRASE)
    assert claimants(["Harbour Lines closed the southern crossing on Monday.", closed])[-1] == (None, "")
