import pytest

from factcheck.extraction.actors import ActorIndex, find_actors
from factcheck.extraction.attribution import ClaimantFinder

CAST = [
    "Dr. Elena Vasquez, the county's chief medical officer, spoke.",
    "Donald Trump and Volodymyr Zelenskyy met.",
    "The Swiss Academy of Sciences published data, according to Reuters.",
    "Mayor Linda Okonkwo spoke.",
]


def claimants(*sentences):
    finder = ClaimantFinder(ActorIndex(find_actors([*CAST, *sentences])))
    for sentence in CAST:
        finder.claimant(sentence)
    return [finder.claimant(sentence) for sentence in sentences]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Vasquez said the outbreak began in January.", "Elena Vasquez"),
        ("The county recorded 12 cases in 2019, Vasquez said.", "Elena Vasquez"),
        ("One person can infect nine others, according to Reuters.", "Reuters"),
        ('Donald Trump recently called Volodymyr Zelenskyy the "main impediment" to peace.', "Donald Trump"),
        ("Okonkwo told reporters that the deficit was closed.", "Linda Okonkwo"),
        ("Zelenskyy claimed that 20% of the land was lost.", "Volodymyr Zelenskyy"),
        ('"Every degree counts," said Dr. Elena Vasquez.', "Elena Vasquez"),
        ("Dr. Elena Vasquez, the county's chief medical officer, said cases rose.", "Elena Vasquez"),
        ("Most glaciers will be gone by 2050, according to the academy.", "Swiss Academy of Sciences"),
        ("Inflation fell to 2.7% in October.", None),
        ("Organisers said 600 runners were treated.", None),
    ],
)
def test_each_attribution_form_names_its_claimant(sentence, claimant):
    assert claimants(sentence) == [claimant]


def test_a_pronoun_points_back_to_the_last_named_person():
    assert claimants(
        "Trump changed tack.", "The summit ended with him admitting, \u201cWe didn\u2019t get there.\u201d"
    ) == [
        None,
        "Donald Trump",
    ]
    assert claimants("Okonkwo stood up.", '"Taxes fell 3%," she said.') == [None, "Linda Okonkwo"]


def test_a_quotation_that_runs_on_keeps_the_previous_claimant_in_the_paragraph():
    assert claimants('"We see it in schools," Vasquez said.', '"This happens below 95%."') == [
        "Elena Vasquez",
        "Elena Vasquez",
    ]


# Claimants are people or organisations that spoke: never a place, constituency, date or section.
# These sentences were written for these rules (not taken from the seeds or the labelled articles).


def finder_for(*sentences, extra=()):

    return ClaimantFinder(ActorIndex([*find_actors(list(sentences)), *extra]))


def run(finder, *sentences):
    return [finder.claimant(sentence) for sentence in sentences]


def test_a_constituency_is_never_the_claimant_but_its_mp_is():
    sentences = [
        "Priya Shah, the Labour MP for Hallam Central, said the cuts were unfair.",
        "The cuts would close four libraries, said the MP for Hallam Central.",
        "Voters in Hallam Central said they had not been asked.",
    ]
    assert run(finder_for(*sentences), *sentences) == ["Priya Shah", None, None]


def test_a_day_or_a_section_taken_for_a_name_is_never_the_claimant():
    from factcheck.extraction.actors import PERSON, FoundActor

    mistaken = [FoundActor("Tuesday", PERSON), FoundActor("Politics", PERSON)]
    finder = finder_for(extra=mistaken)
    assert run(finder, "Tuesday said the rally had been cancelled.", "Politics said 12 seats changed hands.") == [
        None,
        None,
    ]


def test_he_said_after_an_unnamed_spokesman_is_not_the_last_person_named():
    sentences = [
        "Vladimir Putin met Donald Trump in Anchorage on Friday.",
        "A spokesman said the talks had been useful.",
        "He said no date had been set for a second meeting.",
    ]
    assert run(finder_for(*sentences), *sentences) == [None, None, None]


def test_a_spokeswoman_speaks_for_her_organisation_and_she_follows_her():
    sentences = [
        "Mayor Linda Okonkwo opened the new depot.",
        "A spokeswoman for the Harbour Authority said 40 buses would use it.",
        "She added that the depot had cost £8 million.",
    ]
    finder = finder_for(*sentences)
    assert run(finder, *sentences)[1:] == ["Harbour Authority", "Harbour Authority"]


def test_the_company_is_the_last_company_named_never_a_country():
    sentences = [
        "Harlan Batteries Ltd. opened its second U.S. plant in Ohio on Monday.",
        "The plant will employ 900 people by 2028, according to the company.",
    ]
    assert run(finder_for(*sentences), *sentences)[1] == "Harlan Batteries"


def test_what_someone_says_in_a_concessive_clause_does_not_make_them_the_claimant():
    sentences = [
        "Mayor Linda Okonkwo opened the depot.",
        "While Okonkwo says the depot is \u201cfully funded,\u201d the council has borrowed \u00a340 million for it.",
        "Although Okonkwo said buses would run every ten minutes, the timetable shows one every half hour.",
        "Okonkwo said the depot would open in May, although the builders disagree.",
    ]
    assert run(finder_for(*sentences), *sentences)[1:] == [None, None, "Linda Okonkwo"]


def test_a_speaker_introduced_with_a_place_and_its_region_is_the_claimant_not_the_region():
    sentences = [
        "Dr. Lena Ortiz, a geologist at the survey office in Pell River, Oregon, said the slope had moved 40cm.",
    ]
    assert run(finder_for(*sentences), *sentences) == ["Lena Ortiz"]


def test_a_person_of_an_organisation_who_speaks_is_the_claimant_not_the_organisation():
    sentences = [
        "Professor Helen Okafor of Brightwater University said the network had lost 30% of its water.",
        "Dr Ifeoma Yusuf, of the Coastal Nurses' Union, said 1 in 5 posts were empty.",
        "The Coastal Nurses' Union said 1 in 5 posts were empty.",
    ]
    assert run(finder_for(*sentences), *sentences) == ["Helen Okafor", "Ifeoma Yusuf", "Coastal Nurses' Union"]


def test_according_to_figures_published_by_the_authority_names_the_authority():
    sentences = [
        "The Harwick Water Authority raised bills by 14% on Monday.",
        "According to figures published by the authority, 1 in 5 pipes leak.",
        "According to figures from the authority, leaks cost £9 million a year.",
    ]
    assert run(finder_for(*sentences), *sentences)[1:] == ["Harwick Water Authority", "Harwick Water Authority"]


def test_she_said_goes_to_the_nearest_woman_not_the_nearest_person():
    sentences = [
        "Ms Amara Okafor questioned Mr Daniel Brennan about the contract.",
        "Brennan denied any wrongdoing.",
        "She said the contract had been signed before the tender closed.",
    ]
    assert run(finder_for(*sentences), *sentences)[2] == "Amara Okafor"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("\u201cWe cut waiting lists by half in two years,\u201d the minister said.", "quote"),
        ('"Crime is down in every district," Okonkwo said.', "quote"),
        ("The minister said waiting lists had halved in two years.", "paraphrase"),
        ('Okonkwo called the vote "a responsible compromise" and said taxes would fall.', "paraphrase"),
        ("According to the ministry, waiting lists halved.", "paraphrase"),
    ],
)
def test_a_quotation_is_told_from_a_paraphrase(sentence, kind):
    assert finder_for(sentence).quotation(sentence) == kind


@pytest.mark.parametrize(
    ("context", "sentence", "claimant"),
    [
        # a speech verb joined to what the subject did first
        (
            "Harriet Lowe spoke to fans in Leeds.",
            "Harriet Lowe is touring again and has indicated that she will release two albums next year.",
            "Harriet Lowe",
        ),
        (
            "Norvane Aerospace said it had bid for the contract.",
            "Norvane Aerospace is one of three bidders, and confirmed that its lander uses the new engine.",
            "Norvane Aerospace",
        ),
        # the person speaking for an organisation named with their role between
        (
            "Kestrel Capital analyst Priya Raman spoke to investors.",
            "Kestrel Capital analyst Priya Raman checked the suppliers and found that output doubled in May.",
            "Priya Raman",
        ),
        # two bodies named together: the first one named
        (
            "The Fenwick Water Board and the Marsh Survey Office took samples.",
            "Experts from the Fenwick Water Board and the Marsh Survey Office estimated that 74% was cleared.",
            "Fenwick Water Board",
        ),
        # an organisation named again by what it is, with two words before the kind
        (
            "The International Monetary Fund met in Washington.",
            "The 190-country lending agency forecast Tuesday that the world economy would grow 2.7% next year.",
            "International Monetary Fund",
        ),
        (
            "The International Monetary Fund met in Washington.",
            "The fund foresees growth of 3.2% in India.",
            "International Monetary Fund",
        ),
        # what someone said, told by how they did something
        (
            "Marta Quillan spoke in Dublin.",
            "Marta Quillan entered the debate by warning that rents had doubled since 2015.",
            "Marta Quillan",
        ),
        (
            "Marta Quillan spoke in Dublin.",
            "On the recording, Quillan can be heard saying that 300 jobs will go.",
            "Marta Quillan",
        ),
        # whose poll opens the sentence
        (
            "Halberd Research polled 2,000 voters.",
            "A fresh Halberd Research poll shows 44 percent support removal.",
            "Halberd Research",
        ),
    ],
)
def test_less_common_attribution_forms_name_their_claimant(context, sentence, claimant):
    finder = ClaimantFinder(ActorIndex(find_actors([context, sentence])))
    finder.claimant(context)
    assert finder.claimant(sentence) == claimant


def test_the_outlet_a_statement_was_given_to_is_not_its_speaker():
    context = ["Northgate Records said it had reached a deal.", "Variety reported the deal first."]
    sentence = "The statement, which was obtained by Variety, claimed that the dispute was settled."
    finder = ClaimantFinder(ActorIndex(find_actors([*context, sentence])))
    for line in context:
        finder.claimant(line)
    assert finder.claimant(sentence) != "Variety"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Das teilte das Statistische Bundesamt am Dienstag in Wiesbaden mit.", "Statistische Bundesamt"),
        ("Nach Angaben der Gewerkschaft Verdi streikten am Montag mehr als 20.000 Beschäftigte.", "Gewerkschaft Verdi"),
        ("Das Genom bestehe zu 90 Prozent aus sich wiederholenden Bausteinen, sagt Sackton.", "Timothy Sackton"),
        (
            "Butter kostete zuletzt 20 Prozent weniger als im Vorjahr, berichtete der Handelsverband HDE.",
            "Handelsverband HDE",
        ),
    ],
)
def test_a_german_sentence_is_credited_to_the_body_or_person_named_beside_its_verb(sentence, claimant):
    context = [
        "Mit dem Direktor für Bioinformatik Timothy Sackton gelang die Erstellung eines Entwurfs.",
        "Die Inflation in Deutschland ist im März auf 2,2 Prozent gesunken, die Preise für Energie fielen.",
        "Im Februar hatte die Teuerungsrate noch bei 2,5 Prozent gelegen, wie die Behörde mitteilte.",
    ]
    finder = ClaimantFinder(ActorIndex(find_actors([*context, sentence])))
    for line in context:
        finder.claimant(line)
    assert finder.claimant(sentence) == claimant


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "« Le juge ne doit pas se placer dans cette situation », dit André Lareau, professeur à Laval.",
            "André Lareau",
        ),
        ("« Il y aura un examen du Conseil », a mentionné le directeur général, Norman Sabourin.", "Norman Sabourin"),
        ("Dans un document, le juge Randall Bocock estime que l’enquête est suffisante.", "Randall Bocock"),
    ],
)
def test_a_french_sentence_is_credited_to_whoever_the_verb_says_spoke(sentence, claimant):
    finder = ClaimantFinder(ActorIndex(find_actors([sentence])))
    assert finder.claimant(sentence) == claimant


def test_a_german_speaker_after_the_verb_is_the_claimant_without_his_title():
    sentence = "Das sagte Wirtschaftsminister Robert Habeck am Mittwoch in Berlin."
    finder = ClaimantFinder(ActorIndex(find_actors([sentence])))
    assert finder.claimant(sentence) == "Robert Habeck"


@pytest.mark.parametrize(
    ("context", "sentence", "claimant"),
    [
        # the person named in apposition to the organisation they hold a role at
        (
            ["President Trump met the cabinet."],
            "President Trump’s ambassador to the United Nations, Nikki R. Haley, said on Tuesday that she would go.",
            "Nikki R. Haley",
        ),
        (
            ["Eric Durr spoke to reporters."],
            "Eric Durr, Director of Public Affairs at the State Division of Military Affairs told Mashable so.",
            "Eric Durr",
        ),
        # a name right after the speaker's clause is part of what they said
        (
            ["President Trump met the cabinet.", "Nikki Haley spoke on Tuesday."],
            "But the president said Ms. Haley had informed him six months ago that she wanted a break.",
            "Donald Trump",
        ),
        # an organisation named again by what it is, or by its people
        (
            ["The Education Department announced the plan."],
            "The agency has said it expects about 81 percent of eligible borrowers will apply.",
            "Education Department",
        ),
        (
            ["The California Energy Commission met on Tuesday."],
            "Switching could save $8.1 billion, the commission staff reported.",
            "California Energy Commission",
        ),
        (
            ["The Washington Post published the report."],
            "According to the newspaper, the planes were practising how to land.",
            "Washington Post",
        ),
        # a statement that condemns, a tribe that says
        (
            ["Sheriff Kyle Kirchmeier spoke."],
            "Sheriff Kyle Kirchmeier released a statement condemning the actions of protesters.",
            "Kyle Kirchmeier",
        ),
        (
            ["The Standing Rock Sioux met."],
            "While the government asserts that the land is its own, the Standing Rock Sioux tribe says it has rights.",
            "Standing Rock Sioux",
        ),
    ],
)
def test_a_speaker_named_in_apposition_or_by_what_they_are_is_the_claimant(context, sentence, claimant):
    finder = ClaimantFinder(ActorIndex(find_actors([*context, sentence])))
    for line in context:
        finder.claimant(line)
    assert finder.claimant(sentence) == claimant


def test_a_trust_a_charity_and_an_airline_are_read_back_from_the_kind_the_article_calls_them():
    assert (
        claimants(
            "Figures from the Kelburn Health Trust show waits falling.",
            "The trust said 48,912 patients were waiting in December.",
        )[1]
        == "Kelburn Health Trust"
    )
    assert (
        claimants(
            "The Harbour Food Foundation runs 40 food banks.",
            "The charity said demand had doubled since 2022.",
        )[1]
        == "Harbour Food Foundation"
    )
    assert claimants(
        "Skyline said it had cancelled 400 flights.",
        "Air Kelburn said it had cut a quarter of its flights.",
        "A spokeswoman for the airline said long-haul flights were running.",
        "The airline said strikes caused 58% of its cancellations.",
    )[2:] == ["Air Kelburn", "Air Kelburn"]


def test_the_president_elect_named_by_his_role_is_the_claimant():
    context = ["President-elect Tomas Vidal spent the weekend at his golf club."]
    sentence = "“I won the popular vote by 3 million,” the President-elect fumed in a tweet on Sunday."
    finder = ClaimantFinder(ActorIndex(find_actors([*context, sentence])))
    finder.claimant(context[0])
    assert finder.claimant(sentence) == "Tomas Vidal"


def test_an_organisation_named_again_by_its_nationality_and_kind_is_the_claimant():
    context = ["Voltaris said on Monday it would show an electric station wagon at the motor show."]
    sentences = [
        "The German automaker says the wagon will go 300 miles on a single charge.",
        "The German automaker, which has focused on electric vehicles since its emissions scandal a decade ago,"
        " says the wagon will cost under 40,000 euros.",
    ]
    finder = ClaimantFinder(ActorIndex(find_actors([*context, *sentences])))
    finder.claimant(context[0])
    assert [finder.claimant(sentence) for sentence in sentences] == ["Voltaris", "Voltaris"]


def test_a_german_company_named_by_its_kind_is_the_one_named_before():
    context = [
        "Die Voltaris AG hat im vergangenen Jahr einen Gewinn von 2,1 Milliarden Euro erzielt.",
        "Im Februar hatte die Teuerungsrate noch bei 2,5 Prozent gelegen, wie die Behörde mitteilte.",
    ]
    sentences = [
        "Der Umsatz soll im laufenden Jahr um fünf Prozent steigen, teilte der Konzern am Mittwoch mit.",
        "Das Unternehmen erklärte, die Zahl der Beschäftigten sei um 300 gestiegen.",
    ]
    finder = ClaimantFinder(ActorIndex(find_actors([*context, *sentences])))
    for line in context:
        finder.claimant(line)
    assert [finder.claimant(sentence) for sentence in sentences] == ["Voltaris", "Voltaris"]  # "AG" is its form


def test_a_french_company_named_by_its_kind_is_the_one_named_before():
    context = ["Le constructeur Voltaris a annoncé mardi des résultats annuels en hausse de 12 % sur un an."]
    sentences = [
        "Le chiffre d'affaires devrait progresser de 5 % cette année, a indiqué la société dans un communiqué.",
        "Selon le groupe, 3 000 emplois seront créés en France d'ici à 2027.",
        "L'entreprise a annoncé la fermeture de deux usines en Espagne.",
    ]
    finder = ClaimantFinder(ActorIndex(find_actors([*context, *sentences])))
    finder.claimant(context[0])
    assert [finder.claimant(sentence) for sentence in sentences] == ["Voltaris"] * 3
