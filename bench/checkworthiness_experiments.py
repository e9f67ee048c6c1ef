"""Variants of the check-worthiness model, measured on ClaimBuster sentences (experiments, not the desk's model).

    python bench/checkworthiness_experiments.py cv '{}' '{"C": 1}' '{"w": 3, "ch": [2, 5]}' …
    python bench/checkworthiness_experiments.py holdout '{}' '{"w": 3, "ch": [2, 5]}'

Each argument is a JSON object of changes to the committed model's settings:
``C`` (4.0), ``cw`` class weight ("balanced" or null), ``w`` longest word n-gram (2), ``ch`` character
n-gram range inside words ([3, 5]), ``mindf`` (2), ``sub`` sublinear tf (true), ``news`` weight of the
desk's news sentences (6.0; 0 leaves them out), ``deskf`` the desk's features (true), ``model``
("lr" logistic regression, or "svm" for a linear SVM scored by its decision function).

``cv``: 5-fold stratified cross-validation on the ClaimBuster sentences of the training part only
(the held-out fifth of ``factcheck.checkworthiness.split`` is never read); every fold's model is also
fitted on the news sentences of the training part; F1 is the check-worthy class's best F1 on the fold's
ClaimBuster sentences (threshold per fold). Use this to choose.
``holdout``: fitted to the whole training part as ``make train`` does; F1 on the held-out ClaimBuster
sentences at their own best threshold and at the committed model's threshold. Use it once, after choosing.

TF-IDF here uses scikit-learn's vectorizers with the same term functions as ``factcheck.extraction.scoring``
(the word and character n-grams of other ranges are computed here).
"""

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import precision_recall_curve  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from factcheck import checkworthiness  # noqa: E402
from factcheck.extraction import scoring  # noqa: E402

DEFAULTS = {"C": 4.0, "cw": "balanced", "w": 2, "ch": [3, 5], "mindf": 2, "sub": True, "news": 6.0, "deskf": True}
_terms: dict[tuple, list[str]] = {}
_desk: dict[str, list[float]] = {}


def word_ngrams(text: str, longest: int) -> list[str]:
    key = ("w", longest, text)
    if key not in _terms:
        tokens = scoring._TOKEN.findall(scoring._normalise(text))
        terms = list(tokens)
        for n in range(2, longest + 1):
            terms += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        _terms[key] = terms
    return _terms[key]


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    key = ("c", low, high, text)
    if key not in _terms:
        grams = []
        for word in scoring._normalise(text).split():
            padded = f" {word} "
            grams += [
                padded[i : i + n] for n in range(low, min(high, len(padded)) + 1) for i in range(len(padded) - n + 1)
            ]
        _terms[key] = grams
    return _terms[key]


def desk_matrix(examples):
    names = list(scoring.DESK_FEATURES)
    for example in examples:
        if example.text not in _desk:
            found = scoring.desk_features(example.text, example.context)
            _desk[example.text] = [found.get(name, 0.0) for name in names]
    return csr_matrix(np.array([_desk[example.text] for example in examples]))


def fit_and_score(settings: dict, fitted, scored) -> np.ndarray:
    low, high = settings["ch"]
    vectorizers = [
        TfidfVectorizer(
            analyzer=lambda text: word_ngrams(text, settings["w"]),
            sublinear_tf=settings["sub"],
            min_df=settings["mindf"],
        ),
        TfidfVectorizer(
            analyzer=lambda text: char_ngrams(text, low, high), sublinear_tf=settings["sub"], min_df=settings["mindf"]
        ),
    ]
    texts = [example.text for example in fitted]
    matrix = [vectorizer.fit_transform(texts) for vectorizer in vectorizers]
    scored_matrix = [vectorizer.transform([example.text for example in scored]) for vectorizer in vectorizers]
    if settings["deskf"]:
        matrix.append(desk_matrix(fitted))
        scored_matrix.append(desk_matrix(scored))
    if settings.get("model", "lr") == "svm":
        classifier = LinearSVC(C=settings["C"], class_weight=settings["cw"], random_state=checkworthiness.SEED)
    else:
        classifier = LogisticRegression(
            C=settings["C"], class_weight=settings["cw"], max_iter=5000, random_state=checkworthiness.SEED
        )
    weights = [settings["news"] if example.source == "news" else 1.0 for example in fitted]
    classifier.fit(hstack(matrix).tocsr(), [example.label for example in fitted], sample_weight=weights)
    return classifier.decision_function(hstack(scored_matrix).tocsr())


def best_f1(labels, scores) -> tuple[float, float]:
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = int(f1[:-1].argmax())
    return float(f1[best]), float(thresholds[best])


def parts():
    training, held_out = checkworthiness.split(checkworthiness.public_examples())
    debate = [example for example in training if example.source == "claimbuster"]
    news = [example for example in training if example.source == "news"]
    return debate, news, [example for example in held_out if example.source == "claimbuster"]


def cross_validate(settings: dict, debate, news, folds: int = 5) -> list[float]:
    groups = {label: [example for example in debate if example.label == label] for label in (0, 1)}
    for label, group in groups.items():
        random.Random(f"cv:{checkworthiness.SEED}:{label}").shuffle(group)
    results = []
    for fold in range(folds):
        test = [example for group in groups.values() for i, example in enumerate(group) if i % folds == fold]
        rest = [example for group in groups.values() for i, example in enumerate(group) if i % folds != fold]
        fitted = rest + (news if settings["news"] > 0 else [])
        results.append(best_f1([example.label for example in test], fit_and_score(settings, fitted, test))[0])
    return results


def holdout(settings: dict, debate, news, held_out) -> str:
    fitted = debate + (news if settings["news"] > 0 else [])
    logits = fit_and_score(settings, fitted, held_out)
    labels = np.array([example.label for example in held_out])
    f1, cut = best_f1(labels, logits)
    picked = 1 / (1 + np.exp(-logits)) >= scoring.threshold()
    true = int((picked & (labels == 1)).sum())
    precision, recall = true / picked.sum(), true / labels.sum()
    at_desk = 2 * precision * recall / (precision + recall)
    return (
        f"held-out ClaimBuster ({len(held_out)}): best F1 {f1:.4f} (logit {cut:.3f}); at the committed threshold "
        f"{scoring.threshold():.4f}: precision {precision:.3f}, recall {recall:.3f}, F1 {at_desk:.4f}"
    )


def main(mode: str, variants: list[str]) -> None:
    debate, news, held_out = parts()
    for variant in variants or ["{}"]:
        settings = {**DEFAULTS, **json.loads(variant)}
        started = time.perf_counter()
        if mode == "cv":
            f1s = cross_validate(settings, debate, news)
            line = f"5-fold CV F1 {sum(f1s) / len(f1s):.4f} (folds {' '.join(f'{f:.3f}' for f in f1s)})"
        elif mode == "holdout":
            line = holdout(settings, debate, news, held_out)
        else:
            raise SystemExit(f"unknown mode {mode!r}: use cv or holdout")
        print(f"{line}  {variant}  {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])
