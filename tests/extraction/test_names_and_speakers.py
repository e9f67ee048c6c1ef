"""Actors and claimants in shapes that real news pages take and the desk once read wrongly: what is left of a
name, a ticker, a handle, a town, a role before an organisation, a character, and claimants who speak with their
team or spouse, as "the news organization", or as a country's ministry.

Every sentence here is written for these tests; the people and organisations are invented.
"""

import pytest

from factcheck.extraction.actors import find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE
from tests.claimant_reading import claimants


def names(sentences: list[str]) -> dict[str, str]:
    return {actor.name: actor.kind for actor in find_actors(sentences)}


@pytest.mark.parametrize(
    ("sentence", "nobody"),
    [
        ("The march honoured Martin Luther King Jr. and his family in Selma.", "Jr."),
        ("Winfrey says Nathaniel Okoro III and his sister found the film moving.", "III"),
        ("In Kelburn, the Harbour Composite .HBCX added 12.5 points.", "HBCX"),
        ("“Vote early,” the governor wrote to her followers, @GovMarlowe, on Monday.", "GovMarlowe"),
        ("The council bought the house in Brannau am Fluss, a town on the border, last year.", "Fluss"),
        ("Traders blamed the uncertainty over the ferry talks.", "Traders"),
        ("Marlowe would reprise his role as George Halloran in the sequel.", "George Halloran"),
        ("GET OUT and VOTE for your governor, the advert said, and people did get out.", "GET OUT"),
    ],
)
def test_what_is_left_of_a_name_tickers_handles_towns_group_nouns_and_characters_are_nobody(sentence, nobody):
    assert nobody not in names([sentence])


def test_a_role_or_former_before_an_organisation_is_not_part_of_its_name():
    found = names(
        [
            "“We build small landers,” said Mira Castell, CEO and Founder of Lunaris Robotics Inc.",
            "Former National Harbour Council official Tomas Reyes told investigators he saw the meeting.",
        ]
    )
    assert found["Lunaris Robotics"] == "organization"
    assert found["National Harbour Council"] == "organization"
    assert not any(name.startswith(("Founder", "Former")) for name in found)


def test_a_newspaper_called_the_peoples_daily_is_one_organisation():
    sentence = "The People’s Daily, the party's newspaper, said on Friday that the ferry deal was fair."
    assert names([sentence]) == {"People’s Daily": "organization"}


def test_a_given_name_written_with_a_small_second_syllable_stays_part_of_the_name():
    assert "Lam Wai-kit" in names(["Lam Wai-kit, the harbour master, said the ferries would sail."])
    assert not {"U.S.-led", "Iranian-made"} & set(names(["The U.S.-led coalition shot down Iranian-made drones."]))


def test_an_airline_named_in_full_is_the_one_its_short_name_and_it_stand_for():
    assert claimants(
        [
            "Orbis Airline, the island's own carrier, bought 12 jets on Wednesday, its chairman Tim Varga said.",
            "By May, Orbis had a fleet of 40 aircraft.",
            "Besides that order, it announced an order of 8 seaplanes on Monday.",
        ]
    )[2] == ("Orbis Airline", PARAPHRASE)


def test_the_news_organization_that_reported_is_the_one_named_before_with_a_clause_between():
    assert claimants(
        [
            "Markets fell on Tuesday after Harbour Business Network reported that the talks had stalled.",
            "The news organization, citing an anonymous official, reported that President Alma Reyes's refusal to "
            "lift tariffs was dampening hopes of a deal.",
        ]
    )[1] == ("Harbour Business Network", PARAPHRASE)


def test_a_countrys_ministry_named_with_a_possessive_speaks():
    assert claimants(["China's commerce ministry said the ferry tariffs would be lifted in May."]) == [
        ("China's commerce ministry", PARAPHRASE)
    ]


def test_a_speaker_writing_with_their_team_is_the_claimant():
    assert claimants(
        [
            "Lucia Pavanelli, a marine scientist, led the study of the harbour silt.",
            "“The silt settles faster than anyone had estimated,” Pavanelli and her team wrote.",
        ]
    )[1] == ("Lucia Pavanelli", QUOTE)


def test_he_and_his_wife_is_the_person_named_before_not_the_wife():
    assert claimants(
        [
            "Ferry fares will keep rising, says harbour economist Eric Rothmann.",
            "Commuters can save by travelling off-peak, he and his wife Kalinda explained on a podcast.",
        ]
    )[1] == ("Eric Rothmann", PARAPHRASE)


def test_what_follows_reported_that_is_what_was_reported_not_who_reported_it():
    assert claimants(["The paper, citing a source, reported that President Alma Reyes's refusal hurt the talks."]) == [
        (None, "")
    ]


def test_a_headlines_first_word_that_the_article_writes_small_starts_no_name():
    sentences = ["The house where the poet was born will become a museum.", "Marlowe was born there in 1889."]
    assert "House Marlowe" not in {
        actor.name for actor in find_actors(sentences, headlines=["House Marlowe was born in will become a museum"])
    }


def test_a_works_short_name_before_film_is_nobody():
    sentences = ["There are three scripts for the fourth Trek film, according to Harbour Daily."]
    assert "Trek" not in names(sentences)
    assert "Star Trek" not in {
        actor.name for actor in find_actors(sentences, headlines=["Star Trek 4 eyes a new director"])
    }


def test_initials_and_a_surname_are_a_person_not_an_acronyms_organisation():
    assert names(["“We are close,” said J.J. Marlowe, who directs the film."])["J.J. Marlowe"] == "person"
    assert names(["The U.S. Army said it would act."])["U.S. Army"] == "organization"


def test_a_name_written_surname_first_and_its_surname_alone_are_one_person():
    assert claimants(
        [
            "China's ambassador to Britain Liu Wenhao said China had the power to end the unrest.",
            "Liu said the army could be deployed.",
        ]
    ) == [("Liu Wenhao", PARAPHRASE), ("Liu Wenhao", PARAPHRASE)]


def test_a_first_name_alone_shared_by_two_people_is_neither_nor_a_third():
    found = names(["Chris Tamber said the plan would work.", "Chris Halloway said it would not.", "Chris said no."])
    assert "Chris" not in found
    assert {"Chris Tamber", "Chris Halloway"} <= set(found)


@pytest.mark.parametrize(
    ("sentence", "nobody"),
    [
        ("Flights to Southeast Asia were cut, the airline said.", "Southeast Asia"),
        ("By 60% to 30%, Hispanics said the ferry mattered more.", "Hispanics"),
        ("Previously, the scheme covered only ferry workers.", "Previously"),
        ("Harbour Air Flight 370, a small jet, vanished in March; the flight was never found.", "Harbour Air Flight"),
    ],
)
def test_regions_peoples_adverbs_and_numbered_flights_are_nobody(sentence, nobody):
    assert nobody not in names([sentence])


def test_only_before_an_organisation_is_not_part_of_its_name():
    assert "Only Congress" not in names(["Only Congress can change the ferry law."])


def test_a_capital_inside_the_first_word_makes_a_company():
    assert names(["JPMorgan Chase earned $2.1 billion in the spring quarter."]) == {"JPMorgan Chase": "organization"}


def test_as_someone_notes_before_a_quotation_is_their_quotation():
    assert claimants(
        ["As Dan Ricci of Harbour Media notes, “A ferry crossing, minus the queues, takes 22 minutes.”"]
    ) == [("Dan Ricci", QUOTE)]


@pytest.mark.parametrize(
    ("sentence", "speaker", "quotation"),
    [
        ("«Ya no sé si me van a llamar, pero espero», dijo José Luis Vera.", "José Luis Vera", QUOTE),
        ("„Der Umsatz ist um vier Prozent gestiegen“, sagte Peter Altmann.", "Peter Altmann", QUOTE),
        ("El ministro Luis Ortega dijo que la lista de espera creció un 125%.", "Luis Ortega", PARAPHRASE),
        ("La cifra creció un 4%, según la Fiscalía Anticorrupción.", "Fiscalía Anticorrupción", PARAPHRASE),
    ],
)
def test_speakers_and_quotation_marks_in_the_other_languages_of_the_desks_pages(sentence, speaker, quotation):
    assert claimants([sentence]) == [(speaker, quotation)]


@pytest.mark.parametrize(
    ("sentence", "nobody"),
    [
        ("Another said the plan would fail.", "Another"),
        ("OW I did it every time.", "OW I"),
        ("Officials at the Bureau of Ferries We said nothing.", "Bureau of Ferries We"),
        ("The Harbour Committee Tuesday released the transcript, officials said.", "Harbour Committee Tuesday"),
        (
            "Critics of the Department of Harbours and Alex Marlowe said the rule was cruel.",
            "Department of Harbours and Alex Marlowe",
        ),
    ],
)
def test_a_common_word_opening_a_sentence_and_a_day_pronoun_or_person_run_on_after_a_name_are_no_part_of_it(
    sentence, nobody
):
    assert nobody not in names([sentence])


def test_an_organisations_name_in_two_halves_around_and_is_still_one():
    assert names(["The Department of Health and Human Services said it would act."]) == {
        "Department of Health and Human Services": "organization"
    }


def test_an_acronym_that_is_also_a_word_is_still_an_organisation():
    assert claimants(
        ["According to WHO, who counts every case, there were 412 cases of cholera in the port last year."]
    ) == [("World Health Organization", PARAPHRASE)]
