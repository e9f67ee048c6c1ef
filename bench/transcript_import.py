"""Import benchmark for transcripts: a 90-minute debate (about 1,500 sentences, three speakers).

    python bench/transcript_import.py [--format text|vtt|srt] [--debates 5] [FILE]

Without FILE it writes synthetic debates: a moderator and two candidates taking turns for 90 minutes,
sentences made from templates with varied figures, places and years (claims, opinions, filler and
cross-talk, the moderator's questions), laid out in the chosen format. Captions are cut into cues of
at most 42 characters, as broadcasters cut them, so sentences run across cues. Each debate is
distinct, so none is skipped as already imported. Each is imported into a fresh SQLite database with
`import_paths` (what `manage.py import_seeds` runs), one after another; the script reports the time
of each, the peak RSS after the first and after the last (memory is flat when the two are close),
and what was saved. Runs with DEBUG off, as imports do in production.
"""

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINUTES = 90
SENTENCES = 1560  # written; the desk reads about 1,500 (it joins "Wait a minute --" to what follows)
CUE_CHARS = 42

PLACES = ["Ohio", "Michigan", "Arizona", "Nevada", "Georgia", "Wisconsin", "Texas", "Florida", "Maine", "Oregon"]
TOPICS = ["health care", "housing", "the border", "energy prices", "schools", "crime", "trade", "taxes", "jobs"]
CANDIDATE_LINES = [
    "Unemployment in {place} fell to {pct} percent last year, the lowest since {year}.",
    "We created {n},000 jobs in {place} in my first term.",
    "My opponent voted to cut {topic} spending by {pct} percent in {year}.",
    "The average family in {place} now pays ${n} more a month for {topic} than in {year}.",
    "Crime in our cities rose {pct} percent under his plan.",
    "I believe that {topic} is the most important issue facing this country.",
    "Frankly, I think the people of {place} deserve better than this.",
    "That is simply not what happened.",
    "Look, we all want the same thing for our children.",
    "Let me tell you what I will do about {topic}.",
    "We will bring {topic} costs down for every family in America.",
    "The deficit doubled to ${n} billion while he was in charge.",
    "More than {n} million people lost their coverage after {year}.",
    "Since {year}, exports from {place} have grown by {pct} percent.",
    "He has never once stood up for the workers of {place}.",
    "I was there, and I know what it took.",
    "Thank you.",
    "Let me finish.",
    "That's not true.",
    "Wait a minute --",
]
MODERATOR_LINES = [
    "Governor {other}, your response?",
    "Senator {other}, what would you do about {topic}?",
    "We have to move on.",
    "Thank you, Senator.",
    "The next question is on {topic}, and it goes to Governor {other}.",
    "Your time is up.",
    "Governor {other}, two minutes.",
]


def sentence(template: str, rng: random.Random, other: str) -> str:
    return template.format(
        place=rng.choice(PLACES),
        pct=rng.randint(2, 40),
        year=rng.randint(1995, 2023),
        n=rng.randint(2, 900),
        topic=rng.choice(TOPICS),
        other=other,
    )


def debate_turns(serial: int) -> list[tuple[str, list[str]]]:
    """(label, sentences) for a debate of about SENTENCES sentences, moderator first."""
    rng = random.Random(serial)
    candidates = [("WHITFIELD", "Okafor"), ("OKAFOR", "Whitfield")]
    turns = [("RAMAN", [f"Good evening and welcome to debate number {serial} in Harbour City."])]
    count = 1
    while count < SENTENCES:
        label, other = candidates[len(turns) // 2 % 2]
        said = [sentence(rng.choice(CANDIDATE_LINES), rng, other) for _ in range(rng.randint(4, 14))]
        question = [sentence(rng.choice(MODERATOR_LINES), rng, other.upper().title())]
        turns += [(label, said), ("RAMAN", question)]
        count += len(said) + 1
    return turns


def timed(turns) -> list[tuple[str, str, float]]:
    """Each sentence with its speaker and start time, spread evenly over the debate."""
    flat = [(label, text) for label, said in turns for text in said]
    step = MINUTES * 60 / len(flat)
    return [(label, text, index * step) for index, (label, text) in enumerate(flat)]


def clock(seconds: float, mark: str) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02}:{whole % 3600 // 60:02}:{whole % 60:02}{mark}{int(seconds % 1 * 1000):03}"


def cues(turns) -> list[tuple[str, str, float, float]]:
    """Caption cues of at most CUE_CHARS characters: (label, text, start, end); sentences run across cues."""
    found = []
    for label, text, start in timed(turns):
        words, line = text.split(), ""
        pieces = []
        for word in words:
            if line and len(line) + 1 + len(word) > CUE_CHARS:
                pieces.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        pieces.append(line)
        length = MINUTES * 60 / SENTENCES / len(pieces)
        found += [(label, piece, start + i * length, start + (i + 1) * length) for i, piece in enumerate(pieces)]
    return found


def write(turns, folder: Path, serial: int, kind: str) -> Path:
    title = f"Harbour City mayoral debate no. {serial}"
    if kind == "text":
        lines = [title, "Date: 4 November 2026", "Broadcaster: Harbour TV", "MODERATOR: Priya Raman", ""]
        lines += [f"{label}: {' '.join(said)}" for label, said in turns]
        path = folder / f"debate-{serial:03}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    names = {"RAMAN": "Priya Raman", "WHITFIELD": "Dana Whitfield", "OKAFOR": "Amara Okafor"}
    blocks = []
    for number, (label, text, start, end) in enumerate(cues(turns), start=1):
        if kind == "vtt":
            blocks.append(f"{clock(start, '.')} --> {clock(end, '.')}\n<v {names[label]}>{text}")
        else:
            blocks.append(f"{number}\n{clock(start, ',')} --> {clock(end, ',')}\n{label}: {text}")
    path = folder / f"debate-{serial:03}.{kind}"
    header = f"WEBVTT - {title}\n\n" if kind == "vtt" else ""
    path.write_text(header + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str, debates: int, given: Path | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="transcript-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from factcheck.extraction import extract_text
    from factcheck.importer import import_paths
    from factcheck.models import Article, Claim

    settings.DEBUG = False  # no query log: it, not the importer, would be the memory measured
    call_command("migrate", verbosity=0)
    extract_text("Warm-up\n\nA: The model and gazetteer load once per process.\nB: Yes.\nA: Good.\n")
    paths = [given] if given else []
    for serial in range(len(paths), debates):
        folder = workdir / f"debate-{serial}"
        folder.mkdir()
        paths.append(write(debate_turns(serial), folder, serial, kind))
    samples = []
    for path in paths:
        started = time.perf_counter()
        summary = import_paths(paths=[path], jobs=1)
        elapsed = time.perf_counter() - started
        article = Article.objects.latest("pk")
        sentences = len(article.sentences())
        samples.append(peak_rss_mb())
        print(
            f"{path.name}: {elapsed:.2f} s, {sentences} sentences, "
            f"{article.speakers.count()} speakers, {article.claims.count()} claims "
            f"({article.claims.filter(claimant__isnull=False).count()} credited); peak RSS {samples[-1]:.0f} MB; "
            f"{summary}"
        )
    print(
        f"{len(paths)} transcripts: peak RSS {samples[0]:.0f} MB after the first, {samples[-1]:.0f} MB after "
        f"the last; {Claim.objects.count()} claims in all"
    )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    options = {"format": "text", "debates": "5"}
    for name in options:
        if f"--{name}" in arguments:
            at = arguments.index(f"--{name}")
            options[name] = arguments[at + 1]
            del arguments[at : at + 2]
    main(options["format"], int(options["debates"]), Path(arguments[0]) if arguments else None)
