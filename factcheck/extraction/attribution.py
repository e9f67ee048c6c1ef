"""Who makes a claim: the claimant of a sentence, or None for the article's own assertion.

Forms recognised, in this order:

1. "according to X" (also "according to a 2019 study by X"), and "according
   to the company" / "the academy", which points back to the last organisation
   named with that word (any organisation for "company" and "firm").
2. "X said …", "X, the mayor, said …", "X also told reporters that …",
   "X claimed …", "X called Y the …": a named actor right before a speech verb.
3. "…, said X" / "'…,' says X": the verb after a closing comma or quote.
4. "the company said …": as in 1.
5. "he said", "she claimed", "with him admitting …": the last person named.
6. A sentence that is only a quotation continues the previous sentence's
   claimant within the same paragraph.

A sentence with none of these has no claimant.
"""

import re

from .actors import ADVERBS as _ADVERBS
from .actors import PERSON, SPEECH_AFTER, SPEECH_VERBS, ActorIndex, _after, _before

INVERTED_BEFORE = re.compile(
    r"[,\"”’]\s*(?:said|says|added|explained|wrote|told|claimed|insisted|warned)\s+(?:[A-Za-z.’'-]+\s+){0,3}$"
)
ACCORDING_TO = re.compile(r"\baccording to\s+([^,;]{0,80})", re.IGNORECASE)
BACK_REFERENCE = re.compile(
    r"\b(?:according to )?the (company|firm|group|department|ministry|agency|academy|bank|council|government"
    r"|university|institute|organi[sz]ation|office|commission|committee|board|authority|association|club|party)"
    rf"(?:'s)?\b(?:\s+{_ADVERBS}(?:{SPEECH_VERBS})\b)?",
    re.IGNORECASE,
)
PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)\s+{_ADVERBS}(?:{SPEECH_VERBS})\b"
    r"|\b(?:him|her)\s+(?:admitting|saying|claiming|insisting|telling|arguing|conceding|acknowledging|declaring|adding)\b"
)
_QUOTE_OPENERS = "\"“‘'«"


class ClaimantFinder:
    """Reads an article's sentences in order and names each one's claimant.

    It remembers the last person and organisations named, for pronouns and
    back-references, and the previous sentence's claimant, for quotations that
    run on.
    """

    def __init__(self, index: ActorIndex):
        self.index = index
        self.last_person: str | None = None
        self.organisations: list[str] = []
        self.previous: str | None = None

    def new_paragraph(self) -> None:
        self.previous = None

    def claimant(self, sentence: str) -> str | None:
        """The claimant's canonical name, or None; call once per sentence, in order."""
        mentions = self.index.mentions(sentence)
        found = self._find(sentence, mentions)
        for mention in mentions:
            kind = self.index.kind(mention.name)
            if kind == PERSON:
                self.last_person = mention.name
            elif mention.name in self.organisations:
                self.organisations.remove(mention.name)
                self.organisations.append(mention.name)
            else:
                self.organisations.append(mention.name)
        if found and self.index.kind(found) == PERSON:
            self.last_person = found
        self.previous = found
        return found

    def _find(self, sentence: str, mentions) -> str | None:
        for match in ACCORDING_TO.finditer(sentence):
            start, end = match.span(1)
            for mention in mentions:
                if start <= mention.start < end:
                    return mention.name
            reference = BACK_REFERENCE.match(sentence, match.start())
            if reference:
                return self._organisation(reference.group(1))
        for mention in mentions:
            after, before = _after(sentence, mention.end), _before(sentence, mention.start)
            if SPEECH_AFTER.match(after) or INVERTED_BEFORE.search(before):
                return mention.name
        for reference in BACK_REFERENCE.finditer(sentence):
            if reference.group(0).lower().startswith("the") and re.search(
                rf"(?:{SPEECH_VERBS})\b$", reference.group(0)
            ):
                return self._organisation(reference.group(1))
        if PRONOUN.search(sentence):
            return self.last_person
        if sentence[:1] in _QUOTE_OPENERS and not any(m for m in mentions):
            return self.previous
        return None

    def _organisation(self, noun: str) -> str | None:
        noun = noun.lower()
        for name in reversed(self.organisations):
            if self.index.kind(name) != PERSON and (noun in {"company", "firm", "group"} or noun in name.lower()):
                return name
        return None
