"""Who makes a claim: the claimant of a sentence, or None for the article's own assertion.

Forms recognised, in this order:

1. "according to X" (also "according to a 2019 study by X"), and "according
   to the company" / "the academy", which points back to the last organisation
   named with that word (any organisation for "company" and "firm").
2. "X said …", "X, the mayor, said …", "X also told reporters that …",
   "X claimed …", "X called Y the …": a named actor right before a speech verb.
3. "…, said X" / "'…,' says X": the verb after a closing comma or quote.
4. "the company said …": as in 1.
5. "he said", "she claimed", "with him admitting …": the nearest fitting
   antecedent, read back from the sentence: the last person (or unnamed
   speaker such as "a spokesman", "an official") whose gender, when known,
   fits the pronoun. An unnamed speaker gives no claimant, or the
   organisation they speak for ("a spokeswoman for the Rail Delivery Group").
6. A sentence that is only a quotation continues the previous sentence's
   claimant within the same paragraph.

A sentence with none of these has no claimant. A claimant is a person or an
organisation that made the statement, never a place, a constituency, a date
or a section of the paper: a name right after "MP for", "represents", "in",
"from" …, a name of kind "other" (an event, a place) and a day, month or
section name are never claimants.

``quotation()`` says whether the claimant's own words are given
(``QUOTE``: the sentence is mostly inside quotation marks) or the article's
paraphrase of them (``PARAPHRASE``).
"""

import re

from .actors import ADVERBS as _ADVERBS
from .actors import ORGANIZATION, OTHER, PERSON, PLACE_BEFORE, SPEECH_AFTER, SPEECH_VERBS, ActorIndex, _after, _before
from .sentences import words

QUOTE, PARAPHRASE = "quote", "paraphrase"

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
# Never claimants, whatever the actor finder thought: days, months, sections of a paper, bare roles.
NOT_CLAIMANTS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december politics business world opinion sport sports technology tech culture "
    "lifestyle travel health science money news live uk us europe mp mps msp mep meps"
)
UNNAMED_SPEAKER = re.compile(
    r"\b(?:a|an|the|one|another|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(spokesman|spokeswoman|spokesperson|official|aide|source|diplomat|adviser|advisor|analyst|economist"
    r"|negotiator|representative|insider|witness|resident|lawyer|director|executive|officer)\b",
    re.IGNORECASE,
)
FEMALE = words(
    "she her ms ms. mrs mrs. miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman"
)
MALE = words("he him mr mr. sir lord king prince spokesman chairman congressman businessman")
HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|spokeswoman|spokesman|chairwoman|chairman)\.?\s+$")
PRONOUN_GENDER = re.compile(r"\b([Hh]e|[Ss]he|him|her)\b")
# Between a person's name and their organisation's: "Helen Okafor of ", "Okafor, of the ", "Okafor at ".
PERSON_OF_ORGANISATION = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?")
# A sentence opening with a concessive clause ("While the minister says …, figures show …"): what is
# said in the clause is set against the main clause, which is the article's own statement.
CONCESSIVE_CLAUSE = re.compile(r"^(?:[\"“‘']\s*)?(?:While|Whilst|Whereas|Although|Though|Even though|Even as)\b[^,]*,")


class _Antecedent:
    """Someone a later "he" or "she" may mean: a named actor, or an unnamed speaker (name None)."""

    def __init__(self, name: str | None, gender: str | None):
        self.name, self.gender = name, gender


class ClaimantFinder:
    """Reads an article's sentences in order and names each one's claimant.

    It remembers the people (and unnamed speakers) named so far, nearest last, for pronouns;
    the organisations, for back-references ("the company said"); and the previous sentence's
    claimant, for quotations that run on.
    """

    def __init__(self, index: ActorIndex):
        self.index = index
        self.antecedents: list[_Antecedent] = []
        self.genders: dict[str, str] = {}
        self.organisations: list[str] = []
        self.previous: str | None = None

    @property
    def last_person(self) -> str | None:
        people = [antecedent for antecedent in self.antecedents if antecedent.name]
        return people[-1].name if people else None

    def new_paragraph(self) -> None:
        self.previous = None

    def claimant(self, sentence: str) -> str | None:
        """The claimant's canonical name, or None; call once per sentence, in order."""
        mentions = [mention for mention in self.index.mentions(sentence) if self._may_speak(sentence, mention)]
        found = self._find(sentence, mentions)
        pronoun = PRONOUN.search(sentence)
        if pronoun and found and self.index.kind(found) == PERSON:
            self._learn_gender(found, pronoun.group(0).split()[0])
        self._remember(sentence, mentions)
        if found and self.index.kind(found) == PERSON:
            self._push(found)
        self.previous = found
        return found

    def quotation(self, sentence: str) -> str:
        """QUOTE when the sentence is mostly the claimant's own words in quotation marks, else PARAPHRASE."""
        quoted = sum(len(match.group(0).split()) for match in _QUOTED.finditer(sentence))
        return QUOTE if quoted * 2 >= len(sentence.split()) else PARAPHRASE

    def _may_speak(self, sentence: str, mention) -> bool:
        """False for a name that is a place, constituency, date or section here, whatever its kind elsewhere."""
        if self.index.kind(mention.name) == OTHER or mention.name.casefold() in NOT_CLAIMANTS:
            return False
        return not PLACE_BEFORE.search(sentence[: mention.start])

    def _remember(self, sentence: str, mentions) -> None:
        events = [(mention.start, "actor", mention) for mention in mentions]
        for match in UNNAMED_SPEAKER.finditer(sentence):
            if re.match(
                rf"\s*(?:,[^,]{{1,80}},\s*)?(?:(?:for|at|of|from)\s+[^,]{{1,60}}?\s+)?{_ADVERBS}(?:{SPEECH_VERBS})\b",
                sentence[match.end() :],
            ):
                events.append((match.start(), "unnamed", match))
        for _, what, item in sorted(events, key=lambda event: event[0]):
            if what == "actor":
                if self.index.kind(item.name) == PERSON:
                    self._push(item.name)
                    honorific = HONORIFIC_BEFORE.search(sentence[: item.start])
                    if honorific:
                        self._learn_gender(item.name, honorific.group(1))
                elif item.name in self.organisations:
                    self.organisations.remove(item.name)
                    self.organisations.append(item.name)
                else:
                    self.organisations.append(item.name)
            else:
                # "a spokeswoman for the Rail Delivery Group said": she speaks for the organisation.
                speaks_for = next(
                    (
                        mention.name
                        for mention in self.index.mentions(sentence)
                        if self.index.kind(mention.name) != PERSON
                        and item.start() - 40 <= mention.start <= item.end() + 60
                    ),
                    None,
                )
                noun = item.group(1).lower()
                gender = "f" if noun in FEMALE else "m" if noun in MALE else None
                self.antecedents.append(_Antecedent(speaks_for, gender))

    def _push(self, name: str) -> None:
        self.antecedents = [antecedent for antecedent in self.antecedents if antecedent.name != name]
        self.antecedents.append(_Antecedent(name, self.genders.get(name)))

    def _learn_gender(self, name: str, word: str) -> None:
        word = word.lower().rstrip(".")
        gender = "f" if word in FEMALE else "m" if word in MALE else None
        if gender and name not in self.genders:
            self.genders[name] = gender
            for antecedent in self.antecedents:
                if antecedent.name == name:
                    antecedent.gender = gender

    def _pronoun_antecedent(self, pronoun: str) -> str | None:
        wanted = "f" if pronoun.lower() in {"she", "her"} else "m"
        for antecedent in reversed(self.antecedents):
            gender = antecedent.gender or (self.genders.get(antecedent.name) if antecedent.name else None)
            if gender in (None, wanted):
                return antecedent.name
        return None

    def _find(self, sentence: str, mentions) -> str | None:
        for match in ACCORDING_TO.finditer(sentence):
            start, end = match.span(1)
            for mention in mentions:
                if start <= mention.start < end:
                    return mention.name
            reference = BACK_REFERENCE.match(sentence, match.start())
            # "according to figures published by the authority": the authority named before is the source.
            by = re.search(r"\b(?:by|from)\s+(?=the\s)", sentence[start:end])
            reference = reference or (by and BACK_REFERENCE.match(sentence, start + by.end()))
            if reference:
                return self._organisation(reference.group(1))
        concessive = CONCESSIVE_CLAUSE.match(sentence)
        for position, mention in enumerate(mentions):
            if concessive and mention.start < concessive.end():
                continue
            after, before = _after(sentence, mention.end), _before(sentence, mention.start)
            if SPEECH_AFTER.match(after) or INVERTED_BEFORE.search(before):
                # "Professor Helen Okafor of Brightwater University said": the professor speaks, not her university.
                person = mentions[position - 1] if position else None
                if (
                    person is not None
                    and self.index.kind(person.name) == PERSON
                    and self.index.kind(mention.name) != PERSON
                    and PERSON_OF_ORGANISATION.fullmatch(sentence[person.end : mention.start])
                ):
                    return person.name
                return mention.name
        for reference in BACK_REFERENCE.finditer(sentence):
            if reference.group(0).lower().startswith("the") and re.search(
                rf"(?:{SPEECH_VERBS})\b$", reference.group(0)
            ):
                return self._organisation(reference.group(1))
        pronoun = PRONOUN.search(sentence)
        if pronoun:
            return self._pronoun_antecedent(pronoun.group(0).split()[0])
        if sentence[:1] in _QUOTE_OPENERS and not any(m for m in mentions):
            return self.previous
        return None

    def _organisation(self, noun: str) -> str | None:
        noun = noun.lower()
        for name in reversed(self.organisations):
            # An organisation, never a country: "the company" in a story about a U.S. plant is not the United States.
            if self.index.kind(name) == ORGANIZATION and (noun in {"company", "firm", "group"} or noun in name.lower()):
                return name
        return None


_QUOTED = re.compile(r"[\"“][^\"“”]+[\"”]|‘[^‘’]{8,}’")


def quoted_spans(text: str) -> list[str]:
    """The passages of `text` inside quotation marks, without the marks."""
    return [match.group(0)[1:-1].strip() for match in _QUOTED.finditer(text)]
