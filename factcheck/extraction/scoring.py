"""Check-worthiness: how much a sentence is worth a fact-checker's time, from 0 to 1.

The score comes from a linear model (logistic regression) learned from
sentences people labelled: ClaimBuster's debate sentences and news-style
sentences written for this desk (``factcheck/data/checkworthiness/``, trained
by ``manage.py train_checkworthiness``, see ``factcheck/checkworthiness.py``).
Its inputs are

- word n-grams (single words and pairs: "per cent", "i think"),
- character n-grams of each word (so "tripled", "tripling" and "triple" share
  evidence; they are reported against the word they came from),
- the desk's own features below (``DESK_FEATURES``): a number, a percentage,
  money, a date, a quotation, an attribution verb, a named person or body, a
  comparison, a measured change; and against: a question, first-person or
  reader-addressing words outside quotations, hedges and opinion words,
  imperatives, figures of speech, promotional language, a very short sentence.

Because the model is linear, every score is a sum of contributions that can
be listed: ``explain()`` returns the words and features that raised or lowered
a sentence's score, which the claim's admin page shows to editors.

Optionally (a model trained with ``--with-meaning``; the committed one is not,
see BENCHMARKS.md), the file holds a second linear model that also weighs what
the sentence means: its embedding (``factcheck.embeddings``, 384 numbers from
all-MiniLM-L6-v2). Embedding costs about 10 ms of CPU a sentence, forty times
the rest, so it runs as a cascade: every sentence gets the wording model's
score, and only one whose score lies in the uncertain band (``Model.band``,
around the threshold; about 13% of an article's sentences) is embedded and
re-scored by the second model. Its explanation shows the meaning's 384
contributions as one line ("Resembles check-worthy sentences in meaning:
+0.8"): how far this sentence's meaning moves the score from that of an
average training sentence.

The committed model also holds a stack (the file's ``"stack"``): a spoken sentence (a
transcript's) whose wording score lies in the stack's band (the wording model is unsure) is read
by a fine-tuned transformer too (``factcheck.extraction.transformer``: the six layers of MiniLM, ONNX
Runtime, int8 weights, a few ms of CPU a sentence), and its logit becomes the wording's plus
the transformer's logit times a weight, plus an intercept, both fitted on development data (see
``factcheck.checkworthiness.fit_stack``, which also says why articles are scored by the wording
model alone for now). The explanation then lists the wording's evidence as above and the
transformer's share, with the words it weighed most: the sentence is re-scored by the transformer
with each word left out, and a word's weight is how much the share drops without it.

``THRESHOLD`` is stored with the model: the score at which the model had its
best F1 for the check-worthy class on the held-out part of the training data
when it was trained (the lowest of the thresholds within 0.005 of the best F1;
see ``factcheck.checkworthiness.measure``). Sentences scoring at least ``THRESHOLD`` become claims.

The model file is plain JSON (vocabulary, weights, threshold, the figures it
was trained to): loading it runs no code from the file, and takes a fraction
of a second. The wording score needs no numpy or scikit-learn, only this
module; the meaning needs ``factcheck.embeddings`` (numpy), loaded on first use.
"""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from .sentences import words

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "checkworthiness" / "model.json"
MIN_WORDS = 5

_I = re.IGNORECASE
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred"
    r"|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|third|quarter"
    r"|twice|double|doubled|tripled|five-fold|tenfold"
)
NUMBER = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", _I)
PERCENTAGE = re.compile(r"\d\s?%|\bper ?cent\b|\bpercentage points?\b", _I)
MONEY = re.compile(
    r"[$£€¥₹]\s?\d|\d\s?(?:p|c)\b|\b(?:dollars?|pounds?|euros?|yen|rupees?|billion|million|trillion)\b", _I
)
DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b|\b(?:last|next|this) (?:year|month|week|decade|century)\b"
    r"|\b\d+ (?:years?|months?|weeks?|days?) ago\b"
)
QUOTE = re.compile(r"[\"“”][^\"“”]{8,}[\"“”]")
ATTRIBUTION = re.compile(
    r"\b(?:said|says|claimed|claims|called|calls|told|tells|reported|reports|signaled|signalled|according to|announced"
    r"|estimates?|estimated|confirmed|stated|insisted|warned|found|showed|shows|concluded|revealed|disclosed)\b",
    _I,
)
NAMED = re.compile(r"(?<=[\w,;:] )(?:[A-Z][a-z]+|[A-Z]{2,})\b")
COMPARISON = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower|cheaper|worse|better)\s+than\b"
    r"|\b(?:most|least|largest|biggest|highest|lowest|fastest|slowest|smallest|worst|best|oldest|newest|first|only|last"
    r"|record|all-time|ever|unprecedented|top|leading|second-(?:largest|worst|best|highest|lowest)|since)\b"
    r"|\b\w+est\b(?=\s+(?:since|ever|on record|in))",
    _I,
)
MEASURED_CHANGE = re.compile(
    r"\b(?:rose|rise[ns]?|risen|fell|fall(?:s|en)?|increased?|increases|decreased?|decreases|grew|grown|grows|dropped|drops"
    r"|declined?|declines|cut|cuts|raised?|raises|climbed?|climbs|shrank|shrunk|slowed|lost|loses|gained?|gains|won"
    r"|killed|died|recorded|approved|voted|passed|signed|hit|reached|doubled|tripled|halved|soared|plunged|surged"
    r"|retreated|admitted|measured|employs|produced?|provided|spent|earned|paid)\b",
    _I,
)
FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|me|my|mine|myself|we|we're|we’re|us|our|ours|let's|let’s)\b"
)
READER = re.compile(r"\b(?:you|you're|you’re|you've|you’ve|you'd|you’d|your|yours|yourself)\b", _I)
OPINION = re.compile(
    r"\b(?:honestly|frankly|i think|i believe|i feel|in my (?:view|opinion)|maybe|perhaps|might|could|probably"
    r"|possibly|seems?|seemed|feels?|felt|apparently|arguably|clearly|obviously|surely|wild|kicker|basically"
    r"|pretty|really|totally|weird|strange|hopefully|unfortunately|sadly|luckily|bitter|messy|chaotic"
    r"|magic|amazing|incredible|terrible|awful|beautiful|ridiculous|absurd|crazy|insane|unflappable|"
    r"nobody|everyone knows|of course|believe|think|thinks|guess|hope|wonder|wondering|supposed to|kind of|sort of"
    r"|a bit|a lot)\b",
    _I,
)
IMPERATIVE_OPENERS = words(
    "think picture imagine remember watch monitor follow ignore check sign join look don't don’t do let let's let’s "
    "download call subscribe share consider take keep try make get click read see meet tell drop stay ask note "
    "grab find visit learn discover enjoy"
)
FIGURATIVE = re.compile(
    r"\blike (?:a|an|the|being|seeing|buying|one of|trying|watching|asking|arguing|someone|when)\b"
    r"|\bas if\b|\bas though\b|\bmetaphor\b|\bthink of\b|\bso to speak\b",
    _I,
)
PROMOTIONAL = re.compile(
    r"\b(?:committed to|world-class|leading provider|proud to|excellence|innovative|innovation|cutting-edge"
    r"|next-generation|empowers?|seamless|best-in-class|state-of-the-art|premier|unparalleled|delighted|thrilled"
    r"|exciting|passionate about|game-chang\w+|solutions? that)\b",
    _I,
)
# A sentence that points back at a figure in its paragraph: "That's a five-fold increase from 2024."
BACK_POINTER = re.compile(r"^[\"“]?(?:That|This|It|These|Those|The figure|The number|The rise|The fall)\b(?:'s|’s)?")

# Each desk feature: its name, what it means in an editor's words.
DESK_FEATURES = {
    "number": "a number",
    "percentage": "a percentage",
    "money": "an amount of money",
    "date": "a date or period",
    "quoted_statement": "a quotation",
    "attribution": "an attribution (said, according to …)",
    "named": "a name (a capitalised word inside the sentence)",
    "comparison": "a comparison or superlative (more than, the largest, since …)",
    "measured_change": "a measured change (rose, fell, cut, won …)",
    "figure_in_paragraph": "it points back at a figure in its paragraph (“That is …”)",
    "question": "a question",
    "first_person": "the writer's own voice (I, we, our) outside a quotation",
    "reader_address": "addresses the reader (you, your) outside a quotation",
    "opinion_or_hedge": "an opinion or hedging word (maybe, might, I think …)",
    "imperative": "an instruction to the reader (Think, Imagine, Click …)",
    "figurative": "a figure of speech (like a …, as if)",
    "promotional": "promotional language (world-class, committed to …)",
    "exclamation": "an exclamation",
    "too_short": f"too short to hold a claim (under {MIN_WORDS} words)",
}

_SIMPLE_FEATURES = (
    ("number", NUMBER),
    ("percentage", PERCENTAGE),
    ("money", MONEY),
    ("date", DATE),
    ("quoted_statement", QUOTE),
    ("attribution", ATTRIBUTION),
    ("named", NAMED),
    ("comparison", COMPARISON),
    ("measured_change", MEASURED_CHANGE),
)


def desk_features(sentence: str, context: str = "") -> dict[str, float]:
    """The desk's features that a sentence has, each 1.0 (hedges count up to two); the paragraph is optional."""
    found = {name: 1.0 for name, pattern in _SIMPLE_FEATURES if pattern.search(sentence)}
    own_words = QUOTE.sub(" ", sentence)  # a source's words in quotation marks are not the writer's
    stripped = sentence.rstrip("\"'”’») ")
    if context and BACK_POINTER.match(sentence) and NUMBER.search(context.replace(sentence, " ")):
        found["figure_in_paragraph"] = 1.0
    if stripped.endswith("?"):
        found["question"] = 1.0
    if FIRST_PERSON.search(own_words):
        found["first_person"] = 1.0
    if READER.search(own_words):
        found["reader_address"] = 1.0
    hedges = len(OPINION.findall(own_words))
    if hedges:
        found["opinion_or_hedge"] = float(min(hedges, 2))
    first_word = re.match(r"[\"“‘']?([\w'’]+)", sentence)
    if first_word and first_word.group(1).lower() in IMPERATIVE_OPENERS:
        found["imperative"] = 1.0
    if FIGURATIVE.search(own_words):
        found["figurative"] = 1.0
    if PROMOTIONAL.search(sentence):
        found["promotional"] = 1.0
    if stripped.endswith("!"):
        found["exclamation"] = 1.0
    if len(sentence.split()) < MIN_WORDS:
        found["too_short"] = 1.0
    return found


# Text features. The same functions turn text into terms when the model is trained (scikit-learn
# calls them as its analyzers) and when it scores, so the two cannot disagree.
_TOKEN = re.compile(r"\w+|[%$£€¥?!\"“”]")
CHAR_NGRAMS = (3, 5)


def _normalise(text: str) -> str:
    return re.sub(r"\d", "0", " ".join(text.split()).lower())


def word_terms(text: str) -> list[str]:
    """Words and word pairs, lower-cased, every digit read as 0 ("2.7%" and "3.1%" are alike)."""
    tokens = _TOKEN.findall(_normalise(text))
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def char_terms(text: str) -> list[str]:
    """Character n-grams inside each word, marked with the word they came from as ``gram|word``.

    The word is kept so an explanation can say which word a gram's weight belongs to; it is
    dropped (``char_key``) before the vocabulary is looked up.
    """
    terms = []
    low, high = CHAR_NGRAMS
    for word in _normalise(text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if n > len(padded):
                break
            terms.extend(f"{padded[i : i + n]}|{word}" for i in range(len(padded) - n + 1))
    return terms


def char_key(term: str) -> str:
    return term.rsplit("|", 1)[0]


def char_grams(text: str) -> list[str]:
    """``char_terms`` without the word marks: what the model's character vocabulary holds."""
    grams = []
    for word in _normalise(text).split():
        grams.extend(_word_grams(word))
    return grams


@lru_cache(maxsize=8192)  # words repeat ("the", "said"): a few MB saves most of the scoring time
def _word_grams(word: str) -> tuple[str, ...]:
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    length = len(padded)
    return tuple(padded[i : i + n] for n in range(low, min(high, length) + 1) for i in range(length - n + 1))


@dataclass(frozen=True)
class Reason:
    """One thing that moved a score: a word, a phrase or a desk feature, and by how much (log-odds)."""

    label: str
    weight: float


# What an editor calls the marks the model reads: `_TOKEN` keeps some as words of their own, and a mark
# standing alone between spaces ("--", "...") is a word of the character n-grams.
MARK_NAMES = {
    '"': "a quotation mark",
    "“": "an opening quotation mark",
    "”": "a closing quotation mark",
    "'": "an apostrophe",
    "‘": "an opening single quotation mark",
    "’": "a closing single quotation mark",
    "?": "a question mark",
    "!": "an exclamation mark",
    "%": "a per cent sign",
    "$": "a dollar sign",
    "£": "a pound sign",
    "€": "a euro sign",
    "¥": "a yen sign",
    ".": "a full stop",
    ",": "a comma",
    ";": "a semicolon",
    ":": "a colon",
    "(": "an opening bracket",
    ")": "a closing bracket",
    "[": "an opening square bracket",
    "]": "a closing square bracket",
    "-": "a hyphen",
    "–": "a dash",
    "—": "a long dash",
    "…": "an ellipsis",
    "&": "an ampersand",
    "/": "a slash",
    # Typed for the marks above in transcripts (ClaimBuster's debates among them).
    "--": "a dash typed as two hyphens",
    "...": "an ellipsis typed as three full stops",
    "''": "a closing quotation mark typed as two apostrophes",
    "``": "an opening quotation mark typed as two backquotes",
}


def _is_mark(text: str) -> bool:
    return not any(character.isalnum() for character in text)


def mark_label(marks: str) -> str:
    """Punctuation in words: "a question mark", "a full stop and a quotation mark"; an unnamed mark quoted."""
    if marks in MARK_NAMES:
        return MARK_NAMES[marks]
    names = [MARK_NAMES.get(mark, f"the mark “{mark}”") for mark in marks]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def word_label(word: str) -> str:
    """A word of the sentence as the explanation names it: “the word “biggest””, its punctuation in words, or
    a number in the form the model knows it (every digit is 0 to the model): “a number like “NNNN””."""
    if _is_mark(word):
        return mark_label(word)
    if "0" in word:
        return f"a number like “{word.replace('0', 'N')}” (N is any digit)"
    return f"the word “{word}”"


def term_label(term: str) -> str:
    """A word term of the model (``word_terms``) in an editor's words: "the word “biggest”", "the phrase “the
    biggest”", "a question mark", "“said” followed by a quotation mark".

    Each term keeps a label of its own, so no two terms' weights are added together that were not before.
    """
    parts = term.split(" ")
    if len(parts) == 1:
        return word_label(term)
    if not any(_is_mark(part) for part in parts):
        # (N is any digit: the model reads every digit as 0.)
        return f"the phrase “{term.replace('0', 'N')}”" + (" (N is any digit)" if "0" in term else "")
    return " followed by ".join(mark_label(part) if _is_mark(part) else f"“{part.replace('0', 'N')}”" for part in parts)


def reading_label(weight: float) -> str:
    """The transformer's share in an editor's words."""
    if weight >= 0:
        return "the transformer, reading the whole sentence and the one before it, finds it check-worthy"
    return "the transformer, reading the whole sentence and the one before it, finds it not check-worthy"


def meaning_label(weight: float) -> str:
    """The meaning's contribution in an editor's words."""
    if weight >= 0:
        return "resembles check-worthy sentences in meaning"
    return "resembles sentences that are not check-worthy in meaning"


@dataclass(frozen=True)
class Explanation:
    """What moved a score. ``meaning`` is None when the wording alone was clear (outside the band).

    ``reading`` is the transformer's share of the logit when it was consulted (None otherwise), and
    ``reading_raised`` / ``reading_lowered`` the words it weighed most: each word's weight is how much
    lower the transformer's share is when the sentence is re-scored without that word."""

    score: float
    raised: tuple[Reason, ...]
    lowered: tuple[Reason, ...]
    meaning: Reason | None = None
    reading: Reason | None = None
    reading_raised: tuple[Reason, ...] = ()
    reading_lowered: tuple[Reason, ...] = ()


class Linear:
    """One logistic regression over the wording (word and character n-grams, the desk's features) and,
    when it has ``meaning_weights``, the sentence's embedding too."""

    def __init__(self, data: dict):
        self.intercept = float(data["intercept"])
        self.words = {term: (idf, coef) for term, idf, coef in data["words"]}
        self.chars = {term: (idf, coef) for term, idf, coef in data["chars"]}
        self.desk = {name: float(coef) for name, coef in data["desk"].items()}
        # One weight per embedding dimension, and what an average training sentence's meaning adds
        # to the logit: the meaning is reported as this sentence's difference from that average.
        self.meaning_weights = data.get("weights")
        self.meaning_average = float(data.get("average", 0.0))
        self._meaning_array = None  # the weights as numpy, made on first use

    @staticmethod
    def _contributions(terms: list[str], vocabulary: dict, key=None) -> dict[str, float]:
        """Each term's share of the l2-normalised, sublinear TF-IDF dot product (as scikit-learn computes it)."""
        counts = Counter(terms)
        values, squares = {}, 0.0
        for term, count in counts.items():
            entry = vocabulary.get(key(term) if key else term)
            if entry is None:
                continue
            value = (1.0 + math.log(count)) * entry[0]
            values[term] = (value, entry[1])
            squares += value * value
        if not squares:
            return {}
        norm = math.sqrt(squares)
        return {term: value * coef / norm for term, (value, coef) in values.items()}

    @staticmethod
    def _dot(terms: list[str], vocabulary: dict) -> float:
        """The sum of ``_contributions`` in one pass, without keeping each term's share (the import's hot path)."""
        dot = squares = 0.0
        for term, count in Counter(terms).items():
            entry = vocabulary.get(term)
            if entry is not None:
                value = entry[0] if count == 1 else (1.0 + math.log(count)) * entry[0]
                dot += value * entry[1]
                squares += value * value
        return dot / math.sqrt(squares) if squares else 0.0

    def logit(self, sentence: str, context: str = "") -> float:
        """The logit with the sentence's meaning taken as the average one (add ``meaning()`` for its own)."""
        total = self.intercept + self.meaning_average
        total += self._dot(word_terms(sentence), self.words)
        total += self._dot(char_grams(sentence), self.chars)
        for name, value in desk_features(sentence, context).items():
            total += value * self.desk.get(name, 0.0)
        return total

    def meaning(self, vectors) -> list[float]:
        """Each embedding's contribution to the logit, against an average sentence's."""
        import numpy as np

        if self._meaning_array is None:
            self._meaning_array = np.array(self.meaning_weights, dtype=np.float32)
        return [float(value) - self.meaning_average for value in vectors @ self._meaning_array]

    def reasons(self, sentence: str, context: str = "") -> dict[str, float]:
        """The wording's contributions to the logit, by what an editor would call them."""
        by_label: dict[str, float] = {}
        for term, weight in self._contributions(word_terms(sentence), self.words).items():
            label = term_label(term)
            by_label[label] = by_label.get(label, 0.0) + weight
        for term, weight in self._contributions(char_terms(sentence), self.chars, key=char_key).items():
            # A word's grams count for the word without the punctuation around it ("made,\"" is "made").
            word = term.rsplit("|", 1)[1].strip(".,;:!?\"“”‘’'()[]") or term.rsplit("|", 1)[1]
            label = word_label(word)
            by_label[label] = by_label.get(label, 0.0) + weight
        for name, value in desk_features(sentence, context).items():
            if self.desk.get(name):
                by_label[DESK_FEATURES[name]] = by_label.get(DESK_FEATURES[name], 0.0) + value * self.desk[name]
        return by_label


class Stack:
    """The transformer's part (the file's ``"stack"``): for a sentence of a kind the stack covers
    (``"spoken"``; see ``factcheck.checkworthiness.fit_stack`` for why not ``"article"``) whose wording
    score lies in ``band``, the logit becomes the wording's plus ``weight`` × the transformer's logit
    plus ``intercept``."""

    def __init__(self, data: dict):
        self.band = tuple(data["band"])
        self.path = MODEL_PATH.parent / Path(data["file"]).name  # one of the files the desk ships
        self.kinds = {
            kind: (float(data[kind]["weight"]), float(data[kind]["intercept"])) for kind in KINDS if data.get(kind)
        }

    def consulted(self, wording_logit: float, *, spoken: bool) -> bool:
        """Whether the transformer reads a sentence of this kind with this wording logit."""
        low, high = self.band
        return kind_of(spoken) in self.kinds and low <= _sigmoid(wording_logit) < high

    def shares(self, sentences: list[str], contexts: list[str], *, spoken: bool) -> list[float]:
        """The transformer's share of each sentence's logit."""
        from .transformer import transformer

        weight, intercept = self.kinds[kind_of(spoken)]
        return [
            weight * value + intercept for value in transformer(self.path).logits(sentences, contexts, spoken=spoken)
        ]

    def words(self, sentence: str, context: str, *, spoken: bool) -> tuple[float, list[Reason]]:
        """The transformer's share of the logit, and each word's worth to it: the share less the share
        when the sentence is re-scored without that word (the text before it unchanged)."""
        from .transformer import transformer

        reader = transformer(self.path)
        weight, intercept = self.kinds[kind_of(spoken)]
        whole = weight * reader.logit(sentence, context, spoken=spoken) + intercept
        reasons = []
        for word, without in reader.without_each_word(sentence, context, spoken=spoken):
            label = mark_label(word) if _is_mark(word) else f"the word “{word}”"
            reasons.append(Reason(label, round(whole - (weight * without + intercept), 3)))
        return whole, reasons


KINDS = ("article", "spoken")


def kind_of(spoken: bool) -> str:
    return "spoken" if spoken else "article"


class Model:
    """A trained check-worthiness model, read from plain JSON (see ``factcheck.checkworthiness.save_model``).

    Two linear models: ``wording`` scores every sentence; ``with_meaning`` (the file's ``"meaning"``,
    absent in older files) re-scores those whose wording score lies in ``band``, adding the
    sentence's embedding to the same kinds of evidence. ``stack`` (the file's ``"stack"``), when
    there is one, adds the fine-tuned transformer's reading to the sentences whose wording score
    lies in its band.
    """

    def __init__(self, data: dict):
        self.threshold = float(data["threshold"])
        self.figures = data.get("figures", {})
        self.wording = Linear(data)
        meaning = data.get("meaning")
        self.with_meaning = Linear(meaning) if meaning else None
        self.band = tuple(meaning["band"]) if meaning else (0.0, 0.0)
        self.stack = Stack(data["stack"]) if data.get("stack") else None
        self.stack_data = data.get("stack")

    @classmethod
    def load(cls, path: Path) -> "Model":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def uncertain(self, logit: float) -> bool:
        """Whether a wording logit falls in the band where the sentence's meaning is worth computing."""
        low, high = self.band
        return self.with_meaning is not None and low <= _sigmoid(logit) < high

    def logits(self, sentences: list[str], contexts: list[str], *, spoken: bool = False) -> list[float]:
        """The cascade: each sentence's wording logit, or, where that is uncertain, the logit of the
        model with meaning (the uncertain sentences embedded in one batch); then, for the sentences
        in the stack's band, the transformer's share added."""
        pairs = list(zip(sentences, contexts, strict=True))
        totals = [self.wording.logit(sentence, context) for sentence, context in pairs]
        wording = list(totals)
        unsure = [position for position, total in enumerate(totals) if self.uncertain(total)]
        if unsure:
            from factcheck import embeddings

            vectors = embeddings.embed([sentences[position] for position in unsure])
            for position, meaning in zip(unsure, self.with_meaning.meaning(vectors), strict=True):
                totals[position] = self.with_meaning.logit(*pairs[position]) + meaning
        read = [p for p, total in enumerate(wording) if self.stack and self.stack.consulted(total, spoken=spoken)]
        if read:
            shares = self.stack.shares([sentences[p] for p in read], [contexts[p] for p in read], spoken=spoken)
            for position, share in zip(read, shares, strict=True):
                totals[position] += share
        return totals

    def scores(self, sentences: list[str], contexts: list[str] | None = None, *, spoken: bool = False) -> list[float]:
        """Scores in 0–1, as the importer computes them; `spoken` says the sentences were said out loud
        (the transformer weighs speech and writing each in its own way)."""
        contexts = contexts if contexts is not None else [""] * len(sentences)
        return [_sigmoid(total) for total in self.logits(sentences, contexts, spoken=spoken)]

    def score(self, sentence: str, context: str = "", *, spoken: bool = False) -> float:
        return self.scores([sentence], [context], spoken=spoken)[0]

    def explain(self, sentence: str, context: str = "", *, spoken: bool = False, top: int = 5) -> Explanation:
        """The words, phrases and features that raised or lowered this sentence's score, strongest first,
        and, when the meaning or the transformer was consulted, how much each moved the score."""
        part, meaning, reading, words = self.wording, None, None, []
        total = wording = part.logit(sentence, context)
        if self.uncertain(total):
            from factcheck import embeddings

            part = self.with_meaning
            weight = part.meaning(embeddings.embed([sentence]))[0]
            total = part.logit(sentence, context) + weight
            meaning = Reason(meaning_label(weight), round(weight, 3))
        if self.stack is not None and self.stack.consulted(wording, spoken=spoken):
            share, words = self.stack.words(sentence, context, spoken=spoken)
            total += share
            reading = Reason(reading_label(share), round(share, 3))
        by_label = part.reasons(sentence, context)
        reasons = sorted((Reason(label, round(weight, 3)) for label, weight in by_label.items()), key=_strength)
        words = sorted(words, key=_strength)
        return Explanation(
            score=_sigmoid(total),
            raised=tuple(reason for reason in reasons if reason.weight > 0)[:top],
            lowered=tuple(reason for reason in reasons if reason.weight < 0)[:top],
            meaning=meaning,
            reading=reading,
            reading_raised=tuple(reason for reason in words if reason.weight > 0)[:top],
            reading_lowered=tuple(reason for reason in words if reason.weight < 0)[:top],
        )


def _strength(reason: Reason) -> float:
    return -abs(reason.weight)


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


@cache
def model() -> Model:
    """The committed model, read once per process."""
    return Model.load(MODEL_PATH)


def score_sentences(
    sentences: list[str], contexts: list[str] | None = None, *, spoken: bool | None = None
) -> list[float]:
    """One check-worthiness score in 0–1 per sentence, from the model and threshold the importer uses.

    `contexts` (optional) gives each sentence's paragraph, which helps a sentence such as
    "That is a five-fold increase." that points back at a figure. `spoken` says the sentences were
    said out loud (a transcript's), each with its previous turn as context, and False that they are
    an article's: the importer always says which. A caller that does not say (None) gets the
    general reading, the one fitted and measured on the public labelled sets (debates, speeches,
    interviews): the wording model with the transformer, as for spoken sentences. Only a text known
    to be an article is scored by the wording model alone (see ``fit_stack`` for why).
    """
    spoken = True if spoken is None else spoken
    contexts = contexts if contexts is not None else [""] * len(sentences)
    if len(contexts) != len(sentences):
        raise ValueError(f"{len(sentences)} sentences but {len(contexts)} contexts")
    return [round(score, 4) for score in model().scores(sentences, contexts, spoken=spoken)]


def threshold() -> float:
    """The score from which a sentence is a claim (chosen on held-out data for best F1)."""
    return model().threshold


def __getattr__(name: str):
    # ``THRESHOLD`` reads the model lazily, so importing this module never needs the model file,
    # and a retrained model's threshold is seen at once.
    if name == "THRESHOLD":
        return threshold()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def explain(sentence: str, context: str = "", *, spoken: bool | None = None, top: int = 5) -> Explanation:
    """Why `sentence` has its score from ``score_sentences`` with the same `spoken`, from the model that gives it."""
    return model().explain(sentence, context, spoken=True if spoken is None else spoken, top=top)
