"""Check-worthiness: how much a sentence is worth a fact-checker's time, from 0 to 1.

The score is ``BASE`` plus the weights of the features a sentence has, minus
the weights of its penalties, clipped to 0–1. Sentences scoring at least
``THRESHOLD`` become claims. Every weight is in ``FEATURES`` or ``PENALTIES``
below, and ``score()`` returns which ones fired, so an editor can see why a
sentence was picked.

Features (things that can be checked): numbers, percentages, money, dates,
quoted statements, attribution verbs (said, says, claimed, called, told,
reported, signaled, according to …), named actors, comparatives and
superlatives ("more than", "the largest", "record"), and verbs of measured
change ("rose", "fell", "cut", "won").

Penalties (things that cannot be, or are not news): questions, first-person
anecdote, words of opinion and hedging ("honestly", "I think", "maybe",
"might"), imperatives ("Think about that"), addressing the reader ("you"),
similes and metaphors ("like a …", "as if"), promotional language
("world-class", "committed to"), exclamations and fragments too short to hold
a claim. First-person and reader words inside a quotation are a source's
words, not the writer's, and are not penalised.

The threshold was set on the hand-labelled articles in
``tests/fixtures/articles/`` (``tests/extraction/test_claim_selection.py``
prints precision, recall and F1); a sentence needs, for example, a number and
a date, or a number and an attribution, to pass.
"""

import re
from dataclasses import dataclass

from .sentences import words

BASE = 0.2
THRESHOLD = 0.5

FEATURES = {
    "number": 0.2,
    "percentage": 0.15,
    "money": 0.15,
    "date": 0.1,
    "quoted_statement": 0.05,
    "attribution": 0.15,
    "named_actor": 0.1,
    "comparison": 0.15,
    "measured_change": 0.1,
}
PENALTIES = {
    "question": 0.5,
    "first_person": 0.35,
    "reader_address": 0.25,
    "opinion_or_hedge": 0.2,  # per word, at most two
    "imperative": 0.35,
    "figurative": 0.3,
    "promotional": 0.4,
    "exclamation": 0.2,
    "too_short": 0.3,
}
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
    r"|pretty|really|literally|totally|weird|strange|hopefully|unfortunately|sadly|luckily|bitter|messy|chaotic"
    r"|magic|amazing|incredible|terrible|awful|beautiful|ridiculous|absurd|crazy|insane|unflappable|spin|"
    r"nobody|everyone knows|of course|believe|think|thinks|guess|hope|wonder|wondering|supposed to|kind of|sort of"
    r"|a bit|a lot|mostly agree|big part)\b",
    _I,
)
IMPERATIVE_OPENERS = words(
    "think picture imagine remember watch monitor follow ignore check sign join look don't don’t do let let's let’s "
    "download call subscribe share consider take keep try make get click read see meet tell drop stay ask note "
    "grab find visit learn discover enjoy"
)
FIGURATIVE = re.compile(
    r"\blike (?:a|an|the|being|seeing|buying|one of|trying|watching|asking|arguing|someone|when)\b"
    r"|\bas if\b|\bas though\b"
    r"|\bmetaphor\b|\bthink of\b|\bso to speak\b",
    _I,
)
PROMOTIONAL = re.compile(
    r"\b(?:committed to|world-class|leading provider|proud to|excellence|innovative|innovation|cutting-edge"
    r"|next-generation|empowers?|seamless|best-in-class|state-of-the-art|premier|unparalleled|delighted|thrilled"
    r"|exciting|passionate about|game-chang\w+|solutions? that)\b",
    _I,
)


@dataclass(frozen=True)
class Score:
    value: float
    features: tuple[str, ...]
    penalties: tuple[str, ...]

    @property
    def checkworthy(self) -> bool:
        return self.value >= THRESHOLD


_FEATURE_PATTERNS = (
    ("number", NUMBER),
    ("percentage", PERCENTAGE),
    ("money", MONEY),
    ("date", DATE),
    ("quoted_statement", QUOTE),
    ("attribution", ATTRIBUTION),
    ("comparison", COMPARISON),
    ("measured_change", MEASURED_CHANGE),
)


def _outside_quotes(sentence: str) -> str:
    return QUOTE.sub(" ", sentence)


def score(sentence: str, *, actor_count: int = 0) -> Score:
    """The sentence's check-worthiness, with the features and penalties that decided it."""
    features = [name for name, pattern in _FEATURE_PATTERNS if pattern.search(sentence)]
    if actor_count:
        features.append("named_actor")
    penalties = []

    own_words = _outside_quotes(sentence)
    stripped = sentence.rstrip("\"'”’») ")
    if stripped.endswith("?"):
        penalties.append("question")
    if FIRST_PERSON.search(own_words):
        penalties.append("first_person")
    if READER.search(own_words):
        penalties.append("reader_address")
    hedges = OPINION.findall(own_words)
    penalties.extend(["opinion_or_hedge"] * min(len(hedges), 2))
    first_word = re.match(r"[\"“‘']?([\w'’]+)", sentence)
    if first_word and first_word.group(1).lower() in IMPERATIVE_OPENERS:
        penalties.append("imperative")
    if FIGURATIVE.search(own_words):
        penalties.append("figurative")
    if PROMOTIONAL.search(sentence):
        penalties.append("promotional")
    if stripped.endswith("!"):
        penalties.append("exclamation")
    if len(sentence.split()) < MIN_WORDS:
        penalties.append("too_short")

    value = BASE + sum(FEATURES[name] for name in features) - sum(PENALTIES[name] for name in penalties)
    return Score(round(min(1.0, max(0.0, value)), 3), tuple(features), tuple(penalties))
