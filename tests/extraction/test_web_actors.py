"""Actors from web pages are people and organisations only."""

import pytest

from factcheck.extraction.actors import ORGANIZATION, PERSON, find_actors


def names(*sentences):
    return {actor.name: actor.kind for actor in find_actors(list(sentences))}


@pytest.mark.parametrize(
    "headline",
    [
        "Bank Will No Longer Fund Oil Exploration, Chief Executive Says",
        "Apple Will Stop Selling Its Cheapest iPad, Sources Say",
        "Julie Mollins Indigenous Peoples Climate Finance Week",
    ],
)
def test_a_title_case_headline_gives_no_fragment_as_an_actor(headline):
    assert set(names(headline)) <= {"Apple"}


def test_a_known_company_named_in_a_title_case_headline_is_still_found():
    assert names("Apple Will Stop Selling Its Cheapest iPad, Sources Say") == {"Apple": ORGANIZATION}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Meta said in a statement that it had signed a 15-year contract.", "Meta"),
        ("Roughly 4% of its lending went to oil, according to the campaign group Reclaim Finance.", "Reclaim Finance"),
        ("About 1.2 million pairs were sold, according to the market research firm IDC.", "IDC"),
        ("Professor Lars Eriksen of the National Museum said a single artefact could have moved.", "National Museum"),
        ("Ireland's Data Protection Commission said it would respond within six weeks.", "Data Protection Commission"),
    ],
)
def test_organisations_are_typed_as_organisations(sentence, name):
    assert names(sentence).get(name) == ORGANIZATION


def test_people_stay_people():
    found = names('"Nature doesn\'t make tools like this," said Dr. Amara Osei, the archaeologist who led the dive.')
    assert found == {"Amara Osei": PERSON}
