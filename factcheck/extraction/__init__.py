"""The import pipeline's pure part: raw article text in, clean article, actors and ranked claims out.

No database here. ``extract()`` runs the steps in order: ``parsing.unwrap`` (hard-wrapped text), ``parsing.normalise``,
``clutter.clean``, ``parsing.structure``, ``sentences.split_sentences``,
``actors.find_actors``, ``attribution.ClaimantFinder`` and ``scoring.score_sentences``
(the learned check-worthiness model; ``score_sentences`` is also this package's public
scoring interface).
``find_actors`` reads a sentence's candidate names with ``names`` (names and their parts),
``organisations`` (what makes a name an organisation's), ``cues`` (what the words around a name say of it:
that it speaks, is a place, or holds a role; shared with the claimant finder), ``places`` and the
``gazetteer`` (known actors and given names). ``ClaimantFinder`` reads pronouns, roles and "the company"
back to whom they mean with ``references``, and quotation marks with ``quotations``.
``extract_page()`` does the same for a web page's HTML, after
``webpage.read_page`` has taken the article out of the page, and adds what
the page's metadata says: its address, site name and publication date.

A transcript (captions, or plain text in speaker turns: ``transcripts.read_transcript``) is read
by ``extract_transcript()``: each sentence is credited to its speaker (``speakers.identify_speakers``)
and dated, the previous turn is its context, the model scores it as speech, and a moderator's
question, an unidentified voice's words and filler or turn-taking (``speakers.is_procedural``)
are never claims. ``extract_text()`` reads any text: a transcript when it is one, else an article;
``extract_page()`` reads a web page whose text is a transcript as one too.
``factcheck.importer`` saves the result.

What one file may cost is bounded by ``limits``: the length of the text, its lines and a page's
elements and nesting are checked before any of this runs, and ``limits.time_limit`` bounds the time.
"""

import re
from dataclasses import dataclass, replace
from datetime import date

from . import limits, parsing
from .actors import PERSON, ActorIndex, FoundActor, Gazetteer, find_actors
from .attribution import QUOTE, ClaimantFinder, delivered_by, signatures, signed_paragraphs
from .clutter import clean, find_date, wire_dateline
from .parsing import HEADING, LIST_ITEM, UnreadableText, decode
from .scoring import explain, score_sentences, threshold
from .sentences import split_sentences
from .speakers import FoundSpeaker, identify_speakers, is_procedural, label_name
from .transcripts import (
    CAPTION_SUFFIXES,
    MODERATOR,
    SPEAKER,
    UNIDENTIFIED,
    Transcript,
    read_transcript,
    transcript_body,
)
from .webpage import copyright_outlet, looks_like_html, read_page

__all__ = [
    "CAPTION_SUFFIXES",
    "Extraction",
    "FoundActor",
    "FoundClaim",
    "FoundSpeaker",
    "UnreadableText",
    "decode",
    "explain",
    "extract",
    "extract_page",
    "extract_text",
    "extract_transcript",
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
# A row of a table as the page's text gives it: cells between bars.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


@dataclass(frozen=True)
class FoundClaim:
    """A scored sentence; it is a claim when ``checkworthiness >= threshold()``.

    ``quotation`` says how the claimant's words are given: ``"quote"`` (their own words in
    quotation marks), ``"paraphrase"`` (the article's wording of what they said) or ``""`` (no claimant).

    In a transcript, ``speaker`` is the label of who said it (``FoundSpeaker.label``; "" when the
    transcript names nobody), ``said_at`` how many seconds into the recording (None when not
    given), and ``never_a_claim`` why it cannot be a claim whatever its score: ``"moderator"``,
    ``"unidentified"`` (an audience member, an unknown voice) or ``"procedural"`` (filler, turn-taking).
    """

    text: str
    context: str
    position: int
    checkworthiness: float
    claimant: str | None
    actors: tuple[str, ...]
    quotation: str = ""
    speaker: str = ""
    said_at: int | None = None
    never_a_claim: str = ""


ARTICLE, TRANSCRIPT = "article", "transcript"


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
    # A transcript's: its occasion (Article.Venue), who speaks in it, and what an editor should know.
    kind: str = ARTICLE
    venue: str = ""
    speakers: tuple[FoundSpeaker, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def claims(self) -> tuple[FoundClaim, ...]:
        """The check-worthy sentences, most check-worthy first (never a moderator's or filler)."""
        cut = threshold()
        kept = [
            sentence for sentence in self.sentences if sentence.checkworthiness >= cut and not sentence.never_a_claim
        ]
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


def extract(
    text: str, *, gazetteer: Gazetteer | None = None, title: str = "", furniture: frozenset[str] = frozenset()
) -> Extraction:
    """Everything the desk wants from one article's text; raises UnreadableText when it has no title.

    `title` is the headline when it is known from elsewhere (a web page's metadata): the text is then
    all below it. `furniture` is what the page showed as links only (``layout.page_furniture``): lines that
    read the same are the page's, not the article's.
    """
    normalised = parsing.normalise(parsing.unwrap(text))
    cleaned = clean(normalised, furniture=furniture)
    structure = parsing.structure(cleaned.lines, title=parsing.normalise(title))
    title = structure.title
    if not title or not any(char.isalpha() for char in title):
        raise UnreadableText(f"no title: {_first_lines(normalised)}")
    if len(title) > MAX_TITLE_CHARS:
        raise UnreadableText(f"no title (the first line is {len(title)} characters long, a paragraph, not a headline)")

    blocks, dateline = list(structure.blocks), ""
    # The story's first paragraph carries the dateline; a standfirst the page gave may stand above it.
    for first in [i for i, block in enumerate(blocks[:3]) if block.kind == parsing.PARAGRAPH][:2]:
        dateline, opening = wire_dateline(blocks[first].text)
        if dateline and opening:
            blocks[first] = replace(blocks[first], text=opening)
            break
        dateline = ""
    # (sentence, context, is a new paragraph) for every sentence a claim could come from, and which block it is in.
    units: list[tuple[str, str, bool]] = []
    in_block: list[int | None] = []
    for context in [structure.dek] if structure.dek else []:
        units.extend((s, context, i == 0) for i, s in enumerate(split_sentences(context)))
    in_block += [None] * len(units)
    for at, block in enumerate(blocks):
        if block.kind == HEADING or TABLE_ROW.match(block.text):
            continue  # a heading, or a table's row of cells ("| HD | THE HOME DEPOT INC. | 225.86 |"): no sentence
        context = block.full_text
        sentences = split_sentences(block.text)
        units.extend((s, context, i == 0) for i, s in enumerate(sentences))
        in_block += [at] * len(sentences)
    if not units:
        removed = " (after removing web clutter)" if cleaned.removed or structure.removed else ""
        raise UnreadableText(f"no article text below the title “{title}”{removed}")
    limits.check_sentences(len(units))

    headings = [block.text for block in blocks if block.kind == HEADING]
    actors = find_actors([sentence for sentence, _, _ in units], gazetteer, headlines=[title, *headings])
    # A page of signed answers: each signer is someone, whether the name finder knew the name or not.
    signers = signatures([block.text for block in blocks])
    # A speech or a statement under a line saying whose it is ("Remarks of Vice President Joe Biden").
    speakers = delivered_by([block.text for block in blocks])
    canonical = {form: actor.name for actor in actors for form in actor.surface_forms()}
    # A speaker the page names by one word only ("Remarks by President Biden") must be someone it names in full.
    speakers = {at: name for at, name in speakers.items() if name in canonical or len(name.split()) > 1}
    actors += [
        FoundActor(name, PERSON)
        for name in dict.fromkeys([*signers.values(), *speakers.values()])
        if name not in canonical
    ]
    signers = {at: canonical.get(name, name) for at, name in signers.items()}
    speakers = {at: canonical.get(name, name) for at, name in speakers.items()}
    index = ActorIndex(actors)
    finder = ClaimantFinder(index)
    scores = score_sentences([sentence for sentence, _, _ in units], [context for _, context, _ in units], spoken=False)
    # A page of signed answers: each answer is its signer's words, whoever it names.
    signed = signed_paragraphs(signers)
    scored = []
    for position, ((sentence, context, new_paragraph), value) in enumerate(zip(units, scores, strict=True)):
        if new_paragraph:
            finder.new_paragraph()
        claimant = finder.claimant(sentence)
        # A speech's sentences that no one else is said to have said are its speaker's.
        if claimant is None and (speaker := speakers.get(in_block[position])) is not None:
            scored.append(
                FoundClaim(sentence, context, position, value, speaker, tuple(index.names_in(sentence)), QUOTE)
            )
            continue
        if (signer := signed.get(in_block[position])) is not None:
            scored.append(
                FoundClaim(sentence, context, position, value, signer, tuple(index.names_in(sentence)), QUOTE)
            )
            continue
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
        # A press release's only date is often in its dateline: "HAMBURG, Germany, January 28, 2026 /PRNewswire/".
        published_on=cleaned.published_on or (find_date(dateline) if dateline else None),
        removed_clutter=[*cleaned.removed, *structure.removed],
        actors=tuple(actors),
        sentences=tuple(scored),
        dateline=dateline,
    )


def extract_page(html: str, *, url: str = "", gazetteer: Gazetteer | None = None) -> Extraction:
    """Everything the desk wants from one web page's HTML; raises UnreadableText when it holds no article.

    A page whose text is a transcript is read as one, under the page's headline. The byline's author
    is kept for review with the removed clutter: a reporter is not an actor. A page over the limits
    of ``limits`` (its elements, its nesting, its article's length) is refused before it is read.
    """
    limits.check_html(html)
    page = read_page(html, url=url)
    limits.check_text(page.text)
    transcript = read_transcript(page.article_text(), headline=page.title)
    if transcript is not None:
        extraction = extract_transcript(transcript, gazetteer=gazetteer)
    else:
        extraction = extract(page.as_text(), gazetteer=gazetteer, title=page.title, furniture=page.furniture)
    byline = [{"rule": "byline", "text": f"By {page.author}"}] if page.author else []
    return replace(
        extraction,
        published_on=page.published_on or extraction.published_on,
        removed_clutter=[*byline, *extraction.removed_clutter],
        url=page.url or extraction.url,
        outlet=page.site_name or extraction.outlet,
    )


def extract_text(text: str, *, name: str = "", gazetteer: Gazetteer | None = None) -> Extraction:
    """A file's or a pasted text's extraction: a transcript's when it is one (captions by their name
    or their first line, plain text by its speaker turns), an article's otherwise.

    Raises UnreadableText for an article without a title, for a caption file that cannot be read and
    for a text over the limits of ``limits``.
    """
    limits.check_text(text)
    transcript = read_transcript(text, name=name)
    if transcript is None:
        extraction = extract(text, gazetteer=gazetteer)
    else:
        extraction = extract_transcript(transcript, gazetteer=gazetteer)
    if extraction.outlet:
        return extraction
    # A pasted article's (or interview's) only mention of its outlet is often its copyright line, which the clutter
    # rules take out ("© 2026 Riverton Daily"). Not a web page's: there it names the owner as often ("Nexstar Media").
    removed = [line["text"] for line in extraction.removed_clutter if line["rule"] == "copyright"]
    return replace(extraction, outlet=copyright_outlet(removed))


def extract_transcript(
    transcript: Transcript, *, gazetteer: Gazetteer | None = None, known: dict[str, tuple[str, str]] | None = None
) -> Extraction:
    """Everything the desk wants from a transcript: each sentence credited to its speaker, dated, scored as
    speech, with the previous turn as its context; raises UnreadableText when nothing was said.

    `known` ({label: (role, name)}) overrides who the importer thought a label is and whether they
    moderate: the desk's own record of the transcript's speakers, as a fact-checker corrected them.
    """
    spoken = [(index, sentence, at) for index, turn in enumerate(transcript.turns) for sentence, at in turn.sentences()]
    if not spoken:
        raise UnreadableText("no words in the transcript")
    limits.check_sentences(len(spoken))
    if len(transcript.title) > MAX_TITLE_CHARS:
        raise UnreadableText(f"no title (the first line is {len(transcript.title)} characters long, not a title)")
    actors = find_actors([sentence for _, sentence, _ in spoken], gazetteer)
    speakers = identify_speakers(transcript, mentioned=actors, gazetteer=gazetteer)
    for label, (role, name) in (known or {}).items():
        if label in speakers:
            for other in speakers[label].labels:
                speakers[other] = replace(speakers[other], role=role, name=name)
    actors = _with_speakers(actors, {speaker.label: speaker for speaker in speakers.values()}.values())
    index = ActorIndex(actors)

    def turn_text(turn) -> str:
        speaker = speakers.get(turn.label)
        return f"{(speaker and speaker.name) or turn.label}: {turn.text}" if turn.label else turn.text

    turns = transcript.turns
    contexts = [
        "\n".join([*([turn_text(turns[at - 1])] if at else []), turn_text(turns[at])]) for at in range(len(turns))
    ]
    scores = score_sentences(
        [sentence for _, sentence, _ in spoken], [contexts[turn] for turn, _, _ in spoken], spoken=True
    )
    sentences = []
    for position, ((turn, sentence, at), score) in enumerate(zip(spoken, scores, strict=True)):
        speaker = speakers.get(turns[turn].label)
        claimant = speaker.name if speaker and speaker.role == SPEAKER and speaker.name else None
        never = ""
        if speaker and speaker.role in (MODERATOR, UNIDENTIFIED):
            never = speaker.role
        elif is_procedural(sentence):
            never = "procedural"
        sentences.append(
            FoundClaim(
                sentence,
                contexts[turn],
                position,
                score,
                claimant,
                tuple(index.names_in(sentence)),
                quotation="quote" if claimant else "",
                speaker=speaker.label if speaker else "",
                said_at=at,
                never_a_claim=never,
            )
        )
    unique = list({speaker.label: speaker for speaker in speakers.values()}.values())
    warnings = []
    if not transcript.labelled:
        warnings.append("no speaker is named in this transcript: set each claim's claimant by hand")
    unknown = [speaker.label for speaker in unique if speaker.role == SPEAKER and not speaker.name]
    if unknown:
        who = ", ".join(f"“{label}”" for label in unknown)
        warnings.append(
            f"who {who} {'is' if len(unknown) == 1 else 'are'} could not be told: say so on its speakers page"
        )
    return Extraction(
        title=transcript.title,
        dek="",
        body=transcript_body(transcript.turns),
        published_on=transcript.published_on,
        removed_clutter=list(transcript.removed),
        actors=tuple(actors),
        sentences=tuple(sentences),
        url=transcript.url,
        outlet=transcript.outlet,
        kind=TRANSCRIPT,
        venue=transcript.venue,
        speakers=tuple(unique),
        warnings=tuple(warnings),
    )


def _with_speakers(actors: list[FoundActor], speakers) -> list[FoundActor]:
    """The actors named in a transcript, with its speakers (and moderators) added: each speaker becomes
    the actor of their full name, known also by the names their labels give ("Biden")."""
    by_name = {actor.name: actor for actor in actors}
    for speaker in speakers:
        if not speaker.name or speaker.role == UNIDENTIFIED:
            continue
        actor = by_name.get(speaker.name)
        if actor is None:
            actor = by_name[speaker.name] = FoundActor(speaker.name, PERSON, speaker.description)
            actors = [*actors, actor]
        # "Governor Okafor" said in the debate is the speaker "Amara Okafor", not someone else called Okafor.
        surname = speaker.name.split()[-1]
        short = by_name.get(surname)
        if short is not None and short is not actor and short.kind == PERSON and len(speaker.name.split()) > 1:
            actors = [found for found in actors if found is not short]
            del by_name[surname]
            for alias in [short.name, *short.aliases]:
                if alias not in actor.aliases:
                    actor.aliases.append(alias)
            actor.description = actor.description or short.description
        for label in speaker.labels:
            alias = label_name(label)
            if alias and alias != actor.name and alias not in actor.aliases:
                actor.aliases.append(alias)
        if speaker.description and not actor.description:
            actor.description = speaker.description
    return actors
