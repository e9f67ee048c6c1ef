"""The desk's sentence embeddings: all-MiniLM-L6-v2 (8-bit weights, ONNX Runtime) gives the model's own similarities."""

import numpy as np
import pytest

from factcheck import embeddings


def similarity(first: str, second: str) -> float:
    vectors = embeddings.embed([first, second])
    return float(vectors[0] @ vectors[1])


def test_each_text_becomes_one_unit_vector_of_384_numbers():
    vectors = embeddings.embed(["The minimum wage rose by 4%.", "", "Crime fell."])

    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)


def test_paraphrases_are_close_as_the_published_model_says():
    # sentence-transformers' own example for all-MiniLM-L6-v2 gives 0.7553 for this pair (the float
    # model in numpy gave 0.7553 too). The 8-bit weights move it a little, by how much depends on the
    # int8 kernels ONNX Runtime picks for the CPU: 0.7627 on one machine, 0.7655 on one with AVX-512 VNNI.
    assert similarity("A man is eating food.", "A man is eating a piece of bread.") == pytest.approx(0.7553, abs=0.015)


def test_a_reworded_claim_is_closer_than_an_unrelated_one():
    claim = "The government spent 2 billion pounds on the new hospital."
    reworded = "Ministers paid £2bn for the hospital that was just built."
    unrelated = "The striker scored twice in the second half."

    assert similarity(claim, reworded) > similarity(claim, unrelated) + 0.3


def test_a_batch_gives_the_same_vectors_as_texts_one_by_one():
    texts = ["Short one.", "A much longer sentence about unemployment figures in the north east of England."]

    together = embeddings.embed(texts)
    alone = np.vstack([embeddings.embed([text]) for text in texts])

    assert together == pytest.approx(alone, abs=1e-5)


def test_a_vector_survives_the_database_round_trip_to_three_decimals():
    vector = embeddings.embed(["Inflation is at a 40-year high."])[0]

    stored = embeddings.to_bytes(vector)

    assert len(stored) == 768
    assert embeddings.from_bytes(stored) == pytest.approx(vector, abs=1e-3)


def test_nothing_to_embed_gives_an_empty_matrix():
    assert embeddings.embed([]).shape == (0, 384)


def test_a_text_embedded_again_gets_the_same_vector_without_running_the_model(monkeypatch):
    first = embeddings.embed(["Unemployment fell to 3.9% in the north east."])

    def model_not_expected(*args, **kwargs):
        raise AssertionError("the model ran again for a text it had already encoded")

    monkeypatch.setattr(embeddings.encoder()._session, "run", model_not_expected)
    again = embeddings.embed(["Unemployment fell to 3.9% in the north east."])
    again[0] += 1  # a caller's copy: changing it leaves the kept vector alone

    assert np.array_equal(embeddings.embed(["Unemployment fell to 3.9% in the north east."]), first)


def test_forgetting_the_kept_vectors_runs_the_model_again_with_the_same_result(monkeypatch):
    first = embeddings.embed(["Unemployment fell to 3.9% in the north east."])
    runs = []
    run = embeddings.encoder()._session.run
    monkeypatch.setattr(embeddings.encoder()._session, "run", lambda *args: runs.append(1) or run(*args))

    embeddings.encoder().forget()
    again = embeddings.embed(["Unemployment fell to 3.9% in the north east."])

    assert (len(runs), np.array_equal(again, first)) == (1, True)
