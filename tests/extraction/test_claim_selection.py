"""Claim selection measured against hand-labelled articles the rules were not written from.

Each ``tests/fixtures/articles/*.txt`` has a ``.json`` label written before
the importer existed: the check-worthy sentences (with their claimant), the
opinions, the actors that must be found and the names that must not be. Run
with ``-s`` to see the figures.
"""

import json
from pathlib import Path

import pytest

from factcheck.extraction import extract

ARTICLES = sorted((Path(__file__).parent.parent / "fixtures" / "articles").glob("*.txt"))


def normal(text):
    return " ".join(text.split()).casefold().strip(" .\"\u201c\u201d'")


def labelled(path):
    return extract(path.read_text(encoding="utf-8")), json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def matches(label, sentence):
    label, sentence = normal(label), normal(sentence)
    return label in sentence or sentence in label


def test_claim_selection_is_at_least_as_good_as_full_facts_detector():
    true_positives = false_positives = false_negatives = opinions_let_through = 0
    claimants_right = claimants_judged = 0
    for path in ARTICLES:
        extraction, labels = labelled(path)
        found = set()
        for claim in extraction.claims:
            hits = [i for i, label in enumerate(labels["checkworthy"]) if matches(label["text"], claim.text)]
            if hits:
                true_positives += 1
                found.update(hits)
                claimants_judged += 1
                claimants_right += claim.claimant == labels["checkworthy"][hits[0]]["claimant"]
            else:
                false_positives += 1
                opinions_let_through += any(matches(opinion, claim.text) for opinion in labels["opinions"])
        false_negatives += len(labels["checkworthy"]) - len(found)
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    f1 = 2 * precision * recall / (precision + recall)
    opinions = sum(len(labels["opinions"]) for _, labels in map(labelled, ARTICLES))
    print(
        f"\nclaim selection over {len(ARTICLES)} labelled articles: precision {precision:.3f}, recall {recall:.3f}, "
        f"F1 {f1:.3f}; opinions let through {opinions_let_through} of {opinions}; "
        f"claimant right {claimants_right} of {claimants_judged}"
    )
    # The hand-set scorer was tuned on these articles (F1 0.89 here, 0.33 on ClaimBuster). The learned
    # model trades precision for recall, as the desk wants (an extra claim costs an editor a click, a
    # missed one is lost): it must find nearly every labelled claim, keep at most 2.5 sentences per
    # labelled claim, and let through no more than one opinion in nine.
    assert recall >= 0.95
    assert (true_positives + false_positives) / (true_positives + false_negatives) <= 2.5
    assert f1 >= 0.8
    assert opinions_let_through <= opinions // 9
    assert claimants_right / claimants_judged >= 0.8


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_labelled_actors_are_found_and_junk_is_not(path):
    extraction, labels = labelled(path)
    names = {actor.name for actor in extraction.actors} | {a for actor in extraction.actors for a in actor.aliases}
    missing = [actor["name"] for actor in labels["actors"] if actor["name"] not in names]
    assert len(missing) <= len(labels["actors"]) // 4, missing
    assert not names & set(labels["not_actors"])


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_labelled_clutter_never_reaches_the_article(path):
    extraction, labels = labelled(path)
    assert extraction.title == labels["title"]
    text = "\n".join([extraction.dek, extraction.body, *(claim.text for claim in extraction.claims)])
    assert [clutter for clutter in labels["clutter"] if clutter in text] == []
    removed = " ".join(item["text"] for item in extraction.removed_clutter)
    assert all(clutter in removed for clutter in labels["clutter"])
