import pytest

from factcheck.extraction.actors import ActorIndex, find_actors, in_german


def by_name(sentences):
    return {actor.name: actor for actor in find_actors(sentences)}


def test_a_surname_later_resolves_to_the_full_name_and_is_kept_as_alias():
    actors = by_name(["Volodymyr Zelenskyy met the envoy.", "Zelenskyy asked for 50 years."])
    assert list(actors) == ["Volodymyr Zelenskyy"]
    assert "Zelenskyy" in actors["Volodymyr Zelenskyy"].aliases


def test_a_short_form_resolves_to_the_gazetteer_name():
    actors = by_name(["Putin has already signaled that talks are over.", "Trump disagreed."])
    assert {"Vladimir Putin", "Donald Trump"} <= set(actors)
    assert "Putin" not in actors
    assert "Trump" not in actors


def test_names_not_in_the_gazetteer_are_found_from_cues():
    actors = by_name(
        [
            "Councilmember Xiomara Quintanilla voted no.",
            "Okechukwu Adeyemi, the port's harbour master, said 40 ships were waiting.",
            "Demand fell, according to Brightwell Analytics.",
            "The Ministry of Fisheries closed the bay.",
        ]
    )
    assert actors["Xiomara Quintanilla"].kind == "person"
    assert actors["Okechukwu Adeyemi"].description == "port's harbour master"
    assert actors["Brightwell Analytics"].kind == "person" or "Brightwell Analytics" in actors
    assert actors["Ministry of Fisheries"].kind == "organization"


def test_roles_in_apposition_become_descriptions():
    actors = by_name(
        [
            "Matthew Whitaker, the U.S. Ambassador to NATO, says talks are close.",
            "The Bank of England's governor, Andrew Bailey, was cautious.",
            "Police Chief Dana Whitfield disputed that figure.",
        ]
    )
    assert actors["Matthew Whitaker"].description == "U.S. Ambassador to NATO"
    assert actors["Andrew Bailey"].description == "Bank of England's governor"
    assert actors["Dana Whitfield"].description == "Police Chief"


def test_sentence_initial_words_places_and_events_are_not_actors():
    actors = by_name(
        [
            "Honestly, the math doesn't add up.",
            "Spoiler: it didn't.",
            "Picture it: flags waving in Anchorage.",
            "Experts say the Paris Declaration at the \u00c9lys\u00e9e Palace was hollow.",
            "While Trump talks, Russian forces advance near Pokrovsk.",
        ]
    )
    assert set(actors) == {"Donald Trump"}


def test_an_organisation_named_with_a_title_word_is_not_split():
    assert "Harlow General Hospital" in by_name(["Nine children were admitted to Harlow General Hospital."])


def test_a_chamber_of_commerce_is_one_organisation():
    actors = by_name(["The Riverton Chamber of Commerce said the plan would create 400 jobs."])
    assert list(actors) == ["Riverton Chamber of Commerce"]
    assert actors["Riverton Chamber of Commerce"].kind == "organization"


def test_a_plural_possessive_inside_an_organisations_name_stays_in_the_name():
    actors = by_name(
        [
            "The Eastgate Growers\u2019 Federation said 30 farms had closed.",
            "A report by the Coastal Nurses' Union found 1 in 5 posts empty.",
        ]
    )
    assert {"Eastgate Growers\u2019 Federation", "Coastal Nurses' Union"} <= set(actors)
    assert not {"Federation", "Union", "Eastgate Growers", "Coastal Nurses"} & set(actors)


def test_a_plural_possessive_before_an_ordinary_word_ends_the_name():
    actors = by_name(["The Harrowgate Rangers' new coach, Ida Brenner, said the squad had 19 players."])
    assert "Ida Brenner" in actors
    assert not any("'" in name for name in actors)


def test_an_apposition_names_an_organisation_only_when_its_head_is_one():
    actors = by_name(
        [
            "The Harbour Authority's chief engineer, Marcus Delaney, said the quay was safe.",
            "Corvane Holt, the region's largest housing lender, raised its rates.",
        ]
    )
    assert actors["Marcus Delaney"].kind == "person"
    assert actors["Corvane Holt"].kind == "organization"


def test_a_place_before_a_speech_verb_is_still_a_place():
    actors = by_name(
        [
            "Dr. Lena Ortiz, a geologist at the survey office in Pell River, Oregon, said the slope had moved 40cm.",
            "Mr Tunde Adeyemi, the MP for Westholm Central, said the bridge had been shut for a year.",
        ]
    )
    assert {"Lena Ortiz", "Tunde Adeyemi"} <= set(actors)
    assert not {"Pell River", "Oregon", "Westholm Central"} & set(actors)


def test_states_notes_and_shows_are_nouns_unless_a_that_follows():
    actors = by_name(
        [
            "The survey covered 900 farms in six Midwestern states over two years.",
            "The station cancelled two Halvern shows last week.",
            "Police found forged Tarrant notes in the van.",
            "Ramsey Holt states that the fund lost $3 million.",
        ]
    )
    assert set(actors) == {"Ramsey Holt"}


def test_a_titled_person_of_an_organisation_is_a_person_and_the_organisation_is_found_too():
    actors = by_name(["Professor Alan Whitby of Harbour University said the bridge was unsafe."])
    assert actors["Alan Whitby"].kind == "person"
    assert actors["Harbour University"].kind == "organization"
    assert "Professor Alan Whitby of Harbour University" not in actors


def test_after_an_honorific_the_whole_name_follows_even_when_the_surname_is_a_given_name():
    actors = by_name(["Dr Ifeoma Yusuf of the Coastal Nurses' Union said 1 in 5 posts were empty."])
    assert "Ifeoma Yusuf" in actors
    assert "Yusuf" not in actors


def test_the_rest_of_a_long_title_is_not_a_person():
    actors = by_name(["The Secretary of State for Transport, Idris Penhale, said 40 stations would close."])
    assert "Idris Penhale" in actors
    assert not [name for name in actors if "Transport" in name]


def test_a_surname_with_two_particles_stays_whole():
    assert "Marieke van der Berg" in by_name(["Marieke van der Berg said the dyke had been raised by 2 metres."])


def test_titles_and_letters_around_a_name_are_not_part_of_it_and_an_mp_for_a_seat_is_no_actor():
    actors = by_name(
        [
            "Local MP Ruth Cardew said the pipes were 80 years old.",
            "Owen Tranter MP said 4,000 homes had no water.",
            "The Labour MP for Harwick West, Sami Idowu, said so.",
            "Its director, Marta Quell, said 12 pumps had failed.",
            "Professor Ines Rook of Kelder University said the dam was sound.",
        ]
    )
    assert {"Ruth Cardew", "Owen Tranter", "Sami Idowu", "Marta Quell", "Ines Rook", "Kelder University"} == set(actors)
    assert actors["Ruth Cardew"].description == "Local MP"
    assert actors["Marta Quell"].description == "director"
    assert actors["Ines Rook"].description == ""


def test_two_people_joined_by_and_stay_two_people():
    actors = by_name(["Steve Witkoff and Jared Kushner were there."])
    assert {"Steve Witkoff", "Jared Kushner"} <= set(actors)


def test_the_index_finds_every_form_of_a_name_in_a_sentence():
    index = ActorIndex(find_actors(["Volodymyr Zelenskyy spoke.", "Zelenskyy said 20% was lost."]))
    assert index.names_in("Trump called Zelenskyy the problem.") == ["Volodymyr Zelenskyy"]
    assert index.names_in("zelenskyy in lower case is not a mention") == []


def test_a_german_or_french_word_opening_a_sentence_is_nobody():
    sentences = [
        "Das sagte Wirtschaftsminister Robert Habeck am Mittwoch in Berlin.",
        "Elle a confirmé la hausse des prix de 5 %.",
        "Dies erklärte Friedrich Merz am Montag.",
    ]
    assert set(by_name(sentences)) == {"Robert Habeck", "Friedrich Merz"}


def test_a_french_article_run_into_a_common_noun_is_nobody_but_a_name_after_it_is_someone():
    actors = by_name(["L'entreprise a annoncé la fermeture de deux usines.", "L'Oréal a annoncé 300 emplois."])
    assert "L'entreprise" not in actors
    assert "L'Oréal" in actors


def test_another_languages_article_opening_a_sentence_is_not_the_acronym_it_spells():
    assert "United Nations" not in by_name(["Un article sur ce sujet avait été publié en juin dernier par CBC."])


def test_a_union_of_teachers_is_named_whole_and_teachers_alone_are_nobody():
    assert list(by_name(["The National Union of Teachers said the figures were misleading."])) == [
        "National Union of Teachers"
    ]
    assert list(by_name(["The Union of Students said fees had doubled."])) == ["Union of Students"]
    assert by_name(["Teachers say the plan will fail."]) == {}


def test_a_person_known_by_a_name_inside_their_full_name_is_one_actor():
    actors = find_actors(
        [
            "Brazil's president, Luiz Inácio Lula da Silva, met the WTO chief on Thursday.",
            "Lula said Brazil's soybean exports to China had doubled in ten years.",
            "Mexico's former president, Andrés Manuel López Obrador, did not attend.",
        ]
    )
    people = {actor.name: actor.aliases for actor in actors}
    assert people["Luiz Inácio Lula da Silva"] == ["Lula"]
    assert "Lula" not in people
    assert "Andrés Manuel López Obrador" in people


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ('"We warned them," said the union\'s general secretary, Ilse Marrow.', "Ilse Marrow", "person"),
        ("The agency's head of flood management, Tobias Wren, said rivers were rising.", "Tobias Wren", "person"),
        ("Conservative group leader Mark Wexley said the council had wasted £8 million.", "Mark Wexley", "person"),
        ("Economists at Harrow Sachs said the revision had cut 598,000 jobs.", "Harrow Sachs", "organization"),
        (
            "The Coastal Food Programme estimates that 2.1 million people go hungry.",
            "Coastal Food Programme",
            "organization",
        ),
        ("Natural Resources Kelburn says 34 flood warnings are in force.", "Natural Resources Kelburn", "organization"),
    ],
)
def test_an_organisations_person_is_a_person_and_an_organisation_named_by_its_staff_or_its_kind_is_one(
    sentence, name, kind
):
    assert by_name([sentence])[name].kind == kind


def test_an_organisations_initials_later_in_the_article_are_the_organisation_named_in_full():
    actors = by_name(
        [
            "Doctors at the Harbour Medical Association threatened collective action on Monday.",
            "The HMA said 71% of its members would accept limits on the patients they see.",
        ]
    )
    assert "HMA" not in actors
    assert actors["Harbour Medical Association"].aliases == ["HMA"]


@pytest.mark.parametrize(
    "sentence",
    [
        '"We grew," said Dr. Katrin Vollan, Chief Executive Officer of Nordhaven Energy.',
        "Jo Bellamy, Managing Director at Harbour Bank, said rates rose.",
    ],
)
def test_a_role_of_several_words_before_of_is_no_part_of_the_organisation_it_names(sentence):
    organisations = {actor.name for actor in find_actors([sentence]) if actor.kind == "organization"}
    assert organisations <= {"Nordhaven Energy", "Harbour Bank"}
    assert len(organisations) == 1


def test_an_airline_is_an_organisation_but_a_plane_and_a_laptop_are_nobody():
    actors = by_name(
        [
            "Air France said on Monday that it would cancel 300 flights.",
            "The president flew home on Air Force One after the summit.",
            "Apple's new MacBook Air costs $999.",
        ]
    )
    assert actors["Air France"].kind == "organization"
    assert "Air Force One" not in actors
    assert "MacBook Air" not in actors


GERMAN_REPORT = [
    "Die Inflation in Deutschland ist im März auf 2,2 Prozent gesunken.",
    "Das teilte das Statistische Bundesamt am Dienstag in Wiesbaden mit.",
    "„Die Entspannung kommt endlich an“, sagte Bundesfinanzminister Christian Lindner der Nachrichtenagentur dpa.",
    "Mit dem Direktor für Bioinformatik Timothy Sackton gelang die Erstellung eines Entwurfs.",
    "Das Genom bestehe zu 90 Prozent aus solchen sich wiederholenden Bausteinen, sagt Sackton.",
    "„Es muss niemand hamstern“, sagt die Managerin, die nach Stationen beim Zoll seit 2015 den Großmarkt leitet.",
    "Sie beobachte eine Zwangspause in der Gastronomie, die Preise seien um 30 Prozent gestiegen.",
    "Das Team hatte keine Spuren von Chloroplasten gefunden, sagte Jeanmaire Molina von der Long Island University.",
    "Nach Angaben der Gewerkschaft Verdi streikten am Montag mehr als 20.000 Beschäftigte.",
    "Die Deutsche Bahn meldete für das vergangene Jahr einen Verlust von 2,35 Milliarden Euro.",
]


def test_in_german_text_a_capitalised_noun_is_nobody_and_names_lose_the_nouns_around_them():
    actors = by_name(GERMAN_REPORT)
    assert {"Statistische Bundesamt", "Christian Lindner", "Timothy Sackton", "Long Island University"} <= set(actors)
    assert {"Gewerkschaft Verdi", "Deutsche Bahn"} <= set(actors)
    for noun in ("Bausteinen", "Managerin", "Zoll", "Gastronomie", "Chloroplasten", "Nachrichtenagentur"):
        assert not any(noun in name for name in actors), noun
    assert "Sackton" in actors["Timothy Sackton"].aliases


def test_only_german_text_is_read_as_german():
    assert in_german(GERMAN_REPORT)
    english = [
        "Angela Merkel said on Tuesday that the Deutsche Bahn would get 10 billion euros, according to Die Welt.",
        "The chancellor's spokesman, Steffen Seibert, told reporters the plan was on track.",
    ] * 5
    assert not in_german(english)


def test_a_military_rank_before_a_name_is_a_title_not_part_of_an_organisation():
    actors = by_name(["Retired Army Maj. Mike Lyons told reporters the mission was a training exercise."])
    assert list(actors) == ["Mike Lyons"]
    assert actors["Mike Lyons"].kind == "person"
