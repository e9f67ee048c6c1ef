"""The fine-tuned check-worthiness transformer as the desk runs it: from the committed ONNX file, on the
sentences the wording model is unsure of, and explained by the same model that scored."""

import inspect

import pytest

from factcheck import checkworthiness
from factcheck.extraction import score_sentences, scoring
from factcheck.extraction import transformer as transformer_module
from factcheck.extraction.transformer import MODEL_PATH, Transformer, transformer
from training import checkworthiness_transformer as training

CHECKABLE = "Unemployment fell to 3.9% in March, the lowest level since 2019."
CHATTER = "Thank you all so much for being here tonight, it is wonderful to see you."


def test_the_committed_model_is_an_onnx_graph_that_loads_without_pickle():
    raw = MODEL_PATH.read_bytes()
    assert b"pickle" not in raw[:4096]
    assert len(raw) < 25_000_000
    from onnx import ModelProto

    graph = ModelProto()
    graph.ParseFromString(raw)  # protocol buffers: parsing runs nothing from the file
    assert [tensor.name for tensor in graph.graph.output] == ["logit"]
    # How long it takes to load is a benchmark's figure (bench.checkworthiness_speed), not a timed test's.
    assert isinstance(Transformer(MODEL_PATH).logit("Unemployment fell to 3.9% in March."), float)


def test_a_checkable_statement_reads_as_more_check_worthy_than_chatter():
    reader = transformer()
    for spoken in (False, True):
        assert reader.logit(CHECKABLE, spoken=spoken) > 0 > reader.logit(CHATTER, spoken=spoken)


def unsure_spoken(sentences: list[str]) -> list[str]:
    model = scoring.model()
    return [s for s in sentences if model.stack.consulted(model.wording.logit(s), spoken=True)]


def test_the_transformer_reads_the_unsure_spoken_sentences_only(varied_sentences, monkeypatch):
    assert scoring.model().stack is not None
    read = []
    real = Transformer.logits

    def counting(self, sentences, contexts, *, spoken=False):
        read.append((list(sentences), spoken))
        return real(self, sentences, contexts, spoken=spoken)

    monkeypatch.setattr(Transformer, "logits", counting)
    score_sentences(varied_sentences, spoken=True)
    unsure = unsure_spoken(varied_sentences)
    assert read == [(unsure, True)]
    assert 0 < len(unsure) < len(varied_sentences)


def test_articles_are_scored_by_the_wording_model_alone(varied_sentences, monkeypatch):
    def no_reading(self, sentences, contexts, *, spoken=False):
        raise AssertionError("the transformer read an article's sentence")

    monkeypatch.setattr(Transformer, "logits", no_reading)
    wording = scoring.model().wording
    expected = [round(scoring._sigmoid(wording.logit(s)), 4) for s in varied_sentences]
    assert score_sentences(varied_sentences, spoken=False) == expected
    assert scoring.explain(varied_sentences[0], spoken=False).reading is None


def test_sentences_of_no_stated_kind_get_the_general_reading_the_public_sets_measure(varied_sentences):
    assert score_sentences(varied_sentences) == score_sentences(varied_sentences, spoken=True)
    assert score_sentences(varied_sentences) != score_sentences(varied_sentences, spoken=False)
    unsure = unsure_spoken(varied_sentences)[0]
    assert scoring.explain(unsure).reading == scoring.explain(unsure, spoken=True).reading


def test_the_transformer_moves_the_score_of_an_unsure_spoken_sentence(varied_sentences):
    model = scoring.model()
    unsure = unsure_spoken(varied_sentences)[0]
    weight, intercept = model.stack.kinds["spoken"]
    expected = model.wording.logit(unsure) + weight * transformer().logit(unsure, spoken=True) + intercept
    assert score_sentences([unsure], spoken=True)[0] == pytest.approx(scoring._sigmoid(expected), abs=1e-4)


def test_spoken_and_written_sentences_are_read_each_as_their_kind():
    reader = transformer()
    assert reader.logit(CHECKABLE, spoken=True) != reader.logit(CHECKABLE, spoken=False)


def test_leaving_out_the_word_the_explanation_names_lowers_the_reading_by_what_it_says(varied_sentences):
    model = scoring.model()
    unsure = unsure_spoken(varied_sentences)[0]
    explanation = scoring.explain(unsure, spoken=True, top=100)
    assert explanation.score == pytest.approx(score_sentences([unsure], spoken=True)[0], abs=1e-3)
    weight, intercept = model.stack.kinds["spoken"]
    share = weight * transformer().logit(unsure, spoken=True) + intercept
    assert explanation.reading.weight == pytest.approx(share, abs=1e-3)
    words = unsure.split()
    strongest = max((*explanation.reading_raised, *explanation.reading_lowered), key=lambda r: abs(r.weight))
    at = next(i for i, word in enumerate(words) if strongest.label == f"the word “{word}”")
    without = " ".join(words[:at] + words[at + 1 :])
    reading_without = weight * transformer().logit(without, spoken=True) + intercept
    assert share - reading_without == pytest.approx(strongest.weight, abs=1e-3)
    assert strongest.weight != 0


def test_a_sure_spoken_sentence_is_explained_by_its_wording_alone():
    model = scoring.model()
    sentence = "On Jan. 6, 2026, exports rose 20% to $8 billion, the most ever, officials said."
    assert not model.stack.consulted(model.wording.logit(sentence), spoken=True)
    explanation = scoring.explain(sentence, spoken=True)
    assert explanation.reading is None
    assert explanation.reading_raised == explanation.reading_lowered == ()


def test_score_sentences_keeps_its_signature():
    parameters = inspect.signature(score_sentences).parameters
    assert list(parameters) == ["sentences", "contexts", "spoken"]
    assert parameters["contexts"].default is None
    assert parameters["spoken"].kind is inspect.Parameter.KEYWORD_ONLY


def test_the_sentence_before_is_what_precedes_it_in_its_paragraph():
    paragraph = "Officials counted 55,000 drones. That's a five-fold increase from 2024."
    assert transformer_module.previous_text("That's a five-fold increase from 2024.", paragraph) == (
        "Officials counted 55,000 drones."
    )
    assert transformer_module.previous_text("Officials counted 55,000 drones.", paragraph) == ""


@pytest.mark.parametrize(
    ("sentence", "previous", "spoken"),
    [
        (CHECKABLE, "", False),
        ("We spent $2 trillion on the war.", "Let me tell you something about Iraq.", True),
        (" ".join(["word"] * 90), "A long sentence follows.", True),
    ],
)
def test_training_and_the_desk_give_the_model_the_same_word_pieces(sentence, previous, spoken):
    assert training.model_input(sentence, previous, spoken=spoken) == transformer_module.model_input(
        sentence, previous, spoken=spoken
    )
    example = training.Sentence(sentence, 1, "check", previous, spoken=spoken)
    assert training.encode(training.tokenizer(), example) == transformer().ids(sentence, previous, spoken=spoken)


def test_training_holds_out_the_same_sentences_as_the_wording_model():
    for example in checkworthiness.read_claimbuster()[:300] + checkworthiness.read_news():
        assert training.held_out(example.text, example.source) == checkworthiness.held_out(example)
    assert training.CT19_HELD_OUT_FILES == checkworthiness.CT19_HELD_OUT_FILES
    assert training.MAX_TOKENS == transformer_module.MAX_TOKENS
