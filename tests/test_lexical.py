"""The lexical first stage: the best claims by TF-IDF and BM25, found without reading every common word's postings."""

import random

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from factcheck import lexical
from factcheck.lexical import Bm25, Postings

COMMON = ["said", "council", "year", "people", "city"]
RARE = [f"word{number}" for number in range(400)]


@pytest.fixture(scope="module")
def archive():
    """3,000 claims: each uses common words and a few of 400 rare ones (one in 20 "often" too), and 50 more
    only the common words; counts, TF-IDF and BM25."""
    rng = random.Random(7)
    texts = [
        " ".join(
            rng.sample(COMMON, rng.randrange(1, 5)) + rng.sample(RARE, rng.randrange(1, 4)) + ["often"] * (n % 20 == 0)
        )
        for n in range(3000)
    ] + [" ".join(rng.sample(COMMON, 5)) for _ in range(50)]
    counter = CountVectorizer()
    counts = counter.fit_transform(texts).astype(np.float32)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    word, bm25 = tfidf.transform(counts), Bm25(counts).weights(counts)
    return counter.vocabulary_, tfidf.idf_, word.toarray(), bm25.toarray(), Postings(word, bm25)


def query(archive, *words):
    vocabulary, idf, *_ = archive
    terms = np.array(sorted(vocabulary[word] for word in words))
    weights = idf[terms] / np.linalg.norm(idf[terms])
    return terms, weights


@pytest.mark.parametrize(
    "words",
    [
        ("said", "council", "word3"),
        ("said", "year", "people", "word10", "word11"),
        ("said", "council", "year", "people", "city", "often"),  # the best hold only common words
        ("city",),
        ("word5",),
    ],
)
def test_the_best_claims_are_those_reading_every_posting_finds(archive, words, monkeypatch):
    monkeypatch.setattr(lexical, "FIRST_READ", 1)  # prune as soon as it may
    *_, word, bm25, postings = archive
    terms, weights = query(archive, *words)

    rows, word_scores, bm25_scores = postings.best(terms, weights, 20)

    every_word, every_bm25 = word[:, terms] @ weights, bm25[:, terms].sum(axis=1)
    assert np.allclose(word_scores, every_word[rows])
    assert np.allclose(bm25_scores, every_bm25[rows])
    for found, every in ((word_scores, every_word), (bm25_scores, every_bm25)):
        # The 20 best scores found are the 20 best of all (or all there are): no claim left unread beats them.
        assert np.allclose(np.sort(found)[-20:], np.sort(every[every > 0])[-20:])


def test_a_common_word_is_not_read_through_when_a_rare_one_decides(archive, monkeypatch):
    monkeypatch.setattr(lexical, "FIRST_READ", 1)
    *_, word, _, postings = archive
    terms, weights = query(archive, "said", "council", "people", "word3", "word4")

    rows, _, _ = postings.best(terms, weights, 5)

    holding_any = np.flatnonzero(word[:, terms].any(axis=1))
    assert len(rows) < len(holding_any) / 2


def test_claims_added_later_are_found_as_if_built_with_them(archive):
    *_, word, bm25, postings = archive
    half = len(word) // 2
    first = Postings(_sparse(word[:half]), _sparse(bm25[:half]))
    grown = first.extended(_sparse(word[half:]), _sparse(bm25[half:]))
    terms, weights = query(archive, "said", "word3")

    assert [array.tolist() for array in grown.best(terms, weights, 20)] == [
        array.tolist() for array in postings.best(terms, weights, 20)
    ]


def _sparse(matrix):
    return sparse.csr_matrix(matrix)
