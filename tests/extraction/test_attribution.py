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
