"""Who a sentence means when it does not name its speaker, read back from what the article named before.

- A pronoun ("he said", "with her admitting …"): the nearest fitting person named before it, whose
  gender, when the article has shown it ("Mr", "she said"), fits the pronoun.
- An organisation by its kind ("the company said", "according to the academy"): the last organisation
  named with that word (any organisation for "company", "firm" and "group", but never a news outlet).
- A role alone ("Austria's interior minister said"): the one person the article gives that role.
- An unnamed speaker ("a spokeswoman for the Rail Delivery Group said"): the organisation they speak for,
  never the one they spoke to ("told The Lantern").

``ReferencesMixin`` holds this part of ``attribution.ClaimantFinder``: what it remembers of the people and
organisations named so far, nearest last, and how it reads them back.
"""

import re

from .cues import ADVERBS as _ADVERBS
from .cues import SPEECH_VERBS
from .gazetteer import ORGANIZATION, PERSON
from .quotations import _quote_spans
from .sentences import words
from .webpage import known_outlet

# "a company spokesperson", "a ministry official": the noun that says which organisation they speak for.
_ORGANISATION_NOUN = re.compile(
    r"\b(company|firm|group|department|ministry|agency|academy|bank|council|government|university|institute"
    r"|organi[sz]ation|office|commission|committee|board|authority|association|club|party|label)\b",
    re.IGNORECASE,
)
# A speaker named by their role alone: "Austria's interior minister said", "A California transit chief says".
ROLE_SPEAKER = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?['’]s)\s+(?:[A-Z][\w.'’-]*\s+)?"
    r"(?P<role>(?:[a-z-]+\s+){0,2}?(?:minister|secretary|ambassador|chief|commissioner|director|governor|mayor|president"
    r"|prosecutor|commander|administrator|chairman|chairwoman|chair|envoy|premier|chancellor|superintendent|sheriff"
    # "the President-elect fumed"
    r"|[Pp]resident-elect))"
    r"(?:\s+(?:to|of|for|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
    rf"\s*(?:,[^,]{{1,80}},\s*)?{_ADVERBS}(?:{SPEECH_VERBS})\b"
)
UNNAMED_SPEAKER = re.compile(
    r"\b(?:a|an|the|one|another|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(spokesman|spokeswoman|spokesperson|official|aide|source|diplomat|adviser|advisor|analyst|economist"
    r"|negotiator|representative|insider|witness|resident|lawyer|director|executive|officer|journalist|reporter"
    r"|correspondent)\b",
    re.IGNORECASE,
)
_SPEAKS = re.compile(
    rf"\s*(?:,[^,]{{1,80}},\s*)?(?:(?:for|at|of|from|in)\s+[^,]{{1,60}}?\s+)?{_ADVERBS}(?:{SPEECH_VERBS})\b"
)
_TOLD = re.compile(r"\b(?:told|tells|tell|telling|informed|asked|wrote to|emailed to|sent to)\s+(?:the\s+|The\s+)?$")
FEMALE = words(
    "she her ms ms. mrs mrs. miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman"
)
MALE = words("he him mr mr. sir lord king prince spokesman chairman congressman businessman")
HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|spokeswoman|spokesman|chairwoman|chairman)\.?\s+$")


# "the company said", "the brokerage said": whichever organisation, not a news outlet, was named last.
# What the news calls an outlet it has named: "according to the news site", "the newspaper reported".
NEWS_OUTLET = words("newspaper site outlet broadcaster magazine")
ANY_COMPANY = words("company firm group brokerage lender insurer retailer carmaker automaker airline")


# The words that name a body of the kind a back-reference says: an agency may be an "Administration" or a "Bureau".
SAME_KIND = {
    # "the UN agency" of the World Health Organization, "the lending agency" of the International Monetary Fund
    "agency": words(
        "administration bureau service authority commission directorate inspectorate protection fund organization "
        "organisation programme program department"
    ),
    # "the group" of an association, a lobby or a campaign ("the Canadian Real Estate Association")
    "group": words("association federation union coalition alliance council society foundation institute campaign"),
    "ministry": words("department office"),
    # "the regulator" of the Civil Aviation Authority, "the watchdog" of the Office of Rail and Road
    "regulator": words("authority commission office agency board"),
    "watchdog": words("authority commission office agency board ombudsman"),
    "charity": words("foundation trust fund appeal"),
    "department": words("ministry"),
}


class _Antecedent:
    """Someone a later "he" or "she" may mean: a named actor, or an unnamed speaker (name None)."""

    def __init__(self, name: str | None, gender: str | None):
        self.name, self.gender = name, gender


def _is_listener(sentence: str, mention) -> bool:
    """Whether the name is who was told ("a spokesman told The Lantern"): the listener, not whom the speaker
    speaks for."""
    return bool(_TOLD.search(sentence[max(0, mention.start - 30) : mention.start]))


class ReferencesMixin:
    """The claimant finder's memory of who was named, nearest last, and its reading of who a sentence means
    without naming them. The finder sets ``index``, ``antecedents``, ``genders``, ``organisations``,
    ``previous`` and ``previous_subject``.
    """

    def _remember(self, sentence: str, mentions) -> None:
        quotes = _quote_spans(sentence)
        # The organisation a sentence is about, its first named outside quotation marks (not the outlet it told).
        subject = next(
            (
                m.name
                for m in mentions
                if self.index.kind(m.name) == ORGANIZATION
                and not known_outlet(name=m.name)
                and not _is_listener(sentence, m)
                and not any(a <= m.start < b for a, b in quotes)
            ),
            None,
        )
        self.subject_organisation = subject or self.subject_organisation
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
                        and not _is_listener(sentence, mention)
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

    def _pronoun_antecedent(self, pronoun: str, before: str = "", mentions=()) -> str | None:
        """The person a "he" or "she" stands for: the nearest one named before it in the same sentence ("When
        Carlineo was approached, he told police …"), else the nearest before, whose gender (when known) fits."""
        # "" for a person named otherwise than by a pronoun ("the 56-year-old"): of either gender.
        wanted = "f" if pronoun.lower() in {"she", "her"} else "m" if pronoun else None
        quotes = _quote_spans(before)
        for mention in reversed([m for m in mentions if m.end <= len(before)]):
            if self.index.kind(mention.name) != PERSON or any(a <= mention.start < b for a, b in quotes):
                continue
            if self.genders.get(mention.name) in (None, wanted) or wanted is None:
                return mention.name
        # The last sentence's speaker, else its subject, goes on being talked about: "Roosevelt, who served under
        # President Clinton, blasted the claims. … he said" is Roosevelt.
        for name in (self.previous, self.previous_subject):
            fits = wanted is None or self.genders.get(name) in (None, wanted)
            if name and self.index.kind(name) == PERSON and fits:
                return name
        for antecedent in reversed(self.antecedents):
            gender = antecedent.gender or (self.genders.get(antecedent.name) if antecedent.name else None)
            if gender in (None, wanted) or wanted is None:
                return antecedent.name
        return None

    def _role_holder(self, sentence: str) -> str | None:
        """For "Austria's interior minister said", "a California transit chief says": the one person the article
        names with that role ("Interior Minister Wolfgang Peschorn"), before or after; None when none or several."""
        match = ROLE_SPEAKER.search(sentence)
        if not match:
            return None
        role = match.group("role").lower().split()
        people = [actor for actor in self.index.actors.values() if actor.kind == PERSON and actor.description]
        for wanted in (role, role[-1:]):
            holders = [
                actor.name
                for actor in people
                if " ".join(wanted) in " ".join(re.findall(r"[\w'’-]+", actor.description.lower()))
            ]
            if len(holders) == 1:
                return holders[0]
            if holders:
                return None
        return None

    def _unnamed_speaker(self, sentence: str) -> str | None:
        """For "a company spokesperson said", "an Associated Press journalist reported": the organisation they
        speak for ("" when it is not named); None when no unnamed speaker speaks in the sentence."""
        for match in UNNAMED_SPEAKER.finditer(sentence):
            if not _SPEAKS.match(sentence[match.end() :]):
                continue
            for mention in self.index.mentions(sentence):
                near = match.start() - 40 <= mention.start <= match.end() + 60
                if near and self.index.kind(mention.name) != PERSON and not _is_listener(sentence, mention):
                    return mention.name
            noun = _ORGANISATION_NOUN.search(match.group(0))
            if noun:
                return self._organisation(noun.group(1)) or ""
            # "the spokesperson said", the one spoken of before: for the organisation the article is about.
            definite = re.match(r"the\s+spokes(?:man|woman|person)$", match.group(0), re.IGNORECASE)
            return (self.subject_organisation if definite else None) or ""
        return None

    def _named_with(self, people: str) -> str | None:
        """For "the unions said", "the doctors said": the last organisation named with that word ("Kelburn
        Ferry Workers' Union", "Doctors Without Ferries"), or None."""
        stem = people.lower().removesuffix("s")
        for name in reversed(self.organisations):
            if self.index.kind(name) == ORGANIZATION and re.search(rf"\b{stem}s?\b", name.lower()):
                return name
        return None

    def _organisation(self, noun: str) -> str | None:
        noun = noun.lower()
        for name in reversed(self.organisations):
            # An organisation, never a country: "the company" in a story about a U.S. plant is not the United States.
            # Nor the news outlet that reported the story ("…, Reuters reported").
            if self.index.kind(name) != ORGANIZATION:
                continue
            if noun in ANY_COMPANY and not known_outlet(name=name):
                return name
            if noun in {"organization", "organisation"}:
                return name  # "the news organization": whichever organisation was named last
            if noun in NEWS_OUTLET and known_outlet(name=name):
                return name  # "according to the newspaper": the outlet named last
            if noun in name.lower():
                return name
        # "according to the agency" of one not called an agency: the last organisation named as one of its kind
        # ("the Kelburn Maritime Administration").
        kind = SAME_KIND.get(noun, set())
        for name in reversed(self.organisations):
            if self.index.kind(name) == ORGANIZATION and kind & set(name.lower().split()):
                return name
        return None
