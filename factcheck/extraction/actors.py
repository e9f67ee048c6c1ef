"""Find the people and organisations an article names, by rules and a gazetteer.

A run of capitalised words in a sentence is a candidate name. It becomes an
actor only with evidence that it is one:

- it is in the curated gazetteer (``factcheck/data/actors.json``), or
- it contains an organisation word ("Department", "University", "Bank" …), or
- it starts with a common given name (the US census's, from the ``names`` package, and
  ``factcheck/data/given_names.txt``), or
- it is written with a capital inside ("WeWork") and named twice: a company, or
- the sentence treats it as someone: a title before it ("Mayor", "Police
  Chief"), a role in apposition after it (", the U.S. Ambassador to NATO,"),
  a speech verb after it ("… said", "… claimed") or a source cue before it
  ("according to …", "said …").

That keeps out sentence-initial words ("Honestly", "Picture"), places and
events ("Élysée Palace", "Paris Declaration"), competitions ("the Champions League final"), programmes, laws,
vehicles and buildings named like someone ("the CLPS contracts", "Walter Reed hospital"), and, because headings, list
labels, the title and removed clutter are never scanned, headings, labels,
title fragments and advertisers. A later surname or short form ("Zelenskyy",
"Voltaris") resolves to the one full name it ends or starts, and is kept as an
alias. Roles come from apposition first, then from a title before the name.

Here is the finding; what it reads lives beside it: candidate names and their parts in ``names``, the signs
of an organisation in ``organisations``, the cues around a name in ``cues``, places in ``places``, and the
gazetteer and given names in ``gazetteer``.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import justext

from .cues import (
    _ROLE_JUST_BEFORE,
    INVERTED_BEFORE,
    ITS_PEOPLE_SPEAK,
    ROLE_AFTER,
    SOURCE_BEFORE,
    SPEECH_AFTER,
    WITH_BEFORE,
    WITH_SAYING,
    _after,
    _apposition,
    _before,
    _is_place,
    _role_before,
    _without_pronoun,
)
from .gazetteer import ORGANIZATION, PERSON, Gazetteer, given_names, load_gazetteer
from .names import (
    _ACRONYM,
    _NAME_SUFFIXES,
    _PARENTHESISED_ACRONYM,
    COMMON_WORDS,
    HONORIFICS,
    TITLE_WORDS,
    _first_and_last,
    _initials,
    _name,
    _Span,
    _spans,
    _split_title,
    _surname,
    is_headline_case,
)
from .organisations import (
    _BRAND,
    ORG_APPOSITION_BEFORE,
    ORG_BEFORE,
    ORG_WORDS,
    TICKER_AFTER,
    _has_org_word,
    _names_an_organisation,
    _national_institutions,
)
from .places import (
    is_country_or_region,
    is_landform_or_event,
    is_nationality,
    is_place,
    is_place_or_nationality,
    is_venue,
)
from .sentences import words


@dataclass
class FoundActor:
    """An actor found in one article: canonical name, kind, role and the other names the text used."""

    name: str
    kind: str
    description: str = ""
    aliases: list[str] = field(default_factory=list)

    def surface_forms(self) -> list[str]:
        return [self.name, *self.aliases]


# A name in quotation marks is a title: a film, a book, a show, a slogan ("Mary Poppins", "Star Wars").
_QUOTE_BEFORE = re.compile(r"[“\"‘]$")
_QUOTE_AFTER = re.compile(r"^[,.!?]?[”\"’]")
# A character in a film or a show is not a person: "the character Homer Simpson", "Ted Lasso, played by …".
CHARACTER_BEFORE = re.compile(
    r"\b(?:character|characters|plays|played|playing|portrays|portrayed|voices|voiced|(?:role|part) (?:as|of))\s+$"
)
CHARACTER_AFTER = re.compile(r"^,?\s+(?:\(?(?:played|voiced|portrayed) by)\b")
# A company's name before one of these is the place it is named after: "the Amazon rainforest".
GEOGRAPHY_AFTER = re.compile(
    r"^\s+(?:rainforest|rain forest|river|basin|jungle|delta|region|valley|forest|desert|coast|mountains|sea|ocean)\b"
)
# Products, platforms and apps: what people use and post on, not who speaks. Named only when a sentence makes
# one the speaker ("Twitter said it had suspended the account").
PLATFORMS = words(
    "android ios iphone ipad ipod mac macos windows facetime galaxy pixel chrome alexa siri playstation xbox kindle "
    "whatsapp instagram youtube tumblr weibo wechat snapchat telegram twitter reddit linkedin spotify zoom skype "
    "gmail outlook bluetooth wi-fi disney+ espn+ hulu"
)
_DIGIT = re.compile(r"\d")
# A party and state after a lawmaker's name ("Ben Sasse, R-Neb.", "(D-N.Y.)"): not an actor.
_PARTY_AND_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{1,14}$")
# What comes after the name of a programme, a law or a vehicle, which is nobody: "the Commercial Lunar Payload
# Services (CLPS) contracts", "the Social Security Act", "its Blue Moon lander".
THING_AFTER = re.compile(
    r"^(?:\s*\([A-Z][A-Z&.]{1,9}\))?\s+(?:program|programme|programs|programmes|contracts?|initiative|scheme|effort"
    r"|project|act|law|bill|mission|lander|rover|spacecraft|rocket|vehicle"
    r"|film|films|movie|movies|series|franchise|album|novel|documentary|episode|sequel|reboot)\b"
    # a vehicle said with what kind it is: "its Starship reusable launch vehicle", "Starship lunar lander missions"
    r"|^\s+(?:(?:reusable|lunar|launch|heavy-lift|super-heavy|crewed|uncrewed|robotic|cargo|space|electric"
    r"|autonomous|self-driving|orbital|passenger|commercial|prototype|hybrid)\s+){1,2}"
    r"(?:landers?|rovers?|spacecraft|spaceships?|rockets?|vehicles?|capsules?|boosters?|cars?|trucks?|jets?"
    r"|aircraft|airliners?|planes?|ships?|satellites?|modules?)\b"
)
# A competition by its last word and what is said of it: "the Champions League final", "three Premier League
# titles", "won the UEFA Champions League twice", "the World Series game". Who plays in it is someone; it is not.
COMPETITION_LAST = frozenset(("league", "series", "open"))
COMPETITION_AFTER = re.compile(
    r"^\s+(?:final|finals|title|titles|trophy|trophies|crown|game|games|match|matches|fixture|fixtures|season"
    r"|seasons|campaign|tie|ties|group|groups|semi-?finals?|quarter-?finals?|knockout|table|standings|spot|berth"
    r"|qualifiers?|qualifying|winners?|champions?|debut|clash|opener|draw|round|play-?offs?|twice)\b",
    re.IGNORECASE,
)
COMPETITION_BEFORE = re.compile(
    r"\b(?:won|win|wins|winning|lift|lifted|lifting|reach|reached|reaching|qualif(?:y|ied|ying) for"
    r"|(?:play|played|playing|compete|competed|competing) in|top of|bottom of|relegated from|promoted to)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The last word of a name that is a law's, a treaty's, a prize's, a room's, an event's or a venue's, never
# someone's: "the Logan Act", "the Paris Agreement", "the Cabinet Room", "the ATP Finals", "the Indiana Statehouse".
THING_LAST = frozenset(
    (
        "act", "acts", "treaty", "accord", "accords", "agreement", "doctrine", "amendment", "prize", "award", "awards",
        "trophy", "room", "cup", "finals", "championship", "championships", "olympics", "tournament", "festival",
        "summit", "marathon", "statehouse", "pavilion", "stadium", "arena", "coliseum", "final", "playoff",
        "playoffs", "bridge", "tunnel", "boathouse",
    )
)  # fmt: skip
# A group, a pool or a plan named by a letter: "Group A", "Plan B". Not a given name and an initial ("Malcolm X").
LETTERED = re.compile(r"^[A-Z][a-z]+ [A-Z]$")
# A name after one of these is a thing someone has: "his PalmPilot", "a Walkman", "their Roomba".
OWNED_BEFORE = re.compile(r"\b(?:a|an|his|her|their|my|your|our)\s+$", re.IGNORECASE)
# An apposition that says the name is a place or an occasion: "Braunau am Inn, a town on the border with
# Germany", "Diwali, the Hindu festival of lights".
PLACE_APPOSITION = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:town|city|village|region|province|county|district|island|suburb"
    r"|capital|municipality|neighbou?rhood|borough|festival|holiday|feast)"
    r"(?:\s+(?:on|in|of|near|outside|north|south|east|west|close|along|where|that|with|about)\b|$)",
    re.IGNORECASE,
)
# A place the text locates in a country or a region: "from Punjab's Bhatinda", "in Ohio's Lorain".
_REGIONS_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|outside)\s+((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s\s+$")


def _in_a_regions_place(before: str) -> bool:
    match = _REGIONS_PLACE_BEFORE.search(before)
    return bool(match) and is_country_or_region(match.group(1))


# A building named after someone is not them: "Walter Reed hospital", "the Kennedy airport".
FACILITY_AFTER = re.compile(
    r"^\s+(?:hospital|medical cent(?:er|re)|airport|station|stadium|arena|prison|jail|campus|base|hotel|museum"
    r"|theat(?:er|re)|library|bridge|tunnel)\b"
)
# "the AMAs", "the Oscars"-style plural of an acronym: an event or a group of things, not one actor.
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


@cache
def english_common_words() -> frozenset[str]:
    """English function and common words (jusText's stoplist, which trafilatura relies on): opening a sentence
    with a capital, one of them alone is not a name."""
    return frozenset(justext.get_stoplist("English"))


# The languages besides English whose articles the desk is given most: their function words open sentences too.
OTHER_LANGUAGES = ("German", "French", "Spanish", "Italian", "Portuguese", "Dutch")


@cache
def function_words() -> frozenset[str]:
    """Common words of English and the other languages (jusText's stoplists) that no one is called: opening a
    sentence, "Das sagte …", "Elle a dit …", one of them alone is not a name. Given names ("Maria") stay names."""
    other = frozenset().union(*(justext.get_stoplist(language) for language in OTHER_LANGUAGES))
    return english_common_words() | frozenset(word for word in other if word.capitalize() not in given_names())


# In German every noun is capitalised: these words before a run of capitals make it a noun ("in der Gastronomie",
# "beim Zoll", "die Managerin"), or part of one ("Gene von Chloroplasten"), unless a name follows them.
GERMAN_NOUN_BEFORE = re.compile(
    r"\b(?:der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|kein|keine|keinen|keiner|im|am|beim|vom|zum|zur|ins"
    r"|aufs|ihre|ihrer|ihren|seine|seiner|seinen|unsere|unserer|diese|dieser|diesen|dieses|jede|jeder|jedes|alle|mit"
    r"|von|bei|nach|aus|für|über|unter|gegen|ohne|durch|zwischen|wegen|trotz|vor|hinter|neben|in|an|auf)\s+$"
)
# Words that open a run of capitals in German and are no part of the name: "Die Deutsche Bahn", "Laut VZBV".
GERMAN_LEADING_WORDS = frozenset(("der", "die", "das", "den", "dem", "des", "ein", "eine", "laut"))
# The small words that join common nouns in German ("Einsätze der Airlines den Nachschub"), where in English they
# join the parts of one name ("Ursula von der Leyen").
GERMAN_JOINING_WORDS = frozenset(("von", "der", "den", "des", "dem", "die", "das", "und", "vom", "zur", "zum"))
# What German organisations' names end with: "Bundesamt", "Zentralbank", "Bundesregierung", "Deutsche Bahn",
# "Gewerkschaft Verdi". The word alone ("die Regierung", "die Bank") is nobody in particular.
GERMAN_ORG_ENDINGS = tuple(
    words(
        "amt bank bahn verband ministerium gewerkschaft konzern regierung partei institut universität hochschule"
        " gericht gerichtshof behörde agentur kommission stiftung verein zentrale polizei staatsanwaltschaft"
        " bundestag bundesrat landtag"
    )
)
GERMAN_COMPANY_FORMS = frozenset(("AG", "GmbH", "SE", "KG", "e.V."))
# A German speaker stands right beside the verb ("Lufthansa teilte mit", "sagte Shahid", "laut Sackton", "so Davis"):
# a noun further off is what was said ("… aus solchen Bausteinen, sagt Sackton").
_GERMAN_SPEECH = (
    r"(?:sagte|sagt|sagten|erklärte|erklärt|erklärten|betonte|betont|warnte|warnt|schrieb|schreibt|berichtete"
    r"|berichtet|teilte|teilt|kritisierte|kritisiert|forderte|fordert|meinte|meint|meldete|meldet|erwartet|erwartete"
    r"|kündigte|kündigt)"
)
GERMAN_SPEAKER_BEFORE = re.compile(rf"(?:\b{_GERMAN_SPEECH}|\blaut|(?:^|[,»«„“”\"]\s*)so)\s+$")
GERMAN_SPEAKER_AFTER = re.compile(rf"^\s+(?:hat\s+|habe\s+)?{_GERMAN_SPEECH}\b")


def _german_org(tokens: list[str]) -> bool:
    """A German organisation's word: a compound ending with one ("Bundesamt"), or one among other words of a name
    ("Deutsche Bahn", "Gewerkschaft Verdi")."""
    if len(tokens) == 1:
        word = tokens[0].lower()
        return word.endswith(GERMAN_ORG_ENDINGS) and word not in GERMAN_ORG_ENDINGS and len(word) > 6
    return any(token in GERMAN_COMPANY_FORMS or token.lower().endswith(GERMAN_ORG_ENDINGS) for token in tokens)


@cache
def german_common_words() -> frozenset[str]:
    """German function and common words (jusText's stoplist)."""
    return frozenset(justext.get_stoplist("German"))


FRENCH_ELIDED_NOUN = re.compile(r"^[LDld]['’][a-zàâçéèêëîïôûùüÿœæ]")


def in_german(sentences: list[str]) -> bool:
    """Whether the text is German, where every noun starts with a capital: more of its words are German function
    words than English ones (jusText's stoplists), by far."""
    words = [word.lower() for sentence in sentences for word in re.findall(r"[^\W\d_]+", sentence)]
    german, english = german_common_words(), english_common_words()
    german_only = sum(1 for word in words if word in german and word not in english)
    english_only = sum(1 for word in words if word in english and word not in german)
    return german_only >= 20 and german_only > 2 * english_only


def _german_name(span: _Span, names: frozenset[str]) -> _Span | None:
    """What of a run of capitals in German text can be a name: the nouns before a joining word or a given name go
    ("Evolutionsbotanikerin von der Long Island University", "Bioinformatik Timothy Sackton"), and a noun after an
    article or a preposition is none ("in der Gastronomie"), unless it names an organisation."""
    tokens, start = list(span.tokens), span.start
    if tokens[0] in names:
        # "Christian Lindner der Nachrichtenagentur": what follows a given name and a surname is another noun
        # ("Ursula von der Leyen" keeps her particles, which come right after the given name)
        after_name = next(
            (index for index, token in enumerate(tokens) if index >= 2 and token in GERMAN_JOINING_WORDS), None
        )
        if after_name:
            tokens = tokens[:after_name]
    else:
        joined = [index for index, token in enumerate(tokens) if token in GERMAN_JOINING_WORDS]
        if joined and joined[-1] < len(tokens) - 1:
            tokens = tokens[joined[-1] + 1 :]
        given = next((index for index, token in enumerate(tokens) if index and token in names), None)
        if given and not _has_org_word(tokens[:given]):
            tokens = tokens[given:]
        # a common word before the name ("Warum Mangos", "Laut Verbraucherzentrale Bundesverband"), but not the
        # adjective of an organisation's name ("Deutsche Bahn")
        organisation = _has_org_word(tokens) or _german_org(tokens)
        while len(tokens) > 1 and (
            tokens[0].lower() in GERMAN_LEADING_WORDS
            or (tokens[0].lower() in german_common_words() and not organisation)
        ):
            tokens = tokens[1:]
    if tokens != span.tokens:
        start = span.sentence.find(tokens[0], span.start)
        span = _Span(tokens, start, span.end, span.initial and start == span.start, span.sentence, span.prefix)
    if GERMAN_NOUN_BEFORE.search(span.sentence[: span.start].lower()) and not (
        tokens[0] in names
        or _has_org_word(tokens)
        or _german_org(tokens)
        or _ACRONYM.match(tokens[0])
        or _BRAND.match(tokens[0])
    ):
        return None
    return span


def _initials_and_surname(tokens: list[str]) -> bool:
    """A person's initials and surname ("J.J. Abrams", "P.J. Fleck"), not an acronym's organisation ("U.S. Army")."""
    return len(tokens) == 2 and bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", tokens[0])) and not _has_org_word(tokens)


def _things_named(sentences: list[str]) -> set[str]:
    """Names the article gives to a programme, a law, a vehicle or a building ("the Commercial Lunar Payload
    Services (CLPS) contracts", "Walter Reed hospital"), with their acronyms: nobody, wherever they are named."""
    things = set()
    for sentence in sentences:
        for raw in _spans(sentence):
            span = _split_title(raw)
            if span is None:
                continue
            after = _after(sentence, raw.end)
            if (
                (len(span.tokens) > 1 and THING_AFTER.match(after))
                or FACILITY_AFTER.match(after)
                or (len(span.tokens) > 1 and span.tokens[-1].lower() in THING_LAST)
                or (LETTERED.match(" ".join(span.tokens)) and span.tokens[0] not in given_names())
                or _DIVISION.match(" ".join(span.tokens))
                or (len(span.tokens) > 1 and span.tokens[0] in SHIP_PREFIXES)
                or (
                    len(span.tokens) > 1
                    and span.tokens[-1].lower() in COMPETITION_LAST
                    and (COMPETITION_AFTER.match(after) or COMPETITION_BEFORE.search(_before(sentence, raw.start)))
                )
            ):
                things.add(_name(span.tokens))
                if acronym := _PARENTHESISED_ACRONYM.match(after):
                    things.add(acronym.group(1))
        # A condition or a thing in lower case, then its acronym: "binge eating disorder (BED)" is nobody. The
        # first word may open the sentence ("Binge eating disorder (BED) is …"); "World Health Organization (WHO)"
        # is a name.
        for match in _DEFINED_ACRONYM.finditer(sentence):
            acronym = match.group(2)
            phrase = match.group(1).split()[-len(acronym) :]
            opens = sentence[: match.start(1)].strip() == "" and len(phrase) == len(match.group(1).split())
            lower = all(word.islower() for word in phrase[1 if opens else 0 :])
            if lower and _initials([word.capitalize() for word in phrase]) == acronym:
                things.add(acronym)
    return things


# One member of a party, which is no actor (its members together are: "Democrats said", "the Republicans").
PARTY_MEMBERS = frozenset(("Democrat", "Republican", "Tory", "Libertarian"))
# A ship by its prefix: "the destroyer USS Higgins", "HMS Victory" (its crew may speak; the ship is nobody).
# ("HMS" and "RMS" are also companies' initials: "HMS Logistics", "RMS Partners".)
SHIP_PREFIXES = frozenset(("USS", "USNS", "HMAS", "HMCS", "HMNZS"))
# A league's division: "AFC West", "NL Central" (not a broadcaster's region: "BBC South").
_DIVISION = re.compile(r"^(?:AFC|NFC|AL|NL|ACC|SEC|AAC|MAC|MLS|NBA|NHL|WNBA) (?:East|West|North|South|Central)$")
_DEFINED_ACRONYM = re.compile(r"\b((?:[A-Za-z][a-z-]*\s+){1,7})\(([A-Z]{2,8})\)")


def _is_title_of_a_work(before: str, after: str) -> bool:
    return bool(_QUOTE_BEFORE.search(before) and _QUOTE_AFTER.match(after))


def find_actors(
    sentences: list[str], gazetteer: Gazetteer | None = None, *, headlines: list[str] = ()
) -> list[FoundActor]:
    """Actors named in the sentences, in order of first mention; aliases resolved, roles captured.

    `headlines` (the title, section headings) are never a source of actors, but a person's full name in them
    is what a surname alone in the sentences stands for.
    """
    gazetteer = gazetteer or load_gazetteer()
    names = given_names()
    lowercase_words = {word for sentence in sentences for word in re.findall(r"\b[a-z][\w'-]*", sentence)}
    accepted: dict[str, FoundActor] = {}
    singles: list[tuple[str, _Span, bool]] = []  # single-word candidates, with whether a cue backed them

    def accept(name: str, kind: str, description: str = "", alias: str = "") -> None:
        entry = gazetteer.lookup(name) or (gazetteer.lookup(alias) if alias else None)
        if entry:
            name, kind = entry.name, entry.kind
        actor = accepted.setdefault(name, FoundActor(name, kind))
        if description and not actor.description:
            actor.description = description
        for form in (alias,):
            # Never a bare place or nationality ("German", "Berlin"): it would link the actor to every sentence
            # that names the country or the city.
            if form and form != actor.name and form not in actor.aliases and not is_place_or_nationality(form):
                actor.aliases.append(form)

    things = _things_named(sentences)
    german = in_german(sentences)
    for sentence in sentences:
        for institution in _national_institutions(sentence):
            accept(institution, ORGANIZATION)
        # A headline in title case ("Bank Will No Longer Fund Oil Exploration, Chief Executive Says") is one long
        # run of capitals: only names the gazetteer knows are taken from it, never its fragments.
        headline_case = is_headline_case(sentence)
        for raw in _spans(sentence):
            span = _split_title(raw)
            if span is not None and german:
                span = _german_name(span, names)
            if span is None:
                continue
            if headline_case:
                known = next(
                    (
                        entry
                        for k in range(len(span.tokens), 0, -1)
                        if (entry := gazetteer.lookup(" ".join(span.tokens[:k])))
                    ),
                    None,
                )
                if known:
                    accept(known.name, known.kind)
                continue
            numbered = False
            while len(span.tokens) > 1 and _DIGIT.search(span.tokens[-1]):
                span.tokens = span.tokens[:-1]  # a ticker after the name: "London Metal Exchange CMAL3"
                numbered = True
            numbered = numbered or bool(re.match(r"\s+\d", sentence[raw.end : raw.end + 3]))
            if numbered and len(span.tokens) > 1 and span.tokens[-1].lower() in lowercase_words:
                continue  # a numbered thing, not who runs it: "Malaysia Airlines Flight 370", "Route 66"
            if raw.start and sentence[raw.start - 1] in ".@#":
                continue  # a ticker, a handle or a hashtag: "the Nasdaq Composite .IXIC", "@MattBevin"
            if (
                len(span.tokens) > 1
                and all(token.isupper() for token in span.tokens)
                and all(token.lower() in lowercase_words or token.lower() in COMMON_WORDS for token in span.tokens)
            ):
                continue  # words shouted in capitals ("GET OUT and VOTE"), not an acronym's letters
            after = _after(sentence, raw.end)
            if len(span.tokens) > 1 and is_place_or_nationality(span.tokens[-1]) and ROLE_AFTER.match(after):
                span.tokens = span.tokens[:-1]  # "White House Russia adviser Fiona Hill": Russia is the brief
            name = _name(span.tokens)
            if name in things:
                continue
            surface = " ".join(span.tokens)
            alias = surface if surface != name else ""
            with_the = "The " + name
            before, after = _before(sentence, raw.start), _after(sentence, raw.end)
            if _is_title_of_a_work(before, after) or CHARACTER_BEFORE.search(before) or CHARACTER_AFTER.match(after):
                continue
            acronym = _PARENTHESISED_ACRONYM.match(after)
            if (
                len(span.tokens) > 2
                and _ACRONYM.match(span.tokens[0])
                and span.tokens[0].replace(".", "") == _initials(span.tokens[1:])
            ):
                # "UCEA Universities and Colleges Employers' Association": the acronym, then the name it stands for.
                acronym_alias, span.tokens = span.tokens[0], span.tokens[1:]
                name, surface, alias = _name(span.tokens), " ".join(span.tokens), acronym_alias
            # A country run into the name ("… to Britain Liu Xiaming") belongs to the role before it.
            kept_from = sentence.find(span.tokens[0], raw.start) if span.tokens[0] != raw.tokens[0] else raw.start
            role_before = _role_before(_before(sentence, kept_from if kept_from >= 0 else raw.start))
            description = _without_pronoun(_apposition(after) or role_before)
            if PLACE_APPOSITION.match(_apposition(after)):
                continue  # "Braunau am Inn, a town on the border": a place
            if span.prefix and not description and span.prefix[-1].lower() not in HONORIFICS:
                description = " ".join(span.prefix)
            if (
                span.initial
                and len(span.tokens) == 1
                and not name.isupper()
                and name.lower() in function_words()
                and name.lower() not in english_common_words()
            ):
                continue  # another language's article opening the sentence, not an acronym: "Un article …" (UN)
            entry = gazetteer.lookup(name) or gazetteer.lookup(with_the) or gazetteer.lookup(surface)
            if entry:
                # Only when the sentence is about it: "the Amazon rainforest" is not the company.
                if entry.kind != PERSON and GEOGRAPHY_AFTER.match(after):
                    continue
                accept(entry.name, entry.kind, description, alias=surface if surface != entry.name else "")
                continue
            if _PARTY_AND_STATE.match(name):
                continue
            product = (
                _DIGIT.search(name)
                or (name.casefold() in PLATFORMS and not SPEECH_AFTER.match(after))
                or _PLURAL_ACRONYM.match(name)
            )
            if product and not span.prefix and not _has_org_word(span.tokens):
                continue  # a product, a model or a platform ("A380", "TNG50", "Android")
            if (
                len(span.tokens) > 1
                and not span.prefix
                and (is_country_or_region(name) or (not _has_org_word(span.tokens) and is_place(name)))
            ):
                # a place or a people, dateline included ("SAN FRANCISCO", "Fort Worth", "Swedish"); a country or a
                # region even with an organisation's word in its name ("West Bank", "Soviet Union")
                continue
            spoken = bool(
                SPEECH_AFTER.match(after)
                or SOURCE_BEFORE.search(before)
                or INVERTED_BEFORE.search(before)
                or ITS_PEOPLE_SPEAK.match(after)
                or (WITH_BEFORE.search(before) and WITH_SAYING.match(after))
            )
            role = _ROLE_JUST_BEFORE.search(before)
            titled = bool(role) and role.group(1) in TITLE_WORDS and role.group(1) not in HONORIFICS
            # "according to data from MarketAxess": a source, though "from" usually comes before a place.
            cue = (spoken or bool(span.prefix) or bool(description)) and (
                bool(SOURCE_BEFORE.search(before)) or not _is_place(before, after, span)
            )
            if german and len(span.tokens) == 1:
                cue = bool(span.prefix) or bool(
                    GERMAN_SPEAKER_BEFORE.search(before) or GERMAN_SPEAKER_AFTER.match(after)
                )
            if len(span.tokens) == 1 and name in PARTY_MEMBERS:
                continue  # "the top Democrat on the committee": what someone is, not who
            if len(span.tokens) == 1:
                singles.append((name, span, cue))
                continue
            if not span.prefix and (
                is_landform_or_event(span.tokens)
                or (is_venue(span.tokens) and not spoken and not _has_org_word(span.tokens[:-1]))
            ):
                continue  # where things happen or what happened: "Mauna Kea", "the Black Death", "Moscone Center"
            if (
                _has_org_word(span.tokens)
                or (german and _german_org(span.tokens))
                or span.tokens[-1].lower() in TITLE_WORDS  # "the Sioux Falls Argus Leader", as a source
                or _BRAND.match(span.tokens[0])  # "JPMorgan Chase": a capital inside a word is a company's
                or (_ACRONYM.match(span.tokens[0]) and not _initials_and_surname(span.tokens))
                or ORG_BEFORE.search(before)
                or ORG_APPOSITION_BEFORE.search(before)
                or _names_an_organisation(description)
                or TICKER_AFTER.match(after)
                or ITS_PEOPLE_SPEAK.match(after)  # "Kelburn Ferries executives said"
            ):
                accept(name, ORGANIZATION, description, alias)
                if acronym:
                    accept(name, ORGANIZATION, alias=acronym.group(1))  # "… Employers' Association (UCEA)"
            elif (
                span.tokens[0] in names
                or (cue and not span.initial)
                or span.prefix
                or (titled and not _is_place(before, after, span))
                or (cue and span.tokens[0].lower() not in COMMON_WORDS)
            ):
                accept(name, PERSON, description, alias)

    # A person named by the last words of another's full name is them: "Hawk Sawyer" is "Kathleen Hawk Sawyer".
    # So is one named with a middle initial or a suffix more or less: "Patrick W. Carlineo", "Patrick Carlineo Jr.".
    people = [actor for actor in accepted.values() if actor.kind == PERSON]
    first_and_last: dict[tuple[str, str], FoundActor] = {}
    for person in people:
        key = _first_and_last(person.name)
        same = first_and_last.setdefault(key, person) if key else person
        if same is not person and person.name in accepted:
            del accepted[person.name]
            for form in [person.name, *person.aliases]:
                if form not in same.aliases:
                    same.aliases.append(form)
    # And one named by the short form of the given name: "Pat Carlineo" is "Patrick Carlineo Jr.".
    for (first, last), person in list(first_and_last.items()):
        fuller = [
            other
            for (other_first, other_last), other in first_and_last.items()
            if other_last == last and len(first) >= 3 and other_first != first and other_first.startswith(first)
        ]
        if len(fuller) == 1 and person.name in accepted and fuller[0].name in accepted:
            del accepted[person.name]
            for form in [person.name, *person.aliases]:
                if form not in fuller[0].aliases:
                    fuller[0].aliases.append(form)
    people = [actor for actor in accepted.values() if actor.kind == PERSON]
    for short in people:
        parts = short.name.split()
        longer = [
            person
            for person in people
            if len(person.name.split()) > len(parts) and person.name.split()[-len(parts) :] == parts
        ]
        if len(longer) == 1 and short.name in accepted:
            del accepted[short.name]
            for form in [short.name, *short.aliases]:
                if form not in longer[0].aliases:
                    longer[0].aliases.append(form)

    # Full names in the headlines: "Phoenix" in the text is "Joaquin Phoenix" of the title.
    headline_people = [
        " ".join(span.tokens)
        for headline in headlines
        for raw in _spans(headline)
        if (span := _split_title(raw))
        and 1 < len(span.tokens) <= 3
        and not _has_org_word(span.tokens)
        # In a headline in title case every word is capitalised: only a given name starts a name there. So is a
        # headline's first word, which is no name when the article writes it in lower case ("House Hitler was born
        # in …" of an article about "the house"), and in German, where every noun has a capital ("Warum Mangos …").
        and (span.tokens[0] in names or not (is_headline_case(headline) or german))
        and not (span.initial and span.tokens[0].lower() in lowercase_words)
    ]
    # Short forms: "Zelenskyy" for "Volodymyr Zelenskyy", "Voltaris" for "Voltaris Energy".
    mentions = Counter(name for name, _, _ in singles)
    # "his PalmPilot until …" is a thing he has; "his WeWork shares" are shares in the company.
    owned = {
        name
        for name, span, _ in singles
        if OWNED_BEFORE.search(_before(span.sentence, span.start))
        and (
            not (following := re.match(r"\s*([a-z]+)", span.sentence[span.end :]))
            or following.group(1) in english_common_words()
        )
    }
    for name, span, cue in singles:
        full = [
            actor
            for actor in accepted.values()
            if len(actor.name.split()) > 1
            and (
                (actor.kind == PERSON and _surname(actor.name) == name)
                # a name written surname first ("Liu" of "Liu Xiaoming"), or a first name alone: the one person
                # the article names in full with it (two "Chris"es leave it to neither)
                or (actor.kind == PERSON and actor.name.split()[0] == name)
                # or a name inside a long one, by which its bearer is known: "Lula" of "Luiz Inácio Lula da Silva"
                or (actor.kind == PERSON and name in actor.name.split()[1:-1])
                # an organisation's initials: "BMA" of "British Medical Association"
                or (actor.kind == ORGANIZATION and _ACRONYM.match(name) and _initials(actor.name.split()) == name)
                or (
                    actor.kind == ORGANIZATION
                    and actor.name.split()[0] == name
                    and name.lower() not in COMMON_WORDS
                    and not is_place_or_nationality(name)
                )
            )
        ]
        if len(full) == 1:
            if name not in full[0].aliases:
                full[0].aliases.append(name)
            continue
        if full:
            continue  # "Biden" with both "Joe Biden" and "Hunter Biden" named: one of them, never a third actor
        if name in things or THING_AFTER.match(_after(span.sentence, span.end)):
            continue  # "the fourth Trek film": a work's short name
        if name in accepted or any(name in actor.aliases for actor in accepted.values()):
            continue
        lowered = name.lower()
        if lowered in COMMON_WORDS or lowered in TITLE_WORDS or (span.initial and lowered in lowercase_words):
            continue
        if lowered.replace("’", "'").split("'")[0] in COMMON_WORDS:
            continue  # a pronoun run into its verb: "I’d", "We're"
        if FRENCH_ELIDED_NOUN.match(name):
            continue  # a French article run into a common noun: "L'entreprise a annoncé" (not "L'Oréal")
        if lowered.removesuffix("s") in TITLE_WORDS or lowered in THING_LAST:
            continue  # roles ("Representatives" of "House of Representatives"), a law's word alone ("Amendment")
        if span.initial and lowered.replace("’", "'") in function_words():
            continue  # a common word opening the sentence: "Another said …", "Audio of the call …", "Das sagte …"
        if span.initial and lowered.endswith("ly") and _after(span.sentence, span.end).startswith(","):
            continue  # an adverb opening the sentence: "Previously, the program …"
        if lowered.rstrip(".") in _NAME_SUFFIXES or lowered.rstrip(".") in ORG_WORDS:
            continue  # what is left of a name ("Jr.", "III") or of a place ("Braunau am Inn"): nobody on its own
        titled = [person for person in dict.fromkeys(headline_people) if person.split()[-1] == name]
        if len(titled) == 1:
            accept(titled[0], PERSON, alias=name)
            continue
        if (
            not cue
            and _BRAND.match(name)
            and name.casefold() not in PLATFORMS
            and mentions[name] >= 2
            and name not in owned  # "his PalmPilot": a product
        ):
            # A name written with a capital inside ("WeWork", "SoftBank", "MarketAxess") is a company's, never a
            # sentence's first word nor a person's (their "McDonald", "DeSantis" are kept out by their prefix).
            accept(name, ORGANIZATION)
            continue
        if not cue:
            continue
        if not span.prefix and (
            is_country_or_region(name)
            or is_nationality(name)
            or (is_place(name) and not SPEECH_AFTER.match(_after(span.sentence, span.end)))
            or _in_a_regions_place(_before(span.sentence, span.start))
        ):
            continue  # a place or a people; a city that speaks is its club or its council ("Tottenham said")
        if (
            _ACRONYM.match(name)
            or _has_org_word([name])
            or (german and _german_org([name]))
            or ORG_BEFORE.search(_before(span.sentence, span.start))
            or (SOURCE_BEFORE.search(_before(span.sentence, span.start)) and name not in names)
            or ITS_PEOPLE_SPEAK.match(_after(span.sentence, span.end))
        ):
            accept(name, ORGANIZATION)
        elif span.prefix or name in names:
            accept(name, PERSON)
        else:
            # One name alone, never given in full nor with a title ("Mr", "Senator"), that speaks: an article names
            # a person in full before their surname alone, so this is an organisation ("Tottenham", "Bloomberg").
            accept(name, ORGANIZATION)

    for actor in accepted.values():
        entry = gazetteer.lookup(actor.name)
        if entry:
            if not actor.description:
                actor.description = entry.description
            for alias in entry.aliases:
                if alias not in actor.aliases:
                    actor.aliases.append(alias)
    return list(accepted.values())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


class ActorIndex:
    """Where the actors of one article are named in a sentence (case-sensitive, whole words)."""

    def __init__(self, actors: list[FoundActor]):
        self.actors = {actor.name: actor for actor in actors}
        forms = sorted(
            ((form, actor.name) for actor in actors for form in actor.surface_forms() if form),
            key=lambda pair: -len(pair[0]),
        )
        self._forms = dict(forms)
        pattern = "|".join(re.escape(form) for form, _ in forms)
        self._pattern = re.compile(rf"(?<![\w]){'(?:' + pattern + ')' if pattern else '(?!x)x'}(?![\w])")

    def mentions(self, sentence: str) -> list[Mention]:
        """Where the sentence names an actor; not "the Amazon rainforest", which names a place after the company."""
        return [
            Mention(m.start(), m.end(), self._forms[m.group(0)])
            for m in self._pattern.finditer(sentence)
            if self.kind(self._forms[m.group(0)]) == PERSON or not GEOGRAPHY_AFTER.match(_after(sentence, m.end()))
        ]

    def names_in(self, sentence: str) -> list[str]:
        """Canonical names mentioned in the sentence, first mention first, each once."""
        return list(dict.fromkeys(mention.name for mention in self.mentions(sentence)))

    def kind(self, name: str) -> str:
        return self.actors[name].kind
