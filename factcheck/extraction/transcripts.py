"""Transcripts: what was said, by whom, and when, read from captions or a plain-text transcript.

Three formats are read:

- WebVTT (``.vtt``) and SubRip (``.srt``) captions, parsed by webvtt-py. A cue's speaker is its
  ``<v Speaker>`` voice tag, or a ``SPEAKER:`` label at the start of one of its lines; ``>>`` or a
  leading dash marks a new, unnamed speaker. Cues are cut wherever the captioner's line was full, so
  a speaker's consecutive cues are joined into one turn before the turn is split into sentences,
  and each sentence keeps the time of the cue it starts in. Roll-up captions (YouTube's automatic
  ones) show each line again in the next cue; it is read once.
- Plain text with speaker turns: ``NAME:`` or ``NAME (role):`` at the start of a line, ``Q:`` and
  ``A:`` for an interview, or a line naming the speaker above each turn. A time before the label
  (``[00:42:13] BIDEN: …``, ``BIDEN (00:42:13): …``), beside a label above the turn (Rev's
  ``Maria Delgado (00:16):``, Otter's ``Lena Ortiz  0:04``) or inside a turn (``… [00:42:20] …``)
  dates what follows it. The lines above the first turn are the transcript's header: its title, and
  ``Date:``, ``Broadcaster:``, ``Source:``, ``Moderator:``, ``Participants:`` lines.

A parliament's record (Hansard) is plain text with turns too: the question numbers before a member's name
(``Q1. [905112] Mr Tom Bell (Westby) (Lab):``), a minister named in brackets after their office
(``The Prime Minister (Helen Marsh):``), and lines no one says (``4 Mar 2026 : Column 313``, ``12.04 pm``,
``Several hon. Members rose—``).

``read_transcript()`` returns a ``Transcript``, or None when a plain text is not one (it is an
article). A caption file that cannot be read (no WEBVTT line, a broken timing line, no cues) raises
``UnreadableText`` saying which line is wrong. Bracketed stage directions ("(APPLAUSE)",
"[CROSSTALK]", "[inaudible 00:12:03]") are removed from what was said and kept for review.

Who each label is, and which sentences are filler, is ``speakers``' part.
"""

import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

import webvtt

from .clutter import find_date, line_rule
from .parsing import UnreadableText, is_headline, is_prose
from .sentences import split_sentences, words

WEBVTT, SUBRIP, PLAIN_TEXT = "webvtt", "subrip", "text"
SPEAKER, MODERATOR, UNIDENTIFIED = "speaker", "moderator", "unidentified"
CAPTION_SUFFIXES = {".vtt": WEBVTT, ".srt": SUBRIP}

# The occasions a transcript can record (Article.Venue), each with the words in a title that name it.
VENUE_WORDS = (
    ("press_conference", r"press conference|news conference|press briefing|briefing"),
    ("debate", r"debate"),
    ("hearing", r"hearing|testimony|testifies|inquiry|select committee|evidence session"),
    ("interview", r"interview|in conversation|q\s*&\s*a"),
    ("podcast", r"podcast"),
    ("speech", r"speech|address|remarks|keynote|rally|lecture|statement"),
    ("broadcast", r"broadcast|programme|program|show|bulletin|documentary"),
)
OTHER_VENUE = "other"

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
TIME_MARK = re.compile(rf"[\[(]\s*({_TIME})\s*[\])]")
_LEADING_TIME = re.compile(rf"^(?:[\[(]\s*({_TIME})\s*[\])]|({_TIME})(?=\s))\s*")
# A caption cue's timing line: "00:01:02.500 --> 00:01:05.000" (WebVTT may leave out the hours and add settings).
CUE_TIMING = re.compile(
    r"^\s*(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})\s+-->\s+(?:(\d+):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})(?:\s.*)?$"
)
# A line that means to be a timing line (a time, then an arrow of some sort), right or not.
_LOOKS_LIKE_TIMING = re.compile(r"^\s*\d{1,2}:\d{1,2}.*-+>|-->")

# Stage directions inside what was said: "(APPLAUSE)", "[CROSSTALK]", "(inaudible)", "[inaudible 00:12:03]".
STAGE_WORDS = (
    r"applause|applauding|laughter|laughing|laughs|crosstalk|cross-talk|cross talk|inaudible|unintelligible"
    r"|indiscernible|music|cheering|cheers|booing|boos|bell|bells|commercial break|break|silence|pause|sighs"
    r"|coughs|overlapping|off mic|off-mic|foreign language|speaking foreign language|gavel|chanting|chants"
    r"|audience|protester|protesters|begin video|end video|video clip|clip|recess|end of transcript|interruption"
    r"|hon\. members?|hon\. friends?"
)
_BRACKETED = re.compile(r"[\[(][^\[\]()]{1,60}[\])]")

# What a label may look like: capitalised words (and the small words of names), a role in brackets,
# a description after a comma: "BIDEN", "Joe Biden", "LESTER HOLT (MODERATOR)",
# "SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE".
_NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?[A-Z][A-Za-z.'’-]*$")
NAME_JOINERS = words("of the de da del della di van von der den bin al la le du y and")
# One-word labels an article uses for its own sections, never a speaker.
NOT_LABELS = words(
    "update note notes source sources photo image video watch read related summary background context verdict "
    "claim fact facts conclusion warning correction clarification disclaimer transcript editor topics tags "
    "credit credits caption see also listen subscribe share advertisement contents introduction key"
)
MAX_LABEL_WORDS = 6

# The header's keys: "Date: 26 September 2016", "MODERATOR: Lester Holt (NBC News)".
HEADER_KEYS = {
    "date": "date",
    "recorded": "date",
    "aired": "date",
    "broadcast": "outlet",
    "broadcaster": "outlet",
    "network": "outlet",
    "channel": "outlet",
    "station": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "source": "url",
    "url": "url",
    "link": "url",
    "address": "url",
    "original": "url",
    "venue": "venue",
    "occasion": "venue",
    "type": "venue",
    "title": "title",
    "moderator": "moderators",
    "moderators": "moderators",
    "interviewer": "moderators",
    "interviewers": "moderators",
    "host": "moderators",
    "hosts": "moderators",
    "participants": "participants",
    "speakers": "participants",
    "speaker": "participants",
    "panelists": "participants",
    "panellists": "participants",
    "candidates": "participants",
    "guest": "participants",
    "guests": "participants",
    "interviewee": "participants",
}
# Keys that are also names for a speaker: a line with one of them is a header line only when what
# follows names people ("MODERATOR: Lester Holt"), not when it is a sentence ("MODERATOR: Good evening.").
_PEOPLE_KEYS = {"moderators", "participants"}

# Labels that are a moderator (asks the questions) whoever they are, and those that are nobody to credit.
MODERATOR_LABELS = words(
    "moderator moderators q question questions questioner interviewer host co-host anchor presenter reporter "
    "reporters journalist press panelist panellist"
)

# A plain text is a transcript when this share of its lines (after the header) start a speaker's turn.
MIN_TURN_SHARE = 0.25
# … and a web page's, this share: a page is an article that may hold a few labelled lines (a game story's
# "Thunder: …" notes, an answer quoted as "McKelvey: …"), unless its turns are most of it.
MIN_PAGE_TURN_SHARE = 0.4
# … unless this many of its turns are questions: an interview.
MIN_QUESTIONS = 2
MIN_TURNS = 3
# … and at most this share of its turns bring a new label (most speak more than once).
MAX_LABEL_SHARE = 0.75


@dataclass
class Turn:
    """One speaker's turn: their label as written ("" when the transcript names nobody) and what they said,
    in passages that each carry the time they start at (seconds into the recording, None when not given)."""

    label: str
    passages: list[tuple[str, int | None]] = field(default_factory=list)

    def add(self, text: str, at: int | None) -> None:
        text = " ".join(text.split())
        if text:
            self.passages.append((text, at))

    @property
    def text(self) -> str:
        return " ".join(text for text, _ in self.passages)

    @property
    def at(self) -> int | None:
        return next((at for _, at in self.passages if at is not None), None)

    def sentences(self) -> list[tuple[str, int | None]]:
        """The turn's sentences, each with the time of the passage (cue) it starts in.

        A sentence that runs over several cues is one sentence, dated by its first.
        """
        text, starts, offset = [], [], 0
        for passage, at in self.passages:
            starts.append((offset, at))
            text.append(passage)
            offset += len(passage) + 1
        joined = " ".join(text)
        found, cursor, last_at = [], 0, None
        for sentence in split_sentences(joined):
            where = joined.find(sentence, cursor)
            where = cursor if where < 0 else where
            cursor = where + len(sentence)
            at = last_at
            for start, passage_at in starts:
                if start > where:
                    break
                if passage_at is not None:
                    at = passage_at
            last_at = at
            if any(char.isalnum() for char in sentence):  # not a stray "--" left where someone was cut off
                found.append((sentence, at))
        return found


@dataclass(frozen=True)
class Transcript:
    """What ``read_transcript()`` read: the turns, and what the file's header or name says about it."""

    format: str
    turns: tuple[Turn, ...]
    title: str = ""
    published_on: date | None = None
    venue: str = ""
    outlet: str = ""
    url: str = ""
    moderators: tuple[str, ...] = ()  # names the header gives as moderators or interviewers
    participants: tuple[str, ...] = ()  # names the header gives as speakers, candidates, guests
    removed: tuple[dict, ...] = ()  # stage directions and header lines, {"rule": …, "text": …}, for review

    @property
    def labelled(self) -> bool:
        return any(turn.label for turn in self.turns)


def seconds(timestamp: str) -> int:
    """ "00:42:13.500", "42:13" or "42:13,500" as whole seconds (42 × 60 + 13 = 2533 for "42:13")."""
    parts = [int(part) for part in re.split(r"[:]", re.split(r"[.,]", timestamp)[0])]
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def timestamp(at: int) -> str:
    """Seconds into a recording as the desk writes them: "00:42:13"."""
    hours, rest = divmod(int(at), 3600)
    minutes, second = divmod(rest, 60)
    return f"{hours:02}:{minutes:02}:{second:02}"


def without_stage_directions(text: str, removed: list[str] | None = None, *, capitals: bool = True) -> str:
    """The text without bracketed stage directions; each one removed is added to `removed` when given.

    A bracketed passage in capitals ("(BELL RINGS)") is one too, unless `capitals` is False: in a label,
    "(MODERATOR)" and "(CHAIR)" are roles.
    """

    def cut(match: re.Match) -> str:
        inner = match.group(0)[1:-1]
        letters = [char for char in inner if char.isalpha()]
        is_direction = bool(re.match(rf"\s*(?:{STAGE_WORDS})\b", inner, re.IGNORECASE)) or (
            capitals and len(letters) >= 4 and all(char.isupper() for char in letters)
        )
        if not is_direction:
            return match.group(0)
        if removed is not None:
            removed.append(match.group(0))
        return " "

    return " ".join(_BRACKETED.sub(cut, text).split())


def _format_from(text: str, name: str) -> str:
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in CAPTION_SUFFIXES:
        return CAPTION_SUFFIXES[suffix]
    lines = [line.strip() for line in text.lstrip("\ufeff").split("\n") if line.strip()]
    if lines and lines[0].startswith("WEBVTT"):
        return WEBVTT
    if len(lines) >= 2 and lines[0].isdigit() and CUE_TIMING.match(lines[1]):
        return SUBRIP
    return PLAIN_TEXT


def read_transcript(text: str, *, name: str = "", as_transcript: bool = False, headline: str = "") -> Transcript | None:
    """The transcript in `text` (a file called `name`), or None when it is plain text without speaker turns.

    With `as_transcript`, plain text is read as a transcript whatever its share of turns (the desk's
    own copy of one). With `headline` (a web page's), the text is all below it: the headline is the
    title, never a turn ("Square Cofounder: Jack Dorsey Is Like Hello Kitty"), and the writer's
    paragraphs above the first turn are a passage of no speaker's. Raises UnreadableText, saying what
    is wrong, for a caption file it cannot read.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = _format_from(text, name)
    if kind in (WEBVTT, SUBRIP):
        return _read_captions(text, kind, name=name)
    return _read_plain_text(text, name=name, as_transcript=as_transcript, headline=headline)


# Caption files ------------------------------------------------------------------------------------------


def _check_timings(lines: list[str], kind: str) -> None:
    """Refuse a caption file whose timing lines are broken, naming the first such line."""
    for number, line in enumerate(lines, start=1):
        if not _LOOKS_LIKE_TIMING.search(line):
            continue
        match = CUE_TIMING.match(line)
        shown = line.strip()[:80]
        example = "00:00:01.000 --> 00:00:04.000" if kind == WEBVTT else "00:00:01,000 --> 00:00:04,000"
        if not match:
            raise UnreadableText(f"line {number}: “{shown}” is not a cue timing line such as {example}")
        start, end = (
            tuple(int((part or "0").ljust(3, "0") if index == 3 else part or 0) for index, part in enumerate(parts))
            for parts in (match.groups()[:4], match.groups()[4:])
        )
        if start > end:
            raise UnreadableText(f"line {number}: the cue “{shown}” ends before it starts")


def _read_captions(text: str, kind: str, *, name: str) -> Transcript:
    label = "WebVTT" if kind == WEBVTT else "SubRip"
    lines = text.lstrip("\ufeff").split("\n")
    if kind == WEBVTT and not lines[0].startswith("WEBVTT"):
        first = next((line.strip() for line in lines if line.strip()), "")
        raise UnreadableText(f"not a WebVTT file: its first line must be WEBVTT, not “{first[:60]}”")
    _check_timings(lines, kind)
    try:
        if kind == WEBVTT:
            captions = webvtt.from_string(text.lstrip("\ufeff"))
        else:
            captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")), format="srt")
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as error:
        raise UnreadableText(f"not a {label} file that can be read ({error})") from None
    if not captions.captions:
        raise UnreadableText(f"a {label} file with no cues (no timing line such as 00:00:01.000 --> 00:00:04.000)")
    header = {}
    removed: list[str] = []
    for comment in [*getattr(captions, "header_comments", []), *getattr(captions, "footer_comments", [])]:
        for line in comment.split("\n"):
            _header_line(line.strip(), header)
    title = header.get("title") or (getattr(captions, "header_text", "") or "").strip(" -–—:\t")
    turns = _caption_turns(captions.captions, removed)
    if not any(turn.passages for turn in turns):
        raise UnreadableText(f"a {label} file whose cues hold no words")
    return _transcript(kind, turns, header, title=title, name=name, stage=removed)


_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")


def _caption_turns(captions, removed: list[str]) -> list[Turn]:
    """The captions' cues joined into turns: a new turn where the speaker changes."""
    turns: list[Turn] = []
    current: Turn | None = None
    # Roll-up captions (YouTube's automatic ones, a broadcaster's live ones) show each line again in the cue after
    # it, under the new line, and again alone for an instant: a line the cue before showed was already read.
    shown_before: set[str] = set()
    for caption in captions:
        at = seconds(caption.start)
        shown = {" ".join(html.unescape(_TAG.sub("", line)).split()) for line in caption.lines} - {""}
        for line in caption.lines:
            if " ".join(html.unescape(_TAG.sub("", line)).split()) in shown_before:
                continue
            voice = _VOICE.match(line.strip())
            speaker, new_turn = None, False
            if voice:
                speaker = voice.group(1).strip()
            line = html.unescape(_TAG.sub("", line)).strip()
            if line.startswith(">>"):
                line, new_turn = line.lstrip(">").strip(), True
            elif re.match(r"^[-–—]\s+\S", line):
                line, new_turn = line[1:].strip(), True
            labelled = _split_label(line)
            if labelled and speaker is None:
                speaker, line = labelled
            line = without_stage_directions(line, removed)
            if (speaker is not None and (current is None or speaker != current.label)) or new_turn:
                current = Turn(speaker if speaker is not None else "")
                turns.append(current)
            elif current is None:
                current = Turn("")
                turns.append(current)
            current.add(line, at)
        shown_before = shown
    return [turn for turn in turns if turn.passages]


# Plain text ----------------------------------------------------------------------------------------------

# "Speaker 1", "SPEAKER_02": what speech-to-text calls the people it tells apart without knowing them.
NUMBERED_SPEAKER = re.compile(r"^(?:speaker|person|participant|voice|guest)[\s_]*\d{1,3}$", re.IGNORECASE)
# "Audience Member 1", "Reporter 2", "Unidentified Speaker 3": a transcription service numbers the people of a kind
# it cannot name. A number after any other word is no speaker: "Step 2: …", a sports round-up's "Wild 4, Sabres 1: …".
_NUMBERED_LABEL = re.compile(r"^(.*?\S)[\s_]+\d{1,3}$")
NUMBERED_PEOPLE = words(
    "member members audience reporter journalist speaker caller participant questioner voice man woman male female "
    "student resident panelist panellist juror witness guest person attendee delegate officer citizen parent "
    "teacher worker protester voter viewer listener interviewer interviewee respondent host presenter"
)


# A parliament's record names a minister by office, their name in brackets the first time they speak:
# "The Prime Minister (Helen Marsh)", "The Secretary of State for Health and Social Care (Wes Streeting)".
OFFICE_WITH_NAME = re.compile(
    r"^The\s+((?:[A-Z][\w'’-]*|of|for|and|the|to|in|at|on)(?:,?\s+(?:[A-Z][\w'’-]*|of|for|and|the|to|in|at|on)){0,14})"
    r"\s*\(([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|de|van|von|du|le|la)){1,5})\)$"
)


def is_label(label: str) -> bool:
    """Whether `label` can name a speaker: "BIDEN", "Joe Biden", "Q", "LESTER HOLT (MODERATOR)", "Mr. Schwab",
    "Speaker 2", "The Prime Minister (Helen Marsh)"."""
    if OFFICE_WITH_NAME.match(label.strip()):
        return True
    core = re.sub(r"\([^()]*\)", " ", without_stage_directions(label, capitals=False)).strip()
    name, _, description = core.partition(",")
    tokens = name.split()
    if not tokens or len(tokens) > MAX_LABEL_WORDS or len(description.split()) > 8 or len(label) > 120:
        return False
    if NUMBERED_SPEAKER.match(name.strip()):
        return True
    if numbered := _NUMBERED_LABEL.match(name.strip()):
        tokens = numbered.group(1).split()
        if tokens[-1].casefold() not in NUMBERED_PEOPLE:
            return False
    if len(tokens) == 1 and tokens[0].casefold().rstrip(".") in NOT_LABELS:
        return False
    if not _NAME_WORD.match(tokens[0]) or not _NAME_WORD.match(tokens[-1]):
        return False
    return all(_NAME_WORD.match(token) or token.casefold() in NAME_JOINERS for token in tokens)


def _split_label(line: str) -> tuple[str, str] | None:
    """(label, what they said) when the line opens with a speaker's label and a colon, else None."""
    match = re.match(r"^([^:]{1,120}?)\s*:(?:\s+(.*)|\s*)$", line)
    if not match or not is_label(match.group(1)):
        return None
    return match.group(1).strip(), (match.group(2) or "").strip()


@dataclass
class _Line:
    kind: str  # "turn", "label" (a label alone, the turn below it), "timed" (a time, no label), "text", "blank"
    label: str = ""
    text: str = ""
    at: int | None = None
    colon: bool = True  # a "label" line written with its colon ("BIDEN:"), not a bare name


# What follows a time of day on its line: its zone or half of the day ("GMT", "BST", "a.m.", "pm ET").
_CLOCK_ZONE = re.compile(
    r"(?:(?i:[ap]\.?m\.?)\s*)?(?:GMT|UTC|BST|IST|CES?T|EES?T|MSK|[ECMP][SD]?T|AK[SD]T|HST|[JK]ST|AE[SD]T|NZ[SD]T)"
    r"|(?i:[ap]\.?m\.?)"
)
# A parliament's numbering of its questions before the member's name: Hansard's "Q1. [905112]" (a question to
# the Prime Minister and its reference), "T3." (topical), "4. [905001]".
_QUESTION_NUMBER = re.compile(r"^(?:[QT]\d{1,3}\.\s*(?:\[\d{4,}\]\s*)?|\d{1,3}\.\s*\[\d{4,}\]\s*|\[\d{4,}\]\s*)")
# Lines in a transcript that no one says: a record's column marks ("4 Mar 2026 : Column 313"), a time of day
# ("12.04 pm", "1:46 P.M. EDT"), a briefing's end mark ("END 1:46 P.M. EDT") and a parliament's "Several hon.
# Members rose—".
_CLOCK = r"\d{1,2}[.:]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)(?:\s*[A-Z]{2,4})?"
STAGE_LINE = re.compile(
    rf"^(?:(?:\d{{1,2}}\s+[A-Za-z]{{3,9}}\.?\s+\d{{4}}\s*:\s*)?Col(?:umn|\.)?\s*\d{{1,5}}[A-Z]{{0,3}}"
    rf"|{_CLOCK}"
    rf"|END(?:\s+OF\s+(?:TRANSCRIPT|BRIEFING|SESSION))?(?:\s+{_CLOCK})?"
    r"|(?i:(?:several|many|an?)\s+)?(?i:hon\.|honourable|noble|right hon\.)\s+(?i:members?|lords?|friends?)\s+rose\W*)$"
)
_QA = re.compile(r"^(Q|A)(?:[.:]\s*|\s{2,}|\t)(\S.*)$")
# The White House writes "Q    Thank you." with the spaces that copying a page squeezes into one: "Q Thank you."
_SPACED_QA = re.compile(r"^(Q|A) ([A-Z\"“‘'].*)$")
# The time may follow the member's seat and office in an Australian Hansard: "Mr ALBANESE (Grayndler—Prime Minister)
# (14:03): I thank the member for his question."
_LABEL_WITH_TIME = re.compile(
    rf"^((?:[^:\[\]()]|\([^():]{{1,80}}\)){{1,120}}?)\s*[\[(]\s*({_TIME})\s*[\])]\s*:?\s*(.*)$"
)
# The US Congress's records (the Congressional Record, a committee's hearing as the Government Publishing Office
# prints it) end the label with a full stop and print the surname in capitals: "Chairman LEE. The committee will
# come to order.", "Ms. DOE. Thank you.", "Mr. SMITH of Texas. Mr. Speaker, …", "The SPEAKER pro tempore. …".
_RECORD_LABEL = re.compile(
    r"^((?:Mr|Mrs|Ms|Miss|Dr|Senator|Chairman|Chairwoman|Chair|Representative|Rep|Secretary|General|Admiral|Judge"
    r"|Justice|Director|Governor|Ambassador|Commissioner|Mayor|Vice Chairman|Vice Chair|Ranking Member)\.?"
    r"\s+(?:[A-Z][a-z]+\.?\s+)?(?:Mc|Mac|O'|D')?[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"|The\s+[A-Z]{2,}(?:\s+[A-Z]{2,})*)(?:\s+pro\s+tempore)?(?:\s*\([^()]{1,40}\))?\.\s+(\S.*)$"
)
# Otter's export: the speaker's name and the time, alone on a line, what they said below ("Lena Ortiz  0:04").
_NAME_THEN_TIME = re.compile(rf"^([^:\[\]()]{{1,80}}?)\s+({_TIME})$")


def _classify(line: str) -> _Line:
    line = line.strip()
    if not line:
        return _Line("blank")
    at = None
    leading = _LEADING_TIME.match(line)
    if leading:
        if _CLOCK_ZONE.fullmatch(line[leading.end() :]):
            # "14:52 GMT": a live blog's entry posted at a time of day, not a recording's running time, nor a speaker.
            return _Line("text", "", line)
        at = seconds(leading.group(1) or leading.group(2))
        line = line[leading.end() :]
    numbered = _QUESTION_NUMBER.match(line)
    if numbered and _split_label(line[numbered.end() :]):
        line = line[numbered.end() :]  # "Q1. [905112] Mr Tom Bell (Westby) (Lab): If she will list …"
    qa = _QA.match(line)
    if qa:
        return _Line("turn", qa.group(1), qa.group(2), at)
    record = _RECORD_LABEL.match(line)
    if record:
        return _Line("turn", record.group(1), record.group(2).strip(), at)
    # "BIDEN (00:42:13): …" and "Chris Wallace: (01:20)": the time of the turn beside its label.
    timed_label = _LABEL_WITH_TIME.match(line)
    if timed_label and is_label(timed_label.group(1)):
        said = timed_label.group(3).strip()
        return _Line("turn" if said else "label", timed_label.group(1).strip(), said, seconds(timed_label.group(2)))
    name_then_time = _NAME_THEN_TIME.match(line)
    if name_then_time and is_label(name_then_time.group(1)):
        # Without a colon it is a label only when it comes back, as a name alone on its line is (below).
        return _Line("label", name_then_time.group(1).strip(), "", seconds(name_then_time.group(2)), colon=False)
    labelled = _split_label(line)
    if labelled:
        label, said = labelled
        time_first = TIME_MARK.match(said)
        if time_first:
            at, said = seconds(time_first.group(1)), said[time_first.end() :].strip()
        return _Line("turn" if said else "label", label, said, at)
    # A name alone on its line, the turn below it: "JOE BIDEN", "Lester Holt (moderator)".
    if is_label(line) and (line.isupper() or "(" in line or at is not None):
        return _Line("label", line, "", at, colon=False)
    return _Line("timed" if at is not None else "text", "", line, at)


# A newspaper's headline over an interview names the person and quotes them: "Mayor Andre Whitcombe: ‘We will not
# balance the budget on the backs of bus riders’". Shaped like a turn, it is the title.
_WHOLLY_QUOTED = re.compile(r"^[‘“\"'][^‘“”’\"]+[’”\"'][.!?]?$")


def _is_title(lines: list[_Line], opening: int, raw: str) -> bool:
    """Whether a text's first line, shaped like a turn, is its title: a headline quoting the person it names, or a
    headline whose "label" speaks nowhere else ("The Civic Ledger, episode 41: What the levy pays for")."""
    line = lines[opening]
    if line.kind != "turn" or line.at is not None or not is_headline(raw.strip()):
        return False
    if _WHOLLY_QUOTED.match(line.text):
        return True
    speaks = _surname_of(line.label)
    return not any(
        other.kind in {"turn", "label"} and _surname_of(other.label) == speaks for other in lines[opening + 1 :]
    )


def _spaced_questions(lines: list[_Line]) -> None:
    """Make turns of questions asked as "Q Thank you, Dana." (one space) when there are a few, and of the "A …" lines
    right below them: one such line alone is a sentence about Q Street, and "A new study …" is one unless it
    answers."""
    asked = [index for index, line in enumerate(lines) if line.kind == "text" and _SPACED_QA.match(line.text)]
    asked = [index for index in asked if lines[index].text.startswith("Q")]
    if len(asked) < MIN_QUESTIONS:
        return
    for index in asked:
        lines[index] = _Line("turn", "Q", lines[index].text[2:].strip(), lines[index].at)
        below = next((at for at in range(index + 1, len(lines)) if lines[at].kind != "blank"), None)
        if below is not None and lines[below].kind == "text" and lines[below].text.startswith("A "):
            lines[below] = _Line("turn", "A", lines[below].text[2:].strip(), lines[below].at)


def _names(value: str) -> list[str] | None:
    """The people a header line lists ("Lester Holt (NBC News)", "Hillary Clinton and Donald Trump"), or None
    when it is not a list of names (a sentence: "Good evening, and welcome")."""
    names = []
    for part in re.split(r";|,|\band\b|&", re.sub(r"\([^()]*\)", " ", value)):
        tokens = part.split()
        if not tokens:
            continue
        if len(tokens) > MAX_LABEL_WORDS or not all(
            _NAME_WORD.match(token) or token.casefold() in NAME_JOINERS for token in tokens
        ):
            return None
        names.append(" ".join(tokens))
    return names or None


def _header_line(line: str, header: dict) -> bool:
    """Read a header line ("Date: …", "MODERATOR: Lester Holt") into `header`; False when it is not one."""
    match = re.match(r"^([A-Za-z][A-Za-z ]{1,20}?)\s*:\s+(\S.*)$", line)
    if not match or (key := HEADER_KEYS.get(match.group(1).strip().casefold())) is None:
        return False
    value = match.group(2).strip()
    if key in _PEOPLE_KEYS:
        names = _names(value)
        if names is None:
            return False
        header.setdefault(key, []).extend(names)
        return True
    if key == "date":
        value = _date_in(value)
    elif key == "url":
        found = re.search(r"https?://\S+", value)
        value = found.group(0).rstrip(".,;)") if found else None
    elif key == "venue":
        value = venue_of(value, default="") or None
    if not value:
        return False
    header.setdefault(key, value)
    return True


# A broadcaster's transcript says when the programme went out: "Aired March 12, 2026 - 17:00 ET".
_AIRED = re.compile(r"^Aired\s+\S+\s+\d")
# The service that made the transcript signs it: "Transcribed by https://otter.ai", "Captions by Rev.com".
SERVICE_CREDIT = re.compile(
    r"^(?:transcribed|transcript|transcription|captioned|captions?|subtitles?)\s+(?:by|from|provided by|courtesy of)"
    r"\s+\S+(?:\s+\S+){0,5}$",
    re.IGNORECASE,
)
# A broadcaster's notice on its rush transcripts, above or below them: "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE
# IN ITS FINAL FORM …", "NPR transcripts are created on a rush deadline by an NPR contractor. …".
TRANSCRIPT_NOTICE = re.compile(
    r"\b(?:rush (?:transcript|deadline)|may not be in (?:its|their) final form"
    r"|authoritative record of .{1,60} is the (?:audio|video) record)\b",
    re.IGNORECASE,
)
# A header key alone on its line, its value on the lines below up to a blank line: the debate commission's
# "PARTICIPANTS:" and "MODERATOR:" over the names, Otter's "SPEAKERS" over "Lena Ortiz, Paul Achebe".
_KEY_ALONE = re.compile(r"^([A-Za-z][A-Za-z ]{1,20}?)\s*:?$")
MAX_HEADER_BLOCK_LINES = 6


def _header_block(raw: list[str], index: int) -> tuple[str, range] | None:
    """The header line ("MODERATORS: Jane Kent (WKRN) and Luis Ramos") that a key alone on line `index` makes
    with the lines below it, and the lines it takes; None when the line is not such a key."""
    key = _KEY_ALONE.match(raw[index].strip())
    if not key or key.group(1).strip().casefold() not in HEADER_KEYS:
        return None
    end = index + 1
    while end < len(raw) and raw[end].strip() and end - index <= MAX_HEADER_BLOCK_LINES:
        end += 1
    if end == index + 1 or end - index > MAX_HEADER_BLOCK_LINES:
        return None
    value = " ".join(" ".join(line.split()) for line in raw[index + 1 : end])
    return f"{key.group(1).strip()}: {value}", range(index, end)


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)|(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def _date_in(text: str) -> date | None:
    """A date written out ("26 September 2016", "Sept. 26, 2016") or as 2016-09-26 / 20160926."""
    found = find_date(text)
    if found:
        return found
    match = _ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(part) for part in (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def venue_of(text: str, *, default: str = OTHER_VENUE) -> str:
    """The occasion a title or a "Venue:" line names (``Article.Venue``'s values), else `default`."""
    for venue, pattern in VENUE_WORDS:
        if re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE):
            return venue
    if text.strip().casefold() == OTHER_VENUE:
        return OTHER_VENUE
    return default


def _read_plain_text(text: str, *, name: str, as_transcript: bool, headline: str = "") -> Transcript | None:
    raw = text.lstrip("\ufeff").split("\n")
    lines = [_classify(line) for line in raw]
    _spaced_questions(lines)
    # A name alone on its line without a colon ("SECOND PRESIDENTIAL DEBATE" looks like one) names a
    # speaker only when it comes back: a speaker speaks more than once.
    alone = Counter(line.label for line in lines if line.kind == "label" and not line.colon)
    for line in lines:
        if line.kind == "label" and not line.colon and alone[line.label] < 2:
            line.kind, line.text, line.label = "text", line.label, ""
    # The desk's own copy of a transcript has no title line: its first line is a turn.
    opening = None if as_transcript else next((index for index, line in enumerate(lines) if line.kind != "blank"), None)
    # A header's line ("Date: 12 May") is never the title.
    if opening is not None and _is_title(lines, opening, raw[opening]) and not _header_line(raw[opening].strip(), {}):
        lines[opening] = _Line("text", "", raw[opening].strip())
    # The header: the lines above the first turn, and "MODERATOR: Lester Holt" lines, which look like turns.
    header: dict = {}
    head: list[str] = []
    first = None
    for index, line in enumerate(lines):
        if (block := _header_block(raw, index)) and _header_line(block[0], header):
            for below in block[1]:
                lines[below] = _Line("blank")
            continue
        if line.kind in {"turn", "label", "timed"} and not _header_line(
            _LEADING_TIME.sub("", raw[index].strip()), header
        ):
            first = index
            break
        # "Source: https://…" is not a turn (no speaker is called Source) but is still a header line.
        if line.kind in {"text", "timed"} and not _header_line(_LEADING_TIME.sub("", raw[index].strip()), header):
            head.append(" ".join(raw[index].split()))
    if first is None:
        return None
    if headline:
        # The writer's introduction: kept, in the turn of no speaker that the body then opens with.
        return _turns_read(
            lines[:first],
            lines[first:],
            header,
            title=headline,
            name=name,
            as_transcript=as_transcript,
            share=MIN_PAGE_TURN_SHARE,
        )
    # A transcript pasted from a news page has the page's menus and labels above its headline, and the writer's
    # introduction below it: the headline is the first line shaped like one that is not the page's clutter.
    removed = []
    for line in head:
        if "date" not in header and (found := _date_in(line)):
            header["date"] = found
        if _AIRED.match(line):
            header["aired"] = True
        if rule := line_rule(line):
            removed.append({"rule": rule, "text": line})
    kept = [line for line in head if not line_rule(line)]
    title = header.get("title", "") or next((line for line in kept if is_headline(line)), kept[0] if kept else "")
    introduction = [_Line("text", "", line) for line in kept if is_prose(line) and line != title]
    removed += [{"rule": "transcript_header", "text": line} for line in kept if line != title and not is_prose(line)]
    return _turns_read(
        introduction, lines[first:], header, title=title, name=name, as_transcript=as_transcript, removed=removed
    )


def _turns_read(
    introduction: list,
    body: list,
    header: dict,
    *,
    title: str,
    name: str,
    as_transcript: bool,
    removed=(),
    share: float = MIN_TURN_SHARE,
) -> Transcript | None:
    """The transcript whose turns are `body`'s lines, after the `introduction`'s prose; None when too few of
    them are speakers' turns for it to be one."""
    body = [line for line in introduction if line.kind == "text"] + body
    starts = sum(1 for line in body if line.kind in {"turn", "label"})
    timed = sum(1 for line in body if line.kind == "timed")
    prose = sum(1 for line in body if line.kind == "text")
    labels = Counter(line.label for line in body if line.kind in {"turn", "label"})
    # A broadcaster names someone in full the first time and by surname after ("NORA BLAKE, CNN ANCHOR", then
    # "BLAKE"): one speaker, speaking again.
    people = Counter(_surname_of(label) for label in labels.elements())
    # An interview asks its questions in turns of their own ("Q: What is your first priority?"): its answers may
    # run on over paragraphs, so it is a transcript at the plain text's share.
    questions = sum(1 for line in body if line.kind == "turn" and line.text.rstrip().endswith("?"))
    share = MIN_TURN_SHARE if questions >= MIN_QUESTIONS else share
    is_turns = (
        starts >= MIN_TURNS
        and starts >= share * (starts + timed + prose)
        # Speakers speak again; an article's labelled list items ("The Troop Cap: …") each appear once.
        and max(people.values()) >= 2
        and len(people) <= MAX_LABEL_SHARE * starts
    )
    is_timed = timed >= MIN_TURNS and timed >= 0.5 * (timed + prose)
    if not (is_turns or is_timed or as_transcript):
        return None
    if labels["Q"] >= MIN_QUESTIONS and "venue" not in header and not venue_of(title, default=""):
        # Questions asked as "Q:" under a headline that names no occasion: an interview. A press briefing's reporters
        # ask as "Q" too.
        header = {**header, "venue": "interview"}
    turns: list[Turn] = []
    stage: list[str] = []
    removed = list(removed)
    current: Turn | None = None
    # The time on a label line above what was said ("Maria Delgado (00:16):", "Lena Ortiz  0:04"): the time of
    # the text below it.
    label_at: int | None = None
    for line in body:
        if line.kind == "blank":
            continue
        if line.kind == "text" and STAGE_LINE.match(line.text):
            stage.append(line.text)
            continue
        if line.kind == "text" and SERVICE_CREDIT.match(line.text):
            removed.append({"rule": "transcript_credit", "text": line.text})
            continue
        if line.kind == "text" and TRANSCRIPT_NOTICE.search(line.text):
            removed.append({"rule": "transcript_notice", "text": line.text})
            continue
        if line.kind == "text" and (rule := line_rule(line.text)):
            # The page around a pasted interview ("Advertisement", "Comments (241)", "© 2026 …"): no one said it.
            removed.append({"rule": rule, "text": line.text})
            continue
        if line.kind in {"turn", "label"}:
            if current is None or current.label != line.label:  # a speaker's lines in a row are one turn
                current = Turn(line.label)
                turns.append(current)
        elif current is None or (line.kind == "timed" and not labels):
            current = Turn("")  # no labels: each timed line is a passage of its own
            turns.append(current)
        if line.kind == "label":
            label_at = line.at
            continue
        at = label_at if line.at is None and line.kind == "text" else line.at
        label_at = None
        _add_with_marks(current, without_stage_directions(line.text, stage), at)
    turns = [turn for turn in turns if turn.passages]
    if not turns:
        return None
    return _transcript(PLAIN_TEXT, turns, header, title=title, name=name, stage=stage, removed=removed)


def _surname_of(label: str) -> str:
    """The last word of the name a label gives, to tell one speaker's labels ("SEN. RAY CASTILLO (R-TX)",
    "CASTILLO") from another's."""
    name = re.sub(r"\([^()]*\)", " ", label).partition(",")[0].split()
    return name[-1].casefold() if name else label.casefold()


def _add_with_marks(turn: Turn, text: str, at: int | None) -> None:
    """Add a line of a turn, dating each piece of it by the time marks inside it ("… [00:42:20] …")."""
    position = 0
    for mark in TIME_MARK.finditer(text):
        turn.add(text[position : mark.start()], at)
        at, position = seconds(mark.group(1)), mark.end()
    turn.add(text[position:], at)


def _title_from_name(name: str) -> str:
    """A file's name as a title: "second-presidential-debate_2020-10-22.vtt" is "Second presidential debate"."""
    stem = PurePosixPath(name).stem if name else ""
    stem = " ".join(re.sub(r"[_\-.]+", " ", _ISO_DATE.sub(" ", stem)).split())
    if not re.search(r"[A-Za-z]{3}", stem):
        return ""
    return stem[:1].upper() + stem[1:]


def _transcript(
    kind: str, turns: list[Turn], header: dict, *, title: str, name: str, stage: list[str], removed: list[dict] = ()
) -> Transcript:
    title = " ".join(title.split()) or _title_from_name(name) or "Transcript"
    published_on = header.get("date") or _date_in(title) or _date_in(PurePosixPath(name).name if name else "")
    return Transcript(
        format=kind,
        turns=tuple(turns),
        title=title,
        published_on=published_on,
        venue=header.get("venue") or venue_of(title, default="broadcast" if header.get("aired") else OTHER_VENUE),
        outlet=header.get("outlet", ""),
        url=header.get("url", ""),
        moderators=tuple(header.get("moderators", ())),
        participants=tuple(header.get("participants", ())),
        removed=(*removed, *({"rule": "stage_direction", "text": text} for text in dict.fromkeys(stage))),
    )


def label_line(label: str, text: str, at: int | None) -> str:
    """One turn as the desk keeps a transcript's text: "[00:42:13] BIDEN: …" (see ``transcript_body``)."""
    time = f"[{timestamp(at)}] " if at is not None else ""
    return f"{time}{label}: {text}" if label else f"{time}{text}"


def transcript_body(turns: list[Turn] | tuple[Turn, ...]) -> str:
    """The transcript as the desk stores it: one turn a line, "[00:42:13] BIDEN: …", with a time mark
    before each later passage whose time differs, so that reading it back (``read_transcript(…,
    as_transcript=True)``) gives the same turns, sentences and times."""
    lines = []
    for turn in turns:
        pieces, last = [], turn.at
        for text, at in turn.passages:
            if at is not None and at != last and pieces:
                pieces.append(f"[{timestamp(at)}]")
            pieces.append(text)
            last = at if at is not None else last
        body = " ".join(pieces)
        label = turn.label or ""
        if label and not is_label(label):
            label = ""
        lines.append(label_line(label, body, turn.at))
    return "\n".join(lines)
