import pytest

from factcheck.extraction.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Vasquez spoke. She left.", ["Dr. Vasquez spoke.", "She left."]),
        ("The U.S. ambassador spoke. He left.", ["The U.S. ambassador spoke.", "He left."]),
        ("He lives in the U.S. The rest stayed home.", ["He lives in the U.S.", "The rest stayed home."]),
        ("It takes effect on Jan. 1. Voters approved it.", ["It takes effect on Jan. 1.", "Voters approved it."]),
        ("Inflation was 2.7% in 2025. It fell.", ["Inflation was 2.7% in 2025.", "It fell."]),
        ("It cost 1,000,000 dollars. Nobody paid.", ["It cost 1,000,000 dollars.", "Nobody paid."]),
        ("John F. Kennedy won. Nixon lost.", ["John F. Kennedy won.", "Nixon lost."]),
        ("The vote ended at 1 a.m. The mayor left.", ["The vote ended at 1 a.m.", "The mayor left."]),
        ("Voltaris Inc. said so. Shares rose.", ["Voltaris Inc. said so.", "Shares rose."]),
        ("Is it over? Not yet! Wait… Then go.", ["Is it over?", "Not yet!", "Wait…", "Then go."]),
        # Chinese and Japanese full stops need no space after them
        ("城市上涨0.4%。农村上涨0.1%。", ["城市上涨0.4%。", "农村上涨0.1%。"]),
        ("政府は「景気は回復している。」と述べた。次です。", ["政府は「景気は回復している。」と述べた。", "次です。"]),
        # a German quotation opens with „
        ("Das sagte Habeck. „Die Lage ist ernst“, sagte er.", ["Das sagte Habeck.", "„Die Lage ist ernst“, sagte er."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, expected):
    assert split_sentences(text) == expected


def test_a_quotation_with_full_stops_stays_one_sentence_with_its_attribution():
    text = "\u201cWe didn\u2019t get there. We will try again,\u201d Trump said. Then he left."
    assert split_sentences(text) == [
        "\u201cWe didn\u2019t get there. We will try again,\u201d Trump said.",
        "Then he left.",
    ]


def test_a_sentence_ending_in_a_quotation_splits_after_the_closing_mark():
    text = '"This is what happens when coverage drops below 95%." Officials agreed.'
    assert split_sentences(text) == ['"This is what happens when coverage drops below 95%."', "Officials agreed."]


def test_an_empty_paragraph_has_no_sentences():
    assert split_sentences("   ") == []
