import pytest

from factcheck.extraction import scoring
from factcheck.extraction.scoring import THRESHOLD, score


def test_threshold_is_documented_and_between_zero_and_one():
    assert 0 < THRESHOLD < 1
    assert "THRESHOLD" in scoring.__doc__


@pytest.mark.parametrize(
    "sentence",
    [
        "Annual inflation slowed to 2.7% in October from 3.1% in September, the statistics office said.",
        "The county recorded 12 cases in all of 2019, Vasquez said.",
        "He claimed that household bills were still £1,200 a year higher than in 2021.",
        "Measles is one of the most contagious diseases known.",
    ],
)
def test_checkable_statements_pass_the_threshold(sentence):
    assert score(sentence, actor_count=1).checkworthy


@pytest.mark.parametrize(
    ("sentence", "penalty"),
    [
        ("Will the outbreak peak in 2026?", "question"),
        ("I moved three times in four years and the rent rose every time.", "first_person"),
        ("Honestly, maybe 20% of them might leave.", "opinion_or_hedge"),
        ("Think about that for a second in 2026.", "imperative"),
        ("Glaciers are like the water towers of Europe's 40 countries.", "figurative"),
        ("Voltaris is committed to excellence and world-class service in 5 countries.", "promotional"),
        ("If you're like me, you tuned in at 9 p.m.", "reader_address"),
        ("What a race in 2026!", "exclamation"),
    ],
)
def test_opinion_and_anecdote_are_penalised_below_the_threshold(sentence, penalty):
    result = score(sentence)
    assert penalty in result.penalties
    assert not result.checkworthy


def test_first_person_inside_a_quotation_is_the_source_speaking_not_the_writer():
    result = score('"We are seeing 48 cases in schools," Vasquez told reporters on Monday.', actor_count=1)
    assert "first_person" not in result.penalties
    assert result.checkworthy


def test_score_stays_between_zero_and_one_and_names_its_features():
    high = score("On Jan. 6, 2026, exports rose 20% to $8 billion, the most ever, officials said.", actor_count=3)
    low = score("Honestly, I think you might maybe feel like it's a mess?")
    assert high.value == 1.0
    assert {"number", "percentage", "money", "date", "attribution"} <= set(high.features)
    assert low.value == 0.0
