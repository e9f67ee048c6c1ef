"""What the desk knows of names before it reads an article: the kinds of actor, the curated gazetteer
(``factcheck/data/actors.json``: known people and organisations, their other names and roles) and the
common given names (``factcheck/data/given_names.txt``), a sign that a capitalised name is a person's.

Both files are read once and kept; an editor's bad gazetteer entry is skipped rather than stopping imports.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
GAZETTEER_PATH = DATA / "actors.json"
GIVEN_NAMES_PATH = DATA / "given_names.txt"

PERSON, ORGANIZATION, COUNTRY, OTHER = "person", "organization", "country", "other"


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


@cache
def given_names(path: Path = GIVEN_NAMES_PATH) -> frozenset[str]:
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)
