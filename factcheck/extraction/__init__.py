"""The import pipeline's pure part: raw article text in, clean article, actors and ranked claims out.

No database here. ``extract()`` runs the steps in order: ``parsing.unwrap`` (hard-wrapped text), ``parsing.normalise``,
``clutter.clean``, ``parsing.structure``, ``sentences.split_sentences``,
``actors.find_actors``, ``attribution.ClaimantFinder`` and ``scoring.score_sentences``
(the learned check-worthiness model; ``score_sentences`` is also this package's public
scoring interface).
``extract_page()`` does the same for a web page's HTML, after
``webpage.read_page`` has taken the article out of the page, and adds what
the page's metadata says: its address, site name and publication date.
``factcheck.importer`` saves the result.
"""

from dataclasses import dataclass, replace
from datetime import date

from . import parsing
from .actors import ActorIndex, FoundActor, Gazetteer, find_actors
from .attribution import ClaimantFinder
from .clutter import clean, wire_dateline
from .parsing import HEADING, LIST_ITEM, UnreadableText, decode
from .scoring import explain, score_sentences, threshold
from .sentences import split_sentences
from .webpage import looks_like_html, read_page

__all__ = [
    "Extraction",
    "FoundActor",
    "FoundClaim",
    "UnreadableText",
    "decode",
    "explain",
    "extract",
    "extract_page",
    "looks_like_html",
    "score_sentences",
    "threshold",
]


def __getattr__(name: str):
    if name == "THRESHOLD":  # the model's, read when asked for (see scoring.THRESHOLD)
        return threshold()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Longer than this, the first line is a paragraph, not a headline.
MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class FoundClaim:
    """A scored sentence; it is a claim when ``checkworthiness >= threshold()``.

    ``quotation`` says how the claimant's words are given: ``"quote"`` (their own words in
    quotation marks), ``"paraphrase"`` (the article's wording of what they said) or ``""`` (no claimant).
    """

    text: str
    context: str
    position: int
    checkworthiness: float
    claimant: str | None
    actors: tuple[str, ...]
    quotation: str = ""


@dataclass(frozen=True)
class Extraction:
    title: str
    dek: str
    body: str
    published_on: date | None
    removed_clutter: list[dict]
    actors: tuple[FoundActor, ...]
    sentences: tuple[FoundClaim, ...]
    # From a web page's metadata (extract_page); empty for plain text.
    url: str = ""
    outlet: str = ""
    # Where and by whom the story was filed ("SAN FRANCISCO (AP)"), taken off its first paragraph.
    dateline: str = ""

    @property
    def claims(self) -> tuple[FoundClaim, ...]:
        """The check-worthy sentences, most check-worthy first."""
        cut = threshold()
        kept = [sentence for sentence in self.sentences if sentence.checkworthiness >= cut]
        return tuple(sorted(kept, key=lambda claim: (-claim.checkworthiness, claim.position)))


def _first_lines(text: str, count: int = 3) -> str:
    """What the editor needs to see to understand a refusal: the file's first non-blank lines."""
    lines = [line for line in text.split("\n") if line.strip()][:count]
    if not lines:
        return "the file has no line of text"
    quoted = ", ".join(f"“{line[:80]}{'…' if len(line) > 80 else ''}”" for line in lines)
    return f"no line reads as a headline once navigation and clutter are removed; the first lines were {quoted}"


def _body_line(block: parsing.Block) -> str:
    return f"• {block.full_text}" if block.kind == LIST_ITEM else block.text


def extract(text: str, *, gazetteer: Gazetteer | None = None, title: str = "") -> Extraction:
    """Everything the desk wants from one article's text; raises UnreadableText when it has no title.

    `title` is the headline when it is known from elsewhere (a web page's metadata): the text is then
    all below it.
    """
    normalised = parsing.normalise(parsing.unwrap(text))
    cleaned = clean(normalised)
    structure = parsing.structure(cleaned.lines, title=parsing.normalise(title))
    title = structure.title
    if not title or not any(char.isalpha() for char in title):
        raise UnreadableText(f"no title: {_first_lines(normalised)}")
    if len(title) > MAX_TITLE_CHARS:
        raise UnreadableText(f"no title (the first line is {len(title)} characters long, a paragraph, not a headline)")

    blocks, dateline = list(structure.blocks), ""
    first = next((i for i, block in enumerate(blocks[:2]) if block.kind == parsing.PARAGRAPH), None)
    if first is not None:
        dateline, opening = wire_dateline(blocks[first].text)
        if dateline and opening:
            blocks[first] = replace(blocks[first], text=opening)
        else:
            dateline = ""
    # (sentence, context, is a new paragraph) for every sentence a claim could come from.
    units: list[tuple[str, str, bool]] = []
    for context in [structure.dek] if structure.dek else []:
        units.extend((s, context, i == 0) for i, s in enumerate(split_sentences(context)))
    for block in blocks:
        if block.kind == HEADING:
            continue
        context = block.full_text
        units.extend((s, context, i == 0) for i, s in enumerate(split_sentences(block.text)))
    if not units:
        removed = " (after removing web clutter)" if cleaned.removed or structure.removed else ""
        raise UnreadableText(f"no article text below the title “{title}”{removed}")

    headings = [block.text for block in blocks if block.kind == HEADING]
    actors = find_actors([sentence for sentence, _, _ in units], gazetteer, headlines=[title, *headings])
    index = ActorIndex(actors)
    finder = ClaimantFinder(index)
    scores = score_sentences([sentence for sentence, _, _ in units], [context for _, context, _ in units])
    scored = []
    for position, ((sentence, context, new_paragraph), value) in enumerate(zip(units, scores, strict=True)):
        if new_paragraph:
            finder.new_paragraph()
        claimant = finder.claimant(sentence)
        scored.append(
            FoundClaim(
                sentence,
                context,
                position,
                value,
                claimant,
                tuple(index.names_in(sentence)),
                quotation=finder.quotation(sentence) if claimant else "",
            )
        )
    return Extraction(
        title=title,
        dek=structure.dek,
        body="\n".join(_body_line(block) for block in blocks),
        published_on=cleaned.published_on,
        removed_clutter=[*cleaned.removed, *structure.removed],
        actors=tuple(actors),
        sentences=tuple(scored),
        dateline=dateline,
    )


def extract_page(html: str, *, url: str = "", gazetteer: Gazetteer | None = None) -> Extraction:
    """Everything the desk wants from one web page's HTML; raises UnreadableText when it holds no article.

    The byline's author is kept for review with the removed clutter: a reporter is not an actor.
    """
    page = read_page(html, url=url)
    extraction = extract(page.as_text(), gazetteer=gazetteer, title=page.title)
    byline = [{"rule": "byline", "text": f"By {page.author}"}] if page.author else []
    return replace(
        extraction,
        published_on=page.published_on or extraction.published_on,
        removed_clutter=[*byline, *extraction.removed_clutter],
        url=page.url,
        outlet=page.site_name,
    )
