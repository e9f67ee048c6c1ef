"""Per-format correctness of transcript import, on the transcripts written for the project.

    python bench/transcript_formats.py [FOLDER]

FOLDER (default tests/fixtures/transcripts) holds transcripts and `gold.json`: for each file, every
sentence with who said it (a surname, or "q"), their role and, where the format gives times, when
(hh:mm:ss). The same debate is there as plain text with `NAME:` turns, WebVTT and SubRip (its cues
cut mid-sentence), with a Q:/A: interview and a hearing whose speakers are named above their turns.
Each file is imported into a fresh SQLite database with `import_paths`; for each the script reports

- credited: sentences of a speaker's turn whose desk speaker is that person (surname in the actor's name);
- moderators: sentences of a moderator's turn that the desk reads as a moderator's;
- moderator claims: claims made of a moderator's sentence (should be 0);
- timed: sentences whose time the desk has to the second, of those the format dates.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import scratch_desk  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "transcripts"


def measure(article, want: dict) -> dict[str, tuple[int, int]]:
    """{figure: (right, of)} for one imported transcript against its gold (see the module's docstring)."""
    from factcheck.extraction.transcripts import timestamp

    speakers = {speaker.label: speaker for speaker in article.speakers.select_related("actor")}
    found = list(article.sentences())
    claims = set(article.claims.values_list("text", flat=True))
    figures = {"credited": [0, 0], "moderators": [0, 0], "moderator claims": [0, 0], "timed": [0, 0]}
    cursor = 0
    for line in want["sentences"]:
        # In order: "Thank you, Priya." is said by more than one speaker.
        at = next((at for at in range(cursor, len(found)) if found[at].text == line["text"]), None)
        match = None if at is None else found[at]
        cursor = cursor if at is None else at + 1
        speaker = speakers.get(match.speaker) if match else None
        if line["role"] == "moderator":
            figures["moderators"][1] += 1
            figures["moderators"][0] += bool(speaker and speaker.role == "moderator")
            figures["moderator claims"][1] += 1
            figures["moderator claims"][0] += line["text"] in claims
        else:
            names = [speaker.actor.name, *speaker.actor.aliases] if speaker and speaker.actor else []
            figures["credited"][1] += 1
            figures["credited"][0] += any(line["speaker"] in name.casefold().split() for name in names)
        if line["at"]:
            figures["timed"][1] += 1
            figures["timed"][0] += bool(match and match.said_at is not None and timestamp(match.said_at) == line["at"])
    return {name: tuple(value) for name, value in figures.items()}


def main(folder: Path) -> None:
    scratch_desk("transcript-formats-")
    from factcheck.importer import import_paths
    from factcheck.models import Article

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    import_paths(paths=[folder / name for name in gold])
    totals: dict[str, list[int]] = {}
    for name, want in gold.items():
        article = Article.objects.get(source_file__endswith=name)
        figures = measure(article, want)
        shown = ", ".join(f"{figure} {right}/{of}" for figure, (right, of) in figures.items())
        print(f"{name} ({article.get_kind_display().lower()}, {article.get_venue_display().lower()}): {shown}")
        for figure, (right, of) in figures.items():
            totals.setdefault(figure, [0, 0])
            totals[figure][0] += right
            totals[figure][1] += of
    print("all: " + ", ".join(f"{figure} {right}/{of}" for figure, (right, of) in totals.items()))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES)
