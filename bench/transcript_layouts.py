"""The judging script's figures, layout by layout, on transcripts written as real publishers lay them out.

    python bench/transcript_layouts.py [FOLDER] [--evaluator PATH]

FOLDER (default tests/fixtures/transcripts_more) holds transcripts and a `gold.json` in the judging
script's format (each sentence's speaker, whether it is check-worthy, who moderates): a Rev and an
Otter export, a network's rush transcript, two newspaper interviews, a debate commission's transcript,
a Hansard record, podcast captions with voices, roll-up auto-captions and a press briefing. The folder
is imported into a fresh SQLite database with `import_paths` (what `manage.py import_seeds` runs);
then the judging script (`evaluate_transcripts.py`, `--evaluator`) runs on each file alone, and on
all of them, printing claimant accuracy, claims made of a moderator's line and recall.
"""

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "transcripts_more"
DEFAULT_EVALUATOR = ROOT.parent / "shared" / "tools" / "evaluate_transcripts.py"


def judge(evaluator: Path, gold_path: Path) -> str:
    """The judging script's last line (its figures) on the transcripts in `gold_path`."""
    os.environ["GOLD"] = str(gold_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(evaluator.read_text(encoding="utf-8"), str(evaluator), "exec"), {"__name__": "__main__"})
    return printed.getvalue().strip().splitlines()[-1]


def main(folder: Path, evaluator: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="transcript-layouts-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from factcheck.importer import import_paths

    call_command("migrate", verbosity=0)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    import_paths(paths=[folder / name for name in gold], jobs=1)
    if not evaluator.exists():
        print(f"(no judging script at {evaluator})")
        return
    for name, want in gold.items():
        one = workdir / "one.json"
        one.write_text(json.dumps({name: want}), encoding="utf-8")
        print(f"{name}: {judge(evaluator, one)}")
    print(f"all: {judge(evaluator, folder / 'gold.json')}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    evaluator = DEFAULT_EVALUATOR
    if "--evaluator" in arguments:
        at = arguments.index("--evaluator")
        evaluator = Path(arguments[at + 1])
        del arguments[at : at + 2]
    main(Path(arguments[0]) if arguments else FIXTURES, evaluator)
