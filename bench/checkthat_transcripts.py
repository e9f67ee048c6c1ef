"""CLEF CheckThat! 2019 task 1 training transcripts through the plain-text import, every line credited?

    python bench/checkthat_transcripts.py [CSV] [--evaluator PATH]

CSV is the lab's training file (`line_number,speaker,text,label,file_name`; by default
../shared/data/checkworthiness/checkthat2019_task1_train.csv). It is research data and stays out of
the project: this script writes each debate or speech, as the lab gives it, to a scratch folder as a
plain-text transcript (one `SPEAKER: text` line per sentence, nothing else), imports the folder into a
fresh SQLite database with `import_paths` (what `manage.py import_seeds` runs), and measures:

- credited: of the lines said by a named speaker (not SYSTEM, QUESTION, AUDIENCE …), the share whose
  sentences the desk credits to that speaker (their label's surname in the actor's name or aliases);
- then the project's judging script (`evaluate_transcripts.py`, `--evaluator`) on the same
  database: claimant accuracy, claims made of a moderator's line (should be 0) and recall of the
  lab's check-worthy lines. The lab's file does not say who moderates: the judging script is told
  below (`MODERATORS`, as anyone reading the transcripts can tell), the importer is not.
"""

import csv
import json
import os
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import evaluator_option, scratch_desk  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "checkworthiness" / "checkthat2019_task1_train.csv"
DEFAULT_EVALUATOR = ROOT.parent / "shared" / "tools" / "evaluate_transcripts.py"
# Who moderates or hosts each of the lab's transcripts, as anyone reading them can tell. Only the
# measurement reads this: the importer finds moderators by itself.
MODERATORS = {
    "20160209_msnbc_dem.tsv": ["TODD", "MADDOW"],
    "20160226_10_gop.tsv": ["BLITZER", "CELESTE", "HEWITT", "BASH"],
    "20160414_9dem.tsv": ["BLITZER", "BASH", "LOUIS"],
    "20160926_1pres.tsv": ["HOLT"],
    "20161005_vice_pres.tsv": ["QUIJANO"],
    "20161010_2pres.tsv": ["COOPER", "RADDATZ"],
    "20161019_3pres.tsv": ["WALLACE"],
    "20182601_trump_world.tsv": ["MR. SCHWAB"],
}
LOOK_AHEAD = 40
NOBODY = {"system", "sysytem", "question", "audience", "audience member", "audience members", "unidentified male"}


def fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text or "").lower()).strip()


def write_transcripts(csv_path: Path, folder: Path) -> dict:
    """One plain-text transcript per file of the lab's, and the gold the judging script reads."""
    by_file = defaultdict(list)
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_file[row["file_name"]].append(row)
    gold = {}
    for name, rows in by_file.items():
        rows.sort(key=lambda row: int(row["line_number"]))
        stem = Path(name).stem
        lines = [f"{row['speaker'].strip()}: {' '.join(row['text'].split())}" for row in rows]
        (folder / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold[f"{stem}.txt"] = {
            "moderators": MODERATORS.get(name, []),
            "lines": [{"speaker": row["speaker"], "text": row["text"], "label": int(row["label"])} for row in rows],
        }
    return gold


def credited(gold: dict) -> tuple[int, int]:
    """(lines by a named speaker other than a moderator, of them credited to that speaker)."""
    from factcheck.models import Article

    lines_total = lines_ok = 0
    for name, want in gold.items():
        article = Article.objects.filter(source_file__endswith=name).first()
        if article is None:
            continue
        speakers = {speaker.label: speaker for speaker in article.speakers.select_related("actor")}
        sentences = [(fold(found.text), found) for found in article.sentences()]
        moderators = {moderator.split()[-1].lower() for moderator in want["moderators"]}
        cursor = 0
        for line in want["lines"]:
            said = fold(line["text"])
            surname = line["speaker"].split()[-1].lower() if line["speaker"].split() else ""
            if len(said) <= 12 or line["speaker"].strip().lower() in NOBODY or " " in line["speaker"].strip()[40:]:
                continue
            if surname in moderators:
                continue
            lines_total += 1
            # The desk's sentence holding this line (or held in it), searched a little way on from the last one
            # found (a short line such as "We will." could be held in a sentence much later).
            for at in range(cursor, min(cursor + LOOK_AHEAD, len(sentences))):
                text, found = sentences[at]
                if (len(text) > 12 and (said in text or text in said)) or said == text:
                    cursor = at
                    speaker = speakers.get(found.speaker)
                    names = [speaker.actor.name, *speaker.actor.aliases] if speaker and speaker.actor else []
                    lines_ok += any(surname.replace("'", "") in fold(name).replace(" ", "") for name in names)
                    break
    return lines_total, lines_ok


def main(csv_path: Path, evaluator: Path) -> None:
    workdir = scratch_desk("checkthat-")
    from factcheck.importer import import_paths
    from factcheck.models import Article, Claim

    folder = workdir / "transcripts"
    folder.mkdir()
    gold = write_transcripts(csv_path, folder)
    gold_path = workdir / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    started = time.perf_counter()
    summary = import_paths(paths=[folder], jobs=1)
    elapsed = time.perf_counter() - started
    transcripts = Article.objects.filter(kind=Article.Kind.TRANSCRIPT).count()
    print(f"{len(gold)} files in {elapsed:.1f} s: {summary}; {transcripts} read as transcripts")
    print(f"claims: {Claim.objects.count()}, with a claimant: {Claim.objects.filter(claimant__isnull=False).count()}")
    total, ok = credited(gold)
    print(f"credited: {ok} of {total} lines by a named speaker ({ok / total:.3f})")
    if evaluator.exists():
        os.environ["GOLD"] = str(gold_path)
        exec(compile(evaluator.read_text(encoding="utf-8"), str(evaluator), "exec"), {"__name__": "__main__"})
    else:
        print(f"(no judging script at {evaluator})")


if __name__ == "__main__":
    evaluator, arguments = evaluator_option(sys.argv[1:], DEFAULT_EVALUATOR)
    main(Path(arguments[0]) if arguments else DEFAULT_CSV, evaluator)
