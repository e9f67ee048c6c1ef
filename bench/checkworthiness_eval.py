"""Measure the desk's check-worthiness model on labelled data it was not trained on.

    python bench/checkworthiness_eval.py PATH [PATH ...]

Each PATH is a ClaimBuster-style JSON list (``text``, ``label``) or a CheckThat!-style CSV (``text``,
``label`` columns). Prints precision, recall and F1 of the check-worthy class at the desk's threshold
(the one the importer uses), through ``factcheck.extraction.score_sentences``. The data is read, never
copied: CheckThat! data may be used for measurement but not committed.
"""

import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.extraction import score_sentences, threshold  # noqa: E402


def read(path: Path) -> tuple[list[str], list[int]]:
    if path.suffix == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [int(row["label"]) for row in rows]


def main(paths: list[str]) -> None:
    cut = threshold()
    for name in paths:
        texts, labels = read(Path(name))
        started, cpu = time.perf_counter(), time.process_time()
        scores = score_sentences(texts)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        picked = [label for score, label in zip(scores, labels, strict=True) if score >= cut]
        precision = sum(picked) / len(picked) if picked else 0.0
        recall = sum(picked) / sum(labels) if sum(labels) else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{name}: {len(texts)} sentences ({sum(labels)} check-worthy); at the desk threshold {cut:.3f}: "
            f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}; scored in {elapsed:.1f} s ({cpu:.1f} s CPU)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
