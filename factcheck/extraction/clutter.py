"""Remove web clutter from article text, by general, named rules.

Text copied from a news page carries the page around it. Each rule below
recognises one kind of clutter by its form, not by any one site's wording:

- ``sponsored_block``: a "Sponsored content" / "This content sponsored by …" /
  "Advertorial" marker and everything after it up to the next long prose
  paragraph (an advert is short lines, lists, phone numbers and hashtags).
- ``contact_ad``: a line offering a phone number to call or message.
- ``advertisement``: "Advertisement", "Story continues below advertisement" …
- ``cross_link``: "Related: …", "Read more: …", "You might also like: …",
  "Don't miss: …", "READ MORE:" with the headlines listed under it.
- ``emoji_promo``: a line that opens with an emoji (news prose never does).
- ``photo_credit``: captions and credits ("Photo: …", "Image credit: …",
  "…Photographer: Name/AFP", "(Name / Outlet)").
- ``hashtags``: a line that is mostly hashtags, or a "Tags:" line.
- ``byline``: "By Name", "Published March 3, 2026", a date alone on a line.
- ``press_boilerplate``: "FOR IMMEDIATE RELEASE", "###", "-30-" and a
  "Media contact:" block.
- ``newsletter_prompt``, ``share_prompt``, ``comment_prompt``: reader prompts.
  Inside a prose paragraph only the prompting sentences (and the reader
  questions around them) go; the rest of the paragraph stays.

Nothing is silently dropped: every removal is returned as
``{"rule": name, "text": line}`` for the editor to review.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .sentences import split_sentences

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
_I = re.IGNORECASE

SPONSORED = re.compile(
    r"^\W*(?:(?:this|the following)\s+(?:content|post|article|story|feature)\s+(?:is\s+|was\s+)?)?"
    r"(?:sponsored|advertorial|paid (?:content|post|partnership|promotion)|partner content"
    r"|promoted (?:content|by|stories)|brought to you by|in partnership with)\b",
    _I,
)
PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]{6,}\d(?![\w.])")
CONTACT_VERB = re.compile(r"\b(?:call|whatsapp|text|sms|dial|contact|helpline|hotline|message us|phone)\b", _I)
ADVERTISEMENT = re.compile(
    r"^(?:advertisements?|ad|ads|sponsored|skip advertisement|story continues below(?: advertisement)?"
    r"|article continues below(?: advertisement)?|continue reading(?: below| the main story)?"
    r"|scroll to continue(?: with content)?|remove ads)\W*$",
    _I,
)
CROSS_LINK = re.compile(
    r"^(?:related(?: stories| articles| coverage| reading| content| links?)?|read more|read also|also read"
    r"|more from [^:]{1,40}|more on (?:this|that)(?: story)?|see also|don'?t miss|do not miss"
    r"|you (?:might|may) also like"
    r"|recommended(?: for you| reading)?|trending(?: now| stories)?|most (?:read|popular)|popular now|further reading"
    r"|editor'?s picks?|top stories|watch|listen|also on [^:]{1,30}|keep reading)\s*(?::|—|–|-|>>|»|\|)",
    _I,
)
CROSS_LINK_HEADER = re.compile(
    r"^(?:related(?: stories| articles| coverage| reading)?|read more|more stories|you (?:might|may) also like"
    r"|recommended(?: for you)?|trending|most read|further reading|more from [^:]{1,40})\s*:?$",
    _I,
)
PHOTO_CREDIT = re.compile(
    r"^(?:photos?|photograph|image|images|picture|pictured|caption|credit|illustration|graphic|video|gallery)"
    r"(?: credits?| courtesy| source| by)?\s*:"
    r"|\b(?:photographer|photo credit|photo by|image credit|image by|picture credit|credit)\s*:"
    r"|\((?:photo|image|picture|credit)[^)]*\)\s*$"
    r"|\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+\s*/\s*[^)]{2,60}\)\s*$"
    r"|(?:/|via |\| )\s*(?:AFP|AP|Reuters|Getty Images|EPA|Shutterstock|Bloomberg|PA(?: Media)?|Alamy|ANI|Xinhua)"
    r"\s*\)?$"
    r"|\bGetty Images\s*$",
    _I,
)
HASHTAG_LABEL = re.compile(r"^(?:tags?|keywords?|keyword\s*&\s*tags?|topics|hashtags|filed under)\s*:", _I)
BYLINE = re.compile(
    r"^(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:$|,|\||(?i:and)\b|—|–|-)"
    r"|^(?i:published|updated|posted|last updated|first published)\b.*(?:\d{4}|\d{1,2}:\d{2}|(?i:ago))"
)
DATE_ONLY = re.compile(
    rf"^(?:\w+day,?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}(?:[,|\s]+\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?.*)?$", _I
)
PRESS_BOILERPLATE = re.compile(
    r"^(?:for immediate release|###|#\s#\s#|-\s*30\s*-|-?\s*ends\s*-?|embargoed(?: until)?[^.]*)\W*$", _I
)
CONTACT_HEADER = re.compile(r"^(?:media|press|investor|editorial)?\s*(?:contacts?|enquiries|inquiries)\s*:", _I)
NEWSLETTER = re.compile(
    r"\b(?:sign up|signup|subscribe)\b.*\b(?:newsletter|inbox|alerts?|updates|notifications|podcast|channel|briefing)\b"
    r"|\bnewsletter\b.*\b(?:sign up|subscribe|inbox|delivered)\b|\bturn on (?:push )?notifications\b"
    r"|^subscribe\b|^sign up\b|\bget (?:our|the) [\w' ]{0,30}newsletter\b",
    _I,
)
SHARE = re.compile(
    r"^(?:share (?:this|on|via|the|it|your)\b|share\s*:|follow us\b|like us on\b|print this\b)"
    r"|\b(?:follow us on|share on (?:facebook|x|twitter|whatsapp|linkedin|email))\b"
    r"|^comments?\s*\(\d+\)",
    _I,
)
COMMENT = re.compile(
    r"\b(?:in the comments?|leave a comment|comment below|join the (?:conversation|discussion|debate)|let us know"
    r"|share your (?:thoughts|views|story|experience)|tell us (?:what|in|below|your)|email (?:our|the) newsroom"
    r"|sound off|what do you think\?|have your say)\b",
    _I,
)
WEB_LINK = re.compile(r"^(?:https?://|www\.)\S+$|\bfor more information,? (?:visit|contact|call|go to|see)\b", _I)
_SOCIAL = re.compile(
    r"^(?:[|,/•·\s-]*(?:facebook|x|twitter|email|e-mail|whatsapp|linkedin|pinterest|reddit|telegram|instagram"
    r"|tiktok|youtube|threads|bluesky|copy link|print|share|comments?(?:\s*\(\d+\))?))+[|,/•·\s.-]*$",
    _I,
)

# A paragraph this long, with no contact details, is article prose again.
PROSE_MIN_WORDS = 35


@dataclass
class Cleaned:
    lines: list[str]
    removed: list[dict] = field(default_factory=list)
    published_on: date | None = None


def starts_with_emoji(line: str) -> bool:
    for char in line[:3]:
        if char.isspace():
            continue
        code = ord(char)
        return unicodedata.category(char) == "So" or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF
    return False


def _strip_symbols(line: str) -> str:
    """The line without leading emoji, arrows and bullets, for matching prompt wording."""
    index = 0
    while index < len(line) and (unicodedata.category(line[index]) in {"So", "Sk", "Sm", "Po", "Mn", "Zs"}):
        if line[index] in "\"'“‘#":
            break
        index += 1
    return line[index:].lstrip("\ufe0f ")


def find_date(text: str) -> date | None:
    """The first "March 3, 2026" / "Nov. 18, 2026" style date in text, or None."""
    match = _DATE.search(text)
    if not match:
        return None
    month = MONTHS[match.group(1)[:3].lower()]
    try:
        return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError:
        return None


def is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and not PHONE.search(line) and not line.lstrip().startswith("#")


def line_rule(line: str) -> str | None:
    """The name of the rule that removes this whole line, or None to keep it."""
    bare = _strip_symbols(line)
    words = len(line.split())
    short = words <= 40
    if ADVERTISEMENT.match(bare):
        return "advertisement"
    if PRESS_BOILERPLATE.match(line):
        return "press_boilerplate"
    if short and CROSS_LINK.match(bare):
        return "cross_link"
    if short and NEWSLETTER.search(bare) and (starts_with_emoji(line) or words <= 25):
        return "newsletter_prompt"
    if short and (SHARE.search(bare) or _SOCIAL.match(bare)):
        return "share_prompt"
    if starts_with_emoji(line):
        return "emoji_promo"
    if short and PHOTO_CREDIT.search(bare):
        return "photo_credit"
    tokens = line.split()
    hashtags = sum(1 for token in tokens if token.startswith("#") and len(token) > 1)
    if HASHTAG_LABEL.match(line) or (hashtags >= 2 and hashtags * 2 >= len(tokens)) or (len(tokens) == 1 and hashtags):
        return "hashtags"
    if words <= 14 and (BYLINE.match(line) or DATE_ONLY.match(line)):
        return "byline"
    if short and PHONE.search(line) and CONTACT_VERB.search(line):
        return "contact_ad"
    if words <= 12 and WEB_LINK.search(line):
        return "web_link"
    return None


def _prompt_sentences(line: str) -> tuple[list[str], list[str]]:
    """Split a prose line into (kept, removed) sentences: reader prompts and the questions around them go."""
    sentences = split_sentences(line)
    prompts = [
        bool(NEWSLETTER.search(s) or SHARE.search(s) or COMMENT.search(s) or WEB_LINK.search(s)) for s in sentences
    ]
    if not any(prompts):
        return sentences, []
    kept, removed = [], []
    for sentence, is_prompt in zip(sentences, prompts, strict=True):
        reader_question = sentence.rstrip("”\"' ").endswith("?")
        (removed if is_prompt or reader_question else kept).append(sentence)
    return kept, removed


def _prompt_rule(sentence: str) -> str:
    if NEWSLETTER.search(sentence):
        return "newsletter_prompt"
    if SHARE.search(sentence):
        return "share_prompt"
    if WEB_LINK.search(sentence):
        return "web_link"
    return "comment_prompt"


def clean(text: str) -> Cleaned:
    """Lines of normalised text with clutter removed (blank lines kept), and what was removed."""
    lines = text.split("\n")
    result = Cleaned(lines=[])

    def remove(rule: str, line: str) -> None:
        result.removed.append({"rule": rule, "text": line})
        if rule == "byline" and result.published_on is None:
            result.published_on = find_date(line)

    index = 0
    # Set while inside a block whose following lines go too: the block's rule name.
    block_rule: str | None = None
    block_ends_at_blank = False
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            if block_ends_at_blank:
                block_rule = None
                block_ends_at_blank = False
            result.lines.append(line)
            continue
        if block_rule:
            if block_rule == "sponsored_block" and is_prose(line):
                block_rule = None
            else:
                remove(block_rule, line)
                continue
        if len(line.split()) <= 15 and SPONSORED.match(line):
            remove("sponsored_block", line)
            block_rule, block_ends_at_blank = "sponsored_block", False
            continue
        if CONTACT_HEADER.match(line):
            remove("press_boilerplate", line)
            block_rule, block_ends_at_blank = "press_boilerplate", True
            continue
        if CROSS_LINK_HEADER.match(_strip_symbols(line)):
            remove("cross_link", line)
            block_rule, block_ends_at_blank = "cross_link", True
            continue
        rule = line_rule(line)
        if rule:
            remove(rule, line)
            continue
        kept, removed = _prompt_sentences(line)
        for sentence in removed:
            remove(_prompt_rule(" ".join(removed)), sentence)
        if kept:
            result.lines.append(" ".join(kept) if removed else line)
    return result
