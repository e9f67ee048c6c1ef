"""Transcripts through every door: files and folders, the admin's upload, paste and address; speakers become
claimants, confirmed once per transcript; bad transcripts are refused with nothing saved."""

import json
import shutil
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from factcheck.extraction.transcripts import timestamp
from factcheck.importer import import_text, import_url
from factcheck.models import Actor, Article, Claim, ImportJob, Speaker
from tests.news_server import base_url, serve
from tests.test_admin_import import IMPORT_PAGE, run_worker, upload

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"
GOLD = json.loads((TRANSCRIPTS / "gold.json").read_text(encoding="utf-8"))


def import_files(*paths):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_sentence_of_a_turn_is_its_speakers_no_moderator_is_a_claimant_and_times_are_right(db, name):
    import_files(TRANSCRIPTS / name)
    article = Article.objects.get()
    assert article.kind == Article.Kind.TRANSCRIPT
    speakers = {speaker.label: speaker for speaker in article.speakers.select_related("actor")}
    found, cursor = article.sentences(), 0
    for line in GOLD[name]["sentences"]:
        at = next(at for at in range(cursor, len(found)) if found[at].text == line["text"])
        sentence, cursor = found[at], at + 1
        speaker = speakers[sentence.speaker]
        if line["role"] == "moderator":
            assert speaker.role == Speaker.Role.MODERATOR, line["text"]
            assert not article.claims.filter(text=line["text"]).exists(), "a moderator's words are never a claim"
        else:
            assert line["speaker"] in speaker.actor.name.casefold().split(), line["text"]
        if line["at"]:
            assert timestamp(sentence.said_at) == line["at"], line["text"]
    for claim in article.claims.select_related("speaker"):
        assert (claim.claimant, claim.quotation) == (claim.speaker.actor, Claim.Quotation.QUOTE)


def test_a_transcripts_details_and_claims_say_who_said_what_where_and_when(db):
    import_files(TRANSCRIPTS / "harbour_debate.vtt")
    article = Article.objects.get()
    assert (article.title, article.venue, article.outlet, article.published_on) == (
        "Harbour City mayoral debate",
        Article.Venue.DEBATE,
        "Harbour TV",
        date(2026, 11, 4),
    )
    assert article.url == "https://www.youtube.com/watch?v=hcdebate26"
    claim = article.claims.get(text__startswith="Bus fares rose by 12 percent")
    assert claim.claimant.name == "Amara Okafor"
    assert (claim.said_on, claim.venue, claim.said_at) == (date(2026, 11, 4), "debate", timedelta(seconds=16))
    assert claim.context.splitlines() == [
        "Priya Raman: Good evening and welcome to the Harbour City mayoral debate. Councillor Okafor, the first "
        "question is for you: why did bus fares rise last year?",
        "Amara Okafor: Thank you, Priya. Bus fares rose by 12 percent in 2025 because the state cut its transit "
        "grant by $40 million. We kept every single route running.",
    ], "the previous turn, then the speaker's own"


def test_a_folder_of_captions_imports_each_and_a_reimport_changes_nothing(db, tmp_path):
    for name in ("harbour_debate.vtt", "harbour_debate.srt"):
        shutil.copy(TRANSCRIPTS / name, tmp_path / name)
    out, _ = import_files(tmp_path)
    assert "Articles: 2 created" in out
    claims = Claim.objects.count()
    out, _ = import_files(tmp_path)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert Claim.objects.count() == claims


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("WEBVTT\n\nNOTE no cues at all\n", "a WebVTT file with no cues"),
        ("WEBVTT\n\n00:00:01.000 -> 00:00:04.000\n<v Ana Ruiz>We cut taxes.\n", "line 3:"),
        (b"\x00\x01WEBVTT binary", "binary file"),
    ],
)
def test_a_bad_caption_file_is_refused_in_one_line_naming_it_and_nothing_is_saved(db, tmp_path, content, reason):
    bad = tmp_path / "broken.vtt"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError):
        import_files(bad)
    assert not Article.objects.exists()
    assert not Actor.objects.exists()
    assert not Speaker.objects.exists()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(bad), stdout=out, stderr=err)
    [line] = err.getvalue().strip().splitlines()
    assert line.startswith(f"{bad}: not imported — ")
    assert reason in line


def test_captions_naming_nobody_import_with_a_warning_to_set_claimants_by_hand(db, tmp_path):
    unnamed = tmp_path / "council.vtt"
    unnamed.write_text("WEBVTT\n\n00:00:02.000 --> 00:00:05.000\nUnemployment fell to 3.9 percent in March 2026.\n")
    out, _ = import_files(unnamed)
    assert "warning: no speaker is named in this transcript: set each claim's claimant by hand" in out
    claim = Claim.objects.get()
    assert (claim.claimant, claim.speaker, claim.said_at) == (None, None, timedelta(seconds=2))


def test_a_reimport_keeps_the_speakers_as_a_fact_checker_corrected_them(db, tmp_path):
    transcript = tmp_path / "debate.txt"
    text = (TRANSCRIPTS / "harbour_debate.txt").read_text()
    transcript.write_text(text)
    import_files(transcript)
    okafor = Speaker.objects.get(label="OKAFOR")
    full_name = Actor.objects.create(name="Amara Okafor")
    okafor.actor = full_name
    okafor.save()
    transcript.write_text(text + "[00:02:10] OKAFOR: The state cut its transit grant by 25 percent in 2024.\n")
    out, _ = import_files(transcript)
    assert "1 updated" in out
    new = Claim.objects.get(text="The state cut its transit grant by 25 percent in 2024.")
    assert (new.speaker, new.claimant) == (okafor, full_name)


def test_a_transcript_pasted_uploaded_or_at_an_address_imports_through_the_admin(client, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]
    client.force_login(editor)
    with serve() as server:
        response = client.post(
            IMPORT_PAGE,
            {
                "files": [upload("harbour_debate.srt", (TRANSCRIPTS / "harbour_debate.srt").read_bytes())],
                "text": (TRANSCRIPTS / "ferry_interview.txt").read_text(),
                "urls": f"{base_url(server)}/transcripts/harbour_debate.vtt",
            },
        )
        assert response.status_code == 302
        run_worker()
    items = ImportJob.objects.get().items.all()
    assert [item.status for item in items] == ["created"] * 3
    assert set(Article.objects.values_list("kind", flat=True)) == {Article.Kind.TRANSCRIPT}
    fetched = Article.objects.get(source_file__endswith="harbour_debate.vtt")
    uploaded = Article.objects.get(source_file__endswith="harbour_debate.srt")
    okafor = fetched.speakers.get(label="Amara Okafor").actor
    assert "amara okafor" in okafor.all_names_folded()
    assert uploaded.speakers.get(label="OKAFOR").actor == okafor, "one person in both transcripts"
    pasted = Article.objects.get(source_file__startswith="pasted/")
    assert pasted.claims.exists()
    assert set(pasted.claims.values_list("claimant__name", flat=True)) == {"Tomas Lindqvist"}


def test_a_transcript_at_an_address_links_readers_to_the_recording_its_source_line_names(db, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]
    with serve() as server:
        import_url(url=f"{base_url(server)}/transcripts/harbour_debate.txt")
    article = Article.objects.get()
    recording = "https://www.youtube.com/watch?v=hcdebate26"
    assert article.url == recording, "the recording, not the address the transcript was fetched from"
    claim = article.claims.exclude(said_at=None).first()
    assert claim.original_url == recording


def test_a_pasted_caption_file_that_cannot_be_read_is_refused_on_the_form(client, editor):
    client.force_login(editor)
    response = client.post(IMPORT_PAGE, {"text": "WEBVTT\n\n00:00:0x.000 --> 00:00:04.000\nHello.\n"})
    assert response.status_code == 200
    assert "This text cannot be imported: line 3:" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.fixture
def debate(db):
    import_text(text=(TRANSCRIPTS / "harbour_debate.txt").read_text(), source="harbour_debate.txt")
    return Article.objects.get()


def speakers_form(article, **changes) -> dict:
    data = {"form-TOTAL_FORMS": 0, "form-INITIAL_FORMS": 0}
    for index, speaker in enumerate(article.speakers.order_by("position", "pk")):
        actor, role = changes.get(speaker.label, (speaker.actor_id, speaker.role))
        data.update({f"form-{index}-id": speaker.pk, f"form-{index}-actor": actor or "", f"form-{index}-role": role})
        data["form-TOTAL_FORMS"] = data["form-INITIAL_FORMS"] = index + 1
    return data


def test_a_fact_checker_confirms_the_speakers_once_for_every_claim_of_the_transcript(client, fact_checker, debate):
    client.force_login(fact_checker)
    page = reverse("admin:factcheck_article_speakers", args=[debate.pk])
    assert client.get(page).status_code == 200
    full_name = Actor.objects.create(name="Dana Whitfield")
    response = client.post(page, {**speakers_form(debate, WHITFIELD=(full_name.pk, "speaker")), "confirm": "1"})
    assert response.status_code == 302
    claims = list(debate.claims.select_related("speaker"))
    assert claims
    assert all(claim.attribution_confirmed_by == fact_checker for claim in claims)
    whitfield = [claim for claim in claims if claim.speaker.label == "WHITFIELD"]
    assert whitfield
    assert {claim.claimant for claim in whitfield} == {full_name}
    assert {claim.quotation for claim in claims} == {Claim.Quotation.QUOTE}


def test_saving_the_speakers_without_confirming_credits_the_claims_but_confirms_none(client, fact_checker, debate):
    client.force_login(fact_checker)
    full_name = Actor.objects.create(name="Amara Okafor")
    page = reverse("admin:factcheck_article_speakers", args=[debate.pk])
    client.post(page, {**speakers_form(debate, OKAFOR=(full_name.pk, "speaker")), "save": "1"})
    okafor = Claim.objects.filter(speaker__label="OKAFOR")
    assert {claim.claimant for claim in okafor} == {full_name}
    assert not Claim.objects.filter(attribution_confirmed_at__isnull=False).exists()


def test_a_speakers_page_is_for_those_who_work_on_claims(client, django_user_model, debate):
    visitor = django_user_model.objects.create_user("visitor", is_staff=True)
    client.force_login(visitor)
    page = reverse("admin:factcheck_article_speakers", args=[debate.pk])
    assert client.get(page).status_code == 403
    assert client.post(page, {**speakers_form(debate), "confirm": "1"}).status_code == 403
    assert not Claim.objects.filter(attribution_confirmed_at__isnull=False).exists()


def test_merging_a_speakers_actor_into_another_keeps_them_speaking(editor, debate):
    okafor = Speaker.objects.get(label="OKAFOR")
    full_name = Actor.objects.create(name="Amara Okafor")
    full_name.merge([okafor.actor], by=editor)
    okafor.refresh_from_db()
    assert okafor.actor == full_name


def test_an_editor_correcting_a_transcripts_venue_moves_its_claims_there_too(client, editor, debate):
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_article_change", args=[debate.pk]),
        {
            "title": debate.title,
            "outlet": debate.outlet,
            "url": debate.url,
            "published_on": "2026-11-04",
            "venue": Article.Venue.BROADCAST,
        },
    )
    assert response.status_code == 302
    assert set(debate.claims.values_list("venue", flat=True)) == {"broadcast"}
