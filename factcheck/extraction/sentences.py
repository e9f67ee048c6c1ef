"""Split a paragraph into sentences, the way a reader would.

A full stop ends a sentence only when what follows looks like a new one (a
capital, a digit, an opening quote). It does not end one after a title or a
month ("Dr.", "Sen.", "Jan."), after an initial ("John F. Kennedy"), inside a
number ("2.7%", "1,000"), or inside a quotation that closes later in the same
paragraph ("'It is over. We lost,' he said." is one sentence). Abbreviations
that often close a sentence ("U.S.", "a.m.", "Inc.") end one only when the
next word is a usual sentence opener ("The", "He", "But" …).
"""

import re


def words(text: str) -> frozenset[str]:
    """A set of words written as one spaced string, easier to read and extend than a list."""
    return frozenset(text.split())


# Never the end of a sentence: a title or a month is always followed by more.
NEVER_FINAL = words(
    "mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st mt ft rev hon pres supt det insp "
    "jan feb mar apr jun jul aug sep sept oct nov dec vs v fig figs approx dept est vol pp e.g i.e cf al no nos "
    "ave blvd rd hwy ph.d m.d b.a m.a"
)
# Often, but not always, the last word of a sentence.
MAYBE_FINAL = words("u.s u.k u.n e.u d.c a.m p.m etc inc co corp ltd jr sr llc plc bros n.y l.a")
# Words that open a new sentence after an abbreviation such as "U.S." or "a.m.".
OPENERS = words(
    "the a an he she it they we i you his her its their our this that these those there then but and so yet "
    "however meanwhile still in on at for after before when while if as since officials police"
)
# Paired quotation marks; straight double quotes toggle.
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
# Chinese and Japanese full stops end a sentence with no space after them: "…上涨0.3%。其中，…".
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|[。！？]+[”’」』）]*")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"'”’»)\]]*$")
MAX_QUOTE_CHARS = 600


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation that opens and closes within the text."""
    spans = []
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for index, char in enumerate(text):
        if char == '"':
            if straight_open is None:
                straight_open = index
            else:
                spans.append((straight_open, index))
                straight_open = None
        elif char in _OPEN_QUOTES and not (char == "“" and stack and stack[-1][0] == "„"):
            stack.append((_OPEN_QUOTES[char], index))
        elif stack and char == stack[-1][0]:
            spans.append((stack.pop()[1], index))
    return [(start, end) for start, end in spans if end - start <= MAX_QUOTE_CHARS]


def _is_boundary(text: str, end: int, punctuation: str) -> bool:
    rest = text[end:].lstrip()
    if not rest:
        return True
    first = rest[0]
    if any(stop in punctuation for stop in "。！？"):
        # 「…。」と述べた: a quotation's last sentence, which the quoting particle carries on
        return not (punctuation[-1] in "」』”’" and rest.startswith(("と", "って")))
    # a German quotation opens with „ or ‚; a Japanese one with 「
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«„‚「『([—–-"):
        return False
    if punctuation == "!" and re.search(r"(?:^|\s)[A-Z]$", text[max(0, end - 3) : end - 1]):
        return False  # a brand's exclamation mark: "a report by E! News"
    if "." not in punctuation or any(mark in punctuation for mark in "!?…"):
        return True
    before = _WORD_BEFORE.search(text[max(0, end - 80) : end])  # a window: scanning all of text is quadratic
    word = before.group(1).rstrip(".").lower() if before else ""
    if word in NEVER_FINAL:
        # "No." is an abbreviation only before a number ("No. 10").
        return word == "no" and not first.isdigit()
    if len(word) == 1 and word.isalpha() and text[end - 2 : end - 1].isupper():
        return False  # an initial: "John F. Kennedy"
    if word in MAYBE_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        next_word = re.match(r"[\w']+", rest.lstrip("\"'“‘«(["))
        return bool(next_word) and next_word.group(0).lower() in OPENERS
    return True


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, stripped; an empty paragraph gives an empty list."""
    text = " ".join(text.split())
    if not text:
        return []
    quotes = _quote_spans(text)
    sentences, start = [], 0
    for match in _END.finditer(text):
        end = match.end()
        if any(open_at < match.start() and end <= close_at for open_at, close_at in quotes):
            continue
        if _is_boundary(text, end, match.group(0)):
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
