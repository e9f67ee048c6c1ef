"""The matcher on its own: small fixtures written for the project (no CheckThat! text)."""

import numpy as np
import pytest

from factcheck import matching
from factcheck.matching import LINK_THRESHOLD, SUGGEST_THRESHOLD, ClaimIndex, numbers

CHECKED = {
    "chicago": "There were 600 murders in Chicago last year.",
    "vaccine": "The flu vaccine contains mercury.",
    "bridge": "The Golden Gate Bridge will close for repairs in June.",
    "rents": "Average rents in Lisbon doubled between 2015 and 2024.",
    "nurses": "Only 40% of schools in Leeds have a full-time nurse.",
    "wall": "The Great Wall of China is visible from the Moon with the naked eye.",
    "pension": "The government cut the state pension by 10 percent in March.",
    "eggs": "Eating three eggs a day doubles your risk of heart disease.",
}

# Other wordings of a checked claim: each must find it first, scored at least "suggested".
REWORDINGS = [
    ("chicago", "Chicago saw 600 murders last year, can you believe it"),
    ("vaccine", "BREAKING: the #FluVaccine contains mercury!!! https://t.co/abc123"),
    ("bridge", "Golden Gate Bridge closing for repairs this June"),
    ("wall", "You can see the Great Wall of China from the moon with your naked eye"),
    ("eggs", "3 eggs a day doubles the risk of heart disease, doctors say"),
]

# Near misses: the same words with a different number, place or negation. Never linked as a repeat.
NEAR_MISSES = [
    "There were 6 murders in Chicago last year.",
    "There were 600 murders in Houston last year.",
    "The flu vaccine does not contain mercury.",
    "The Golden Gate Bridge will not close for repairs in June.",
    "The Brooklyn Bridge will close for repairs in June.",
    "Average rents in Porto doubled between 2015 and 2024.",
    "Average rents in Lisbon doubled between 2005 and 2024.",
    "Only 4% of schools in Leeds have a full-time nurse.",
    "Only 40% of schools in Bristol have a full-time nurse.",
    "The government cut the state pension by 20 percent in March.",
    "The government never cut the state pension.",
    "Eating two eggs a day doubles your risk of heart disease.",
]


@pytest.fixture(scope="module")
def index():
    return ClaimIndex(CHECKED.items())


@pytest.mark.parametrize(("key", "text"), REWORDINGS)
def test_a_reworded_claim_finds_the_checked_one_first(index, key, text):
    results = index.search(text)
    assert results[0][0] == key
    assert results[0][1] >= SUGGEST_THRESHOLD


# Other wordings that share almost no words with the checked claim: only its meaning finds it.
PARAPHRASES = [
    ("wall", "Astronauts on the lunar surface can spot China's ancient border fortification without a telescope"),
    ("eggs", "A daily breakfast of several eggs makes a cardiac illness twice as likely"),
]


@pytest.mark.parametrize(("key", "text"), PARAPHRASES)
def test_a_claim_reworded_without_its_words_is_found_by_its_meaning(index, key, text):
    assert index.search(text, limit=3)[0][0] == key


@pytest.fixture(scope="module")
def archive():
    """Enough claims for the meaning stage to search them in groups (GROUPED_FROM is lowered here: the
    groups work alike at 300 claims, and embedding a thousand would slow the suite)."""
    subjects = ["school", "hospital", "army", "police", "rail", "housing", "energy", "farming", "water", "tax"]
    filler = [
        (f"filler-{n}", f"The {subjects[n % 10]} budget in region {n} rose by {n % 17 + 2} percent in {1990 + n % 30}.")
        for n in range(300)
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "GROUPED_FROM", 100)
        return ClaimIndex([*filler, *CHECKED.items()])


def test_in_a_large_archive_the_meaning_is_found_in_the_nearest_groups(archive, monkeypatch):
    monkeypatch.setattr(matching, "PROBES", 3)  # of 17 groups
    assert archive._centres is not None
    for key, text in PARAPHRASES:
        assert archive.search(text, limit=3)[0][0] == key


def test_an_articles_claims_searched_together_find_what_each_finds_alone(archive, monkeypatch):
    monkeypatch.setattr(matching, "PROBES", 3)
    texts = [text for _, text in PARAPHRASES]
    vectors = matching.embed_queries(texts)

    together = archive.nearest(vectors)

    assert together == [archive.nearest(vector[None, :])[0] for vector in vectors]
    for (key, text), vector, nearest in zip(PARAPHRASES, vectors, together, strict=True):
        assert archive.search(text, limit=3, vector=vector) == [
            (found, row["score"]) for found, row in archive.matches(text, limit=3, vector=vector, nearest=nearest)
        ]
        assert key in [archive.keys[row] for row in nearest]


def test_claims_without_an_embedding_are_found_by_their_words_and_left_out_of_the_groups(monkeypatch):
    monkeypatch.setattr(matching, "GROUPED_FROM", 3)
    vectors = matching.embed_queries(list(CHECKED.values()))
    vectors[0] = 0  # "chicago" has no embedding yet
    index = ClaimIndex(CHECKED.items(), vectors=vectors)

    assert index._groups[0] == -1
    assert index.search("There were 600 murders in Chicago last year.")[0][0] == "chicago"
    assert index.search(PARAPHRASES[0][1], limit=3)[0][0] == "wall"


def test_an_extended_index_finds_the_added_claims_and_the_earlier_ones(archive, monkeypatch):
    monkeypatch.setattr(matching, "PROBES", 3)
    added = {"tram": "The new tram line in Nottingham cost 570 million pounds."}
    extended = archive.extended(added.items(), vectors=matching.embed_queries(list(added.values())))

    assert extended.search("Nottingham's tram line cost £570m")[0][0] == "tram"
    assert extended.search("There were 600 murders in Chicago last year.")[0][0] == "chicago"
    assert len(extended) == len(archive) + 1
    assert archive.search("Nottingham's tram line cost £570m")[0][0] != "tram"  # the original is unchanged


def test_a_claim_added_again_with_new_text_is_returned_once(archive, monkeypatch):
    monkeypatch.setattr(matching, "PROBES", 3)
    edited = "There were 650 murders in Chicago last year."
    extended = archive.extended([("chicago", edited)], vectors=matching.embed_queries([edited]))

    keys = [key for key, _ in extended.search(edited, limit=5)]
    assert keys[0] == "chicago"
    assert keys.count("chicago") == 1


def test_a_small_index_extended_is_the_same_as_one_built_afresh(index):
    added = {"tram": "The new tram line in Nottingham cost 570 million pounds."}
    extended = index.extended(added.items(), vectors=matching.embed_queries(list(added.values())))
    fresh = ClaimIndex([*CHECKED.items(), *added.items()])

    query = "Nottingham's tram line cost £570m"
    found, expected = extended.search(query), fresh.search(query)
    assert [key for key, _ in found] == [key for key, _ in expected]
    assert [score for _, score in found] == pytest.approx([score for _, score in expected], abs=1e-3)


def test_the_same_claim_word_for_word_is_linked(index):
    key, score = index.search("There were 600 murders in Chicago last year.")[0]
    assert key == "chicago"
    assert score >= LINK_THRESHOLD


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_is_never_scored_as_a_repeat(index, text):
    assert all(score < LINK_THRESHOLD for _, score in index.search(text))


@pytest.mark.parametrize(
    ("text", "checked", "said"),
    [
        ("There were 6 murders in Chicago last year.", CHECKED["chicago"], "6 vs 600"),
        ("There were 600 murders in Houston last year.", CHECKED["chicago"], "Houston vs Chicago"),
        ("The flu vaccine does not contain mercury.", CHECKED["vaccine"], "“not” in one only"),
        ("The Golden Gate Bridge will close for repairs in July.", CHECKED["bridge"], "July vs June"),
        ("Average rents in Lisbon fell between 2015 and 2024.", CHECKED["rents"], "fell vs doubled"),
        ("Only 40% of hospitals in Leeds have a full-time nurse.", CHECKED["nurses"], "hospitals vs schools"),
    ],
)
def test_a_near_miss_is_suggested_saying_what_differs(text, checked, said):
    score, differences = matching.score_pair(text, checked)
    assert SUGGEST_THRESHOLD <= score < LINK_THRESHOLD
    assert differences == [said]


@pytest.mark.parametrize(
    ("text", "checked", "said"),
    [
        (
            "Just 24% of Fairbury schools employ a nurse full time.",
            "Only 24% of schools in Turin have a nurse.",
            "Fairbury vs Turin",
        ),
        (
            "Since 2001, patients in Kingsdale hospitals wait half as long.",
            "Waiting times at Belbury hospitals have halved since 2001.",
            "Kingsdale vs Belbury",
        ),
        (
            "Waiting times at Kingsdale General Hospital have fallen by 30% since January, Helen Carter said.",
            "Health Minister Helen Carter said waiting times at Riverton General Hospital's emergency department "
            "had fallen by 30% since January.",
            "Kingsdale vs Riverton",
        ),
    ],
)
def test_a_rewording_about_another_place_is_a_near_miss_too(text, checked, said):
    score, differences = matching.score_pair(text, checked)
    assert score < LINK_THRESHOLD
    assert differences == [said]


def test_a_headline_in_title_case_names_nobody_by_its_capitals():
    assert matching.names("Will Alabama Take Away Your Food Stamps If You Own a Car?") == {}
    assert matching.names("Republicans in Alabama filed a bill.") == {"alabama": "Alabama"}
    assert matching.names("“Just 24% of schools in Leeds have a nurse,” she said.") == {"leeds": "Leeds"}


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("600 murders in Chicago", CHECKED["chicago"]),  # a fragment, word for word
        ("Chicago had 600 murders last year", CHECKED["chicago"]),
        ("Golden Gate Bridge closing for repairs this June", CHECKED["bridge"]),
        (
            "Petrol taxes have doubled since this government came to power.",
            "Taxes on petrol doubled under this government.",
        ),
        (  # a name given once with "'s", once without; a title given once
            "Waiting times at Riverton General Hospital have fallen by 30% since January, Helen Carter said.",
            "Health Minister Helen Carter said waiting times at Riverton General Hospital's emergency department "
            "had fallen by 30% since January.",
        ),
    ],
)
def test_a_close_rewording_with_the_same_figures_is_scored_as_the_same_claim(text, checked):
    score, differences = matching.score_pair(text, checked)
    assert score >= LINK_THRESHOLD
    assert differences == []


def test_a_pair_scores_the_same_in_an_index_of_one_claim_as_in_an_archive(index, archive):
    alone = ClaimIndex([("chicago", CHECKED["chicago"])])
    query = "Chicago saw 600 murders last year, can you believe it"
    scores = [dict(found.search(query, limit=20))["chicago"] for found in (alone, index, archive)]
    assert max(scores) - min(scores) < 0.01
    assert scores[0] == pytest.approx(matching.score_pair(query, CHECKED["chicago"])[0], abs=1e-3)


def test_a_pairs_score_is_the_same_to_the_last_bit_alone_or_among_other_candidates(index):
    query = "the government cut pensions and rents doubled"
    every = index.explain(query, limit=len(CHECKED))
    for position, row in enumerate(every):
        alone = index.explain(query, limit=position + 1)[-1]
        assert (alone["row"], alone["score"], alone["pair"]) == (row["row"], row["score"], row["pair"])
    pairs = [matching.pair_features(matching.Signals(query), matching.Signals(text), 0.5) for text in CHECKED.values()]
    weights = matching.default_weights()["score"]
    together = matching._probabilities(weights, matching.PAIR_FEATURES, pairs)
    assert together == [matching._probabilities(weights, matching.PAIR_FEATURES, [pair])[0] for pair in pairs]


def test_a_search_returns_each_candidate_with_the_features_it_was_scored_on(index):
    for row in index.explain("Chicago saw 600 murders last year", limit=3):
        assert set(row["pair"]) == set(matching.PAIR_FEATURES)
        assert row["pair"]["meaning_cosine"] == row["meaning_cosine"]


def test_results_come_in_the_rankers_order_with_scores_between_0_and_1(index):
    query = "the government cut pensions and rents doubled"
    results = index.search(query, limit=8)
    ranked = [index.keys[row["row"]] for row in sorted(index.explain(query, limit=8), key=lambda row: -row["rank"])]
    assert [key for key, _ in results] == ranked
    assert all(0 <= score <= 1 for _, score in results)
    assert len(results) <= 8


def test_limit_caps_the_results(index):
    assert len(index.search("the", limit=2)) <= 2
    assert index.search("murders in Chicago", limit=0) == []


def test_an_unrelated_text_finds_nothing_worth_suggesting(index):
    assert all(score < SUGGEST_THRESHOLD for _, score in index.search("The orchestra played Mahler on Sunday."))


@pytest.mark.parametrize("text", ["", "   ", "!!! ???", "https://example.org/x"])
def test_a_blank_or_wordless_text_finds_nothing(index, text):
    assert index.search(text) == []


def test_an_empty_index_finds_nothing():
    empty = ClaimIndex([])
    assert len(empty) == 0
    assert empty.search("There were 600 murders in Chicago last year.") == []


def test_blank_claims_are_left_out_of_the_index():
    assert len(ClaimIndex([(1, ""), (2, "  "), (3, "Taxes rose by 5%.")])) == 1


def test_stored_vectors_give_the_same_results_as_embedding_the_claims_again(index):
    vectors = matching.embed_queries(list(CHECKED.values()))
    stored = ClaimIndex(CHECKED.items(), vectors=vectors)
    query = "Golden Gate Bridge closing for repairs this June"
    assert stored.search(query) == index.search(query)


def test_a_query_embedded_beforehand_gives_the_same_results(index):
    query = "3 eggs a day doubles the risk of heart disease, doctors say"
    assert index.search(query, vector=matching.embed_queries([query])[0]) == index.search(query)


def test_vectors_that_do_not_match_the_claims_are_refused():
    with pytest.raises(ValueError, match="2 vectors for 1 claims"):
        ClaimIndex([(1, "Taxes rose.")], vectors=matching.embed_queries(["a", "b"]))


def test_weights_for_other_features_are_refused():
    weights = {**matching.default_weights(), "score": {"features": ["x"], "coefficients": [1.0], "intercept": 0.0}}
    with pytest.raises(ValueError, match="score's weights are for other features"):
        ClaimIndex([(1, "Taxes rose.")], weights=weights)


@pytest.mark.parametrize(("part", "features"), [("ranker", matching.FEATURES), ("score", matching.PAIR_FEATURES)])
def test_the_shipped_weights_are_numbers_for_every_feature(part, features):
    weights = matching.default_weights()[part]
    assert weights["features"] == list(features)
    assert len(weights["coefficients"]) == len(features)
    assert all(isinstance(value, float) for value in weights["coefficients"])
    assert isinstance(weights["intercept"], float)


def test_the_shipped_adapter_is_plain_numbers_near_the_identity():
    matrix = matching.adapter()
    assert matrix.shape == (384, 384)
    assert matrix.dtype == np.float32
    # Held near the identity when it was fitted: it adjusts the model's meaning rather than replacing it.
    assert np.abs(np.diag(matrix) - 1).mean() < 0.2


def test_meaning_vectors_are_of_unit_length_and_a_claim_not_embedded_stays_zero():
    sentence = matching.embeddings.embed(["Taxes rose by 5%."])
    vectors = matching.meaning_vectors(np.vstack([sentence, np.zeros((1, 384))]))
    assert np.linalg.norm(vectors[0]) == pytest.approx(1, abs=1e-5)
    assert not vectors[1].any()


def test_meaning_vectors_are_the_sentence_embeddings_through_the_adapter():
    text = "Eating three eggs a day doubles your risk of heart disease."
    mapped = matching.embeddings.embed([text])[0] @ matching.adapter()
    assert matching.embed_queries([text])[0] == pytest.approx(mapped / np.linalg.norm(mapped), abs=1e-5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600 murders", {"600"}),
        ("1,000 jobs and 1000 homes", {"1000"}),
        ("six people", {"6"}),
        ("3 million people", {"3000000"}),
        ("inflation of 2.5%", {"2.5"}),
        ("no numbers here", set()),
    ],
)
def test_numbers_are_read_alike_however_written(text, expected):
    assert numbers(text) == expected


def test_hashtags_and_handles_count_as_their_words():
    assert "flu vaccine" in matching.clean("#FluVaccine").casefold()
    assert "donald trump" in matching.clean("@realDonaldTrump said").casefold()
