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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import evaluator_option, scratch_desk  # noqa: E402

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
    workdir = scratch_desk("transcript-layouts-")
    from factcheck.importer import import_paths

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
    evaluator, arguments = evaluator_option(sys.argv[1:], DEFAULT_EVALUATOR)
    main(Path(arguments[0]) if arguments else FIXTURES, evaluator)
