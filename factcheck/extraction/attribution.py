"""Who makes a claim: the claimant of a sentence, or None for the article's own assertion.

Forms recognised, in this order:

1. "according to X" (also "according to a 2019 study by X"), and "according
   to the company" / "the academy", which points back to the last organisation
   named with that word (any organisation for "company" and "firm").
2. "X said …", "X, the mayor, said …", "X also told reporters that …",
   "X claimed …", "X called Y the …": a named actor right before a speech verb;
   the person, not the organisation, in "the ambassador to the United Nations,
   X, said" and "X, Director of Public Affairs at Y, told"; and no one named
   right after a speaker's clause ("the president said Ms. Haley had …"): that
   is what the speaker said.
3. "…, said X" / "'…,' says X": the verb after a closing comma or quote.
4. "the company said …": as in 1.
5. "he said", "she claimed", "with him admitting …", "the 56-year-old said", "the Spaniard said": the nearest
   fitting
   antecedent, read back from the sentence: the last person (or unnamed
   speaker such as "a spokesman", "an official") whose gender, when known,
   fits the pronoun. An unnamed speaker gives no claimant, or the
   organisation they speak for ("a spokeswoman for the Rail Delivery Group").
6. A sentence that is only a quotation continues the previous sentence's
   claimant within the same paragraph; a paragraph that is all quotation
   continues it too when the paragraph before ended with that claimant's
   quoted words (a speaker's quotation running on, attributed once).
7. "X defended …, saying …", "issued a statement warning that …", "X data
   show", "agency officials said", and a speaker named by role alone
   ("Austria's interior minister said"), who is the one person the article
   gives that role. "X is one of the bidders, and confirmed that …", "X
   entered the race by warning …": the subject of the clause the speech verb
   is joined to. "Experts from X and Y estimated …": the first named. "A new
   Gallup poll shows …": whose poll it is.
   Whoever is told something ("told The Hill") or given a statement ("obtained
   by Variety") is the
   listener, never the speaker; a statement passed on "according to" a
   reporter is its speaker's.

A sentence with none of these has no claimant. A claimant is a person or an
organisation that made the statement, never a place, a constituency, a date
or a section of the paper: a name right after "MP for", "represents", "in",
"from" …, a name of kind "other" (an event, a place) and a day, month or
section name are never claimants.

``quotation()`` says whether the claimant's own words are given
(``QUOTE``: the sentence opens with them, or a speech verb introduces them,
in quotation marks) or the article's paraphrase of them (``PARAPHRASE``).

Forms 4, 5 and 7 read back to someone named elsewhere in the article: that reading, and the finder's memory
of who was named, is ``references.ReferencesMixin``. Where the quotation marks are is read in ``quotations``.
"""

import re

from .actors import ActorIndex
from .cues import ADVERBS as _ADVERBS
from .cues import (
    INVERTED_BEFORE,
    ITS_PEOPLE_SPEAK,
    PLACE_BEFORE,
    SOURCE_BEFORE,
    SPEECH_AFTER,
    SPEECH_VERBS,
    WITH_BEFORE,
    WITH_SAYING,
    _after,
    _before,
)
from .gazetteer import ORGANIZATION, OTHER, PERSON, given_name_genders
from .names import TITLE_WORDS
from .places import is_nationality
from .quotations import (
    _OPENING_QUOTE,
    _QUOTE_OPENERS,
    MIN_QUOTE_WORDS,
    _leaves_quote_open,
    _open_quote,
    _quote_spans,
    _said_outside,
    introduced_quote,
)
from .quotations import quoted_spans as quoted_spans  # the claim model reads quotations from here
from .references import ROLE_SPEAKER, ReferencesMixin, _Antecedent
from .scoring import FIRST_PERSON
from .sentences import words

QUOTE, PARAPHRASE = "quote", "paraphrase"

# "according to X", and in the other languages of the desk's pages: "según X", "selon X", "laut X", "nach Angaben
# der X", "segundo X".
ACCORDING_TO = re.compile(
    r"\b(?:according to|según|selon|laut|nach Angaben (?:der|des|von)|segundo|secondo)\s+([^,;]{0,80})", re.IGNORECASE
)
# The people who speak for an organisation named by its kind: "the commission staff", "agency officials".
_ITS_PEOPLE = r"(?:officials|executives|management|spokes(?:man|woman|people|persons?)|representatives|leaders|staff)"
BACK_REFERENCE = re.compile(
    # a word before the kind ("the Dutch company", "the 190-country agency"), never another one ("the other group")
    # or its nationality ("the German automaker", "the Swiss drugmaker")
    r"\b(?:according to )?the (?!other\b|another\b)(?:(?:[A-Z][a-z]+(?:an|ese|ish|ch|ic|i)|Swiss|Greek|Thai) )?"
    r"(?:[a-z0-9][\w-]* ){0,2}?(company|firm|group|brokerage|lender"
    r"|insurer|retailer|carmaker|automaker|drugmaker|chipmaker|manufacturer|startup|giant|department|ministry|agency"
    r"|academy|bank|council"
    r"|government|university|institute|organi[sz]ation|office|commission|committee|board|authority|association|club|fund"
    r"|newspaper|site|outlet|broadcaster|magazine"
    r"|trust|union|charity|foundation|hospital|regulator|watchdog|airline"
    # with what it did between ("The news organization, citing an anonymous source, reported that …")
    # or what it is ("The group that represents more than 155,000 Realtors … said")
    rf"|party)(?:'s)?\b(?:(?:,[^,;\"“”]{{1,120}},|\s+(?:that|which)\s+[a-z]+\s+(?:[^,;\"“”]|(?<=\d),(?=\d)){{1,80}}?"
    # or its people ("the commission staff reported")
    rf"|\s+{_ITS_PEOPLE})?"
    rf"\s+{_ADVERBS}(?:{SPEECH_VERBS})\b)?"
    # "…, agency officials said", "company executives say": people speaking for the organisation named before
    rf"|\b(company|firm|agency|ministry|department|government|bank|university|council|commission)"
    rf"\s+{_ITS_PEOPLE}\s+{_ADVERBS}(?:{SPEECH_VERBS})\b",
    re.IGNORECASE,
)
# The same in German, where the body speaks after its verb or before it: "…, teilte der Konzern mit", "so das
# Ministerium", "Die Behörde erklärte, …". A company by its kind is the organisation named last.
GERMAN_BACK_REFERENCE = re.compile(
    r"(?:\b(?:sagte|sagt|teilte|teilt|erklärte|erklärt|betonte|berichtete|meldete|schrieb|warnte|kündigte)|(?:^|,\s*)so)"
    r"\s+(?:der|die|das)\s+(?P<after>Konzern|Unternehmen|Firma|Behörde|Ministerium|Bank|Gewerkschaft|Verband|Partei)\b"
    r"|^(?:Der|Die|Das)\s+(?P<before>Konzern|Unternehmen|Firma|Behörde|Ministerium|Bank|Gewerkschaft|Verband|Partei)"
    r"\s+(?:sagte|sagt|teilte|teilt|erklärte|erklärt|betonte|berichtete|meldete|schrieb|warnte|kündigte)\b"
)
# And in French: "…, a indiqué la société", "selon le ministère", "Le groupe a annoncé …".
_FRENCH_VERB = (
    r"(?:(?:a|avait)\s+(?:dit|déclaré|indiqué|précisé|annoncé|expliqué|affirmé|ajouté|souligné|estimé|assuré)"
    r"|dit|déclare|indique|précise|annonce|explique|affirme|ajoute|souligne|estime|assure)"
)
_FRENCH_BODY = r"entreprise|société|groupe|ministère|gouvernement|banque|syndicat|parti|agence"
FRENCH_BACK_REFERENCE = re.compile(
    rf"(?:\b{_FRENCH_VERB}|(?:^|,\s*)[Ss]elon)\s+(?:le\s+|la\s+|l['’]\s*)(?P<after>{_FRENCH_BODY})\b"
    rf"|^(?:Le\s+|La\s+|L['’]\s*)(?P<before>{_FRENCH_BODY})\s+{_FRENCH_VERB}\b"
)
# The words for a company, or a body named by its kind alone: the organisation named last.
COMPANY_BY_KIND = frozenset(("konzern", "unternehmen", "firma", "behörde", "entreprise", "société", "groupe", "agence"))
_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
# "…,” it added", "they said in a statement", "the statement said": the organisation that spoke last.
IT_SAID = re.compile(
    rf"(?:^|[,\"”’]\s*)(?:[Ii]t|[Tt]hey|[Tt]he (?:statement|company|club|group|ministry|agency)(?: statement)?)"
    rf"\s+{_ADVERBS}(?:{SPEECH_VERBS})\b|[,\"”’]\s*(?:{SPEECH_VERBS})\s+the statement\b"
)
# People speaking as a body: "the unions said", "the doctors warned", "the striking teachers say".
GROUP_SPEAKER = re.compile(
    r"(?:^|[,;:\"”’]\s*)(?:[A-Z]\w+\s+){0,2}?[Tt]he\s+(?:[a-z-]+\s+)?(unions|doctors|physicians|nurses|teachers|researchers"
    r"|scientists|workers|lawyers|protesters|activists|farmers|students|parents|campaigners|residents)"
    rf"\s+{_ADVERBS}(?:{SPEECH_VERBS})\b"
)
# "…, saying …", "issued a statement warning that …": what the clause's subject said.
SAYING = re.compile(
    r",\s+(?:saying|adding|arguing|insisting|warning|noting|claiming|explaining|stressing|contending"
    r"|telling [\w ]{1,30}?)\s+(?:that\b|[\"“])?"
    # "X … inserted himself into the race by warning candidates against …"
    r"|\bby\s+(?:saying|arguing|insisting|warning|claiming|suggesting|declaring|promising)\b"
    r"|\b(?:statement|letter|post|tweet|release|report|note|memo)\s+(?:saying|warning|adding|stating|claiming"
    r"|condemning|denying|accusing|defending|critici[sz]ing|blaming|announcing|confirming"
    r"|(?:that|which)\s+(?:said|says|stated|states|claimed|claims|warned|warns))\b"
)
# A speech verb joined to what its subject did first: "X is one of the bidders, and confirmed that …", "X is
# ready to take her songs back and has indicated that …".
COORDINATED_SPEECH = re.compile(rf"(?:,\s*|\s)and\s+{_ADVERBS}(?:{SPEECH_VERBS})\b")
# Between a person and the organisation they hold a role at: "Eric Durr, Director of Public Affairs at ".
ROLE_AT = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,;\"“”]{1,60}?)\s+(?:of|at|for|with)\s+(?:the\s+)?")
# Right after a speaker's clause, what follows is what they said: "the president said Ms. Haley had …".
REPORTED_CLAUSE = re.compile(r"\s*(?:that\s+)?(?:[A-Z][\w.]*\s+){0,2}")  # "… said Ms. ", "… said that Sen. "
# Between two speakers named together: "NOAA and the Interior Department", "the National Oceanic and Atmospheric
# Administration (NOAA) and the Interior Department".
JOINED_SPEAKERS = re.compile(r"(?:\s*\([A-Z][A-Za-z&.]{1,9}\))?\)?,?\s+and\s+(?:the\s+)?")
# What may stand between an organisation and the person who speaks for it: "Morgan Stanley analyst Katy Huberty".
ROLE_BETWEEN = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,3}")
# The subject of a sentence that is an organisation named before by its kind: "The company published a post …".
BODY_SUBJECT = re.compile(
    r"^[Tt]he\s+(?:[a-z-]+\s+)?(company|firm|group|agency|bank|government|ministry|department|organi[sz]ation"
    r"|university|council|party|union|club|startup|retailer|network|carmaker|airline|regulator)"
    r"\s+(?:(?:has|had|also|later|then)\s+)?(?:published|posted|issued|released|put out|sent|shared)\b"
)
# Who speaks for a person, named by whose they are: "Swift's rep told …", "His office said …".
SPEAKS_FOR_PERSON = re.compile(
    rf"(?:\b(?P<pronoun>[Hh]is|[Hh]er)|(?P<name>\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}})['’]s?)\s+"
    r"(?:office|campaign|spokes(?:man|woman|person)|rep|representative|press secretary)\s+"
    rf"{_ADVERBS}(?:{SPEECH_VERBS})\b"
)
# A subject this far into its sentence is the subject of a clause before it, not of the sentence.
SUBJECT_REACH = 12
# "…, he said." / "…, she said in an email on Monday.": a pronoun and its verb with nothing after them but
# where or when close what was said; "he told police he acted alone" says something of its own.
SPEAKER_TAG_END = re.compile(
    r"^\s*(?:(?:in|on|at|during|after|before|from|via|to|by|earlier|later|last|this|late|on)\b[^,;\"“”]{0,60})?"
    r"[.!?]?[\"”’]?\s*$"
)
PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)\s+{_ADVERBS}(?:{SPEECH_VERBS})\b"
    r"|\b(?:him|her)\s+(?:admitting|saying|claiming|insisting|telling|arguing|conceding|acknowledging|declaring|adding)\b"
)
# A person named by their age or their nationality, as the news does once it has named them: "The 56-year-old
# said after his appointment: …", "the 35-year-old forward told reporters", "the Spaniard said", "the Portuguese
# boss said".
DESCRIBED_PERSON = re.compile(
    rf"\b[Tt]he\s+(?:\d{{1,3}}-year-old|(?P<people>[A-Z][a-z]+))\s+(?:(?:former|veteran|new)\s+)?"
    r"(?:(?:boss|manager|coach|player|star|forward|striker|midfielder|defender|goalkeeper|winger|captain|skipper"
    r"|champion|driver|rider|actor|actress|singer|rapper|leader|politician|woman|man)\s+)?"
    rf"{_ADVERBS}(?:{SPEECH_VERBS})\b"
)
# Never claimants, whatever the actor finder thought: days, months, sections of a paper, bare roles.
NOT_CLAIMANTS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december politics business world opinion sport sports technology tech culture "
    "lifestyle travel health science money news live uk us europe mp mps msp mep meps"
)
# "he and his wife Kali …": the pronoun is the subject, with the one named after it.
SPOUSE_BEFORE = re.compile(r"\b([Hh]e|[Ss]he) and (?:his|her) [a-z-]+\s+$")
# Between a person's name and their organisation's: "Helen Okafor of ", "Okafor, of the ", "Okafor at ".
PERSON_OF_ORGANISATION = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?")
# A sentence opening with a concessive clause ("While the minister says …, figures show …"): what is
# said in the clause is set against the main clause, which is the article's own statement.
CONCESSIVE_CLAUSE = re.compile(r"^(?:[\"“‘']\s*)?(?:While|Whilst|Whereas|Although|Though|Even though|Even as)\b[^,]*,")


# An interview's answer in an article: a paragraph opening with who answers and a colon ("McKelvey: Jack and I …").
ANSWER_LABEL = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=:\s*\S)")


# Whose study a sentence reports, named before the word: "in a 2014 Pew study, …", "according to a new Gallup poll".
STUDY_AFTER = re.compile(r"^\s+(?:study|survey|poll|report|analysis)\b")
STUDY_BEFORE = re.compile(
    r"\b(?:in|by|from|according to)\s+(?:a|an|the|its|their)\s+(?:(?:\d{4}|new|recent|latest|annual)\s+)?$",
    re.IGNORECASE,
)
# Who was given a statement or a document to read: "obtained by Variety", "seen by Reuters".
GIVEN_TO = re.compile(r"\b(?:obtained|seen|reviewed|acquired)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# A study that opens the sentence, named by whose it is: "A new Gallup poll found …", "The latest Pew survey shows …".
STUDY_OPENS = re.compile(r"^(?:[A-Z]\w*,?\s+)?(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){0,3}$")
# Findings by a source that show something: "tests by Digital Foundry reveal that" (not "Photos of X show that").
FINDINGS_AFTER = re.compile(r"^\s+(?:show|reveal|indicate|suggest|find|confirm)\s+that\b")
# A line that signs the paragraph above it: "Donna Abood, principal and managing director, Avison Young",
# "— Tomas Vidal, Kelburn".
_SIGNATURE = re.compile(r"^[—–-]?\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s+[^.!?;:\"“”]{2,120}$")
SIGNATURE_MAX_WORDS = 20


def signatures(paragraphs: list[str]) -> dict[int, str]:
    """{a signature line's position: the name it signs with} on a page of signed answers (a panel's, readers'
    letters): at least two lines of a name and what they are ("Donna Abood, principal and managing director,
    Avison Young"), each under a paragraph written in the first person. One such line is a byline or a caption."""
    found = {}
    for at, text in enumerate(paragraphs[1:], start=1):
        match = _SIGNATURE.match(text.strip())
        if match and len(text.split()) <= SIGNATURE_MAX_WORDS and FIRST_PERSON.search(paragraphs[at - 1]):
            found[at] = match.group("name")
    return found if len(found) >= 2 else {}


def signed_paragraphs(signed_by: dict[int, str]) -> dict[int, str]:
    """{paragraph's position: who signed it}: each signature signs the paragraphs since the one before it (the
    first, only the paragraph just above it)."""
    signed, previous = {}, None
    for at, name in sorted(signed_by.items()):
        start = at - 1 if previous is None else previous + 1
        signed.update(dict.fromkeys(range(start, at), name))
        previous = at
    return signed


# A line that says whose words follow: "Remarks of Vice President Joe Biden", "Prepared Testimony of Dr. Ana Ruiz
# before the Committee", "Statement by Minister Tomas Vidal on …".
DELIVERED_BY = re.compile(
    r"^(?:(?:full|prepared|opening|closing)\s+)?(?:remarks|statement|testimony|speech|address|keynote)"
    r"(?:\s+as\s+prepared(?:\s+for\s+delivery)?)?\s+(?:of|by|from)\s+(?P<who>[^,;:()]{3,80}?)"
    r"(?:\s+(?:at|on|before|to|in|during|for)\s+.*)?$",
    re.IGNORECASE,
)
DELIVERED_BY_MAX_WORDS = 20


def _speaker_in(who: str) -> str:
    """The name at the end of "Vice President Joe Biden", "Transport Minister Rhona Baird": its last capitalised
    words that are no title."""
    name = []
    for token in reversed(who.split()):
        if not token[:1].isupper() or token.lower().rstrip(".") in TITLE_WORDS or token in {"The", "Dr.", "Dr"}:
            break
        name.insert(0, token)
    return " ".join(name)


def delivered_by(paragraphs: list[str]) -> dict[int, str]:
    """{paragraph's position: the person whose speech or statement it is}: every paragraph after a line naming
    whose remarks, statement or testimony follow, down to the next such line."""
    speaker, spoken = "", {}
    for at, text in enumerate(paragraphs):
        line = " ".join(text.split())
        match = DELIVERED_BY.match(line)
        if match and len(line.split()) <= DELIVERED_BY_MAX_WORDS:
            speaker = _speaker_in(match.group("who"))
            continue
        if speaker:
            spoken[at] = speaker
    return spoken


def _holds_role_at(between: str) -> bool:
    """Whether the words between a person's name and an organisation's say the person holds a role there:
    ", Director of Public Affairs at ", ", a senior fellow at the "."""
    match = ROLE_AT.fullmatch(between)
    return bool(match) and any(word.lower() in TITLE_WORDS for word in re.findall(r"[\w.-]+", match.group("role")))


def _ends_quoted_or_tagged(sentence: str) -> bool:
    """Whether the sentence ends with a quotation or with its speaker's tag after one ("“…,” said X, a …")."""
    quotes = _quote_spans(sentence)
    return bool(quotes) and (quotes[-1][1] >= len(sentence.rstrip(" .!?")) - 1 or quotes[0][0] <= 1)


def _all_quoted(sentence: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether the sentence is one quotation from its first character to its last: “…”."""
    return len(quotes) == 1 and quotes[0][0] <= 1 and quotes[0][1] >= len(sentence.rstrip()) - 2


class ClaimantFinder(ReferencesMixin):
    """Reads an article's sentences in order and names each one's claimant.

    It remembers the people (and unnamed speakers) named so far, nearest last, for pronouns;
    the organisations, for back-references ("the company said"); and the previous sentence's
    claimant, for quotations that run on.
    """

    def __init__(self, index: ActorIndex):
        self.index = index
        self.antecedents: list[_Antecedent] = []
        # What "he" or "she" may stand for: a person's given name says it when the census does ("Michelle Obama";
        # then "Michelle Obama said he believes …", of her husband, teaches nothing), else the pronoun used of them.
        by_given_name = given_name_genders()
        self.genders: dict[str, str] = {
            name: gender
            for name, actor in index.actors.items()
            if actor.kind == PERSON and len(name.split()) > 1 and (gender := by_given_name.get(name.split()[0]))
        }
        self.organisations: list[str] = []
        # The organisation the last sentence that named one was about: whom "the spokesperson" speaks for.
        self.subject_organisation: str | None = None
        self.previous: str | None = None
        # The first person the last sentence names outside quotation marks: its subject, as a rule.
        self.previous_subject: str | None = None
        # Whether the last sentence left a quotation open: the next paragraph goes on with the same speaker's words.
        self.quote_open = False
        # Whether the last sentence quoted its claimant's words: a paragraph of quotation alone after it goes on
        # with them.
        self.quoted_claimant = False
        self.carried = False
        # The last sentence's claimant, across paragraphs: what "they said in a statement" goes back to.
        self.last_claimant: str | None = None
        # Whose words this paragraph is: an interview's answer ("McKelvey: …"), or the passage a sentence
        # introduced with a colon ("A study from the institute examined this:").
        self.answering: str | None = None
        self.paragraph_opens = True
        self.introduces: str | None = None
        self.introduced: str | None = None
        self.from_introduction = False

    def new_paragraph(self) -> None:
        # Carried over a paragraph's end by the speaker's quotation alone: only a paragraph that is all quotation
        # goes on with them.
        self.carried = not self.quote_open and self.quoted_claimant
        if not (self.quote_open or self.quoted_claimant):
            self.previous = None
        self.answering, self.paragraph_opens = None, True
        self.introduced, self.introduces = self.introduces, None

    def _answer_of(self, sentence: str) -> str | None:
        """The person a paragraph opening "Name: …" is the answer of (a person the article names), or None."""
        label = ANSWER_LABEL.match(sentence)
        # An answer speaks in the first person; "Dana Ortega: 4,512 votes" is a result, not an answer.
        if not label or not FIRST_PERSON.search(sentence[label.end() :]):
            return None
        named = next((m.name for m in self.index.mentions(sentence) if m.start == 0 and m.end == label.end()), None)
        return named if named and self.index.kind(named) == PERSON else None

    def claimant(self, sentence: str) -> str | None:
        """The claimant's canonical name, or None; call once per sentence, in order."""
        if self.paragraph_opens:
            self.answering, self.paragraph_opens = self._answer_of(sentence), False
        self.from_introduction = False
        if self.answering:
            self.previous = self.last_claimant = self.answering
            self.introduces = None
            return self.answering
        mentions = [mention for mention in self.index.mentions(sentence) if self._may_speak(sentence, mention)]
        quotes = _quote_spans(sentence)
        if quotes and _said_outside(sentence, quotes):
            # Names inside the quotation are the speaker's words ("Volker confirmed …," she said): not the speaker.
            mentions = [mention for mention in mentions if not any(a <= mention.start < b for a, b in quotes)]
        found = self._find(sentence, mentions)
        if found is None and self.introduced:
            # The passage a colon introduced: its introducer's words, unless a sentence names its own speaker.
            found, self.from_introduction = self.introduced, True
        quotes = _quote_spans(sentence)
        self.previous_subject = next(
            (
                m.name
                for m in mentions
                if self.index.kind(m.name) == PERSON and not any(a <= m.start < b for a, b in quotes)
            ),
            None,
        )
        self.quote_open = _leaves_quote_open(sentence)
        self.quoted_claimant = bool(found) and self.quotation(sentence) == QUOTE and _ends_quoted_or_tagged(sentence)
        self.carried = False
        pronoun = PRONOUN.search(sentence)
        if pronoun and found and self.index.kind(found) == PERSON:
            self._learn_gender(found, pronoun.group(0).split()[0])
        self._remember(sentence, mentions)
        if found and self.index.kind(found) == PERSON:
            self._push(found)
        self.previous = found
        self.last_claimant = found or self.last_claimant
        # "X said:", "A study from X examined this:": the next paragraph is X's words.
        self.introduces = None
        if sentence.rstrip().endswith(":"):
            sourced = (m.name for m in mentions if SOURCE_BEFORE.search(_before(sentence, m.start)))
            self.introduces = found or next(sourced, None)
        return found

    def _reported_by(self, sentence: str, mention, earlier) -> str | None:
        """Who speaks in a clause that ends right before the mention, making it part of what they said: "But the
        president said Ms. Haley had informed him …" (the one person given that role), "He said Smith had …" (whom
        the pronoun stands for). None when no such clause comes right before it."""
        role = ROLE_SPEAKER.search(sentence, 0, mention.start)
        if role and REPORTED_CLAUSE.fullmatch(sentence[role.end() : mention.start]):
            return self._role_holder(sentence[: role.end()])
        pronoun = PRONOUN.search(sentence, 0, mention.start)
        if pronoun and REPORTED_CLAUSE.fullmatch(sentence[pronoun.end() : mention.start]):
            return self._pronoun_antecedent(pronoun.group(0).split()[0], sentence[: pronoun.start()], earlier)
        return None

    def quotation(self, sentence: str) -> str:
        """QUOTE when the claimant's own words are given in quotation marks, else PARAPHRASE.

        The quotation marks decide, whatever the length of the attribution around them: a sentence that opens
        with a quotation (“…,” said X, a partner at …), or a quotation the speech verb introduces (X said: “…”;
        X warned that there is “…”). Words quoted inside the article's own clause leave it a paraphrase, however
        many ("X said the outages had been “terribly disruptive”", "The administration has “corrected …”, X
        said"): the clause that makes the claim is the article's.
        """
        if self.answering or self.from_introduction:
            return QUOTE  # an interview's answer, a passage introduced with a colon: the speaker's own words
        # A quotation left open runs on to the next paragraph: the speaker's words go on beyond the sentence.
        left_open = _open_quote(sentence)
        if left_open is not None and len(sentence[left_open:].split()) >= MIN_QUOTE_WORDS:
            return QUOTE
        opening = _OPENING_QUOTE.match(sentence)
        if opening and len(opening.group(0).split()) >= MIN_QUOTE_WORDS:
            return QUOTE
        introduced = introduced_quote(sentence)
        if introduced and len(introduced.split()) >= MIN_QUOTE_WORDS:
            return QUOTE
        return PARAPHRASE

    def _may_speak(self, sentence: str, mention) -> bool:
        """False for a name that is a place, constituency, date or section here, whatever its kind elsewhere."""
        if self.index.kind(mention.name) == OTHER or mention.name.casefold() in NOT_CLAIMANTS:
            return False
        before = sentence[: mention.start]
        if GIVEN_TO.search(before):
            return False  # "The statement, which was obtained by Variety, claimed …": Variety was given it
        # "according to data from MarketAxess": a source, though "from" is usually where someone is from.
        return not PLACE_BEFORE.search(before) or bool(SOURCE_BEFORE.search(_before(sentence, mention.start)))

    def _find(self, sentence: str, mentions) -> str | None:
        for match in ACCORDING_TO.finditer(sentence):
            start, end = match.span(1)
            # "The CDC said …, according to Sui-Lee Wee of the New York Times": the reporter passes on what the
            # CDC said, who is the claimant.
            speaker = next(
                (m for m in mentions if m.end <= match.start() and SPEECH_AFTER.match(_after(sentence, m.end))), None
            )
            if speaker is not None:
                return speaker.name
            # "According to NPR's Feng, Li Jifeng, a doctor at …, wrote …": the reporter passes on what the one
            # named after her says.
            speaker = next(
                (m for m in mentions if m.start >= end and SPEECH_AFTER.match(_after(sentence, m.end))), None
            )
            if speaker is not None and not PERSON_OF_ORGANISATION.fullmatch(sentence[end : speaker.start]):
                return speaker.name
            within = [mention for mention in mentions if start <= mention.start < end]
            # "according to data calculated for Bloomberg by the Center for Automotive Research", "according to the
            # TexAuto Facts report from InfoNation": who made it.
            by = re.search(
                r"\bfor\s+[^,;]{1,60}?\bby\s|\b(?:report|study|survey|analysis|data|figures|poll)\s+(?:from|by)\s",
                sentence[start:end],
            )
            made_by = [mention for mention in within if by and mention.start >= start + by.end()]
            if made_by or within:
                return (made_by or within)[0].name
            reference = BACK_REFERENCE.match(sentence, match.start())
            # "according to figures published by the authority": the authority named before is the source.
            by = re.search(r"\b(?:by|from)\s+(?=the\s)", sentence[start:end])
            reference = reference or (by and BACK_REFERENCE.match(sentence, start + by.end()))
            if reference:
                return self._organisation(reference.group(1) or reference.group(2))
        concessive = CONCESSIVE_CLAUSE.match(sentence)
        for position, mention in enumerate(mentions):
            if concessive and mention.start < concessive.end():
                continue
            after, before = _after(sentence, mention.end), _before(sentence, mention.start)
            if INVERTED_BEFORE.search(before) and self.index.kind(mention.name) != PERSON:
                # "…, said The We Company's executive chair Marcelo Claure": the person after the organisation.
                person = next(
                    (
                        later
                        for later in mentions[position + 1 :]
                        if self.index.kind(later.name) == PERSON
                        and INVERTED_BEFORE.search(_before(sentence, later.start))
                        and later.start - mention.end <= 80
                    ),
                    None,
                )
                if person is not None:
                    return person.name
            couple = SPOUSE_BEFORE.search(sentence[: mention.start])
            if couple and SPEECH_AFTER.match(after):
                # "…, he and his wife Kali explained": the pronoun's person speaks, with the one named after it.
                before_pronoun = sentence[: couple.start()]
                return self._pronoun_antecedent(couple.group(1), before_pronoun, mentions[:position]) or mention.name
            if ITS_PEOPLE_SPEAK.match(after) and self.index.kind(mention.name) == ORGANIZATION:
                return mention.name
            if STUDY_AFTER.match(after) and (STUDY_BEFORE.search(before) or STUDY_OPENS.match(before)):
                return mention.name  # "in a 2014 Pew study, 78 percent of …"
            if SOURCE_BEFORE.search(before) and FINDINGS_AFTER.match(after):
                return mention.name  # "Preliminary tests by Digital Foundry reveal that …"
            if WITH_SAYING.match(after) and WITH_BEFORE.search(before):
                return mention.name  # "…, with Audi suggesting that the car …"
            if SPEECH_AFTER.match(after) or INVERTED_BEFORE.search(before):
                reported = self._reported_by(sentence, mention, mentions[:position])
                if reported is not None:
                    return reported
                # "Professor Helen Okafor of Brightwater University said": the professor speaks, not her university.
                person = mentions[position - 1] if position else None
                if (
                    person is not None
                    and self.index.kind(person.name) == PERSON
                    and self.index.kind(mention.name) != PERSON
                    and (
                        PERSON_OF_ORGANISATION.fullmatch(sentence[person.end : mention.start])
                        or _holds_role_at(sentence[person.end : mention.start])
                    )
                ):
                    return person.name
                named_after = mentions[position + 1] if position + 1 < len(mentions) else None
                if (
                    named_after is not None
                    and self.index.kind(mention.name) != PERSON
                    and self.index.kind(named_after.name) == PERSON
                    and re.fullmatch(r",\s+", sentence[mention.end : named_after.start])
                    and SPEECH_AFTER.match(_after(sentence, named_after.end))
                ):
                    return named_after.name  # "Trump's ambassador to the United Nations, Nikki R. Haley, said"
                if person is not None and JOINED_SPEAKERS.fullmatch(sentence[person.end : mention.start]):
                    return person.name  # "Experts from NOAA and the Interior Department estimated": the first named
                return mention.name
        for reference in BACK_REFERENCE.finditer(sentence):
            # The reference ends with its speech verb, read in the sentence (a verb may need the word after it).
            speaks = any(verb.end() == reference.end() for verb in _SPEECH_VERB.finditer(sentence, reference.start()))
            if (reference.group(0).lower().startswith("the") or reference.group(2)) and speaks:
                found = self._organisation(reference.group(1) or reference.group(2))
                # "agency officials said" of an agency not called one ("NASA"): the organisation spoken of last.
                return found or (self._organisation("company") if reference.group(2) else None)
        by_kind = GERMAN_BACK_REFERENCE.search(sentence) or FRENCH_BACK_REFERENCE.search(sentence)
        if by_kind:
            noun = (by_kind.group("after") or by_kind.group("before")).lower()
            return (None if noun in COMPANY_BY_KIND else self._organisation(noun)) or self._organisation("company")
        group = GROUP_SPEAKER.search(sentence)
        if group:
            # "the unions said": the organisation named with that word ("the Kelburn Ferry Workers' Union"), else
            # nobody, rather than someone else named in the sentence or before it.
            return self._named_with(group.group(1))
        holder = self._role_holder(sentence)
        if holder is not None:
            return holder
        participle = SAYING.search(sentence) or COORDINATED_SPEECH.search(sentence)
        if participle:
            # "Raab defended the party's actions, saying …": the clause's subject says it.
            subject = next((m for m in mentions if m.start < participle.start()), None)
            if subject is not None and len(sentence[: subject.start].split()) <= SUBJECT_REACH:
                spokesperson = next((m for m in mentions if m.start >= subject.end), None)
                if (
                    spokesperson is not None
                    and spokesperson.start < participle.start()
                    and self.index.kind(subject.name) == ORGANIZATION
                    and self.index.kind(spokesperson.name) == PERSON
                    and ROLE_BETWEEN.fullmatch(sentence[subject.end : spokesperson.start])
                ):
                    return spokesperson.name  # "Morgan Stanley analyst Katy Huberty …, and warned that …"
                return subject.name
            if subject is None and (body := BODY_SUBJECT.match(sentence)):
                return self._organisation(body.group(1))
        principal = SPEAKS_FOR_PERSON.search(sentence)
        if principal:
            # "Swift's rep told Fox News …", "His office said …": who they speak for.
            if principal.group("pronoun"):
                before = sentence[: principal.start()]
                found = self._pronoun_antecedent(principal.group("pronoun"), before, mentions)
                if found:
                    return found
            person = next((m for m in mentions if m.start == principal.start("name")), None)
            if person is not None and self.index.kind(person.name) == PERSON:
                return person.name
        speaker = self._unnamed_speaker(sentence)
        if speaker is not None:
            return speaker or None
        described = DESCRIBED_PERSON.search(sentence)
        if described and (not described.group("people") or is_nationality(described.group("people"))):
            # "The 56-year-old said …": the person the article is about, as for a pronoun of either gender.
            return self._pronoun_antecedent("", sentence[: described.start()], mentions)
        pronoun = PRONOUN.search(sentence)
        if pronoun:
            # "…, he said." after what was said is the speaker's tag: he is someone named before this sentence.
            tag = bool(SPEAKER_TAG_END.match(sentence[pronoun.end() :]))
            before = "" if tag else sentence[: pronoun.start()]
            return self._pronoun_antecedent(pronoun.group(0).split()[0], before, mentions)
        it_said = IT_SAID.search(sentence)
        if it_said:
            if self.last_claimant and self.index.kind(self.last_claimant) == ORGANIZATION:
                return self.last_claimant
            # "it added": the organisation named last; "they" may be people, so it stays unattributed.
            return self._organisation("company") if re.search(r"\b[Ii]t\b", it_said.group(0)) else None
        if sentence[:1] in _QUOTE_OPENERS:
            quotes = _quote_spans(sentence)
            # Only a quotation, with no one said to speak outside it: the same speaker goes on.
            if self.carried and not _all_quoted(sentence, quotes):
                return None
            if not any(m for m in mentions) or (quotes and not _said_outside(sentence, quotes)):
                return self.previous
        return None
