"""Train the check-worthiness model that ``factcheck.extraction.scoring`` uses.

    python manage.py train_checkworthiness [--with-desk-decisions] [--cv]    (or: make train)

What it learns from (all committed, so a fresh clone trains the same model):

- ``factcheck/data/checkworthiness/claimbuster_train.json``: the two-class training split of the
  ClaimBuster dataset, 7,976 U.S. presidential debate sentences labelled by human coders (Arslan,
  Hassan, Li, Tremayne, "A Benchmark Dataset of Check-worthy Factual Claims", ICWSM 2020,
  doi 10.5281/zenodo.3609356; as distributed in utaresearch/claimbuster-spotter,
  ``data/two_class/train.json``).
- ``factcheck/data/checkworthiness/news_sentences.tsv``: news and blog sentences written and
  labelled for this desk.
- With ``--with-desk-decisions``, the desk's own labels (``desk_examples()``): claims an editor
  dismissed as not check-worthy are negatives; claims a fact-checker researched, submitted or
  published, and claims an editor added by hand, are positives.

How: a fixed fifth of the examples is held out (chosen by a hash of each sentence and ``SEED``,
so it stays the same when examples are added). A logistic regression (the wording model) on word
n-grams, character n-grams and the desk's features (``scoring.desk_features``) is fitted to the
rest (news and desk sentences weigh ``DOMAIN_WEIGHT`` times a debate sentence).

With ``meaning=True`` (``--with-meaning``; off by default, see BENCHMARKS.md: it raises ClaimBuster
F1 by about 0.02–0.03 but lowers recall on the desk's article fixtures and costs import time), a
second one is fitted with the sentence's embedding too (``factcheck.embeddings``, 384 dimensions,
times ``MEANING_SCALE``); it re-scores the sentences whose wording score lies in ``MEANING_BAND``
(the cascade of ``scoring.Model.logits``: embedding costs ~10 ms a sentence, so only the uncertain
ones are embedded). Embedding every training sentence takes about 2 minutes of CPU.

Figures are measured as the importer scores (with the cascade when there is one); the threshold is the score with the
best F1 for the check-worthy class on the held-out part (the lowest within ``F1_TOLERANCE`` of the
best, see ``measure``), and precision, recall and F1 there are printed and stored in the model
file with it. The committed model is the one fitted without its held-out part, so those figures are honest.

With desk decisions, the current model and the new one are measured on the same held-out examples
(the public held-out part and a held-out fifth of the desk's), and the new model replaces the
current one only when its F1 is at least as good (within ``F1_TOLERANCE``).

With ``stacked`` (``--with-transformer``, and whenever the current model file has a stack), the
fine-tuned transformer (``training/checkworthiness_transformer.py``, run by ``make train`` in its
own environment; this module never fine-tunes it) is added for the spoken sentences whose wording
score lies in ``STACK_BAND``: ``fit_stack`` sets its weight and intercept on development data
neither model learned from (ClaimBuster's held-out fifth and CheckThat! 2024 dev, ``../shared/data``).
Articles are scored by the wording model alone (``fit_stack`` says why).
With the desk's decisions, the wording model and the stack are refitted and the transformer stays
as it is; the before/after comparison and the keep-the-old-when-worse rule are the same.

The model file is JSON: vocabulary, IDF weights, coefficients (the meaning's 384 among them),
threshold, the stack's weights and figures. No pickle.
"""

import hashlib
import json
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.extraction import scoring

DATA = Path(__file__).resolve().parent / "data" / "checkworthiness"
CLAIMBUSTER_PATH = DATA / "claimbuster_train.json"
NEWS_PATH = DATA / "news_sentences.tsv"
# Research data beside the project (never committed): CheckThat! 2024 and 2019, for the transformer's
# stacking and for development figures. Training works without it (see ``fit_stack``).
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "checkworthiness"
# CheckThat! 2019 debates the transformer never trained on (as ``training/checkworthiness_transformer.py``).
CT19_HELD_OUT_FILES = ("20160926_1pres.tsv", "20170216_trump_press.tsv", "20180916_trump_miami.tsv")
# The transformer reads a sentence whose wording score lies in this band: outside it the wording
# model is sure enough (and on one core, reading every sentence would cost more than the import may).
STACK_BAND = (0.1, 0.8)
SEED = 10
HELD_OUT = 0.2
C = 4.0
F1_TOLERANCE = 0.005
# The embedding's columns are the unit vector times this (bench/checkworthiness_experiments.py, emb "concat").
MEANING_SCALE = 1.0
# Wording scores in this band are re-scored with the sentence's meaning (the cascade; chosen by
# cross-validation in bench/checkworthiness_experiments.py, cascade mode; see BENCHMARKS.md).
MEANING_BAND = (0.2, 0.6)
# News and the desk's own decisions count this many times a debate sentence: they are the text
# the desk reads, and there are far fewer of them.
DOMAIN_WEIGHT = {"claimbuster": 1.0, "news": 6.0, "desk": 6.0}

# Dismissal reasons (see the admin's dismiss form) that say the sentence was never worth checking.
NOT_CHECKWORTHY_REASONS = ("not checkable", "not worth checking", "not check-worthy", "not checkworthy")


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    source: str
    context: str = ""  # the paragraph (or, said out loud, the turns before), when known
    spoken: bool = False  # said out loud (a debate, a transcript), not written


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float
    threshold: float
    examples: int

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"at threshold {self.threshold:.3f} ({self.examples} held-out sentences)"
        )


def read_claimbuster(path: Path = CLAIMBUSTER_PATH) -> list[Example]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [Example(" ".join(row["text"].split()), int(row["label"]), "claimbuster", spoken=True) for row in rows]


def read_news(path: Path = NEWS_PATH) -> list[Example]:
    """The desk's own labelled sentences: ``label<TAB>sentence[<TAB>paragraph]`` lines under a header."""
    examples = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines()[1:], start=2):
        if not line.strip():
            continue
        label, _, rest = line.partition("\t")
        text, _, context = rest.partition("\t")
        if label not in {"0", "1"} or not text.strip():
            raise ValueError(f"{path}:{number}: expected “0 or 1<TAB>sentence[<TAB>paragraph]”, got {line!r}")
        examples.append(Example(text.strip(), int(label), "news", context.strip()))
    return examples


def public_examples() -> list[Example]:
    return read_claimbuster() + read_news()


def desk_examples() -> list[Example]:
    """What the desk's editors and fact-checkers have said about claims, as labelled sentences.

    Negatives: claims dismissed with a not-check-worthy reason (not a duplicate). Positives: claims
    that were researched, submitted, published, or added by hand (their first history row names a
    person; the importer's has none).
    """
    from django.db.models import Q

    from factcheck.models import Claim

    reason = Q()
    for prefix in NOT_CHECKWORTHY_REASONS:
        reason |= Q(dismissal_reason__istartswith=prefix)
    negatives = Claim.objects.filter(Q(status=Claim.Status.DISMISSED) & reason)
    hand_added = Claim.history.filter(history_type="+", history_user__isnull=False).values("id")
    positives = Claim.objects.filter(
        Q(status__in=[Claim.Status.RESEARCHING, Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED])
        | Q(verdicts__isnull=False)
        | Q(pk__in=hand_added)
    ).exclude(status=Claim.Status.DISMISSED)
    examples = {}
    for label, claims in ((1, positives), (0, negatives)):
        for text, speaker in claims.values_list("text", "speaker_id").distinct():
            examples[text] = Example(text, label, "desk", spoken=speaker is not None)
    return sorted(examples.values(), key=lambda example: example.text)


def held_out(example: Example, *, seed: int = SEED) -> bool:
    """Whether `example` is in the held-out fifth: decided by its text alone, so adding examples
    (new sentences, the desk's decisions) never moves another one in or out."""
    digest = hashlib.sha256(f"{seed}:{example.source}:{example.text}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT * 100


def split(examples: list[Example], *, seed: int = SEED) -> tuple[list[Example], list[Example]]:
    """(training, held out): about a fifth held out, the same sentences every run."""
    training = [example for example in examples if not held_out(example, seed=seed)]
    return training, [example for example in examples if held_out(example, seed=seed)]


def desk_matrix(examples: list[Example]):
    import numpy as np
    from scipy.sparse import csr_matrix

    names = list(scoring.DESK_FEATURES)
    rows = [scoring.desk_features(example.text, example.context) for example in examples]
    return csr_matrix(np.array([[row.get(name, 0.0) for name in names] for row in rows]))


_vectors: dict = {}


def sentence_vectors(examples: list[Example]):
    """Each example's sentence embedding (computed once per process for a sentence: about 10 ms each)."""
    import numpy as np

    from factcheck import embeddings

    missing = sorted({example.text for example in examples} - _vectors.keys())
    _vectors.update(zip(missing, embeddings.embed(missing), strict=True))
    return np.array([_vectors[example.text] for example in examples]).reshape(-1, embeddings.DIMENSIONS)


def fit_estimator(examples: list[Example], *, meaning: bool = False, seed: int = SEED):
    """(word vectorizer, character vectorizer, classifier, mean sentence vector or None) fitted to
    `examples`; with `meaning`, the sentences' embeddings are features too."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [example.text for example in examples]
    word_vectorizer = TfidfVectorizer(analyzer=scoring.word_terms, sublinear_tf=True, min_df=2)
    char_vectorizer = TfidfVectorizer(analyzer=scoring.char_grams, sublinear_tf=True, min_df=2)
    parts = [word_vectorizer.fit_transform(texts), char_vectorizer.fit_transform(texts), desk_matrix(examples)]
    vectors = sentence_vectors(examples) if meaning else None
    if meaning:
        parts.append(csr_matrix(vectors * MEANING_SCALE))
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)
    weights = [DOMAIN_WEIGHT.get(example.source, 1.0) for example in examples]
    classifier.fit(hstack(parts).tocsr(), [example.label for example in examples], sample_weight=weights)
    return word_vectorizer, char_vectorizer, classifier, vectors.mean(axis=0) if meaning else None


def fit_linear(examples: list[Example], *, meaning: bool = False, seed: int = SEED) -> dict:
    """One linear model as the JSON-ready dict ``scoring.Linear`` reads."""
    import numpy as np

    word_vectorizer, char_vectorizer, classifier, mean_vector = fit_estimator(examples, meaning=meaning, seed=seed)
    names = list(scoring.DESK_FEATURES)
    coefficients = classifier.coef_[0]
    n_words = len(word_vectorizer.vocabulary_)
    n_chars = len(char_vectorizer.vocabulary_)

    def vocabulary(vectorizer, offset):
        return [
            [term, round(float(vectorizer.idf_[index]), 5), round(float(coefficients[offset + index]), 5)]
            for term, index in sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
            if round(float(coefficients[offset + index]), 5) != 0.0
        ]

    data = {
        "intercept": round(float(classifier.intercept_[0]), 5),
        "desk": {name: round(float(coefficients[n_words + n_chars + i]), 5) for i, name in enumerate(names)},
        "words": vocabulary(word_vectorizer, 0),
        "chars": vocabulary(char_vectorizer, n_words),
    }
    if meaning:
        # The model computes vector @ weights, so the scale is folded into the weights; an average
        # training sentence's share is "average" (a sentence's meaning is shown against it).
        weights = [round(float(value) * MEANING_SCALE, 5) for value in coefficients[n_words + n_chars + len(names) :]]
        average = float(np.asarray(mean_vector, dtype=np.float32) @ np.array(weights, dtype=np.float32))
        data |= {"weights": weights, "average": round(average, 5)}
    return data


def fit(examples: list[Example], *, meaning: bool = False, seed: int = SEED) -> dict:
    """A model (as the JSON-ready dict ``scoring.Model`` reads) fitted to `examples`; threshold 0.5 until set.

    The wording model, which scores every sentence; with `meaning`, also (under ``"meaning"``) the
    model with the sentence's embedding, which re-scores the sentences in ``MEANING_BAND``.
    """
    data = {"threshold": 0.5, **fit_linear(examples, seed=seed), "figures": {}}
    if meaning:
        data["meaning"] = {"band": list(MEANING_BAND), **fit_linear(examples, meaning=True, seed=seed)}
    return data


def measure(model: scoring.Model, examples: list[Example], *, threshold: float | None = None) -> Figures:
    """Precision, recall and F1 of the check-worthy class at `threshold`, or at the desk's choice of one.

    The desk's threshold is the one with the best F1, except that F1 is flat near its best: any
    threshold within ``F1_TOLERANCE`` of the best is as good on this data, and the lowest of them is
    taken, because a claim the desk misses is lost while an extra one costs an editor a click.
    """
    scores = scores_of(model, examples)
    labels = [example.label for example in examples]
    candidates = [threshold] if threshold is not None else sorted({round(score, 4) for score in scores})
    results = []
    for candidate in candidates:
        picked = [label for score, label in zip(scores, labels, strict=True) if score >= candidate]
        true = sum(picked)
        precision = true / len(picked) if picked else 0.0
        recall = true / sum(labels) if sum(labels) else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results.append(Figures(round(precision, 4), round(recall, 4), round(f1, 4), candidate, len(examples)))
    best = max(result.f1 for result in results)
    return min((result for result in results if result.f1 >= best - F1_TOLERANCE), key=lambda r: r.threshold)


def scores_of(model: scoring.Model, examples: list[Example]) -> list[float]:
    """Each example's score as the importer gives it: written and spoken sentences each as their kind."""
    scores = [0.0] * len(examples)
    for spoken in (False, True):
        at = [i for i, example in enumerate(examples) if example.spoken == spoken]
        kind = model.scores([examples[i].text for i in at], [examples[i].context for i in at], spoken=spoken)
        for i, score in zip(at, kind, strict=True):
            scores[i] = score
    return scores


@dataclass
class Training:
    """What one training run did: the new model, its figures, and the current model's on the same data."""

    data: dict
    after: Figures
    before: Figures | None
    by_source: dict[str, Figures]
    replaced: bool = False


def train(
    public: list[Example],
    *,
    desk: Iterable[Example] = (),
    current: scoring.Model | None = None,
    meaning: bool = False,
    stacked: bool = False,
    compare: bool = True,
    seed: int = SEED,
) -> Training:
    """Fit a model to the public (and desk) examples less their held-out parts and measure it there.

    The threshold is the wording model's held-out best-F1 score. With `stacked`, the transformer's
    share is fitted too (``fit_stack``; the transformer itself stays as trained). With `current`, the
    current model is measured on the same held-out examples at its own threshold, so the two can be
    compared (unless not `compare`: then `current` only lends its stack's spoken part).
    """
    public_training, public_held_out = split(public, seed=seed)
    desk_training, desk_held_out = split(list(desk), seed=seed)
    held_out = public_held_out + desk_held_out
    data = fit(public_training + desk_training, meaning=meaning, seed=seed)
    model = scoring.Model(data)
    data["threshold"] = measure(model, held_out).threshold
    if stacked:
        spoken = spoken_development() + [e for e in desk_held_out if e.spoken]
        stack = fit_stack(data, spoken=spoken, current=current and current.stack_data)
        if stack:
            data["stack"] = stack
    model = scoring.Model(data)
    after = measure(model, held_out, threshold=data["threshold"])
    by_source = {}
    for source in sorted({example.source for example in held_out}):
        by_source[source] = measure(model, [e for e in held_out if e.source == source], threshold=after.threshold)
    data["figures"] = {
        "held_out": after.__dict__,
        **{f"held_out_{source}": figures.__dict__ for source, figures in by_source.items()},
        "trained_on": len(public_training) + len(desk_training),
        "desk_examples": len(desk_training) + len(desk_held_out),
        "seed": seed,
    }
    before = measure(current, held_out, threshold=current.threshold) if current is not None and compare else None
    return Training(data=data, after=after, before=before, by_source=by_source)


def save_model(data: dict, path: Path = scoring.MODEL_PATH) -> None:
    """Write the model file atomically (a reader never sees half a file) and forget the loaded one."""
    path = Path(path)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    temporary.replace(path)
    scoring.model.cache_clear()


def cross_validate(
    examples: list[Example], *, folds: int = 5, meaning: bool = False, seed: int = SEED
) -> list[Figures]:
    """Best-F1 figures of each of `folds` models, each fitted without one fold (stratified)."""
    return [
        measure(scoring.Model(fit(rest, meaning=meaning, seed=seed)), test)
        for test, rest in stratified_folds(examples, folds=folds, seed=seed)
    ]


def stratified_folds(examples: list[Example], *, folds: int = 5, seed: int = SEED):
    """(held-out fold, the rest) for each of `folds` folds, each label shuffled with `seed` and dealt in turn."""
    shuffled = {label: [e for e in examples if e.label == label] for label in (0, 1)}
    for label, group in shuffled.items():
        random.Random(f"cv:{seed}:{label}").shuffle(group)
    for fold in range(folds):
        test = [e for group in shuffled.values() for i, e in enumerate(group) if i % folds == fold]
        rest = [e for group in shuffled.values() for i, e in enumerate(group) if i % folds != fold]
        yield test, rest


def report_and_decide(training: Training, *, write) -> bool:
    """Print the figures (`write` takes one line) and say whether the new model should replace the current one.

    It should unless a current model was measured and did better on the same held-out data, by
    more than ``F1_TOLERANCE`` (closer than that, the two are as good as each other on this data,
    and the new one has learned from the desk).
    """
    write(f"New model on the held-out part: {training.after}")
    for source, figures in training.by_source.items():
        write(f"  {source}: {figures}")
    if training.before is None:
        training.replaced = True
        return True
    write(f"Current model on the same held-out part: {training.before}")
    training.replaced = training.after.f1 >= training.before.f1 - F1_TOLERANCE
    if training.replaced:
        write(f"F1 {training.before.f1:.3f} → {training.after.f1:.3f}: the new model replaces the current one.")
    else:
        write(
            f"F1 {training.before.f1:.3f} → {training.after.f1:.3f}: the new model is worse, "
            "so the current model is kept."
        )
    return training.replaced


# --- The transformer's share (the model file's "stack") ---------------------------------------------


def read_ct24(part: str) -> list[Example]:
    """A CheckThat! 2024 task 1 English file from ``SHARED`` (spoken: debate sentences, no context)."""
    import csv

    with (SHARED / f"ct24_english_{part}.tsv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Example(" ".join(row["Text"].split()), int(row["class_label"] == "Yes"), "ct24", spoken=True) for row in rows
    ]


def read_ct19_held_out() -> list[Example]:
    """The held-out CheckThat! 2019 debates, each line with the line before it as its context;
    ``source`` is the debate's file name (for MAP, which ranks each debate's lines)."""
    import csv

    with (SHARED / "checkthat2019_task1_train.csv").open(encoding="utf-8", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["file_name"] in CT19_HELD_OUT_FILES]
    examples, previous = [], {}
    for row in sorted(rows, key=lambda row: (row["file_name"], int(row["line_number"]))):
        text, name = " ".join(row["text"].split()), row["file_name"]
        context = f"{previous[name]} {text}" if name in previous else text
        examples.append(Example(text, int(row["label"]), name, context, spoken=True))
        previous[name] = text
    return examples


def spoken_development() -> list[Example]:
    """Spoken sentences neither model learned from, for fitting the spoken stack: ClaimBuster's held-out
    fifth and CheckThat! 2024 dev less the sentences the wording model trained on; [] when the
    research data is not beside the project."""
    if not (SHARED / "ct24_english_dev.tsv").exists():
        return []
    trained, held_out = split(read_claimbuster())
    seen = {" ".join(e.text.split()).casefold() for e in trained + held_out}
    return held_out + [e for e in read_ct24("dev") if " ".join(e.text.split()).casefold() not in seen]


def _offset_logistic(offsets, values, labels) -> tuple[float, float]:
    """(weight, intercept) of a logistic regression of `labels` on `values` with `offsets` added to
    the logit (Newton's method, a little L2 on the weight)."""
    import numpy as np

    x = np.column_stack([np.asarray(values, dtype=float), np.ones(len(values))])
    y, offset, beta = np.asarray(labels, dtype=float), np.asarray(offsets, dtype=float), np.zeros(2)
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ beta + offset)))
        gradient = x.T @ (p - y) + np.array([1e-3 * beta[0], 0.0])
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag([1e-3, 1e-9])
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), float(beta[1])


def _figures_at(totals, labels, threshold: float) -> tuple[float, float]:
    """(F1, recall) of the check-worthy class when logits `totals` at least logit(`threshold`) are kept."""
    cut = math.log(threshold / (1 - threshold))
    picked = [label for total, label in zip(totals, labels, strict=True) if total >= cut]
    precision = sum(picked) / len(picked) if picked else 0.0
    recall = sum(picked) / sum(labels) if sum(labels) else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), recall


def choose_intercept(wording, shares, labels, threshold: float, *, min_recall: float = 0.0) -> float:
    """The intercept (added to the transformer's shares, `shares` None where it is not consulted) with
    the best F1 at `threshold` among those keeping recall at least `min_recall`; within
    ``F1_TOLERANCE`` of the best, the one keeping the most sentences."""
    candidates = []
    for step in range(-240, 241):
        intercept = step / 40
        totals = [w + (s + intercept if s is not None else 0.0) for w, s in zip(wording, shares, strict=True)]
        f1, recall = _figures_at(totals, labels, threshold)
        if recall >= min_recall:
            candidates.append((f1, intercept))
    if not candidates:
        return 0.0
    best = max(f1 for f1, _ in candidates)
    return max(intercept for f1, intercept in candidates if f1 >= best - F1_TOLERANCE)


def fit_stack(data: dict, *, spoken: list[Example], current: dict | None = None) -> dict:
    """The file's ``"stack"`` for the wording model `data`: the transformer's weight and intercept for
    speech ({} when there is nothing to fit it on and no current stack to keep).

    On the `spoken` development sentences (ClaimBuster's held-out fifth, CheckThat! 2024 dev, the
    desk's spoken decisions held out): the weight of a logistic regression on the transformer's logit
    with the wording logit as an offset, over the sentences in ``STACK_BAND``; then the intercept with
    the best F1 at the model's threshold. Without them (the research data is not beside the project)
    the spoken part of `current` is kept.

    Articles have no part: fitted on the 61 held-out news sentences (too few to rely on; F1 there
    0.881 → 0.966) the transformer lowered recall on the desk's unseen articles from 0.932 to 0.716,
    and allowed only to raise scores it kept 5 of 27 opinions on the older fixtures (BENCHMARKS.md).
    Its written training data is a few hundred sentences; articles are scored by the wording model
    alone.
    """
    from .extraction.transformer import MODEL_PATH, transformer

    model = scoring.Model({**data, "stack": None})
    low, high = STACK_BAND
    if not spoken:
        return {**current, "band": list(STACK_BAND)} if current and current.get("spoken") else {}
    wording = [model.wording.logit(e.text, e.context) for e in spoken]
    reader = transformer(MODEL_PATH)
    raw = [
        reader.logit(e.text, e.context, spoken=True) if low <= scoring._sigmoid(w) < high else None
        for e, w in zip(spoken, wording, strict=True)
    ]
    labels = [e.label for e in spoken]
    inside = [i for i, value in enumerate(raw) if value is not None]
    weight, _ = _offset_logistic([wording[i] for i in inside], [raw[i] for i in inside], [labels[i] for i in inside])
    shares = [weight * value if value is not None else None for value in raw]
    intercept = choose_intercept(wording, shares, labels, model.threshold)
    return {
        "file": MODEL_PATH.name,
        "band": list(STACK_BAND),
        "spoken": {"weight": round(weight, 5), "intercept": intercept},
    }


def mean_average_precision(scores: list[float], examples: list[Example]) -> float:
    """CheckThat! 2019's measure: the average precision of each debate's ranking (``source``), averaged."""
    precisions = []
    for debate in sorted({e.source for e in examples}):
        ranked = sorted((-score, e.label) for score, e in zip(scores, examples, strict=True) if e.source == debate)
        hits, total = 0, 0.0
        for rank, (_, label) in enumerate(ranked, start=1):
            if label:
                hits += 1
                total += hits / rank
        precisions.append(total / hits if hits else 0.0)
    return sum(precisions) / len(precisions) if precisions else 0.0


def development_figures(model: scoring.Model) -> list[str]:
    """Lines of figures on the research data's development parts at the model's threshold (none
    without the data): CheckThat! 2024 dev-test F1, CheckThat! 2019 held-out debates' MAP."""
    if not (SHARED / "ct24_english_dev-test.tsv").exists():
        return []
    lines = [
        f"CheckThat! 2024 task 1 English dev-test: {measure(model, read_ct24('dev-test'), threshold=model.threshold)}"
    ]
    if (SHARED / "checkthat2019_task1_train.csv").exists():
        held_out = read_ct19_held_out()
        debates = len({e.source for e in held_out})
        lines.append(
            f"CheckThat! 2019 task 1, {debates} held-out debates ({len(held_out)} lines): "
            f"MAP {mean_average_precision(scores_of(model, held_out), held_out):.3f}"
        )
    return lines
