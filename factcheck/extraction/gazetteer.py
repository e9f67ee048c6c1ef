"""What the desk knows of names before it reads an article: the kinds of actor, the curated gazetteer
(``factcheck/data/actors.json``: known people and organisations, their other names and roles) and the
common given names, a sign that a capitalised name is a person's: those the US census of 1990 found given
to at least 1 in 10,000 people (shipped in the ``names`` package, MIT licence, read from its files), and
the project's own list of other countries' names and any the census lacks
(``factcheck/data/given_names.txt``). A census name that is also a word, a month, a place or a nationality
("Hope", "June", "Dallas", "Jordan") is left out: it is no sign of a person.

Both files are read once and kept; an editor's bad gazetteer entry is skipped rather than stopping imports.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import justext

from .places import is_place_or_nationality

DATA = Path(__file__).resolve().parent.parent / "data"
GAZETTEER_PATH = DATA / "actors.json"
GIVEN_NAMES_PATH = DATA / "given_names.txt"

PERSON, ORGANIZATION, COUNTRY, OTHER = "person", "organization", "country", "other"

# The census files give each name's share of the people counted, in percent.
MIN_CENSUS_SHARE = 0.01
CENSUS_FILES = ("dist.male.first", "dist.female.first")
# Census names that are more often words in capitals than someone's name in the news: months and seasons,
# virtues, ranks, gems and flowers, and words that open a sentence.
CENSUS_WORDS = frozenset(
    (
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Summer", "Autumn", "Winter", "Spring", "Easter", "Christmas", "Hope", "Joy", "Faith", "Charity",
        "Grace", "Mercy", "Honor", "Patience", "Major", "General", "Prince", "King", "Royal", "Young", "Son", "Guy",
        "Will", "Mark", "Grant", "Rich", "Long", "Page", "Dawn", "Star", "Crystal", "Amber", "Ruby", "Pearl", "Jewel",
        "Misty", "Cherry", "Rose", "Violet", "Iris", "Lily", "Ivy", "Holly", "Heather", "Daisy", "Forest", "Clay",
        "Stone", "Cole", "Chance", "Sunday", "Liberty", "Love",
    )
)  # fmt: skip


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]

    def lookup(self, name: str) -> GazetteerEntry | None:
        return self._index.get(name.casefold())

    @property
    def _index(self) -> dict[str, GazetteerEntry]:
        index = self.__dict__.get("_cached_index")
        if index is None:
            index = {}
            for entry in self.entries:
                for known in (entry.name, *entry.aliases):
                    index.setdefault(known.casefold(), entry)
            object.__setattr__(self, "_cached_index", index)
        return index


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The curated gazetteer; an editor's bad entry is skipped rather than stopping imports."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = []
    for item in data.get("actors", []):
        name = " ".join(str(item.get("name", "")).split())
        kind = item.get("kind", PERSON)
        if not name or kind not in {PERSON, ORGANIZATION, COUNTRY, OTHER}:
            continue
        aliases = tuple(" ".join(str(alias).split()) for alias in item.get("aliases", []) if str(alias).strip())
        entries.append(GazetteerEntry(name, kind, aliases, str(item.get("description", "")).strip()))
    return Gazetteer(tuple(entries))


def census_given_names() -> set[str]:
    """The census's given names of at least MIN_CENSUS_SHARE percent, as names are written ("Annie")."""
    found = set()
    for name in CENSUS_FILES:
        for line in (files("names") / name).read_text(encoding="ascii").splitlines():
            given, share, *_ = line.split()
            if float(share) >= MIN_CENSUS_SHARE:
                found.add(given.capitalize())
    common = {word.capitalize() for word in justext.get_stoplist("English")}
    return {name for name in found - CENSUS_WORDS - common if not is_place_or_nationality(name)}


# A given name says "he" or "she" when the census counts it this many times more often for one than the other
# ("Michelle", "Donald"; not "Jordan" or "Taylor").
GENDER_RATIO = 10


@cache
def given_name_genders() -> dict[str, str]:
    """{given name: "f" or "m"} for the census's given names that are nearly always one or the other."""
    shares: dict[str, dict[str, float]] = {}
    for name, gender in zip(CENSUS_FILES, ("m", "f"), strict=True):
        for line in (files("names") / name).read_text(encoding="ascii").splitlines():
            given, share, *_ = line.split()
            shares.setdefault(given.capitalize(), {})[gender] = float(share)
    genders = {}
    for given, by in shares.items():
        male, female = by.get("m", 0.0), by.get("f", 0.0)
        if max(male, female) >= MIN_CENSUS_SHARE and max(male, female) >= GENDER_RATIO * min(male, female):
            genders[given] = "m" if male > female else "f"
    return genders


@cache
def given_names(path: Path = GIVEN_NAMES_PATH) -> frozenset[str]:
    """Common given names: the census's and the project's own list."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words) | census_given_names()
