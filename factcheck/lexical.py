"""The claim matcher's lexical first stage: which claims share a query's words, by TF-IDF and by BM25.

A pure module (numpy and scipy only), used by ``factcheck.matching.ClaimIndex``. ``Postings`` holds, for
each term, the claims that use it with the term's TF-IDF and BM25 weight in each (term-major, so a query
reads only its own terms), and proposes a query's best claims by either score.

It does not read every posting of every query term. A word used by a third of the archive ("said",
"government") holds hundreds of thousands of postings, yet can lift a claim only a little: its weight
in any claim is at most a known maximum. So the terms are read rarest first, and the claims holding
none of those read can score at most the sum of the unread terms' maxima (MaxScore, as search
engines prune). Once the best ``count`` claims found score at least that bound, by both scores,
no unread claim can displace them, and the common terms are only looked up for the claims found.
The result is the same claims as reading everything (up to ties), for a fraction of the postings.
"""

import numpy as np
from scipy import sparse

# The postings read at first, rarest terms first; doubled until the best claims are known to be found.
FIRST_READ = 10_000


class Bm25:
    """Okapi BM25 (k1 1.5, b 0.75; Robertson–Spärck Jones idf, as Lucene computes it) over a claim-term count
    matrix: each (claim, term) pair's weight, so that a query's score for a claim is the sum of its terms'
    weights. Claims added later are weighed with the same statistics."""

    def __init__(self, counts: sparse.csr_matrix, k1: float = 1.5, b: float = 0.75):
        documents = counts.shape[0]
        frequencies = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf = np.log(1 + (documents - frequencies + 0.5) / (frequencies + 0.5))
        self.mean_length = float(np.asarray(counts.sum(axis=1)).mean()) or 1.0
        self.k1, self.b = k1, b

    def weights(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        counts = sparse.csr_matrix(counts)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        tf = counts.data
        norm = self.k1 * (1 - self.b + self.b * lengths[rows] / self.mean_length)
        weights = self.idf[counts.indices] * tf * (self.k1 + 1) / (tf + norm)
        return sparse.csr_matrix((weights.astype(np.float32), counts.indices, counts.indptr), shape=counts.shape)


class Postings:
    """Each term's claims (rows), sorted, with the term's TF-IDF and BM25 weight in each; read-only once made."""

    def __init__(self, word: sparse.csr_matrix, bm25: sparse.csr_matrix):
        """`word` and `bm25`: claim-term matrices of TF-IDF and BM25 weights, with the same nonzeros."""
        word, bm25 = word.T.tocsr(), bm25.T.tocsr()
        word.sort_indices()
        bm25.sort_indices()
        if not (np.array_equal(word.indptr, bm25.indptr) and np.array_equal(word.indices, bm25.indices)):
            raise ValueError("The TF-IDF and BM25 weights are of different claims and terms")
        self.starts, self.rows = word.indptr, word.indices
        self.word, self.bm25 = word.data, bm25.data
        self.claims = word.shape[1]
        self.word_max, self.bm25_max = _term_maxima(self.starts, self.word), _term_maxima(self.starts, self.bm25)

    def extended(self, word: sparse.csr_matrix, bm25: sparse.csr_matrix) -> "Postings":
        """These postings with more claims (their claim-term matrices over the same terms) after the others."""
        mine = [
            sparse.csr_matrix((data, self.rows, self.starts), shape=(len(self.starts) - 1, self.claims)).T
            for data in (self.word, self.bm25)
        ]
        return Postings(sparse.vstack([mine[0], word], format="csr"), sparse.vstack([mine[1], bm25], format="csr"))

    def frequency(self, terms: np.ndarray) -> np.ndarray:
        """How many claims use each term."""
        return self.starts[terms + 1] - self.starts[terms]

    def best(self, terms: np.ndarray, weights: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Claims (rows, sorted) holding any of `terms`, among which are the best `count` by TF-IDF (the query's
        `weights` times the claims') and the best `count` by BM25, read as the module says; with their two
        scores."""
        if not len(terms):
            return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
        order = np.argsort(self.frequency(terms), kind="stable")
        terms, weights = terms[order], weights[order]
        # What the terms from position k on can add at most to a claim holding none of those before.
        word_bound = np.append(np.cumsum((weights * self.word_max[terms])[::-1])[::-1], 0.0)
        bm25_bound = np.append(np.cumsum(self.bm25_max[terms][::-1])[::-1], 0.0)
        read_postings = np.cumsum(self.frequency(terms))
        # The terms read so far, summed into a slot per claim (written only where a term is held).
        held = np.zeros(self.claims, dtype=bool)
        word_sums, bm25_sums = np.zeros(self.claims), np.zeros(self.claims)
        read, budget = 0, FIRST_READ
        while True:
            newly = range(read, max(read + 1, int(np.searchsorted(read_postings, budget, side="right"))))
            for term, weight in zip(terms[newly].tolist(), weights[newly].tolist(), strict=True):
                span = slice(self.starts[term], self.starts[term + 1])
                claims = self.rows[span]
                held[claims] = True
                word_sums[claims] += weight * self.word[span]
                bm25_sums[claims] += self.bm25[span]
            read = newly.stop
            rows = np.flatnonzero(held)
            word, bm25 = word_sums[rows], bm25_sums[rows]
            if read >= len(terms):
                return rows, word, bm25
            unread_word, unread_bm25 = self.scores(rows, terms[read:], weights[read:])
            word, bm25 = word + unread_word, bm25 + unread_bm25
            if len(rows) >= count and (
                _kth_largest(word, count) >= word_bound[read] and _kth_largest(bm25, count) >= bm25_bound[read]
            ):
                return rows, word, bm25
            budget *= 2

    def scores(self, rows: np.ndarray, terms: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The TF-IDF and BM25 scores of these claims (`rows`, sorted, distinct) for the query's terms: each term's
        postings are matched to the rows by binary search, whichever of the two is shorter searched in."""
        word, bm25 = np.zeros(len(rows)), np.zeros(len(rows))
        if not len(rows):
            return word, bm25
        for term, weight in zip(terms.tolist(), weights.tolist(), strict=True):
            start, stop = self.starts[term], self.starts[term + 1]
            held = self.rows[start:stop]
            if stop - start <= len(rows):
                at = np.minimum(np.searchsorted(rows, held), len(rows) - 1)
                found = rows[at] == held
                at, postings = at[found], np.flatnonzero(found) + start
            else:
                positions = np.minimum(np.searchsorted(held, rows), len(held) - 1)
                found = held[positions] == rows
                at, postings = np.flatnonzero(found), positions[found] + start
            word[at] += weight * self.word[postings]
            bm25[at] += self.bm25[postings]
        return word, bm25


def _term_maxima(starts: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Each term's largest weight in any claim (0 for a term no claim uses)."""
    maxima = np.zeros(len(starts) - 1, dtype=np.float32)
    used = np.diff(starts) > 0
    if used.any():
        maxima[used] = np.maximum.reduceat(data, starts[:-1][used])
    return maxima


def _kth_largest(values: np.ndarray, k: int) -> float:
    return float(np.partition(values, len(values) - k)[len(values) - k])
