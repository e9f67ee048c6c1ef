"""How long check-worthiness scoring takes for a 1,000-sentence text, on one core, as the importer calls it.

    taskset -c 0 python -m bench.checkworthiness_speed [--spoken]

The text: 1,000 distinct sentences, written (the desk's article fixtures and news sentences, then
ClaimBuster's) or, with ``--spoken``, said (ClaimBuster's debate sentences). Prints the time to load
the models (the wording model and the transformer), the time to score the text with nothing cached,
and how many sentences the transformer read.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import checkworthiness  # noqa: E402
from factcheck.extraction import scoring, transformer  # noqa: E402
from factcheck.extraction.sentences import split_sentences  # noqa: E402

SENTENCES = 1000


def text(*, spoken: bool) -> tuple[list[str], list[str]]:
    """1,000 distinct (sentence, context) pairs: written, the article fixtures' sentences with their
    paragraphs, then the desk's news sentences (and ClaimBuster's to make up the number); spoken,
    ClaimBuster's debate sentences, each with the one before it in the file as its context."""
    pairs: dict[str, str] = {}
    if spoken:
        previous = ""
        for example in checkworthiness.read_claimbuster():
            pairs.setdefault(example.text, f"{previous} {example.text}".strip())
            previous = example.text
    else:
        for path in sorted((ROOT / "tests" / "fixtures").glob("*articles*/*.txt")):
            for paragraph in path.read_text(encoding="utf-8").split("\n\n")[1:]:
                for sentence in split_sentences(paragraph):
                    pairs.setdefault(sentence, paragraph)
        for example in checkworthiness.read_news() + checkworthiness.read_claimbuster():
            pairs.setdefault(example.text, example.context or example.text)
    chosen = list(pairs.items())[:SENTENCES]
    return [sentence for sentence, _ in chosen], [context for _, context in chosen]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spoken", action="store_true", help="Score the text as speech.")
    spoken = parser.parse_args().spoken
    sentences, contexts = text(spoken=spoken)
    started, cpu = time.perf_counter(), time.process_time()
    model = scoring.model()
    reader = transformer.transformer(model.stack.path) if model.stack else None
    loaded, loaded_cpu = time.perf_counter() - started, time.process_time() - cpu
    read = sum(
        1
        for s, c in zip(sentences, contexts, strict=True)
        if model.stack and model.stack.consulted(model.wording.logit(s, c), spoken=spoken)
    )
    started, cpu = time.perf_counter(), time.process_time()
    scoring.score_sentences(sentences, contexts, spoken=spoken)
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    cores = len(os.sched_getaffinity(0))
    print(
        f"Models loaded in {loaded:.2f} s ({loaded_cpu:.2f} s CPU); {len(sentences)} sentences scored in "
        f"{elapsed:.2f} s ({used:.2f} s CPU) on {cores} core(s); the transformer read {read} of them"
        + ("" if reader else " (no transformer in the model file)")
    )


if __name__ == "__main__":
    main()
