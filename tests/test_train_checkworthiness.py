"""Retraining the check-worthiness model, with and without the desk's own decisions.

These train on the desk's news sentences only (a few hundred, about a second), not on ClaimBuster,
by pointing ``checkworthiness.public_examples`` at them; the command and everything under it run
as they do for ``make train``.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from model_bakery import baker

from factcheck import checkworthiness
from factcheck.extraction import scoring
from factcheck.models import Claim

# What's-on listings: full of numbers and dates, which the public data says are check-worthy; an
# events desk's editors keep dismissing them as not worth checking.
FIXTURE_ANNOUNCEMENTS = [
    f"The {event} {verb} at {hour} on {day} at the {place}."
    for event, verb, hour, day, place in [
        ("match", "kicks off", "3pm", "Saturday", "city stadium"),
        ("show", "starts", "8pm", "Friday", "old theatre"),
        ("final", "kicks off", "8pm", "Sunday", "national stadium"),
        ("festival", "opens", "10am", "12 July", "town park"),
        ("concert", "starts", "9pm", "Thursday", "concert hall"),
        ("parade", "leaves", "11am", "Monday", "town hall"),
        ("market", "opens", "8am", "Saturday", "square"),
        ("race", "starts", "9am", "4 May", "cathedral"),
        ("book fair", "opens", "10am", "Tuesday", "library"),
        ("quiz", "starts", "7.30pm", "Wednesday", "Red Lion"),
        ("choir", "sings", "6pm", "Sunday", "parish church"),
        ("exhibition", "opens", "11am", "1 June", "museum"),
        ("derby", "kicks off", "12.30pm", "Saturday", "county ground"),
        ("carnival", "begins", "2pm", "Monday", "seafront"),
        ("second leg", "kicks off", "7.45pm", "Wednesday", "county ground"),
        ("fair", "opens", "10am", "Sunday", "showground"),
    ]
]


@pytest.fixture
def small_public(monkeypatch):
    examples = checkworthiness.read_news()
    monkeypatch.setattr(checkworthiness, "public_examples", lambda: examples)
    return examples


@pytest.fixture
def model_file(tmp_path, small_public, monkeypatch):
    """A current model, trained on the small public set, written where the command will look."""
    path = tmp_path / "model.json"
    checkworthiness.save_model(checkworthiness.train(small_public).data, path)
    return path


def scores(path, sentences):
    model = scoring.Model.load(path)
    return [model.score(sentence) for sentence in sentences]


def test_training_writes_a_plain_json_model_with_its_held_out_figures(small_public, tmp_path):
    out = StringIO()
    path = tmp_path / "model.json"
    call_command("train_checkworthiness", output=path, stdout=out)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert 0 < data["threshold"] < 1
    assert data["figures"]["held_out"]["f1"] > 0.7
    assert "New model on the held-out part: precision" in out.getvalue()
    assert f"Wrote {path}" in out.getvalue()


def test_training_twice_gives_the_same_model(small_public, tmp_path):
    call_command("train_checkworthiness", output=tmp_path / "a.json", stdout=StringIO())
    call_command("train_checkworthiness", output=tmp_path / "b.json", stdout=StringIO())
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_dismissed_claims_teach_the_desk_what_is_not_worth_checking(model_file, editor, fact_checker):
    article = baker.make("factcheck.Article")
    taught, unseen = FIXTURE_ANNOUNCEMENTS[:-2], FIXTURE_ANNOUNCEMENTS[-2:]
    for position, text in enumerate(taught):
        claim = baker.make(Claim, article=article, text=text, position=position)
        claim.dismiss(by=editor, reason="Not worth checking: trivial or not in the public interest")
    # A dismissal for another reason (a duplicate) says nothing about check-worthiness.
    duplicate = baker.make(Claim, article=article, text="Unemployment fell to 3.9% in March.", position=99)
    duplicate.dismiss(by=editor, reason="Already checked: a duplicate of another claim")
    researched = baker.make(Claim, article=article, text="Bus fares rose by 12% in January.", position=100)
    researched.start_research(by=fact_checker)
    before = scores(model_file, unseen)

    out = StringIO()
    call_command("train_checkworthiness", "--with-desk-decisions", output=model_file, stdout=out)

    assert {(e.text, e.label) for e in checkworthiness.desk_examples()} == {
        *((text, 0) for text in taught),
        ("Bus fares rose by 12% in January.", 1),
    }
    after = scores(model_file, unseen)
    assert all(new < old for new, old in zip(after, before, strict=True)), (before, after, out.getvalue())
    assert "Current model on the same held-out part: precision" in out.getvalue()
    assert "the new model replaces the current one" in out.getvalue()


def test_claims_added_by_hand_are_positives(editor, small_public):
    article = baker.make("factcheck.Article", title="Budget", body="Ferry fares will rise by 8% in April.")
    article.add_claim("Ferry fares will rise by 8% in April.", by=editor)
    baker.make(Claim, article=article, text="An imported claim nobody touched.")
    assert [(e.text, e.label) for e in checkworthiness.desk_examples()] == [
        ("Ferry fares will rise by 8% in April.", 1)
    ]


def test_a_worse_new_model_does_not_replace_the_current_one(small_public, tmp_path, db):
    # The current model has seen every sentence, the held-out ones too, so no model trained
    # without them can beat it on them.
    path = tmp_path / "model.json"
    data = checkworthiness.fit(small_public)
    data["threshold"] = checkworthiness.measure(scoring.Model(data), small_public).threshold
    checkworthiness.save_model(data, path)
    current = path.read_bytes()

    out = StringIO()
    call_command("train_checkworthiness", "--with-desk-decisions", output=path, stdout=out)

    assert "the new model is worse, so the current model is kept" in out.getvalue()
    assert path.read_bytes() == current


@pytest.fixture
def without_research_data(monkeypatch, tmp_path):
    """Training as on a fresh clone: no CheckThat! data beside the project."""
    monkeypatch.setattr(checkworthiness, "SHARED", tmp_path / "no-shared-data")


def stacked_model_file(path, examples):
    """A current model with the committed transformer's share, fitted on `examples`."""
    data = checkworthiness.fit(examples)
    data["threshold"] = checkworthiness.measure(scoring.Model(data), examples).threshold
    data["stack"] = scoring.model().stack_data
    checkworthiness.save_model(data, path)
    return path


def test_retraining_a_model_with_the_transformer_keeps_it_without_the_research_data(
    small_public, without_research_data, tmp_path
):
    path = stacked_model_file(tmp_path / "model.json", small_public)
    spoken = json.loads(path.read_text(encoding="utf-8"))["stack"]["spoken"]
    call_command("train_checkworthiness", output=path, stdout=StringIO())
    stack = json.loads(path.read_text(encoding="utf-8"))["stack"]
    assert stack["spoken"] == spoken  # fitted on the research data: kept as it was
    model = scoring.Model.load(path)
    assert model.stack.path.exists()
    assert model.stack.consulted(0.0, spoken=True)
    assert not model.stack.consulted(0.0, spoken=False)  # articles: the wording model alone


def test_desk_decisions_refit_the_transformers_share_and_a_worse_model_is_not_kept(
    small_public, without_research_data, tmp_path, db
):
    # The current model has seen every sentence, the held-out ones too: the new one cannot beat it.
    path = stacked_model_file(tmp_path / "model.json", small_public)
    current = path.read_bytes()
    out = StringIO()
    call_command("train_checkworthiness", "--with-desk-decisions", output=path, stdout=out)
    assert "Current model on the same held-out part: precision" in out.getvalue()
    assert "the new model is worse, so the current model is kept" in out.getvalue()
    assert path.read_bytes() == current
