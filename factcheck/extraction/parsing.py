"""Turn raw article text into a title, a dek and typed blocks.

Text copied from news sites arrives with a byte-order mark, Windows line
endings, tabs, non-breaking and zero-width spaces, stray control characters
and decomposed accents. `decode()` refuses what is not text at all (NUL bytes,
invalid UTF-8); `normalise()` fixes the rest without touching typographic
quotes and dashes, which editors want preserved.

Text saved from a whole page (a text browser's dump, "save as text") is
hard-wrapped at 72–80 columns and opens with the page's navigation.
`unwrap()` re-joins the lines a wrap cut (see its docstring for how a wrap is
told from a real line break) and drops a text browser's link markers ("[12]")
and its closing list of link addresses.

`structure()` reads the cleaned lines (see `clutter.py`). The title is the
headline just above the article's first paragraph: the first headline-shaped
line (a few words, not a sentence) at most a few lines before the first prose
paragraph, so menus, "Skip to main content" and section names above it are
passed over, and kept as removed clutter; with no such line it is the first
non-empty line. A repeat of the title right after is dropped, the dek is a
short standfirst before the body when there is one, section labels between the
headline and the first paragraph ("Indigenous Peoples", "Business / Energy")
and the short links after the last paragraph ("Topics", "About us") are page
furniture, and every other line becomes a block: a paragraph, a section
heading, or a list item with its label ("The Troop Cap: …"). Headings and
labels are structure, never claims.
"""

import re
import unicodedata
from dataclasses import dataclass

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"

# A dek is a standfirst: one or two short sentences. Longer openers are body.
DEK_MAX_WORDS = 40
# Headings are short lines without sentence-ending punctuation.
HEADING_MAX_WORDS = 14

# Control characters (Unicode category Cc) other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Zero-width characters, and those that turn the text after them around (direction overrides, embeddings
# and isolates: a page's text needs none, and one left in a name would reverse the site's words after it).
_ZERO_WIDTH = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙○■□➢➤►▶✓✔*+]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)])\s*(?=\S)")
_LIST_LABEL = re.compile(r"^([^:.!?]{1,60}?):\s+(\S.*)$")
_LEDE_MARKERS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b"
    # a dateline: "WASHINGTON —", "DUBAI, United Arab Emirates —", "WASHINGTON (Aug. 13) --"
    r"|^[A-Z][A-Z .,'-]{2,}(?:,[^—–-]{0,40}|\s*\([^()]{1,30}\))?\s*(?:--|—|–)"
    r"|/\s*PR ?Newswire\s*/|\((?:AP|AFP|Reuters)\)"
)


class UnreadableText(ValueError):
    """The bytes are not an article's text; the message says why, for the editor."""


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    label: str = ""

    @property
    def full_text(self) -> str:
        """The block as it reads on the page, label included."""
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass(frozen=True)
class Structure:
    title: str
    dek: str
    blocks: tuple[Block, ...]
    # Lines around the article that are page furniture: {"rule": ..., "text": ...}, for review.
    removed: tuple[dict, ...] = ()


# Documents an editor may save with a .txt name by mistake, by the bytes they open with.
DOCUMENT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a Word (.docx), OpenDocument or other zipped document"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel document"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
)


def decode(raw: bytes) -> str:
    """UTF-8 text (with or without BOM, or UTF-16 with a BOM); raises UnreadableText otherwise."""
    for signature, document in DOCUMENT_SIGNATURES:
        if raw.startswith(signature):
            raise UnreadableText(
                f"{document}, not text: open it, copy the article's text and paste it, or save it as plain text (.txt)"
            )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableText(f"not decodable as UTF-16 ({error.reason} at byte {error.start})") from None
    if b"\x00" in raw:
        raise UnreadableText("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        before = raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")[-30:].strip()
        where = f"line {line}, after “{before}”" if before else f"line {line}"
        raise UnreadableText(
            f"not UTF-8 text: a character on {where} is in another encoding (byte 0x{raw[error.start]:02x}). "
            "Save the file as UTF-8 (in most editors: Save As, encoding UTF-8) and import it again"
        ) from None
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 20):
        raise UnreadableText("binary file (mostly control characters)")
    return text


def normalise(text: str) -> str:
    """NFC, one kind of newline, single spaces, no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = text.translate(_ZERO_WIDTH)
    text = _CONTROL.sub("", text.replace("\f", "\n"))
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def classify(line: str) -> Block:
    """A paragraph, heading or list item, judged from the line alone."""
    bullet = _BULLET.match(line)
    if bullet:
        item = line[bullet.end() :].strip()
        labelled = _LIST_LABEL.match(item)
        if labelled and len(labelled.group(1).split()) <= 8:
            return Block(LIST_ITEM, labelled.group(2).strip(), label=labelled.group(1).strip())
        return Block(LIST_ITEM, item)
    if is_heading(line):
        return Block(HEADING, line.rstrip(":").strip())
    return Block(PARAGRAPH, line)


def is_heading(line: str) -> bool:
    """Short, and ends without a full stop: "Why the numbers matter", "Key highlights:"."""
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS or (not words[0][0].isupper() and not words[0][0].isdigit()):
        return False
    if line.endswith(":"):
        return len(words) <= 8
    if line.endswith("?"):
        # A question is a heading only in headline case ("Is It Smarter to Rent or Buy?").
        capitalised = sum(1 for word in words if word[0].isupper())
        return len(words) >= 3 and capitalised / len(words) >= 0.6
    return line[-1] not in ".!…;,\"”’'»)"


def is_dek(block: Block, following: list[Block]) -> bool:
    """A standfirst: short, prose, not a news lede (no weekday or dateline), and the body follows."""
    if block.kind != PARAGRAPH or sum(1 for b in following if b.kind == PARAGRAPH) < 2:
        return False
    return len(block.text.split()) <= DEK_MAX_WORDS and not _LEDE_MARKERS.search(block.text)


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


# A line this long and ending like a sentence is article prose; the headline sits just above the first one.
PROSE_WORDS = 20
# The headline is at most this many lines above the first prose paragraph (dek, byline, photo caption between).
TITLE_REACH = 6
# A line this short without a full stop, between the headline and the first paragraph, is a label.
LABEL_MAX_WORDS = 6
# What a text browser adds: link numbers before link text, and the list of link addresses at the end.
_LINK_MARKER = re.compile(r"\[\d{1,4}\](?=\S)")
_LINK_REFERENCE = re.compile(r"^\s*\d{1,4}\.\s+(?:https?|file|ftp|mailto|javascript):\S*\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_BREADCRUMB = re.compile(r"\s[/›>»]\s")
# A hard wrap is judged only in text whose longest lines are this wide.
WRAP_MIN, WRAP_MAX = 60, 100
# Columns short of the width that still count as full (see unwrap()).
WRAP_TOLERANCE = 6


def unwrap(text: str) -> str:
    """Hard-wrapped text with its paragraphs re-joined onto one line each; other text unchanged.

    Text is hard-wrapped when many of its lines end within a few columns of the
    same width (72–80 usually) and none is much longer. A line is then joined
    to the next when the next line's first word would not have fitted on it,
    which is why a wrapping program broke it there; a line that stops short (the
    end of a paragraph, a heading, a list item) is left alone, and so is a line
    followed by a bullet or a blank line. Widths are measured with the line's
    indentation, as the wrapping program saw them (a quotation indented by four
    is wrapped four columns earlier), with a few columns' tolerance: joining two
    paragraphs that had no blank line between them costs nothing, while a
    missed join leaves sentence fragments. A text browser's "[12]" link markers
    and its closing "References" list are dropped first. Runs on raw text,
    before `normalise()` strips the indentation.
    """
    lines = [_LINK_MARKER.sub("", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    # A text browser lists the addresses of the page's links at the end, under "References".
    end = len(lines)
    while end and (not lines[end - 1].strip() or _LINK_REFERENCE.match(lines[end - 1])):
        end -= 1
    if end < len(lines) and end and lines[end - 1].strip() in {"References", "Visible links:", "Hidden links:"}:
        lines = lines[: end - 1]
    lengths = sorted(len(line.expandtabs()) for line in lines if line.strip())
    if len(lengths) < 8:
        return "\n".join(lines)
    width = lengths[-1] if len(lengths) < 50 else lengths[int(len(lengths) * 0.98) - 1]
    long_lines = sum(1 for length in lengths if length >= width - 15)
    if not (WRAP_MIN <= width <= WRAP_MAX) or long_lines < max(3, len(lengths) // 5):
        return "\n".join(lines)
    joined: list[str] = []
    previous = ""
    for line in lines:
        stripped = line.strip()
        wrapped = (
            previous.strip()
            and stripped
            and len(previous.expandtabs()) + 1 + len(stripped.split()[0]) > width - WRAP_TOLERANCE
            and not _BULLET.match(stripped)
        )
        if wrapped:
            joined[-1] = f"{joined[-1]} {stripped}"
        else:
            joined.append(line)
        previous = line
    return "\n".join(joined)


def is_prose(line: str) -> bool:
    """A paragraph of article text: long, and ending like a sentence."""
    return len(line.split()) >= PROSE_WORDS and bool(_SENTENCE_END.search(line.rstrip()))


def is_headline(line: str) -> bool:
    """Shaped like a headline: a few words (three to thirty), not a sentence ending in a full stop or colon."""
    words = line.split()
    if not 3 <= len(words) <= 30 or len(line) > 300 or _BULLET.match(line):
        return False
    if len(_WORD.findall(line)) < 3 or line.rstrip("\"'”’»)").endswith((":", ";", ",")):
        return False
    if line.rstrip("\"'”’»)").endswith(".") and not _short_sentences(line):
        return False
    if _BREADCRUMB.search(line) or line.count(" | ") >= 2 or line.split()[0] == "Home":
        return False  # "Tech / Wearables / Meta", "Home › World", "Headline | Section | Site"
    return any(char.islower() for char in line) or len(words) <= 15


# An opinion piece's headline may be two short sentences: "The four-day week works. Councils prove it."
_SHORT_SENTENCE = re.compile(r"[A-Z‘“'\"][^.!?]*[a-z][.!?]['\"’”]?")
HEADLINE_SENTENCE_WORDS = 8


def _short_sentences(line: str) -> bool:
    """Two or three short sentences, each opening with a capital, and nothing else: a headline, not a paragraph."""
    sentences = line.split(". ")
    return (
        2 <= len(sentences) <= 3
        and all(2 <= len(sentence.split()) <= HEADLINE_SENTENCE_WORDS for sentence in sentences)
        and all(
            _SHORT_SENTENCE.fullmatch(sentence if sentence.endswith(".") else sentence + ".") for sentence in sentences
        )
    )


def _is_masthead(line: str) -> bool:
    """Four words or fewer, every one capitalised: a site or section name, not a headline."""
    words = line.split()
    return len(words) <= 4 and all(word[0].isupper() or not word[0].isalpha() for word in words)


def _is_label(line: str) -> bool:
    words = line.split()
    return len(words) <= LABEL_MAX_WORDS and not _SENTENCE_END.search(line) and not line.endswith(("?", "!"))


def _without_headline(line: str, title: str) -> str:
    """The line without the headline run into its start ("Video of the Gardners … quadruplets In a video posted
    …"): a video page's or a gallery's caption often repeats it with no break."""
    if len(title.split()) >= 3 and line.startswith(title + " ") and line[len(title) + 1 : len(title) + 2].isupper():
        return line[len(title) + 1 :]
    return line


def structure(lines: list[str], *, title: str = "") -> Structure:
    """Title, dek and blocks from cleaned lines; the title is empty when there is no text at all.

    A `title` known from elsewhere (a web page's metadata) is the title: the lines are then all below it,
    and a repeat of it among them is dropped wherever it is.
    """
    content = [line for line in lines if line.strip()]
    if title:
        content = [_without_headline(line, title) for line in content if not _same_line(line, title)]
        content.insert(0, title)
    if not content:
        return Structure("", "", ())
    removed: list[dict] = []
    first_prose = next((i for i, line in enumerate(content) if is_prose(line)), None)
    title_at = 0
    if first_prose is not None and not title:
        reach = range(max(0, first_prose - TITLE_REACH), first_prose)
        candidates = [i for i in reach if is_headline(content[i])]
        # A site's or section's name in title case ("The Riverton Herald Live") just above the headline.
        while len(candidates) > 1 and _is_masthead(content[candidates[0]]):
            candidates = candidates[1:]
        title_at = candidates[0] if candidates else 0
    removed.extend({"rule": "navigation", "text": line} for line in content[:title_at])
    title, rest = content[title_at], content[title_at + 1 :]
    while rest and _same_line(rest[0], title):
        rest = rest[1:]
    if first_prose is not None:
        # Between the headline and the body: a dek, and labels (section, kicker, the reporter's name and
        # outlet). The body starts at the second prose paragraph when the first is the standfirst.
        after_dek = next((i for i in range(first_prose + 1, len(content)) if is_prose(content[i])), first_prose)
        body_start = after_dek if after_dek - first_prose <= TITLE_REACH else first_prose
        before_body = body_start - title_at - 1 - (len(content) - title_at - 1 - len(rest))
        head, rest = rest[:before_body], rest[before_body:]
        kept = []
        for line in head:
            if _is_label(line):
                removed.append({"rule": "page_furniture", "text": line})
            else:
                kept.append(line)
        rest = kept + rest
    # After the last paragraph: short links and labels ("Topics", "• Budget", "About us").
    last_prose = max(
        (i for i, line in enumerate(rest) if len(line.split()) >= 6 and _SENTENCE_END.search(line)), default=None
    )
    if last_prose is not None:
        tail = rest[last_prose + 1 :]
        if tail and all(_is_label(_BULLET.sub("", line)) for line in tail):
            removed.extend({"rule": "page_furniture", "text": line} for line in tail)
            rest = rest[: last_prose + 1]
    blocks = [classify(line) for line in rest]
    dek = ""
    if blocks and is_dek(blocks[0], blocks[1:]):
        dek, blocks = blocks[0].text, blocks[1:]
    return Structure(title, dek, tuple(blocks), tuple(removed))
