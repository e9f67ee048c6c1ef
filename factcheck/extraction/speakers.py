"""Who is speaking in a transcript: each label's person, moderators, and what is not a statement.

``identify_speakers()`` tells who each label is: one person for "BIDEN", "Vice President Biden"
and "Joe Biden" (the full name from the header, the transcript's own words or the gazetteer); a
moderator for "MODERATOR", "Q", a "(moderator)" role, a name the header gives as moderator, or a
speaker who mostly hands the floor to others (asks questions, addresses them by title); nobody for
"AUDIENCE" or "UNIDENTIFIED MALE". ``is_procedural()`` tells filler and turn-taking ("Thank you,
Senator.", "Let me finish.") from statements.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .actors import find_actors
from .gazetteer import PERSON, Gazetteer, given_names
from .names import TITLE_WORDS
from .transcripts import (
    MODERATOR,
    MODERATOR_LABELS,
    NAME_JOINERS,
    NUMBERED_SPEAKER,
    OFFICE_WITH_NAME,
    SPEAKER,
    UNIDENTIFIED,
    Transcript,
    Turn,
    without_stage_directions,
    words,
)

MODERATOR_ROLES = MODERATOR_LABELS | words("chair")

UNIDENTIFIED_LABELS = {
    "audience",
    "audience member",
    "audience members",
    "crowd",
    "unidentified",
    "unidentified male",
    "unidentified female",
    "unidentified man",
    "unidentified woman",
    "unidentified speaker",
    "unknown",
    "unknown speaker",
    "speaker",
    "voice",
    "voices",
    "male voice",
    "female voice",
    "multiple speakers",
    "several speakers",
    "all",
    "both",
    "protester",
    "protesters",
    "system",
    "crosstalk",
    # A parliament's benches answering together: "Hon. Members: Hear, hear!", "Noble Lords: Hear, hear!"
    "members",
    "member",
    "lords",
    "noble lords",
}

# A radio phone-in's "CALLER", "Caller 2": a member of the public, never named.
PHONE_IN_CALLER = re.compile(r"callers?(?:\s*\d{1,3})?")
# Who presides over a parliament or a committee, as its record calls them: "Mr Speaker", "Madam Deputy Speaker",
# "The Chair", "The Presiding Officer", a hearing's "Chairman LEE".
CHAIR_LABEL = re.compile(
    r"^(?:(?:Mr|Madam|Madame|Mister)\.?\s+(?:Deputy\s+)?(?:Speaker|Chair|Chairman|Chairwoman|President)"
    r"|The\s+(?:Deputy\s+|Lord\s+|Acting\s+)?(?:Speaker|Chair|Chairman|Chairwoman|Chairperson|Presiding Officer"
    r"|Ceann Comhairle|Llywydd)"
    r"|(?-i:(?:Chairman|Chairwoman|Chairperson|Chair|CHAIRMAN|CHAIRWOMAN|CHAIR)\s+(?:[A-Z][\w'’-]*\s*){1,3}))$",
    re.IGNORECASE,
)
# Labels of those who only put questions (reporters at a briefing, "Q"): unlike a moderator or a chair, they do
# not tell who else in the transcript moderates.
QUESTIONER_LABELS = words("q question questions questioner reporter reporters journalist journalists press")

# A broadcaster's own people, as its rush transcripts describe them after their name ("NORA BLAKE, CNN ANCHOR",
# "DEV MAHAJAN, CNN CHIEF CONGRESSIONAL CORRESPONDENT", NPR's "MARA LINDGREN, BYLINE"): they put the questions and
# report, they are not the people whose statements are checked. A guest who once had such a job ("FORMER FOX NEWS
# HOST") is a speaker.
NEWSROOM_ROLES = words(
    "anchor co-anchor anchorwoman anchorman host co-host correspondent reporter moderator presenter co-presenter "
    "newsreader byline"
)

# The other side of a Q&A interview: the person interviewed, whose name the header or title gives.
ANSWER_LABELS = words("a answer")

# Words before a name in a label that say what the person is, not who ("Vice President Biden").
LABEL_TITLES = TITLE_WORDS | words("vice former madam madame acting deputy state the rep sen gov hon dr constable")
# The most words a title before a name takes: "Deputy Chief Medical Officer".
MAX_TITLE_WORDS = 4

# A label of initials: the BBC's "LK" and "RR" for Laura Kuenssberg and Rachel Reeves.
INITIALS = re.compile(r"^[A-Z]{2,3}$")

# A speaker is a moderator when at least this share of their turns hands the floor to someone else.
MODERATOR_HANDOVER_SHARE = 0.25

MODERATOR_MIN_TURNS = 3


@dataclass(frozen=True)
class FoundSpeaker:
    """Who a label is. ``name`` is the actor's name ("Joe Biden"), empty when not known;
    ``labels`` every label the transcript used for them, ``label`` the one it used most."""

    label: str
    name: str
    role: str
    description: str = ""
    labels: tuple[str, ...] = ()


@dataclass
class _Label:
    """A label taken apart: the person's name words and the role and description it gives them."""

    written: str
    name: list[str]
    role: str
    description: str
    office: str = ""  # "prime minister" for "The Prime Minister (Helen Marsh)"

    @property
    def spoken(self) -> str:
        return " ".join(self.name).casefold().rstrip(".")

    @property
    def surname(self) -> str:
        return self.name[-1].casefold().replace("’", "'") if self.name else ""

    @property
    def given(self) -> str:
        return " ".join(self.name[:-1]).casefold()

    @property
    def only_a_title(self) -> bool:
        """ "THE PRESIDENT", "CHAIRMAN": a label that says what someone is, not who."""
        return len(self.name) == 1 and self.surname.rstrip(".") in _TITLES


_TITLES = {title.rstrip(".") for title in LABEL_TITLES}


def _display(tokens: list[str]) -> str:
    """Label words as a name is written: "BIDEN" → "Biden", "MCCAIN" → "McCain", "O'ROURKE" → "O'Rourke"."""
    shown = []
    for word in tokens:
        if word.isupper() and len(word) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            word = word.lower().capitalize()
            word = re.sub(r"^(Mc|Mac|O'|O’|D'|D’)([a-z])", lambda m: m.group(1) + m.group(2).upper(), word)
            word = re.sub(r"-([a-z])", lambda m: "-" + m.group(1).upper(), word)
        shown.append(word)
    return " ".join(shown)


def _title_length(tokens: list[str], *, keep: int) -> int:
    """How many of a name's first words are a title, leaving at least `keep` words: "Vice President" in "Vice
    President Biden", "Health Minister" in "Health Minister Grace Olumide", "Chief Constable" in "Chief
    Constable Marcus Hale". A title is its title words with the words that qualify them before ("Health",
    "Shadow", "Police"); a name that starts with a given name is a name ("Martin Luther King Jr")."""
    leading = 0
    while leading < len(tokens) - keep and tokens[leading].casefold().rstrip(".") in _TITLES:
        leading += 1
    for end in range(min(MAX_TITLE_WORDS, len(tokens) - keep), leading, -1):
        qualifiers = tokens[leading : end - 1]
        if (
            tokens[end - 1].casefold().rstrip(".") in _TITLES - {"the"}
            and tokens[0] not in given_names()
            and all(word[:1].isupper() and word.casefold() not in NAME_JOINERS for word in qualifiers)
        ):
            return end
    return leading


# An Australian Hansard's member, their seat and office in brackets: "Mr ALBANESE (Grayndler—Prime Minister)".
_SEAT_AND_OFFICE = re.compile(r"^[^—–()]+[—–]\s*([^—–()]+)$")


def _parse_label(label: str) -> _Label:
    office = OFFICE_WITH_NAME.match(label.strip())
    if office:
        tokens = office.group(2).split()
        while len(tokens) > 2 and tokens[0].casefold().rstrip(".") in _TITLES:  # "(Sir Keir Starmer)"
            tokens.pop(0)
        return _Label(label, tokens, "", " ".join(office.group(1).split()), office=_bare_office(office.group(1)))
    text = without_stage_directions(label, capitals=False)
    role, held = "", ""
    for inner in re.findall(r"\(([^()]*)\)", text):
        if inner.strip().casefold() in MODERATOR_ROLES:
            role = MODERATOR
        elif seat := _SEAT_AND_OFFICE.match(inner.strip()):
            held = seat.group(1).strip()
    text = " ".join(re.sub(r"\([^()]*\)", " ", text).split())
    name_part, _, description = text.partition(",")
    tokens = name_part.split()
    # "Speaker 1" is the first unnamed speaker, not someone called 1 with the title Speaker.
    titles = [] if is_numbered(tokens) else tokens[: _title_length(tokens, keep=1)]
    tokens = tokens[len(titles) :]
    while tokens and tokens[-1].casefold() in NAME_JOINERS:
        tokens.pop()
    description = description.strip()
    described = {word.casefold() for word in re.findall(r"[\w-]+", description)}
    if described & NEWSROOM_ROLES and "former" not in described:
        role = MODERATOR
    if not description:
        description = held or _display([word for word in titles if word.casefold() not in {"the", "former", "madam"}])
    if description.isupper():  # "DIRECTOR OF HOUSING" → "Director of Housing"
        description = " ".join(
            word.lower() if index and word.casefold() in NAME_JOINERS else _display([word])
            for index, word in enumerate(description.split())
        )
    return _Label(label, tokens, role, description)


def _bare_office(text: str) -> str:
    """An office as a label names it, to match another label: "The Prime Minister" → "prime minister"."""
    return re.sub(r"^the\s+", "", " ".join(re.sub(r"\([^()]*\)", " ", text).split()).casefold())


def _label_role(entry: _Label) -> str | None:
    """The role a label says by itself ("MODERATOR", "Q", "(moderator)", "AUDIENCE MEMBER", "Reporter 2",
    "Mr Speaker"), or None."""
    if entry.role:
        return entry.role
    if CHAIR_LABEL.match(" ".join(re.sub(r"\([^()]*\)", " ", entry.written).split())):
        return MODERATOR
    if NUMBERED_SPEAKER.match(entry.spoken):
        return None  # "Speaker 2": someone the transcriber could not name, who may be anyone
    spoken = re.sub(r"[\s_]+\d{1,3}$", "", entry.spoken)  # "Audience Member 1" is one of the audience
    if spoken in MODERATOR_LABELS:
        return MODERATOR
    if spoken in UNIDENTIFIED_LABELS or spoken.startswith(("unidentified", "unknown", "audience")):
        return UNIDENTIFIED
    if PHONE_IN_CALLER.fullmatch(entry.spoken):
        return UNIDENTIFIED
    return None


def is_numbered(tokens: list[str]) -> bool:
    """Whether label words end with the number a transcriber gives people it cannot name ("Audience Member 1")."""
    return len(tokens) > 1 and bool(re.fullmatch(r"\d{1,3}", tokens[-1]))


_FLOOR_TITLES = (
    r"(?:Senator|Sen\.|Secretary|Governor|Gov\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|President|Vice President|Congressman"
    r"|Congresswoman|Mayor|Leader|Speaker|Minister|Prime Minister|Chancellor|Madam Secretary)"
)


def _hands_over(turn: Turn, others: list[str]) -> bool:
    """Whether a turn hands the floor to someone else: it ends with a question, or opens or ends by
    addressing another speaker by title ("Secretary Clinton, …", "… Senator Sanders?")."""
    sentences = [sentence for sentence, _ in turn.sentences()] or [turn.text]
    if sentences[-1].rstrip("\"'”’) ").endswith("?"):
        return True
    if not others:
        return False
    named = "|".join(re.escape(other) for other in others)
    # "Mr. President, your response?" hands over in a debate; "Thank you, Mr. Chairman." and "Mr. Speaker, …" are how
    # a witness or a member addresses the chair: whoever says them has the floor.
    addressed = re.compile(
        rf"\b{_FLOOR_TITLES}\s+(?:[A-Z][\w'’-]+\s+)?(?:{named})\b|\b(?:Mr\.?|Madam)\s+President\b", re.IGNORECASE
    )
    return bool(addressed.search(sentences[0]) or addressed.search(sentences[-1]))


def _person_key(entry: _Label, groups: dict[str, list[str]], parsed: dict[str, _Label]) -> str:
    """Which person a label is, as a key: labels with one key are one speaker."""
    if (
        not entry.name
        or NUMBERED_SPEAKER.match(" ".join(entry.name))
        or is_numbered(entry.name)
        or (
            _label_role(entry)
            and (entry.spoken in MODERATOR_LABELS or entry.spoken in UNIDENTIFIED_LABELS or not entry.surname.isalpha())
        )
    ):
        return f"label:{entry.spoken or entry.written}"
    if entry.spoken in ANSWER_LABELS:
        return "answer"
    if entry.only_a_title:
        return f"title:{entry.spoken}"
    clashes = any(
        parsed[other].given and entry.given and parsed[other].given != entry.given
        for other in groups.get(entry.surname, [])
    )
    return f"{entry.surname}:{entry.given}" if clashes else entry.surname


def identify_speakers(
    transcript: Transcript, *, mentioned: list | None = None, gazetteer: Gazetteer | None = None
) -> dict[str, FoundSpeaker]:
    """Who each of the transcript's labels is, by label (see the module's docstring).

    `mentioned` are the actors found in what was said (``find_actors``; found here when not given), where a
    speaker's full name often is ("Vice President Joe Biden, your answer?").
    """
    from .gazetteer import load_gazetteer

    gazetteer = gazetteer or load_gazetteer()
    if mentioned is None:
        mentioned = find_actors([sentence for turn in transcript.turns for sentence, _ in turn.sentences()], gazetteer)
    counts = Counter(turn.label for turn in transcript.turns if turn.label)
    parsed = {label: _parse_label(label) for label in counts}
    # "The Prime Minister" is whoever "The Prime Minister (Helen Marsh)" names.
    office_keys = {entry.office: _person_key(entry, {}, parsed) for entry in parsed.values() if entry.office}
    groups: dict[str, list[str]] = {}
    for label in sorted(counts, key=lambda label: -counts[label]):  # the most used label names the group
        key = office_keys.get(parsed[label].office or _bare_office(label)) or _person_key(parsed[label], groups, parsed)
        groups.setdefault(key, []).append(label)

    declared = {name.split()[-1].casefold() for name in transcript.moderators}
    roles = {}
    for key, labels in groups.items():
        said = [_label_role(parsed[label]) for label in labels]
        role = next((role for role in said if role), None)
        roles[key] = role or (MODERATOR if parsed[labels[0]].surname in declared else SPEAKER)
    # A moderator or chair the labels name ("MODERATOR", "Mr Speaker", "CNN ANCHOR") is the one: the others' questions
    # are a debate's or a parliament's, not a moderator's. Reporters' "Q" does not tell who moderates.
    presides = any(
        roles[key] == MODERATOR and re.sub(r"[\s_]+\d{1,3}$", "", parsed[labels[0]].spoken) not in QUESTIONER_LABELS
        for key, labels in groups.items()
    )
    if not transcript.moderators and not presides:
        _find_moderators(transcript, groups, parsed, roles)

    people = [*transcript.moderators, *transcript.participants]
    header_names = {_strip_titles(name).split()[-1].casefold(): _strip_titles(name) for name in people}
    persons = [actor for actor in (mentioned or []) if actor.kind == PERSON]
    in_title = [actor for actor in find_actors([transcript.title], gazetteer) if actor.kind == PERSON]
    header_lines = [entry["text"] for entry in transcript.removed if entry["rule"] == "transcript_header"]

    def by_initials(label: str) -> str:
        """The one person named in the header, the title or what was said whose initials the label is ("RR" for
        Rachel Reeves, as the BBC labels its interviews), or ''."""
        if not INITIALS.match(label):
            return ""
        named = [*people, *(actor.name for actor in [*in_title, *persons])]
        if header_lines:
            named += [actor.name for actor in find_actors(header_lines, gazetteer) if actor.kind == PERSON]
        found = {
            _strip_titles(name)
            for name in named
            if "".join(word[0] for word in _strip_titles(name).split() if word[:1].isupper()) == label
        }
        return found.pop() if len(found) == 1 else ""

    def known_as(surname: str) -> str:
        """The one full name the header, the transcript's words or the gazetteer give this surname, or ''."""
        if surname in header_names:
            return header_names[surname]
        for candidates in (
            [actor.name for actor in [*persons, *in_title] if _answers_to(actor.name, actor.aliases, surname)],
            [
                entry.name
                for entry in gazetteer.entries
                if entry.kind == PERSON and _answers_to(entry.name, entry.aliases, surname)
            ],
        ):
            if len(set(candidates)) == 1:
                return candidates[0]
        return ""

    def titled(title: str) -> str:
        """The one person the title or the transcript calls by this title ("President Biden"), or ''."""
        found = {actor.name for actor in [*in_title, *persons] if title in actor.description.casefold().split()}
        return found.pop() if len(found) == 1 else ""

    moderators = {parsed[labels[0]].surname for key, labels in groups.items() if roles[key] == MODERATOR}
    speakers: dict[str, FoundSpeaker] = {}
    for key, labels in groups.items():
        # The label that names them most fully; a minister by the name their office label gives in brackets.
        fullest = max((parsed[label] for label in labels), key=lambda entry: (bool(entry.office), len(entry.name)))
        name = ""
        if key == "answer":
            name = _interviewee(transcript, in_title, persons, moderators)
        elif key.startswith("title:"):
            name = titled(fullest.surname.rstrip("."))
        elif not key.startswith("label:") and roles[key] != UNIDENTIFIED:
            name = (
                (len(fullest.name) > 1 and _display(fullest.name))
                or by_initials(fullest.written)
                or known_as(fullest.surname)
                or _display(fullest.name)
            )
        description = next((parsed[label].description for label in labels if parsed[label].description), "")
        speaker = FoundSpeaker(labels[0], name, roles[key], description[:300], tuple(labels))
        speakers.update(dict.fromkeys(labels, speaker))
    return speakers


def _interviewee(transcript: Transcript, in_title: list, persons: list, moderators: set[str]) -> str:
    """Who answers in a Q:/A: interview: the header's guest, else the one person the title names, else the
    person the questions address ("Mr Lindqvist, …"), under the full name the title gives them."""
    if transcript.participants:
        return _strip_titles(transcript.participants[0])
    named = [actor.name for actor in in_title if actor.name.split()[-1].casefold() not in moderators]
    if len(named) == 1:
        return named[0]
    questions = " ".join(turn.text for turn in transcript.turns if turn.label.casefold() in MODERATOR_LABELS)
    addressed = Counter(
        actor.name for actor in persons if re.search(rf"\b{re.escape(actor.name.split()[-1])}\b", questions)
    )
    if not addressed:
        return ""
    surname = addressed.most_common(1)[0][0].split()[-1]
    full = re.search(rf"((?:[A-Z][\w'’-]+\s+){{1,2}}){re.escape(surname)}\b", transcript.title)
    if full and not {word.casefold() for word in full.group(1).split()} & _TITLES:
        return f"{full.group(1).strip()} {surname}"
    return addressed.most_common(1)[0][0]


def _answers_to(name: str, aliases, surname: str) -> bool:
    return name.split()[-1].casefold() == surname or surname in {alias.casefold() for alias in aliases}


def _find_moderators(transcript: Transcript, groups: dict, parsed: dict, roles: dict) -> None:
    """Make moderators of the named speakers who mostly hand the floor to the others (the header names nobody).

    Only among two or more named speakers; someone is always left to answer: when every one of them
    hands over often, the one who hands over least is not a moderator.
    """
    named = [key for key in groups if roles[key] == SPEAKER and not key.startswith(("label:", "answer"))]
    if len(named) < 2:
        return
    key_of = {label: key for key, labels in groups.items() for label in labels}
    turns: dict[str, list[Turn]] = {}
    for turn in transcript.turns:
        if turn.label:
            turns.setdefault(key_of[turn.label], []).append(turn)
    shares = {}
    for key in named:
        others = [
            parsed[groups[other][0]].name[-1] for other in named if other != key and parsed[groups[other][0]].name
        ]
        own = turns.get(key, [])
        if len(own) >= MODERATOR_MIN_TURNS:
            shares[key] = sum(_hands_over(turn, others) for turn in own) / len(own)
    moderating = [key for key, share in shares.items() if share >= MODERATOR_HANDOVER_SHARE]
    if moderating and len(moderating) == len(named):
        moderating.remove(min(moderating, key=lambda key: shares[key]))
    for key in moderating:
        roles[key] = MODERATOR


def label_name(label: str) -> str:
    """The name a label gives someone, as a name is written: "VICE PRESIDENT BIDEN" → "Biden"; '' when it
    gives none ("MODERATOR", "THE PRESIDENT", "Speaker 2")."""
    entry = _parse_label(label)
    if not entry.name or _label_role(entry) == UNIDENTIFIED or entry.spoken in MODERATOR_LABELS | ANSWER_LABELS:
        return ""
    if entry.only_a_title or NUMBERED_SPEAKER.match(" ".join(entry.name)) or is_numbered(entry.name):
        return ""
    return _display(entry.name)


def _strip_titles(name: str) -> str:
    tokens = name.split()
    return " ".join(tokens[_title_length(tokens, keep=2) :])


# Filler and turn-taking ---------------------------------------------------------------------------------

_ADDRESS = (
    r"(?:,?\s*(?:(?:Mr|Mrs|Ms|Dr|Madam|Madame)\.?\s+)?(?:(?:Senator|Secretary|Governor|President|Vice President"
    r"|Congressman|Congresswoman|Mayor|Minister|Prime Minister|Chairman|Chairwoman|Chair|Speaker|Leader|sir|ma'am"
    r"|madam|everybody|everyone|all|both|folks|guys|again|very much|so much)\s*)*(?-i:[A-Z][\w'’.-]*\s*){0,2})"
)
_INTERJECTION = (
    r"(?:yes|yeah|yep|no|nope|right|all right|alright|okay|ok|well|sure|absolutely|exactly|correct|wrong|true"
    r"|false|indeed|of course|uh|um|er|ah|oh|mm-hmm|uh-huh|hmm|huh|wow|really|look|listen|so|and|but|now|please"
    r"|go ahead|thanks|thank you|not true|that's right|that's true|that's not true|that is not true"
    r"|that's wrong|that's false|that's correct|that's not right|not at all|no way|come on|excuse me|sorry"
    r"|i'm sorry|pardon|pardon me|hold on|wait|one second|one minute|wait a minute|wait a second|please"
    r"|let me finish|let me respond|let me just|let me|i agree|i disagree|agreed)"
)
PROCEDURAL = [
    re.compile(rf"^(?:{_INTERJECTION}[\s,.!?…-]*)+{_ADDRESS}[.!?…]*$", re.IGNORECASE),
    re.compile(
        r"^(?:(?:well|and|but|so|now|okay|ok|look|please)[,\s]+)?(?:thank you|thanks)\b(?:\s+(?:very|so) much)?"
        r"(?:,?\s+(?:for|to)\s+(?:having me|that|the question|your (?:question|answer|time|response)|being here"
        r"|joining us|tonight|this evening|all of you|everyone|everybody)\b[^.!?:;\d]{0,30})?"
        rf"{_ADDRESS}[.!?…]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:(?:well|and|but|so|now|okay|ok|look|please|senator|sir)[,\s]+)*"
        r"(?:let me (?:just )?(?:finish|respond|answer|say (?:this|something)|get in|follow up|jump in|interrupt|add"
        r"|make (?:a|one) point|finish my (?:answer|point|thought)|go on|continue|ask you)"
        r"|(?:can|may|could) i (?:just )?(?:respond|answer|finish|say something|add (?:something|one thing)|jump in"
        r"|come in|get in|follow up)"
        r"|(?:please )?(?:let (?:him|her|me|them) (?:finish|answer|respond|speak|talk))"
        r"|you(?:'ve| have) had your (?:turn|time|chance)|(?:your|the) time(?:'s| is) up|you(?:'re| are) out of time"
        r"|that'?s (?:time|all the time we have)|time|we(?:'re| are) (?:out of|over) time"
        r"|we (?:have to|need to|must|'ve got to|got to|are going to|'re going to|will) "
        r"(?:move on|take a (?:quick )?break"
        r"|go to (?:a )?break|leave it there|wrap (?:it )?up|stop (?:there|you there))"
        r"|let's (?:move on|take a (?:quick )?break|go to)|we'll be right back|stay with us"
        r"|(?:we'll|i'll) come back to (?:you|that)"
        r"|i'll give you (?:\w+ )?(?:seconds|a minute|the last word)|(?:thirty|fifteen|sixty|ten|30|15|60|10) seconds"
        r"|(?:good|nice|great) (?:evening|morning|afternoon|night|to see you|to be here|to be with you)"
        r"(?:,? (?:and )?welcome\b[^.!?]{0,60})?"
        r"|welcome(?: back)?(?: (?:to|everyone|everybody)\b[^.!?]{0,60})?"
        r"|(?:it's|it is) (?:good|great|nice|an honou?r|a pleasure|a privilege) to be (?:here|with you)\b[^.!?]{0,40}"
        r"|you may be seated|please be seated|next question|moving on|go ahead)"
        rf"{_ADDRESS}[.!?…]*$",
        re.IGNORECASE,
    ),
]
# A sentence cut off by the next speaker: "I was --", "But the fact is…".
_CUT_OFF = re.compile(r"(?:--|—|–|\.\.\.|…)[\"'”’]?$")
MIN_STATEMENT_WORDS = 3
CUT_OFF_MAX_WORDS = 8


def is_procedural(sentence: str) -> bool:
    """Whether a spoken sentence is filler, cross-talk or turn-taking rather than a statement: "Thank you,
    Senator.", "Let me finish.", "Yes.", "Good evening and welcome to the debate.", "I was --"."""
    text = " ".join(sentence.replace("’", "'").split()).strip("\"“”' ")
    if not text:
        return True
    words_ = re.findall(r"[\w'-]+", text)
    if len(words_) < MIN_STATEMENT_WORDS and not re.search(r"\d", text):
        return True
    if _CUT_OFF.search(text) and len(words_) <= CUT_OFF_MAX_WORDS:
        return True
    return any(pattern.match(text) for pattern in PROCEDURAL)
