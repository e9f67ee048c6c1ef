"""Claim matching, measured: MAP@5 and MRR on CheckThat! 2022 task 2A (English), speed at 100,000 claims.

    python -m bench.claim_matching                 # MAP@5 and MRR on the train and dev queries
    python -m bench.claim_matching --train         # fit the re-ranker on the train queries, write its weights
    python -m bench.claim_matching --thresholds    # how scores separate repeats from new claims (dev)
    python -m bench.claim_matching --calibration   # is the score a probability, the same at any index size (dev)
    python -m bench.claim_matching --scale 100000  # build time and search latency at 100,000 claims

The data (Snopes' checked claims and tweets, research data that may not be committed) is
read from ../shared/data/claim-matching/ or CLAIM_MATCHING_DATA; without it only --scale
runs, on the desk's own synthetic claims. Each checked claim is indexed as its claim text
followed by its headline (the "vclaim" and "title" fields), as the lab's baselines do;
--fields vclaim indexes the claim text alone, as the desk does.

--train fits the adapter of the meaning vectors (``fit_adapter``, numpy) on the train queries and
their gold claims, then two logistic regressions (scikit-learn, fixed seed) on the first stage's
candidates for every train query (label: the candidate is a gold claim for it). It writes the
adapter's matrix to factcheck/data/claim_matching_adapter.npy (numbers only) and only the
regressions' feature names, coefficients and intercepts to factcheck/data/claim_matching_weights.json.
"""

import argparse
import hashlib
import itertools
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from factcheck import embeddings, matching  # noqa: E402

# ../shared beside a clone; a git worktree sits one folder deeper.
DATA = Path(
    os.environ.get("CLAIM_MATCHING_DATA")
    or next(
        (folder for folder in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if folder.is_dir()),
        ROOT.parent / "shared",
    )
    / "data"
    / "claim-matching"
)
SEED = 14


def load_checkthat(
    data: Path = DATA, fields: tuple[str, ...] = ("vclaim", "title")
) -> tuple[list[tuple[str, str]], dict[str, str], dict[str, dict[str, set[str]]]]:
    """(vclaim id, indexed text: the `fields` joined) pairs, tweet texts by id, and
    {"train"/"dev": {query id: gold vclaim ids}}."""
    vclaims = []
    with (data / "snopes_vclaims.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            vclaims.append((record["vclaim_id"], " ".join(record.get(name) or "" for name in fields).strip()))
    queries = {}
    with (data / "CT2022-Task2A-EN-Train-Dev_Queries.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            query_id, _, text = line.rstrip("\n").partition("\t")
            if query_id != "id":
                queries[query_id] = text
    qrels = {}
    for split, name in [("train", "CT2022-Task2A-EN-Train_QRELs.tsv"), ("dev", "CT2022-Task2A-EN-Dev_QRELs.tsv")]:
        gold: dict[str, set[str]] = {}
        with (data / name).open(encoding="utf-8") as lines:
            for line in lines:
                query_id, _, vclaim_id, relevant = line.split()
                if relevant == "1":
                    gold.setdefault(query_id, set()).add(vclaim_id)
        qrels[split] = gold
    return vclaims, queries, qrels


def sentence_vectors(pairs: list[tuple[str, str]]) -> np.ndarray:
    """The sentence embeddings of the checked claims' cleaned texts, cached in bench-results/ (14,231 claims
    take about 1.5 minutes to embed on one core; the cache is keyed by the texts and the model's version, so a
    change of either re-embeds)."""
    texts = [matching.clean(text) for _, text in pairs]
    digest = hashlib.sha256("\n".join([embeddings.VERSION, *texts]).encode()).hexdigest()[:16]
    cached = ROOT / "bench-results" / f"claim-vectors-{digest}.npy"
    if cached.exists():
        return np.load(cached)
    started = time.process_time()
    vectors = embeddings.embed(texts)
    print(f"embedded {len(texts):,} claims in {time.process_time() - started:.0f} s CPU (cached in {cached.name})")
    cached.parent.mkdir(exist_ok=True)
    np.save(cached, vectors)
    return vectors


def vectors_of(pairs: list[tuple[str, str]], matrix: np.ndarray | None = None) -> np.ndarray:
    """The checked claims' meaning vectors, as the desk stores them: through the committed adapter, or `matrix`."""
    return matching.meaning_vectors(sentence_vectors(pairs), matrix)


def index_of(pairs: list[tuple[str, str]], matrix: np.ndarray | None = None, **options) -> matching.ClaimIndex:
    return matching.ClaimIndex(pairs, vectors=vectors_of(pairs, matrix), **options)


def average_precision_at(ranked: list, gold: set, k: int = 5) -> float:
    hits, total = 0, 0.0
    for position, key in enumerate(ranked[:k], 1):
        if key in gold:
            hits += 1
            total += hits / position
    return total / min(len(gold), k) if gold else 0.0


def reciprocal_rank(ranked: list, gold: set) -> float:
    return next((1 / position for position, key in enumerate(ranked, 1) if key in gold), 0.0)


def evaluate(index: matching.ClaimIndex, queries: dict[str, str], gold: dict[str, set[str]]) -> dict[str, float]:
    """MAP@5, MRR (top 50), precision@1 and the median search time (wall and CPU) over the queries in `gold`."""
    ap, rr, p1, times, cpu_times = [], [], [], [], []
    for query_id, relevant in gold.items():
        started, started_cpu = time.perf_counter(), time.process_time()
        ranked = [key for key, _ in index.search(queries[query_id], limit=50)]
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - started_cpu)
        ap.append(average_precision_at(ranked, relevant))
        rr.append(reciprocal_rank(ranked, relevant))
        p1.append(float(bool(ranked) and ranked[0] in relevant))
    return {
        "queries": len(gold),
        "map@5": statistics.fmean(ap),
        "mrr": statistics.fmean(rr),
        "p@1": statistics.fmean(p1),
        "median_ms": 1000 * statistics.median(times),
        "median_cpu_ms": 1000 * statistics.median(cpu_times),
    }


def fit_adapter(
    queries: np.ndarray, claims: np.ndarray, gold: list[int], *, strength: float = 0.1, steps: int = 100
) -> np.ndarray:
    """The adapter of ``matching.meaning_vectors``: a (384, 384) matrix W such that each query's vector times W
    is nearer its gold claim's (claims[gold[i]]) times W than any other claim's.

    Contrastive: the loss is the cross-entropy of picking the gold claim among all the claims by cosine
    (times 20, the softmax's sharpness), plus `strength` times the squared distance of W from the
    identity, which keeps what the model knew. `steps` full-batch steps of Adam (rate 0.001) from the
    identity, written out in numpy so that training needs nothing beyond the desk's own packages; the
    same steps in PyTorch gave the same matrix within 1e-5. The strength (0.1 among 0.02, 0.05, 0.2)
    and the steps (the dev figure was flat from 50 to 150) were chosen on the dev queries."""
    eye = np.eye(queries.shape[1])
    queries, claims, gold = queries.astype(np.float64), claims.astype(np.float64), np.asarray(gold)
    matrix, first, second = eye.copy(), np.zeros_like(eye), np.zeros_like(eye)
    sharpness, rate, rows = 20.0, 1e-3, np.arange(len(gold))

    def unit(values):
        lengths = np.maximum(np.linalg.norm(values, axis=1, keepdims=True), 1e-12)
        return values / lengths, lengths

    for step in range(1, steps + 1):
        (mapped_queries, query_lengths), (mapped_claims, claim_lengths) = unit(queries @ matrix), unit(claims @ matrix)
        logits = sharpness * mapped_queries @ mapped_claims.T
        chances = np.exp(logits - logits.max(axis=1, keepdims=True))
        chances /= chances.sum(axis=1, keepdims=True)
        chances[rows, gold] -= 1
        chances /= len(gold)
        # Back through the cosines, then through each row's normalisation, then through the product.
        to_queries, to_claims = sharpness * chances @ mapped_claims, sharpness * chances.T @ mapped_queries
        to_queries = (to_queries - mapped_queries * (mapped_queries * to_queries).sum(1, keepdims=True)) / query_lengths
        to_claims = (to_claims - mapped_claims * (mapped_claims * to_claims).sum(1, keepdims=True)) / claim_lengths
        gradient = queries.T @ to_queries + claims.T @ to_claims + 2 * strength * (matrix - eye)
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        matrix -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return matrix.astype(np.float32)


def train_adapter(vclaims: list[tuple[str, str]], queries: dict[str, str], gold: dict[str, set[str]]) -> np.ndarray:
    """fit_adapter() on every (query, gold claim) pair of the `gold` queries, against every checked claim."""
    position = {vclaim_id: row for row, (vclaim_id, _) in enumerate(vclaims)}
    pairs = [(query_id, position[vclaim_id]) for query_id in sorted(gold) for vclaim_id in sorted(gold[query_id])]
    query_vectors = embeddings.embed([matching.clean(queries[query_id]) for query_id, _ in pairs])
    return fit_adapter(query_vectors, sentence_vectors(vclaims), [row for _, row in pairs])


def train(
    vclaims: list[tuple[str, str]], queries: dict[str, str], gold: dict[str, set[str]]
) -> tuple[dict, np.ndarray]:
    """Fit the adapter, the ranker and the score on the train queries; returns the two models' weights and the
    adapter.

    The ranker and the score read each query's first-stage candidates. Each query is seen twice: against
    every checked claim (its gold claims among the candidates, labelled 1) and against an index without
    any of the queries' gold claims (every candidate labelled 0). Every CheckThat! query has a match, but
    most claims the desk imports have none: without the second half the models learn that the best
    candidate is a match because it is the best, and a one-claim index links anything to its one claim.

    The adapter learns the train queries: their meaning features, read through it, would be closer than
    a new claim's ever are, and the two models would trust meaning too much. So the queries are split in
    two halves (fixed seed), and each half's features are read through an adapter fitted on the other
    half; the adapter the desk uses is then fitted on them all.

    The ranker reads how a candidate compares with the others; the score reads the pair alone (so it
    means the same at any size of index). Both are logistic regressions: the score's probability is
    the one the desk shows and acts on."""
    from sklearn.linear_model import LogisticRegression

    query_ids = random.Random(SEED).sample(sorted(gold), len(gold))
    halves = [sorted(query_ids[0::2]), sorted(query_ids[1::2])]
    ranker_rows, pair_rows, labels = [], [], []
    for half, other in ((halves[0], halves[1]), (halves[1], halves[0])):
        matrix = train_adapter(vclaims, queries, {query_id: gold[query_id] for query_id in other})
        indexes = (
            (index_of(vclaims, matrix, weights=unweighted()), True),
            (without(vclaims, gold, matrix, weights=unweighted()), False),
        )
        for query_id in half:
            relevant, query = gold[query_id], matching.clean(queries[query_id])
            vector = matching.meaning_vectors(embeddings.embed([query]), matrix)[0]
            for candidates, with_gold in indexes:
                for candidate in candidates.candidate_features(query, vector):
                    ranker_rows.append([candidate[name] for name in matching.FEATURES])
                    pair_rows.append([candidate["pair"][name] for name in matching.PAIR_FEATURES])
                    labels.append(int(with_gold and candidates.keys[candidate["row"]] in relevant))
    weights = {
        "about": "Claim matching: two logistic regressions fitted by `python -m bench.claim_matching --train` on "
        "the CheckThat! 2022 task 2A English train queries' first-stage candidates, with and without their "
        "checked claims in the index, each half's read through an adapter fitted on the other half "
        f"(seed {SEED}). The ranker (factcheck.matching.FEATURES) orders "
        "candidates; the score (PAIR_FEATURES) is the probability that two claims are the same. "
        "Numbers only; no training text."
    }
    # C=10 (weak regularisation; the features are not scaled), chosen for the ranker on the dev queries among
    # 0.1, 1, 10 and 100; the score's fit is the same at 1, 10 and 100.
    for part, names, rows in (("ranker", matching.FEATURES, ranker_rows), ("score", matching.PAIR_FEATURES, pair_rows)):
        model = LogisticRegression(C=10.0, max_iter=5000, random_state=SEED).fit(rows, labels)
        weights[part] = {
            "features": list(names),
            "coefficients": [round(float(value), 6) for value in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6),
        }
    print(f"trained on {len(labels):,} candidates ({sum(labels):,} gold) from {len(gold):,} queries")
    return weights, train_adapter(vclaims, queries, gold)


def unweighted() -> dict:
    """Weights of zero: an index to draw candidates from before any model is fitted."""
    return {
        part: {"features": list(names), "coefficients": [0.0] * len(names), "intercept": 0.0}
        for part, names in (("ranker", matching.FEATURES), ("score", matching.PAIR_FEATURES))
    }


def without(
    vclaims: list[tuple[str, str]], gold: dict[str, set[str]], matrix: np.ndarray | None = None, **options
) -> matching.ClaimIndex:
    """An index of the checked claims less every gold claim of the `gold` queries: for them, a new claim."""
    held_out_ids = {vclaim_id for relevant in gold.values() for vclaim_id in relevant}
    kept = [position for position, pair in enumerate(vclaims) if pair[0] not in held_out_ids]
    vectors = vectors_of(vclaims, matrix)[kept]
    return matching.ClaimIndex([vclaims[position] for position in kept], vectors=vectors, **options)


def thresholds(vclaims, queries, gold) -> None:
    """Score of the best candidate for each dev query, with its gold claim in the index (a repeat)
    and with its gold claims taken out (a claim the desk has not checked): how many of each are
    above each threshold, and how often the top candidate is right when it is above."""
    index = index_of(vclaims)
    index_without = without(vclaims, gold)
    repeats, news = [], []
    for query_id, relevant in gold.items():
        best = index.search(queries[query_id], limit=1)
        repeats.append((best[0][1], best[0][0] in relevant) if best else (0.0, False))
        best_without = index_without.search(queries[query_id], limit=1)
        news.append(best_without[0][1] if best_without else 0.0)
    print("threshold | repeats above (top right / wrong) | new claims above (would be a false link)")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        right = sum(1 for score, correct in repeats if score >= threshold and correct)
        wrong = sum(1 for score, correct in repeats if score >= threshold and not correct)
        false = sum(1 for score in news if score >= threshold)
        print(f"{threshold:>9} | {right + wrong:>4} of {len(repeats)} ({right} / {wrong}) | {false} of {len(news)}")


def calibration(vclaims, queries, gold, *, large: int = 300_000) -> None:
    """Whether the score is a probability, on the dev queries (held out: the models were fitted on train).

    Reliability: every candidate the matcher scores for each dev query, against every checked claim (its
    gold claim among them) and against the checked claims less the dev queries' gold claims (a new claim),
    binned by score, with the share that are truly the same claim. Then the same pair (each dev query and
    its gold claim) scored in an index of 3 claims (the gold claim and two others) and in one of `large`
    claims (the CheckThat! claims and synthetic claims in the desk's style): how far apart the two scores are."""
    index, index_without = index_of(vclaims), without(vclaims, gold)
    scored = []  # (score, is the same claim)
    for query_id, relevant in sorted(gold.items()):
        for candidates, with_gold in ((index, True), (index_without, False)):
            for row in candidates.explain(queries[query_id], limit=10**6):
                scored.append((row["score"], with_gold and candidates.keys[row["row"]] in relevant))
    print(f"reliability on {len(gold)} dev queries, {len(scored):,} candidate pairs (with and without their claim):")
    print("score        | pairs | mean score | truly the same claim")
    edges = [0.0, 0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001]
    for low, high in itertools.pairwise(edges):
        chosen = [(score, same) for score, same in scored if low <= score < high]
        if chosen:
            mean = statistics.fmean(score for score, _ in chosen)
            share = statistics.fmean(same for _, same in chosen)
            print(f"{low:.2f}–{min(high, 1):.2f}    | {len(chosen):>5} | {mean:10.3f} | {share:.3f}")
    for threshold in (0.6, 0.9):
        chosen = [same for score, same in scored if score >= threshold]
        share = statistics.fmean(chosen or [0])
        print(f"pairs scored ≥ {threshold}: {len(chosen)}, of which {sum(chosen)} true repeats ({share:.1%})")

    texts = [text for _, text in vclaims]
    synthetic = synthetic_claims(max(0, large - len(texts)))
    every = list(enumerate(texts + synthetic))
    big = matching.ClaimIndex(every, vectors=vectors_of(every))
    key_of = {vclaim_id: position for position, (vclaim_id, _) in enumerate(vclaims)}
    rng, gaps, missed = random.Random(SEED), [], 0
    for query_id, relevant in sorted(gold.items()):
        gold_key = key_of[sorted(relevant)[0]]
        found = {big.keys[row["row"]]: row["score"] for row in big.explain(queries[query_id], limit=10**6)}
        if gold_key not in found:
            missed += 1  # not among the large index's candidates: no score to compare
            continue
        others = rng.sample([key for key in range(len(texts)) if key != gold_key], 2)
        small = matching.ClaimIndex([every[gold_key], every[others[0]], every[others[1]]])
        alone = dict(small.search(queries[query_id], limit=3))[gold_key]
        gaps.append(abs(alone - found[gold_key]))
    print(
        f"the same pair in an index of 3 claims and of {len(big):,}: {len(gaps)} dev pairs compared "
        f"({missed} not among the large index's candidates), difference mean {statistics.fmean(gaps):.4f}, "
        f"max {max(gaps):.4f}; within 0.05: {sum(gap <= 0.05 for gap in gaps)} of {len(gaps)}"
    )


def synthetic_claims(count: int, seed: int = SEED) -> list[str]:
    """Claims in the style of the desk's demo archive (factcheck/demo_data.py's templates)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from factcheck import demo_data as demo

    rng = random.Random(seed)
    people = [f"{first} {last}" for first in demo.FIRST_NAMES for last in demo.LAST_NAMES]
    claims = []
    for _ in range(count):
        year = rng.randrange(1995, 2026)
        subject = rng.choice(demo.SUBJECTS)
        claims.append(
            rng.choice(demo.CLAIM_TEMPLATES).format(
                subject=subject,
                subject_cap=subject[0].upper() + subject[1:],
                pct=rng.choice([rng.randrange(1, 60), round(rng.uniform(0.5, 15), 1)]),
                month=rng.choice(demo.MONTHS),
                year=year,
                later=rng.randrange(year + 1, 2031),
                n=rng.randrange(1_000, 900_000),
                small=rng.randrange(2, 90),
                few=rng.randrange(2, 11),
                day=f"{rng.randrange(1, 29)} {rng.choice(demo.MONTHS)} {year}",
                country=rng.choice(demo.COUNTRIES)[0],
                org=rng.choice(demo.ORGANISATIONS)[0],
                city=rng.choice(demo.CITIES),
                actor=rng.choice(people),
            )
        )
    return claims


def scale(count: int) -> None:
    """Build an index of `count` claims (the CheckThat! claims when present, the rest synthetic) and time searches.

    The desk stores each claim's embedding when it is imported, so a build reads vectors rather than
    making them: here every claim's vector is made once and cached in bench-results/ (100,000 claims
    take about 8 minutes of CPU the first time). Each search embeds its query for real; what embedding
    costs per claim, in the import's batches, is timed separately."""
    texts, queries = [], []
    if (DATA / "snopes_vclaims.jsonl").exists():
        vclaims, tweets, gold = load_checkthat()
        texts = [text for _, text in vclaims][:count]
        queries = [tweets[query_id] for query_id in gold["dev"]]
    synthetic = synthetic_claims(count - len(texts) + 200)
    texts += synthetic[: count - len(texts)]
    vectors = vectors_of(list(enumerate(texts)))
    queries += synthetic[-200:]
    # Wall time and this process's CPU time: on a shared machine the first includes waiting for a core.
    started, started_cpu = time.perf_counter(), time.process_time()
    index = matching.ClaimIndex(enumerate(texts), vectors=vectors)
    built, built_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    for query in queries[:20]:  # warm-up
        index.search(query)
    embeddings.encoder().forget()  # every timed search embeds its query, as a new claim's does
    times, cpu_times = [], []
    for query in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        index.search(query)
        times.append(1000 * (time.perf_counter() - started))
        cpu_times.append(1000 * (time.process_time() - started_cpu))
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(index):,} claims: built in {built:.1f} s wall, {built_cpu:.1f} s CPU; {len(times)} searches: "
        f"median {statistics.median(times):.1f} ms wall ({statistics.median(cpu_times):.1f} ms CPU), "
        f"p95 {times[int(0.95 * len(times))]:.1f} ms, max {times[-1]:.1f} ms; peak RSS {rss:.0f} MB"
    )
    sample = synthetic[-200:]
    embeddings.encoder().forget()  # the searches above embedded these: time the model, not the kept vectors
    started, started_cpu = time.perf_counter(), time.process_time()
    for batch in range(0, len(sample), 20):  # an imported article's claims are embedded together
        matching.embed_queries(sample[batch : batch + 20])
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(
        f"embedding {len(sample)} claims in batches of 20: {1000 * wall / len(sample):.1f} ms wall, "
        f"{1000 * cpu / len(sample):.1f} ms CPU per claim"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", action="store_true", help="fit the re-ranker and write its weights")
    parser.add_argument("--thresholds", action="store_true", help="score distributions for repeats and new claims")
    parser.add_argument("--calibration", action="store_true", help="reliability of the score, and its index-size gap")
    parser.add_argument("--large", type=int, default=300_000, help="claims in the large index of --calibration")
    parser.add_argument("--scale", type=int, metavar="N", help="build and search timings at N claims")
    parser.add_argument(
        "--fields",
        default="vclaim,title",
        help="fields of a checked claim to index, comma-separated: vclaim, title, subtitle (default vclaim,title)",
    )
    options = parser.parse_args()
    if options.scale:
        scale(options.scale)
        return
    if not (DATA / "snopes_vclaims.jsonl").exists():
        sys.exit(f"No CheckThat! data at {DATA} (set CLAIM_MATCHING_DATA)")
    vclaims, queries, gold = load_checkthat(fields=tuple(options.fields.split(",")))
    if options.train:
        weights, adapter = train(vclaims, queries, gold["train"])
        matching.WEIGHTS_PATH.write_text(json.dumps(weights, indent=2) + "\n")
        np.save(matching.ADAPTER_PATH, adapter, allow_pickle=False)
        for cached in (matching.default_weights, matching.adapter, matching.vectors_version):
            cached.cache_clear()
        print(f"wrote {matching.WEIGHTS_PATH.relative_to(ROOT)} and {matching.ADAPTER_PATH.relative_to(ROOT)}")
    if options.thresholds:
        thresholds(vclaims, queries, gold["dev"])
        return
    if options.calibration:
        calibration(vclaims, queries, gold["dev"], large=options.large)
        return
    started = time.perf_counter()
    index = index_of(vclaims)
    print(f"indexed {len(index):,} checked claims in {time.perf_counter() - started:.1f} s")
    for split in ("train", "dev"):
        result = evaluate(index, queries, gold[split])
        print(
            f"{split:>5}: {result['queries']} queries  MAP@5 {result['map@5']:.4f}  MRR {result['mrr']:.4f}  "
            f"P@1 {result['p@1']:.4f}  median search {result['median_ms']:.1f} ms wall, "
            f"{result['median_cpu_ms']:.1f} ms CPU"
        )


if __name__ == "__main__":
    main()
