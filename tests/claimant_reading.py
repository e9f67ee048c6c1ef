"""Who the desk names as each sentence's claimant, read in order as an article's sentences are."""

from factcheck.extraction.actors import ActorIndex, find_actors
from factcheck.extraction.attribution import ClaimantFinder


def claimants(sentences: list[str], headlines: tuple[str, ...] = ()) -> list[tuple[str | None, str]]:
    """(claimant, quote or paraphrase) for each sentence, each read as a paragraph of its own."""
    finder = ClaimantFinder(ActorIndex(find_actors(sentences, headlines=list(headlines))))
    found = []
    for text in sentences:
        finder.new_paragraph()
        claimant = finder.claimant(text)
        found.append((claimant, finder.quotation(text) if claimant else ""))
    return found
