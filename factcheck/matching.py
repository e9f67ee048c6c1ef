"""Claim matching: find the already-checked claims a new text repeats, in any wording.

A pure module (no database): ``ClaimIndex(pairs)`` is built from ``(key, text)``
pairs and ``.search(text, limit=5)`` returns ``[(key, score), ...]``, best first,
each score in 0–1 (an estimate that the text repeats that claim).

Two stages, as in the CheckThat! lab's better systems:

1. **Candidates.** Word TF-IDF (unigrams and bigrams, sublinear tf; scikit-learn), BM25
   (Okapi, k1 1.5, b 0.75, over the same counts as scipy sparse matrices) and sentence
   embeddings (all-MiniLM-L6-v2, ``factcheck.embeddings``: a claim reworded with none of
   its words is still near; mapped by a learned adapter, ``meaning_vectors``) each propose their
   best ``CANDIDATES`` claims. The lexical
   rankers read only the query's own terms' postings, rarest first, and stop once no claim left
   unread could be among the best (``factcheck.lexical``). In a large index the embeddings are
   grouped around about √N centres (k-means, scikit-learn), and a query is compared in full
   only with the claims of its ``PROBES`` nearest groups (an inverted file, as vector
   databases search).
2. **Ranking and scoring.** Each candidate gets two sets of features. The **ranker** orders the
   candidates: the three first-stage scores, a character n-gram cosine (spelling, hashtags,
   inflections), the gaps to the best candidate and the ranks among the candidates, and whether the
   two texts disagree. The **score** says how likely the two texts are the same claim, from the pair
   alone: how close their meanings are (embedding cosine), how many character n-grams and words they
   share (no word statistics of the index), their lengths, and whether they disagree on a
   **number**, a **name**, a **date** or a **negation**. Each is a logistic regression whose few
   weights live in ``factcheck/data/claim_matching_weights.json`` (trained by ``python -m
   bench.claim_matching --train``, fixed seed; numbers only, no training text).

The score is a calibrated probability (measured by its reliability on held-out queries, see
BENCHMARKS.md) and means the same on any desk: it reads nothing that depends on the other claims
in the index, so a pair scores the same against three checked claims or three hundred thousand.
What does depend on them (how a candidate compares with the others, how rare its words are in the
index) only decides the order in which candidates are listed, since a claim that is the best of a
few is not for that reason the same claim. ``score_pair()`` scores two texts without any index.

Embedding the claims is the costly part of building an index (about 5 ms a claim on one core), so
the desk stores each claim's vector and passes them in: ``ClaimIndex(pairs, vectors=...)``.
Without them the index embeds its texts itself.

Disagreements matter more than overlap: "600 murders in Chicago" is not "6 murders in
Chicago", and "the vaccine does not contain mercury" is not "the vaccine contains
mercury". A pair that differs only so (a number, a name, a month for another; a negation in one
only: ``differences()``, which says how, "600 vs 6") never scores above ``CONFLICT_CEILING``,
below the desk's threshold for linking a repeat automatically: such a pair can only be suggested,
and the suggestion says what differs.
"""

import copy
import difflib
import hashlib
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Hashable, Iterable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer
from threadpoolctl import ThreadpoolController

from factcheck import embeddings
from factcheck.lexical import Bm25, Postings

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "claim_matching_weights.json"
# The linear map that turns a sentence embedding into the one claims are matched by (see meaning_vectors).
ADAPTER_PATH = WEIGHTS_PATH.with_name("claim_matching_adapter.npy")
# How many claims each first-stage ranker proposes for re-ranking.
CANDIDATES = 20
# From this many claims the meaning stage searches groups of them (k-means) rather than every claim: a
# query is compared with the groups' centres, then with the claims of the PROBES nearest groups. At
# 100,000 claims that reads about 5% of the vectors.
GROUPED_FROM = 1_000
PROBES = 16
# Above this score, the desk links a new claim to a published one as "already checked" without asking
# (factcheck/repeats.py). The score is a probability: on the CheckThat! dev queries, every pair scored
# this high was a true repeat (bench/claim_matching.py --calibration).
LINK_THRESHOLD = 0.9
# Above this (and below the link threshold), the link is suggested to an editor.
SUGGEST_THRESHOLD = 0.6
# Below this a candidate is unrelated: the meaning stage proposes the nearest claims whatever they say,
# so the desk's searches (the API, the reader form) leave out what scores lower.
RELATED_THRESHOLD = 0.1
# The most a near miss may score (two texts that differ in a number, a name, a date or a negation): above
# the suggestion threshold, so an editor sees it with what differs, and below the link threshold.
CONFLICT_CEILING = 0.8

# What orders the candidates: they compare each with the others of its search and use the index's word
# statistics, so they never enter the score.
FEATURES = (
    "word_cosine",
    "char_cosine",
    "bm25_relative",
    "bm25_log",
    "word_reciprocal_rank",
    "char_gap_to_best",
    "meaning_cosine",
    "meaning_gap_to_best",
    "meaning_reciprocal_rank",
    "shared_numbers",
    "number_conflict",
    "name_conflict",
    "shared_names",
    "negation_conflict",
)
# What the score reads: the two texts and their embeddings, nothing else.
PAIR_FEATURES = (
    "meaning_cosine",
    "char_cosine",
    "claim_words_shared",
    "text_words_shared",
    "word_overlap",
    "text_length",
    "claim_length",
    "shared_numbers",
    "number_conflict",
    "shared_names",
    "name_conflict",
    "date_conflict",
    "negation_conflict",
)

# Words that say something is not so. "False", "fake" or "hoax" are left out: a post calling a claim a
# hoax is still about that claim.
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot".split())  # noqa: SIM905 (a list of words reads best as words)
# A month named (capitalised, so "may" the verb is not May): a date another month is another date.
_MONTH = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
# Negations and small number words carry meaning here, so they are not stop words.
NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
}  # fmt: skip
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - NEGATIONS - set(NUMBER_WORDS))

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|_")
# An embedded post's signature: "— Jane Doe (@jane) January 14, 2020" at the end.
_SIGNATURE = re.compile(r"[—-]+\s*[^—()]{0,80}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\b")
# How many first letters of a word are compared when lining two texts up ("closing" and "close" agree).
_STEM = 4
# Two texts are alike (one may be a near miss of the other) when this share of their words, in order, is the
# same: difflib's ratio, 2 × shared / (words of one + words of the other).
ALIKE = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Capitalised words that are not names (sentence starters, months, titles: in “Health Minister Helen Carter” only
# Helen Carter is a name, so a text that leaves the title out leaves out no name).
_NOT_NAMES = frozenset(
    """I A An The This That These Those It Its He She They We You My Our Your His Her Their There Here What
    When Where Why How Who If But And Or So Yes No Not Breaking Video Photo Photos Image Images Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Mr Mrs Ms Dr President Sen Rep Gov Minister Mayor Councillor Chancellor
    Senator Governor""".split()  # noqa: SIM905 (a list of words reads best as words)
)


def clean(text: str) -> str:
    """The text without links, hashtags and handles split into words, Unicode-normalised, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _URL.sub(" ", _SIGNATURE.sub(" ", text))
    # "#AustralianFires" and "@realDonaldTrump" carry words: "Australian Fires", "real Donald Trump".
    text = _TAG.sub(lambda tag: _CAMEL.sub(" ", tag.group(1)), text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens; "don't" stays one token, "n't" forms count as negations."""
    return _TOKEN.findall(text.casefold().replace("’", "'"))


def numbers(text: str, tokens: list[str] | None = None) -> frozenset[str]:
    """The quantities a text states, normalised: "1,000" and "1000" agree, "six" is "6", "3 million" is "3000000"."""
    found = set()
    tokens = words(text) if tokens is None else tokens
    for position, token in enumerate(tokens):
        value = None
        if _NUMBER.fullmatch(token.rstrip("%")):
            digits = token.rstrip("%")
            # "1,000" is a thousand; "1.5" is one and a half.
            digits = digits.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", digits) else digits.replace(",", ".")
            try:
                value = float(digits)
            except ValueError:
                continue
        elif token in NUMBER_WORDS and token not in _SCALES and token != "one":
            value = float(NUMBER_WORDS[token])
        if value is None:
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if following in _SCALES:
            value *= _SCALES[following]
        found.add(str(int(value)) if value.is_integer() else f"{value:f}".rstrip("0"))
    return frozenset(found)


def names(text: str) -> dict[str, str]:
    """Capitalised words that look like names of people or places, not at a sentence start: each
    case-folded, with the form the text gives it ("chicago": "Chicago"). A sentence in title case (a
    headline: more than three in four of its longer words capitalised) names nobody this way, and is passed
    over."""
    found = {}
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.lstrip("\"“‘'([ ")  # a quotation's first word starts its sentence too
        longer = [word for word in sentence.split()[1:] if len(word) > 3 and word[0].isalpha()]
        if longer and sum(word[0].isupper() for word in longer) > 0.75 * len(longer):
            continue
        for match in _CAPITALISED.finditer(sentence):
            for word in match.group(1).split():
                if word not in _NOT_NAMES and len(word) > 1:
                    found.setdefault(word.casefold(), word)
    return found


def months(text: str) -> dict[str, str]:
    """The months a text names, by their first three letters ("mar": "March")."""
    return {match.group(1)[:3].casefold(): match.group(1) for match in _MONTH.finditer(text)}


def negations(tokens: list[str]) -> list[str]:
    """The words among `tokens` that say something is not so ("not", "never", "doesn't"), in order."""
    return [token for token in tokens if token in NEGATIONS or token.endswith("n't")]


def negated(text: str, tokens: list[str] | None = None) -> bool:
    """Whether the text says something is not so (an odd number of negations)."""
    return len(negations(words(text) if tokens is None else tokens)) % 2 == 1


def char_grams(text: str, tokens: list[str] | None = None) -> frozenset[str]:
    """The text's distinct character 3-, 4- and 5-grams within words (" chicago" has " ch", "chi",
    ...), for a cosine that forgives spelling, inflection and run-together hashtags. Empty for a
    text without letters or digits."""
    return frozenset().union(*map(_word_grams, set(words(text) if tokens is None else tokens)))


@lru_cache(maxsize=200_000)
def _word_grams(word: str) -> frozenset[str]:
    """One word's grams; words recur from claim to claim, so each is cut up once."""
    padded = f" {word} "
    return frozenset(padded[start : start + size] for size in (3, 4, 5) for start in range(len(padded) - size + 1))


def cosine(first: frozenset[str], second: frozenset[str]) -> float:
    """The cosine of two sets as binary vectors: shared members over the geometric mean of the sizes."""
    if not first or not second:
        return 0.0
    return len(first & second) / math.sqrt(len(first) * len(second))


class Signals:
    """What a text states that a paraphrase must keep: its numbers, names, months, words and whether it negates."""

    __slots__ = ("content", "grams", "months", "names", "negated", "negations", "numbers", "ordered", "stems", "words")

    def __init__(self, text: str):
        tokens = words(text)
        self.grams = char_grams(text, tokens)
        self.numbers = numbers(text, tokens)
        self.names = names(text)
        self.months = months(text)
        # Its words, and each possessive without its "'s" too: a name the other text gives as "Leeds's
        # hospitals" is in it as much as in "hospitals in Leeds" (names() reads the name without the "'s").
        self.words = frozenset(tokens) | {token[:-2] for token in tokens if token.endswith("'s")}
        # The words that carry the claim: no stop words, no single letters.
        self.content = frozenset(token for token in tokens if token not in STOP_WORDS and len(token) > 1)
        # The content words in order, each cut to its first letters so that "closing" is "close", for lining up
        # two texts word by word (see differences()).
        self.ordered = [token for token in tokens if token in self.content]
        self.stems = [token[:_STEM] for token in self.ordered]
        self.negations = negations(tokens)
        self.negated = len(self.negations) % 2 == 1


def conflicts(query: Signals, candidate: Signals) -> dict[str, float]:
    """How two texts disagree, for the ranker: numbers both state but not alike, names only one mentions, negation."""
    shared_numbers = query.numbers & candidate.numbers
    number_conflict = bool(query.numbers and candidate.numbers and query.numbers != candidate.numbers)
    # A name counts as missing only when the other text does not use the word at all, in any case.
    missing = {name for name in query.names if name not in candidate.words}
    missing |= {name for name in candidate.names if name not in query.words}
    every_name = query.names.keys() | candidate.names.keys()
    return {
        "shared_numbers": float(bool(shared_numbers)),
        "number_conflict": float(number_conflict),
        "name_conflict": len(missing) / len(every_name) if every_name else 0.0,
        "shared_names": float(len(every_name - missing) > 0),
        "negation_conflict": float(query.negated != candidate.negated),
    }


def differences(query: Signals, candidate: Signals) -> list[str]:
    """What one text says in place of the other, as an editor reads it: ["240 vs 24", "Houston vs Chicago",
    "March vs April", "rose vs fell", "“not” in one only"]; [] when neither replaces anything of the other's.

    A number, a name or a month counts only when each text has one the other lacks (a replacement): a text
    that leaves out a detail, or adds one, says no other thing; a place in another's place makes another
    claim however it is worded. Another word or a negation counts only when the two texts are otherwise
    alike (at least ALIKE of their words the same, in the same order): two texts worded differently say
    "not" in different places without being a near miss of each other, and the score already says how far
    apart they are. Other words count when one or two of each stand in the other's place among at least
    twice as many shared ("crime rose by 10%" / "crime fell by 10%").
    """
    alike = difflib.SequenceMatcher(a=query.stems, b=candidate.stems, autojunk=False).ratio() >= ALIKE
    found = []
    for ours, theirs, ours_known, theirs_known, always in [
        (dict.fromkeys(query.numbers), dict.fromkeys(candidate.numbers), query.numbers, candidate.numbers, True),
        (query.names, candidate.names, query.words, candidate.words, True),
        (query.months, candidate.months, query.months, candidate.months, True),
    ]:
        only_ours = [form or key for key, form in ours.items() if key not in theirs_known]
        only_theirs = [form or key for key, form in theirs.items() if key not in ours_known]
        if only_ours and only_theirs and (always or alike):
            found.append(f"{', '.join(only_ours)} vs {', '.join(only_theirs)}")
    found += _replaced_words(query, candidate)
    if query.negated != candidate.negated and alike:
        said = (query if query.negated else candidate).negations[0]
        found.append(f"“{said}” in one only")
    return found


def _replaced_words(query: Signals, candidate: Signals) -> list[str]:
    """Words of one text in the place of the other's, when the two are otherwise the same words in the same
    order: ["rose vs fell"]. Numbers, names, months and negations are compared apart; a word that is only
    moved, or only added or left out, replaces nothing; nor does anything when the texts differ by more
    than a third of their words (then they are worded differently, not altered)."""
    matcher = difflib.SequenceMatcher(a=query.stems, b=candidate.stems, autojunk=False)
    replaced, changed = [], 0
    for operation, start, end, other_start, other_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        changed += max(end - start, other_end - other_start)
        ours = [stem for stem in query.stems[start:end] if _is_plain(stem, query) and stem not in candidate.stems]
        theirs = [
            stem
            for stem in candidate.stems[other_start:other_end]
            if _is_plain(stem, candidate) and stem not in query.stems
        ]
        if operation == "replace" and ours and theirs:
            replaced.append(f"{_word_of(ours, query)} vs {_word_of(theirs, candidate)}")
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return replaced if replaced and shared >= 2 * changed else []


def _is_plain(stem: str, signals: Signals) -> bool:
    return (
        stem.isalpha()
        and stem not in NUMBER_WORDS
        and stem not in NEGATIONS
        and not any(name.startswith(stem) for name in signals.names)
        and stem[:3] not in signals.months
    )


def _word_of(stems: list[str], signals: Signals) -> str:
    """The text's own words for some of its stems, in order."""
    return " ".join(next(word for word in signals.ordered if word[:_STEM] == stem) for stem in stems)


def pair_features(query: Signals, candidate: Signals, meaning: float) -> dict[str, float]:
    """The score's features for two texts (`meaning`: the cosine of their embeddings)."""
    shared = len(query.content & candidate.content)
    replaced = {
        "number_conflict": bool(query.numbers - candidate.numbers) and bool(candidate.numbers - query.numbers),
        "name_conflict": any(name not in candidate.words for name in query.names)
        and any(name not in query.words for name in candidate.names),
        "date_conflict": bool(query.months.keys() - candidate.months.keys())
        and bool(candidate.months.keys() - query.months.keys()),
    }
    return {
        "meaning_cosine": meaning,
        "char_cosine": cosine(query.grams, candidate.grams),
        "claim_words_shared": shared / max(1, len(candidate.content)),
        "text_words_shared": shared / max(1, len(query.content)),
        "word_overlap": shared / max(1, len(query.content | candidate.content)),
        "text_length": math.log1p(len(query.content)),
        "claim_length": math.log1p(len(candidate.content)),
        "shared_numbers": float(bool(query.numbers & candidate.numbers)),
        "shared_names": float(any(name in candidate.words for name in query.names)),
        "negation_conflict": float(query.negated != candidate.negated),
        **{name: float(value) for name, value in replaced.items()},
    }


def score_pair(
    query: str, candidate: str, *, vectors: tuple[np.ndarray, np.ndarray] | None = None, weights: dict | None = None
) -> tuple[float, list[str]]:
    """How likely two texts are the same claim (0–1), and what one says in place of the other; no index needed.

    `vectors` are their embeddings (``embed_queries``) when the caller has them. A near miss (see
    ``differences``) scores at most CONFLICT_CEILING.
    """
    query, candidate = clean(query), clean(candidate)
    if not words(query) or not words(candidate):
        return 0.0, []
    first, second = embed_queries([query, candidate]) if vectors is None else vectors
    return score_candidates(query, first, [(Signals(candidate), second)], weights=weights)[0]


def score_candidates(
    query: str, vector: np.ndarray, candidates: list[tuple[Signals, np.ndarray]], *, weights: dict | None = None
) -> list[tuple[float, list[str]]]:
    """score_pair() of one text against many claims given by their signals and embeddings, in one product."""
    query = clean(query)
    if not candidates or not words(query):
        return [(0.0, []) for _ in candidates]
    query_signals = Signals(query)
    meanings = np.vstack([candidate_vector for _, candidate_vector in candidates]) @ np.asarray(vector, np.float32)
    rows = [
        pair_features(query_signals, signals, float(meaning))
        for (signals, _), meaning in zip(candidates, meanings, strict=True)
    ]
    scores = _probabilities(weights or default_weights()["score"], PAIR_FEATURES, rows)
    return [_capped(score, query_signals, signals) for (signals, _), score in zip(candidates, scores, strict=True)]


def _capped(score: float, query: Signals, candidate: Signals) -> tuple[float, list[str]]:
    """A pair's score, at most CONFLICT_CEILING when it is a near miss, and what differs. Only a pair scored
    at least SUGGEST_THRESHOLD is compared (an editor never sees the others, and the ceiling is above it):
    lining two texts up word by word costs more than scoring them."""
    if score < SUGGEST_THRESHOLD:
        return round(score, 4), []
    said = differences(query, candidate)
    return round(min(score, CONFLICT_CEILING) if said else score, 4), said


def _logistic(weights: dict, names: tuple[str, ...], rows: list[dict]) -> list[float]:
    """A logistic regression's probability for each row of features."""
    values = np.array([[row[name] for name in names] for row in rows], dtype=float)
    logits = values @ np.asarray(weights["coefficients"], dtype=float) + float(weights["intercept"])
    return (1 / (1 + np.exp(-logits))).tolist()


def _probabilities(weights: dict, names: tuple[str, ...], rows: list[dict]) -> list[float]:
    """_logistic(), each row's sum taken on its own, so that a pair's score is the same to the last bit
    whether it is scored alone or among others (a matrix product sums a row differently with the number
    of rows). The score is worked out for the few candidates a search returns, and for one pair alone."""
    values = np.array([[row[name] for name in names] for row in rows], dtype=float)
    logits = (values * np.asarray(weights["coefficients"], dtype=float)).sum(axis=1) + float(weights["intercept"])
    return (1 / (1 + np.exp(-logits))).tolist()


@cache
def blas() -> ThreadpoolController:
    """The process's BLAS libraries (finding them reads files: done once). A search holds BLAS to one
    thread: its products are too small to share, and on a busy machine a second thread waiting for a
    core made a search three times slower."""
    return ThreadpoolController()


@cache
def default_weights() -> dict:
    """The trained ranker and score: {"ranker": {"features", "coefficients", "intercept"}, "score": {...}}."""
    return json.loads(WEIGHTS_PATH.read_text())


def embed_queries(texts: list[str]) -> np.ndarray:
    """The embeddings `ClaimIndex.search(text, vector=...)` expects, for many texts at once (cheaper)."""
    return meaning_vectors(embeddings.embed([clean(text) for text in texts]))


@cache
def adapter() -> np.ndarray:
    """The (384, 384) matrix of meaning_vectors(): plain numbers read with numpy, never a pickle."""
    return np.load(ADAPTER_PATH, allow_pickle=False)


def meaning_vectors(vectors: np.ndarray, matrix: np.ndarray | None = None) -> np.ndarray:
    """Sentence embeddings (``factcheck.embeddings``, one per row) as claims are matched by: each times the
    adapter, at unit length again (a zero row, a claim not yet embedded, stays zero).

    all-MiniLM-L6-v2 puts paraphrases near each other, but was not taught what makes two statements the
    same claim. The adapter is a linear map learned from CheckThat! posts and the fact-checked claims they
    repeat (``python -m bench.claim_matching --train``): it moves two wordings of one claim closer than two
    claims about the same subject. It starts from the identity and is held near it, so the embeddings keep
    what the model knew."""
    mapped = np.asarray(vectors, dtype=np.float32) @ (adapter() if matrix is None else matrix)
    lengths = np.linalg.norm(mapped, axis=-1, keepdims=True)
    return np.divide(mapped, lengths, out=np.zeros_like(mapped), where=lengths > 0)


@cache
def vectors_version() -> str:
    """Which model and adapter made a meaning vector: a stored vector made by others is made again."""
    digest = hashlib.blake2b(ADAPTER_PATH.read_bytes(), digest_size=6).hexdigest()
    return f"{embeddings.VERSION}; adapter {digest}"


def _analyse(text: str) -> list[str]:
    tokens = [token for token in words(text) if token not in STOP_WORDS]
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


class ClaimIndex:
    """An index of already-checked claims to match new texts against.

    Built once from ``(key, text)`` pairs (keys are anything hashable, e.g. claim ids) and
    then read-only, so one index may serve many threads. An empty index finds nothing.
    """

    def __init__(
        self,
        pairs: Iterable[tuple[Hashable, str]],
        *,
        vectors: np.ndarray | None = None,
        weights: dict | None = None,
        candidates: int = CANDIDATES,
    ):
        """`vectors`, when given, are the texts' meaning vectors (``embed_queries``), one row per pair in
        the same order; without them the index embeds the texts itself."""
        self.candidates = candidates
        pairs = list(pairs)
        if vectors is not None and len(vectors) != len(pairs):
            raise ValueError(f"{len(vectors)} vectors for {len(pairs)} claims")
        kept = [position for position, (_, text) in enumerate(pairs) if text and text.strip()]
        self.keys = [pairs[position][0] for position in kept]
        self.texts = [clean(pairs[position][1]) for position in kept]
        self.weights = weights if weights is not None else default_weights()
        for part, names in (("ranker", FEATURES), ("score", PAIR_FEATURES)):
            if list(self.weights[part]["features"]) != list(names):
                raise ValueError(f"The {part}'s weights are for other features: {self.weights[part]['features']}")
        self._centres = None
        if not self.texts:
            return
        vectors = embed_queries(self.texts) if vectors is None else np.asarray(vectors, dtype=np.float32)[kept]
        self._vectors, self._position = np.ascontiguousarray(vectors), None
        if len(vectors) >= GROUPED_FROM:
            # A claim the desk has no embedding for yet comes as a zero vector: it is found by its words
            # alone, in no group, and takes no part in placing the centres.
            embedded = vectors.any(axis=1)
            count = max(1, round(math.sqrt(embedded.sum())))
            self._centres = (
                centres(vectors[embedded], count) if embedded.any() else np.zeros((1, vectors.shape[1]), np.float32)
            )
            self._group_by(nearest_centre(vectors, self._centres), vectors)
        counter = CountVectorizer(analyzer=_analyse, dtype=np.float32)
        counts = counter.fit_transform(self.texts).tocsr()
        self._vocabulary: dict[str, int] = counter.vocabulary_
        self._tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
        self._idf = self._tfidf.idf_.astype(np.float32)
        self._bm25 = Bm25(counts)
        self._postings = Postings(self._tfidf.transform(counts), self._bm25.weights(counts))
        # Each claim's signals, worked out the first time it is a candidate (most never are).
        self._signals: dict[int, Signals] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def extended(self, pairs: Iterable[tuple[Hashable, str]], *, vectors: np.ndarray) -> "ClaimIndex":
        """A new index holding these claims as well, made in a fraction of a fresh build's time (this
        one is left as it is, so searches may go on in it meanwhile). The added claims are weighed with
        this index's vocabulary and statistics: a word this index has never seen counts only through the
        meaning stage until the next fresh build. A key added again (a claim whose text was edited) is
        returned once, from its best-scoring text. An index too small to be grouped is simply built
        afresh."""
        pairs = list(pairs)
        if len(vectors) != len(pairs):
            raise ValueError(f"{len(vectors)} vectors for {len(pairs)} claims")
        kept = [position for position, (_, text) in enumerate(pairs) if text and text.strip()]
        if not kept:
            return self
        vectors = np.asarray(vectors, dtype=np.float32)[kept]
        if self._centres is None:
            every = list(zip(self.keys, self.texts, strict=True)) + [pairs[position] for position in kept]
            previous = self._vectors if self.texts else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
            return ClaimIndex(
                every, vectors=np.vstack([previous, vectors]), weights=self.weights, candidates=self.candidates
            )
        texts = [clean(pairs[position][1]) for position in kept]
        counts = CountVectorizer(analyzer=_analyse, vocabulary=self._vocabulary, dtype=np.float32).fit_transform(texts)
        added = copy.copy(self)
        added.keys = self.keys + [pairs[position][0] for position in kept]
        added.texts = self.texts + texts
        groups = np.concatenate([self._groups, nearest_centre(vectors, self._centres)])
        added._group_by(groups, np.vstack([self._vectors[self._position], vectors]))
        added._postings = self._postings.extended(self._tfidf.transform(counts), self._bm25.weights(counts))
        return added

    def search(self, text: str, limit: int = 5, *, vector: np.ndarray | None = None) -> list[tuple[Hashable, float]]:
        """The claims `text` most likely repeats, in the ranker's order, each as (key, score): the probability
        (0–1) that the two are the same claim. [] for a blank text or index. `vector` is the text's
        embedding when the caller has it (``embed_queries``), else it is made here."""
        return [(key, row["score"]) for key, row in self.matches(text, limit=limit, vector=vector)]

    def matches(
        self, text: str, limit: int = 5, *, vector: np.ndarray | None = None, nearest: list[int] | None = None
    ) -> list[tuple[Hashable, dict]]:
        """Like search(), with each claim's row from explain() (its score, and "differences": what it says in
        place of the text's, as ``differences()`` words it)."""
        found = {}
        for row in self.explain(text, limit=limit, vector=vector, nearest=nearest):
            found.setdefault(self.keys[row["row"]], row)  # in the ranker's order, so a key's best-ranked text
        return list(found.items())

    def explain(
        self, text: str, limit: int = 5, *, vector: np.ndarray | None = None, nearest: list[int] | None = None
    ) -> list[dict]:
        """Like search(), with each candidate's features, for measuring and training: dicts with "row",
        "rank" (the ranker's probability, which orders them), "score", "differences" (for a candidate
        scored at least SUGGEST_THRESHOLD), every name in FEATURES and, under "pair", every name in
        PAIR_FEATURES. `nearest`: see candidate_features()."""
        query = clean(text)
        if not self.texts or not query or limit < 1:
            return []
        query_signals = Signals(query)
        with blas().limit(limits=1, user_api="blas"):
            rows = self._ranked_features(query, query_signals, vector, nearest)
        if not rows:
            return []
        ranks = _logistic(self.weights["ranker"], FEATURES, rows)
        for row, rank in zip(rows, ranks, strict=True):
            row["rank"] = rank
        rows.sort(key=lambda row: (-row["rank"], row["row"]))
        # Only the candidates returned are scored: most of a search's candidates are ranked below them.
        rows = rows[:limit]
        for row in rows:
            row["pair"] = pair_features(query_signals, self._signals_of(row["row"]), row["meaning_cosine"])
        scores = _probabilities(self.weights["score"], PAIR_FEATURES, [row["pair"] for row in rows])
        for row, score in zip(rows, scores, strict=True):
            row["score"], row["differences"] = _capped(score, query_signals, self._signals_of(row["row"]))
        return rows

    def candidate_features(
        self, query: str, vector: np.ndarray | None = None, nearest: list[int] | None = None
    ) -> list[dict]:
        """The first stage's candidates for a cleaned query, each with its ranker's features and its score's
        features (under "pair"); no rank or score yet. `nearest`: the rows nearest in meaning, when the caller
        found them with others' (``nearest()``)."""
        query_signals = Signals(query)
        rows = self._ranked_features(query, query_signals, vector, nearest)
        for row in rows:
            row["pair"] = pair_features(query_signals, self._signals_of(row["row"]), row["meaning_cosine"])
        return rows

    def _ranked_features(
        self, query: str, query_signals: Signals, vector: np.ndarray | None, nearest: list[int] | None
    ) -> list[dict]:
        """candidate_features() without the score's features, for the ranker alone."""
        if not words(query):
            return []
        if vector is None:
            vector = embed_queries([query])[0]
        vector = np.asarray(vector, dtype=np.float32)
        candidates = set(self.nearest(vector[None, :])[0] if nearest is None else nearest)
        query_ids = [self._vocabulary[token] for token in _analyse(query) if token in self._vocabulary]
        if query_ids:
            # The query's TF-IDF vector as the vectoriser would make it (sublinear tf, idf, unit length),
            # without its per-call checks, which cost more than the arithmetic.
            terms, counts = np.unique(np.asarray(query_ids), return_counts=True)
            weights = (1 + np.log(counts)) * self._idf[terms]
            weights /= np.linalg.norm(weights)
            # Claims holding a query term, among them the best by either score (see factcheck.lexical).
            rows, word_scores, bm25_scores = self._postings.best(terms, weights, self.candidates)
            lexical = set(_top(word_scores, self.candidates)) | set(_top(bm25_scores, self.candidates))
            candidates |= {int(rows[at]) for at in lexical}
        candidates = sorted(candidates)
        if query_ids:  # the scores of every candidate, those found by meaning too
            word_scores, bm25_scores = self._postings.scores(np.asarray(candidates), terms, weights)
        else:
            word_scores = bm25_scores = np.zeros(len(candidates))
        meaning_scores = dict(zip(candidates, self._cosines(candidates, vector).tolist(), strict=True))
        # A claim stored without an embedding (a zero vector) was found by its words; the score needs its meaning.
        unembedded = [row for row in candidates if meaning_scores[row] == 0.0 and not self._has_vector(row)]
        if unembedded:
            late = embed_queries([self.texts[row] for row in unembedded]) @ vector
            meaning_scores.update(zip(unembedded, late.tolist(), strict=True))
        signals = [self._signals_of(row) for row in candidates]
        char_scores = [cosine(query_signals.grams, candidate.grams) for candidate in signals]
        best_bm25 = float(bm25_scores.max()) or 1.0
        word_of = dict(zip(candidates, word_scores.tolist(), strict=True))
        best_char = max(char_scores)
        best_meaning = max(meaning_scores.values())
        word_order = {row: rank for rank, row in enumerate(sorted(candidates, key=lambda row: -word_of[row]))}
        meaning_order = {row: rank for rank, row in enumerate(sorted(candidates, key=lambda row: -meaning_scores[row]))}

        features = []
        for position, row in enumerate(candidates):
            features.append(
                {
                    "row": row,
                    "word_cosine": float(word_scores[position]),
                    "char_cosine": float(char_scores[position]),
                    "bm25_relative": float(bm25_scores[position]) / best_bm25,
                    "bm25_log": math.log1p(float(bm25_scores[position])),
                    "word_reciprocal_rank": 1 / (1 + word_order[row]),
                    "char_gap_to_best": best_char - float(char_scores[position]),
                    "meaning_cosine": meaning_scores[row],
                    "meaning_gap_to_best": best_meaning - meaning_scores[row],
                    "meaning_reciprocal_rank": 1 / (1 + meaning_order[row]),
                    **conflicts(query_signals, signals[position]),
                }
            )
        return features

    def _group_by(self, groups: np.ndarray, vectors: np.ndarray) -> None:
        """Keep the vectors (one per row, in row order) sorted by group, so that a group's vectors are one
        slice to multiply with, and note where each row's vector went."""
        self._groups = groups
        self._members = np.argsort(groups, kind="stable")
        # Rows in no group (-1) sort first and lie before group 0's start: no search reads them.
        self._group_starts = np.searchsorted(groups[self._members], np.arange(len(self._centres) + 1))
        self._halves = 0.5 * (self._centres * self._centres).sum(axis=1)
        self._vectors = np.ascontiguousarray(vectors[self._members])
        self._position = np.empty(len(groups), dtype=np.intp)
        self._position[self._members] = np.arange(len(groups))

    def nearest(self, vectors: np.ndarray) -> list[list[int]]:
        """For each query vector (a row), the rows whose meaning is nearest: among all rows, or in a grouped index
        among the rows of the groups whose centres are nearest. Given several (an article's claims), the centres
        are compared in one product, and a group several of them probe is multiplied once for all."""
        vectors = np.asarray(vectors, dtype=np.float32)
        with blas().limit(limits=1, user_api="blas"):
            if self._centres is None:
                return [_top(self._vectors @ vector, self.candidates) for vector in vectors]
            closest = [_top(scores, PROBES) for scores in _centre_scores(vectors, self._centres, self._halves)]
            probing: dict[int, list[int]] = {}
            for query, groups in enumerate(closest):
                for group in groups:
                    probing.setdefault(group, []).append(query)
            scored: list[dict] = [{} for _ in vectors]
            for group, queries in probing.items():
                span = slice(self._group_starts[group], self._group_starts[group + 1])
                products = self._vectors[span] @ vectors[queries].T
                for column, query in enumerate(queries):
                    scored[query][group] = (products[:, column], self._members[span])
        found = []
        for query, groups in enumerate(closest):
            scores = np.concatenate([scored[query][group][0] for group in groups])
            rows = np.concatenate([scored[query][group][1] for group in groups])
            found.append([int(rows[position]) for position in _top(scores, self.candidates)])
        return found

    def _cosines(self, rows: list[int], vector: np.ndarray) -> np.ndarray:
        positions = np.asarray(rows, dtype=np.intp)
        return self._vectors[positions if self._position is None else self._position[positions]] @ vector

    def _has_vector(self, row: int) -> bool:
        return bool(self._vectors[row if self._position is None else self._position[row]].any())

    def _signals_of(self, row: int) -> Signals:
        signals = self._signals.get(row)
        if signals is None:
            signals = self._signals[row] = Signals(self.texts[row])
        return signals


def centres(vectors: np.ndarray, count: int, sample: int = 40) -> np.ndarray:
    """`count` k-means centres of the vectors (scikit-learn, fixed seed), fitted on a fixed sample of at most
    `sample` rows per centre: enough to place them, and a fresh build of a large index stays in seconds."""
    rows = np.random.default_rng(0).choice(len(vectors), size=min(sample * count, len(vectors)), replace=False)
    # Started from random members of the sample rather than k-means++'s spread-out ones, whose choosing read the
    # whole sample once per centre: 18 of a 24 s build at 55,000 claims. The Lloyd steps place them after.
    fitted = KMeans(n_clusters=count, init="random", n_init=1, max_iter=25, random_state=0).fit(vectors[np.sort(rows)])
    return fitted.cluster_centers_.astype(np.float32)


def _centre_scores(vectors: np.ndarray, centres: np.ndarray, halves: np.ndarray | None = None) -> np.ndarray:
    """Higher for nearer centres: x·c − |c|²/2 orders centres by Euclidean distance, as k-means placed them
    (`halves`: the centres' |c|²/2, when known)."""
    return vectors @ centres.T - (0.5 * (centres * centres).sum(axis=1) if halves is None else halves)


def nearest_centre(vectors: np.ndarray, centres: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """Each vector's nearest centre, worked out a chunk of rows at a time (memory stays small); -1, no
    group, for a zero vector (a claim without an embedding)."""
    groups = np.concatenate(
        [
            _centre_scores(vectors[start : start + chunk].astype(np.float32), centres).argmax(axis=1)
            for start in range(0, len(vectors), chunk)
        ]
    )
    groups[~vectors.any(axis=1)] = -1
    return groups


def _top(scores: np.ndarray, count: int) -> list[int]:
    if len(scores) <= count:
        return list(range(len(scores)))
    top = np.argpartition(-scores, count)[:count]
    return [int(row) for row in top]
