"""Turn raw article text into a title, a dek and typed blocks.

Text copied from news sites arrives with a byte-order mark, Windows line
endings, tabs, non-breaking and zero-width spaces, stray control characters
and decomposed accents. `decode()` refuses what is not text at all (NUL bytes,
invalid UTF-8); `normalise()` fixes the rest without touching typographic
quotes and dashes, which editors want preserved.

`structure()` reads the cleaned lines (see `clutter.py`): the title is the first
non-empty line, a repeat of it right after is dropped, the dek is a short
standfirst before the body when there is one, and every further line becomes a
block: a paragraph, a section heading, or a list item with its label
("The Troop Cap: …"). Headings and labels are structure, never claims.
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

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙○■□➢➤►▶✓✔*+]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)])\s*(?=\S)")
_LIST_LABEL = re.compile(r"^([^:.!?]{1,60}?):\s+(\S.*)$")
_LEDE_MARKERS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b"
    r"|^[A-Z][A-Z .,'-]{2,}(?:,[^—–-]{0,40})?\s*(?:--|—|–)"
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


def decode(raw: bytes) -> str:
    """UTF-8 text (with or without BOM, or UTF-16 with a BOM); raises UnreadableText otherwise."""
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
        raise UnreadableText(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start} is invalid)"
        ) from None
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f")
    if controls > max(8, len(text) // 20):
        raise UnreadableText("binary file (mostly control characters)")
    return text


def normalise(text: str) -> str:
    """NFC, one kind of newline, single spaces, no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = text.translate(_ZERO_WIDTH)
    text = "".join(char for char in text if char == "\n" or unicodedata.category(char) != "Cc" or char == "\t")
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


def structure(lines: list[str]) -> Structure:
    """Title, dek and blocks from cleaned lines; the title is empty when there is no text at all."""
    content = [line for line in lines if line.strip()]
    if not content:
        return Structure("", "", ())
    title, rest = content[0], content[1:]
    while rest and _same_line(rest[0], title):
        rest = rest[1:]
    blocks = [classify(line) for line in rest]
    dek = ""
    if blocks and is_dek(blocks[0], blocks[1:]):
        dek, blocks = blocks[0].text, blocks[1:]
    return Structure(title, dek, tuple(blocks))
