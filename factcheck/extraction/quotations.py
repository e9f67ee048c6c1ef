"""Where a sentence quotes someone: its passages inside quotation marks, and what they tell the claimant finder.

A quotation the sentence opens and does not close runs on: by convention the next paragraph goes on with
the same speaker's words. A speech verb outside the quotation marks says someone outside them is speaking;
without one, a sentence that opens with a quotation goes on with the last speaker. A quotation at least
``MIN_QUOTE_WORDS`` long, at the start of a sentence or after the verb that introduces it, gives the
speaker's own words, not a phrase the article borrows. ``quoted_spans`` gives a claim's quoted passages
without their marks.
"""

import re

from .cues import SPEECH_VERBS

_QUOTE_OPENERS = "\"“‘'«„"

# Quotation marks as English writes them, and as the other languages of the desk's pages do: «…» (French,
# Spanish, Italian) and „…“ (German).
_QUOTED = re.compile(r"[\"“][^\"“”]+[\"”]|‘[^‘’]{8,}’|«[^«»]+»|„[^„“”]+[“”]")
# A quotation this long is the speaker's words, not a phrase the article borrows.
MIN_QUOTE_WORDS = 4
_OPENING_QUOTE = re.compile(r"^(?:[\"“‘][^\"“”]+(?:[\"”’]|$)|«[^«»]+(?:»|$)|„[^„“”]+(?:[“”]|$))")
# The speaker's words, introduced by the verb that says whose they are: "X said: “…”", "according to X, “…”",
# and after "that" with at most a few words of the article's between ("warned that there is “absolutely no room
# for compromise”", "… and that “Mexico remains …”"). Not a phrase quoted further into the article's own clause
# ("said the decision did “not modify …”"), which stays a paraphrase.
_INTRODUCER = rf"\b(?:{SPEECH_VERBS}|according to|statement|saying|adding|warning)\b"
_INTRODUCED_QUOTE = re.compile(rf"{_INTRODUCER}[^\"“”]{{0,60}}?[:,]\s*[\"“]([^\"“”]+)")
_QUOTE_AFTER_THAT = re.compile(r"\bthat(?:\s+[^\s\"“”]+){0,3}?\s*[\"“]([^\"“”]+)")
_SPEECH_VERB = re.compile(_INTRODUCER)


def introduced_quote(sentence: str) -> str | None:
    """The first quotation a speech verb introduces (see ``_INTRODUCED_QUOTE``), without its marks, or None."""
    introduced = _INTRODUCED_QUOTE.search(sentence)
    if introduced:
        return introduced.group(1)
    for after_that in _QUOTE_AFTER_THAT.finditer(sentence):
        if _SPEECH_VERB.search(sentence, 0, after_that.start()):
            return after_that.group(1)
    return None


def _open_quote(sentence: str) -> int | None:
    """Where a quotation opens that the sentence does not close, or None."""
    closed = [match.end() for match in _QUOTED.finditer(sentence)]
    rest_from = closed[-1] if closed else 0
    opened = re.search(r"[\"“«„]", sentence[rest_from:])
    return rest_from + opened.start() if opened else None


def _quote_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in the sentence, one left open at its end included."""
    spans = [(match.start(), match.end()) for match in _QUOTED.finditer(sentence)]
    opened = _open_quote(sentence)
    if opened is not None:
        spans.append((opened, len(sentence)))
    return spans


def _said_outside(sentence: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether a speech verb stands outside the quotations: then someone outside them is speaking."""
    outside, last = [], 0
    for start, end in sorted(quotes):
        outside.append(sentence[last:start])
        last = max(last, end)
    outside.append(sentence[last:])
    return bool(re.search(rf"\b(?:{SPEECH_VERBS})\b|\b(?:according to|según|selon|laut|segundo)\b", " ".join(outside)))


def _leaves_quote_open(sentence: str) -> bool:
    """A paragraph that ends inside a quotation: by convention the next paragraph opens with the same speaker's
    words."""
    return _open_quote(sentence) is not None


def quoted_spans(text: str) -> list[str]:
    """The passages of `text` inside quotation marks, without the marks."""
    return [match.group(0)[1:-1].strip() for match in _QUOTED.finditer(text)]
