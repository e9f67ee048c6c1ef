"""Variants of the check-worthiness model, measured on ClaimBuster sentences (experiments, not the desk's model).

    python bench/checkworthiness_experiments.py cv '{}' '{"C": 1}' '{"w": 3, "ch": [2, 5]}' …
    python bench/checkworthiness_experiments.py holdout '{}' '{"w": 3, "ch": [2, 5]}'

Each argument is a JSON object of changes to the committed model's settings:
``C`` (4.0), ``cw`` class weight ("balanced" or null), ``w`` longest word n-gram (2), ``ch`` character
n-gram range inside words ([3, 5]), ``mindf`` (2), ``sub`` sublinear tf (true), ``news`` weight of the
desk's news sentences (6.0; 0 leaves them out), ``deskf`` the desk's features (true), ``model``
("lr" logistic regression, or "svm" for a linear SVM scored by its decision function), ``nb``
Wang and Manning's naive-Bayes log-count ratios scaling the n-gram columns ("tfidf": the TF-IDF values
scaled; "binary": presence scaled, as in NBSVM), with smoothing ``nbalpha`` (1.0).

Sentence embeddings (``factcheck.embeddings``, all-MiniLM-L6-v2, 384 dimensions), ``emb``:
``"concat"`` appends each sentence's unit vector times ``embscale`` (1.0) to the sparse features;
``"stack"`` fits a second logistic regression (C ``embC``, 1.0, balanced) on the embeddings alone and
adds its logit as one more feature of the linear model, the training rows getting out-of-fold logits
(``embfolds`` inner folds, 5) so the linear model does not trust an over-fitted logit.
The vectors are computed once and cached in ``EMBEDDING_CACHE`` (under bench-results/, not committed).
``cascade`` mode (``cascade '<settings>' low,high …``): each fold's sentences are first scored by the
model without embeddings (the cheap score); only those whose cheap probability lies in [low, high)
take the score of the model with embeddings, the rest keep the cheap one; prints, per band, the
fraction re-scored and the cascade's CV F1 (same folds as ``cv``). ``cascade-holdout`` does the
same once on the held-out ClaimBuster sentences (fitted to the whole training part).
``articles`` mode (``articles [low,high …]``): the fraction of the sentences of the desk's article
fixtures (``tests/fixtures/articles``, ``unseen_articles*``, ``web``, and ``seeds/``) whose wording
score by the committed model lies in each band (default: the model's own band), i.e. what the
cascade embeds on real-ish articles, and the CPU the committed cascade takes to score them.

``baseline`` mode: the issue's plain TF-IDF + logistic regression baseline (scikit-learn defaults) beside
the desk's model, on the held-out ClaimBuster sentences.
``joint`` mode (``joint '<settings>' [low,high]``): the debate and the news sentences of the training
part both cross-validated, for a variant's effect on news prose beside its debate score (see ``joint``).
``cv``: 5-fold stratified cross-validation on the ClaimBuster sentences of the training part only
(the held-out fifth of ``factcheck.checkworthiness.split`` is never read); every fold's model is also
fitted on the news sentences of the training part; F1 is the check-worthy class's best F1 on the fold's
ClaimBuster sentences (threshold per fold). Use this to choose.
``holdout``: fitted to the whole training part as ``make train`` does; F1 on the held-out ClaimBuster
sentences at their own best threshold and at the committed model's threshold. Use it once, after choosing.

TF-IDF here uses scikit-learn's vectorizers with the same term functions as ``factcheck.extraction.scoring``
(the word and character n-grams of other ranges are computed here).
"""

import hashlib
import json
import os
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

DEFAULTS = {
    "C": 4.0,
    "cw": "balanced",
    "w": 2,
    "ch": [3, 5],
    "mindf": 2,
    "sub": True,
    "news": 6.0,
    "deskf": True,
    "emb": None,
    "embscale": 1.0,
    "embC": 1.0,
    "embfolds": 5,
    "nb": None,
    "nbalpha": 1.0,
}
EMBEDDING_CACHE = Path(os.environ.get("CHECKWORTHINESS_EMBEDDINGS", "bench-results/checkworthiness_embeddings.npy"))
_vectors: dict[str, np.ndarray] = {}
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


def embeddings(examples) -> np.ndarray:
    """Each example's sentence embedding, computed once for all public sentences and cached on disk."""
    if not _vectors:
        texts = sorted({example.text for example in checkworthiness.public_examples()})
        key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
        path = EMBEDDING_CACHE.with_suffix(f".{key}.npy")
        if path.exists():
            matrix = np.load(path)
        else:
            from factcheck import embeddings as sentence_embeddings

            started = time.process_time()
            matrix = sentence_embeddings.embed(texts)
            print(f"embedded {len(texts)} sentences in {time.process_time() - started:.0f} s CPU", flush=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, matrix)
        _vectors.update(zip(texts, matrix, strict=True))
    return np.array([_vectors[example.text] for example in examples])


def embedding_classifier(settings: dict) -> LogisticRegression:
    return LogisticRegression(
        C=settings["embC"], class_weight=settings["cw"], max_iter=5000, random_state=checkworthiness.SEED
    )


def embedding_logits(settings: dict, fitted, scored, weights) -> tuple[np.ndarray, np.ndarray]:
    """(out-of-fold logits for `fitted`, logits for `scored`) of a logistic regression on the embeddings."""
    labels = np.array([example.label for example in fitted])
    weights = np.array(weights)
    vectors = embeddings(fitted)
    inner = np.zeros(len(fitted))
    folds = settings["embfolds"]
    order = np.random.RandomState(checkworthiness.SEED).permutation(len(fitted))
    for fold in range(folds):
        held = order[fold::folds]
        rest = np.setdiff1d(order, held)
        classifier = embedding_classifier(settings).fit(vectors[rest], labels[rest], sample_weight=weights[rest])
        inner[held] = classifier.decision_function(vectors[held])
    classifier = embedding_classifier(settings).fit(vectors, labels, sample_weight=weights)
    return inner, classifier.decision_function(embeddings(scored))


def naive_bayes_ratios(matrix, labels, alpha: float) -> np.ndarray:
    """Wang & Manning's log-count ratio of each column (NBSVM): how much likelier it is in check-worthy rows."""
    present = (matrix > 0).astype(float)
    positive = alpha + np.asarray(present[labels == 1].sum(axis=0)).ravel()
    negative = alpha + np.asarray(present[labels == 0].sum(axis=0)).ravel()
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


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
    if settings["nb"]:
        labels = np.array([example.label for example in fitted])
        for i, part in enumerate(matrix):
            ratios = naive_bayes_ratios(part, labels, settings["nbalpha"])
            if settings["nb"] == "binary":
                matrix[i] = (part > 0).astype(float).multiply(ratios).tocsr()
                scored_matrix[i] = (scored_matrix[i] > 0).astype(float).multiply(ratios).tocsr()
            else:
                matrix[i] = part.multiply(ratios).tocsr()
                scored_matrix[i] = scored_matrix[i].multiply(ratios).tocsr()
    if settings["deskf"]:
        matrix.append(desk_matrix(fitted))
        scored_matrix.append(desk_matrix(scored))
    weights = [settings["news"] if example.source == "news" else 1.0 for example in fitted]
    if settings["emb"] == "concat":
        matrix.append(csr_matrix(embeddings(fitted) * settings["embscale"]))
        scored_vectors = embeddings(scored)
        if settings.get("impute"):  # the cheap score of the same model: every sentence at the mean meaning
            scored_vectors = np.tile(embeddings(fitted).mean(axis=0), (len(scored), 1))
        scored_matrix.append(csr_matrix(scored_vectors * settings["embscale"]))
    elif settings["emb"] == "stack":
        inner, outer = embedding_logits(settings, fitted, scored, weights)
        if settings.get("impute"):  # the cheap score of the same model: the meaning's logit at its training mean
            outer = np.full(len(scored), inner.mean())
        matrix.append(csr_matrix(inner[:, None] * settings["embscale"]))
        scored_matrix.append(csr_matrix(outer[:, None] * settings["embscale"]))
    elif settings["emb"] == "only":
        return embedding_logits(settings, fitted, scored, weights)[1]
    if settings.get("model", "lr") == "svm":
        classifier = LinearSVC(C=settings["C"], class_weight=settings["cw"], random_state=checkworthiness.SEED)
    else:
        classifier = LogisticRegression(
            C=settings["C"], class_weight=settings["cw"], max_iter=5000, random_state=checkworthiness.SEED
        )
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
    results = []
    for test, rest in checkworthiness.stratified_folds(debate, folds=folds):
        fitted = rest + (news if settings["news"] > 0 else [])
        results.append(best_f1([example.label for example in test], fit_and_score(settings, fitted, test))[0])
    return results


def cascade(settings: dict, bands: list[tuple[float, float]], debate, news, folds: int = 5) -> list[str]:
    """The cascade's CV F1 and fraction re-scored for each band (cheap model: `settings` without embeddings)."""
    # The cheap score: a model without embeddings, or (``"impute": true``) the model with them, its
    # meaning feature set to the training mean (one model file instead of two).
    cheap_settings = {**settings, "emb": None} if not settings.get("impute") else settings
    per_fold = []
    for test, rest in checkworthiness.stratified_folds(debate, folds=folds):
        fitted = rest + (news if settings["news"] > 0 else [])
        labels = [example.label for example in test]
        full = fit_and_score({**settings, "impute": False}, fitted, test)
        per_fold.append((labels, fit_and_score(cheap_settings, fitted, test), full))
    return [cascade_line(per_fold, band) for band in [(0.0, 0.0), (0.0, 1.01), *bands]]


def cascade_line(per_fold, band) -> str:
    low, high = band
    f1s, fractions = [], []
    for labels, cheap, full in per_fold:
        probability = 1 / (1 + np.exp(-cheap))
        uncertain = (probability >= low) & (probability < high)
        f1s.append(best_f1(labels, np.where(uncertain, full, cheap))[0])
        fractions.append(uncertain.mean())
    return (
        f"band [{low:.2f}, {high:.2f}): re-scored {np.mean(fractions):.3f} of sentences, "
        f"CV F1 {np.mean(f1s):.4f} (folds {' '.join(f'{f:.3f}' for f in f1s)})"
    )


def cascade_holdout(settings: dict, bands, debate, news, held_out) -> list[str]:
    fitted = debate + (news if settings["news"] > 0 else [])
    labels = [example.label for example in held_out]
    cheap = fit_and_score({**settings, "emb": None} if not settings.get("impute") else settings, fitted, held_out)
    full = fit_and_score({**settings, "impute": False}, fitted, held_out)
    return [cascade_line([(labels, cheap, full)], band) for band in [(0.0, 0.0), (0.0, 1.01), *bands]]


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


def article_sentences() -> list[tuple[str, str]]:
    """(sentence, paragraph) for every sentence of the desk's article fixtures and seeds."""
    from factcheck import extraction

    fixtures = ROOT / "tests" / "fixtures"
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for folder in ("articles", "unseen_articles", "unseen_articles_2"):
        texts += [path.read_text(encoding="utf-8") for path in sorted((fixtures / folder).glob("*.txt"))]
    found = [extraction.extract(text) for text in texts]
    found += [
        extraction.extract_page(path.read_text(encoding="utf-8")) for path in sorted((fixtures / "web").glob("*.html"))
    ]
    pairs = [(sentence.text, sentence.context) for article in found for sentence in article.sentences]
    print(f"{len(found)} articles, {len(pairs)} sentences", flush=True)
    return pairs


def articles(bands: list[str]) -> None:
    """The committed model's wording scores on the article fixtures: the fraction in each band, and
    the CPU the committed cascade takes to score them."""
    model = scoring.model()
    pairs = article_sentences()
    scores = np.array([scoring._sigmoid(model.wording.logit(sentence, context)) for sentence, context in pairs])
    for band in bands or [",".join(str(value) for value in model.band)]:
        low, high = (float(value) for value in band.split(","))
        print(f"band [{low:.2f}, {high:.2f}): {((scores >= low) & (scores < high)).mean():.3f} of sentences")
    from factcheck import embeddings

    embeddings.encoder()  # made once per process (about 1 s), not counted per sentence
    for _ in range(3):
        started = time.process_time()
        model.scores([sentence for sentence, _ in pairs], [context for _, context in pairs])
        cascade_ms = (time.process_time() - started) / len(pairs) * 1000
        started = time.process_time()
        for sentence, context in pairs:
            model.wording.logit(sentence, context)
        wording_ms = (time.process_time() - started) / len(pairs) * 1000
        print(
            f"cascade (band {model.band}): {cascade_ms:.2f} ms CPU a sentence, i.e. {cascade_ms:.1f} s per 1,000 "
            f"sentences; the wording score alone {wording_ms:.2f} ms",
            flush=True,
        )


def joint(settings: dict, band, debate, news, folds: int = 5) -> str:
    """Debate and news sentences both cross-validated (fold i of each held out together): the debate
    CV F1 as in ``cv``, and on the pooled out-of-fold news sentences the recall, precision and F1 at
    each fold's best debate threshold, so a variant's effect on the desk's own prose shows beside
    its debate score. With a band, the cascade: the model without embeddings outside it."""
    debate_f1s, picked, labels = [], [], []
    for (debate_test, debate_rest), (news_test, news_rest) in zip(
        checkworthiness.stratified_folds(debate, folds=folds),
        checkworthiness.stratified_folds(news, folds=folds),
        strict=True,
    ):
        fitted = debate_rest + news_rest
        scored = debate_test + news_test
        logits = fit_and_score(settings, fitted, scored)
        if band is not None:
            cheap = fit_and_score({**settings, "emb": None}, fitted, scored)
            probability = 1 / (1 + np.exp(-cheap))
            if settings.get("blend"):  # in the band, the two models' logits weighed together
                logits = settings["blend"] * logits + (1 - settings["blend"]) * cheap
            logits = np.where((probability >= band[0]) & (probability < band[1]), logits, cheap)
        debate_labels = [example.label for example in debate_test]
        f1, cut = best_f1(debate_labels, logits[: len(debate_test)])
        debate_f1s.append(f1)
        picked += list(logits[len(debate_test) :] >= cut)
        labels += [example.label for example in news_test]
    picked, labels = np.array(picked), np.array(labels)
    true = int((picked & (labels == 1)).sum())
    precision, recall = true / max(picked.sum(), 1), true / labels.sum()
    return (
        f"debate CV F1 {np.mean(debate_f1s):.4f} (folds {' '.join(f'{f:.3f}' for f in debate_f1s)}); "
        f"news ({len(labels)}) at the debate threshold: precision {precision:.3f}, recall {recall:.3f}, "
        f"F1 {2 * precision * recall / max(precision + recall, 1e-12):.3f}"
    )


def baseline(debate, held_out) -> list[str]:
    """The issue's plain baseline as scikit-learn's defaults make it (TF-IDF of words, logistic
    regression, probability 0.5), fitted to the training part's ClaimBuster sentences only, beside
    the desk's model (committed file) at its threshold, on the same held-out ClaimBuster sentences."""
    labels = np.array([example.label for example in held_out])
    texts = [example.text for example in held_out]

    def figures(picked) -> str:
        true = int((picked & (labels == 1)).sum())
        precision, recall = true / max(picked.sum(), 1), true / labels.sum()
        return f"precision {precision:.3f}, recall {recall:.3f}, F1 {2 * precision * recall / (precision + recall):.4f}"

    lines = []
    for name, vectorizer, classifier in [
        ("TF-IDF words + LR, defaults", TfidfVectorizer(), LogisticRegression(max_iter=5000)),
        ("TF-IDF words 1-2 + LR", TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=5000)),
        (
            "TF-IDF words + LR, balanced",
            TfidfVectorizer(),
            LogisticRegression(max_iter=5000, class_weight="balanced"),
        ),
    ]:
        matrix = vectorizer.fit_transform([example.text for example in debate])
        classifier.fit(matrix, [example.label for example in debate])
        probabilities = classifier.predict_proba(vectorizer.transform(texts))[:, 1]
        lines.append(f"{name}: at 0.5 {figures(probabilities >= 0.5)}; best F1 {best_f1(labels, probabilities)[0]:.4f}")
    scores = np.array(scoring.score_sentences(texts))
    cut = scoring.threshold()
    lines.append(f"the desk's model (score_sentences) at {cut:.3f}: {figures(scores >= cut)}")
    return lines


def main(mode: str, variants: list[str]) -> None:
    if mode == "articles":
        articles(variants)
        return
    debate, news, held_out = parts()
    if mode == "baseline":
        print("\n".join(baseline(debate, held_out)), flush=True)
        return
    if mode == "joint":
        band = tuple(float(value) for value in variants[1].split(",")) if len(variants) > 1 else None
        settings = {**DEFAULTS, **json.loads(variants[0])}
        print(f"{joint(settings, band, debate, news)}  {variants[0]} band {band}", flush=True)
        return
    if mode in ("cascade", "cascade-holdout"):
        settings = {**DEFAULTS, **json.loads(variants[0])}
        bands = [tuple(float(value) for value in band.split(",")) for band in variants[1:]]
        if mode == "cascade":
            lines = cascade(settings, bands, debate, news)
        else:
            lines = cascade_holdout(settings, bands, debate, news, held_out)
        print("\n".join(f"{line}  {variants[0]}" for line in lines), flush=True)
        return
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
