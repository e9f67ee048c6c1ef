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

The model file is JSON: vocabulary, IDF weights, coefficients (the meaning's 384 among them),
threshold and figures. No pickle.
"""

import hashlib
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.extraction import scoring

DATA = Path(__file__).resolve().parent / "data" / "checkworthiness"
CLAIMBUSTER_PATH = DATA / "claimbuster_train.json"
NEWS_PATH = DATA / "news_sentences.tsv"
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
    context: str = ""  # the paragraph, when known


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
    return [Example(" ".join(row["text"].split()), int(row["label"]), "claimbuster") for row in rows]


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
    for text in positives.values_list("text", flat=True).distinct():
        examples[text] = Example(text, 1, "desk")
    for text in negatives.values_list("text", flat=True).distinct():
        examples[text] = Example(text, 0, "desk")
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
    scores = model.scores([example.text for example in examples], [example.context for example in examples])
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
    seed: int = SEED,
) -> Training:
    """Fit a model to the public (and desk) examples less their held-out parts and measure it there.

    The threshold is the held-out best-F1 score. With `current`, the current model is measured on
    the same held-out examples at its own threshold, so the two can be compared.
    """
    public_training, public_held_out = split(public, seed=seed)
    desk_training, desk_held_out = split(list(desk), seed=seed)
    held_out = public_held_out + desk_held_out
    data = fit(public_training + desk_training, meaning=meaning, seed=seed)
    model = scoring.Model(data)
    after = measure(model, held_out)
    data["threshold"] = after.threshold
    model = scoring.Model(data)
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
    before = measure(current, held_out, threshold=current.threshold) if current is not None else None
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
