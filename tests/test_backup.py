"""A backup of the desk, restored, gives back every row of every table, history included.

Runs on whichever database the suite uses: pg_dump/pg_restore on PostgreSQL,
SQLite's backup API on SQLite. The tests commit for real (transaction=True),
because pg_dump reads from its own connection and only sees committed rows.
"""

import stat
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from model_bakery import baker

from factcheck.backup import BackupError, backup_desk, restore_desk
from factcheck.models import Actor, Article, Claim, Source, Verdict

pytestmark = pytest.mark.django_db(transaction=True)


def every_row():
    """Every row of every table Django knows, history, auth, sessions and lockouts included."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture
def desk(fact_checker, editor):
    """A claim with a draft verdict and a source, edited once, so history has several rows."""
    claim = baker.make(Claim, text="Unemployment fell to 3.9% in March.")
    verdict = Verdict.objects.create(claim=claim, author=fact_checker, rating=Verdict.Rating.FALSE, summary="No.")
    Source.objects.create(
        verdict=verdict, title="Labour force survey", url="https://stats.example/lfs", accessed_on=date(2026, 4, 2)
    )
    claim.refresh_from_db()
    claim.text = "Unemployment fell to 3.9% in March, the minister said."
    claim.save()
    return claim


def spoil(claim):
    """What a bad day does: work deleted, work changed, something new."""
    Source.objects.all().delete()
    Verdict.objects.all().delete()
    Claim.objects.filter(pk=claim.pk).update(text="Overwritten by mistake")
    get_user_model().objects.create_user(username="intruder")


def test_a_restored_backup_gives_back_every_row_history_included(desk, tmp_path):
    before = every_row()
    assert len(before["factcheck.HistoricalClaim"]) >= 2
    assert len(before["factcheck.HistoricalVerdict"]) == 1
    assert len(before["factcheck.HistoricalSource"]) == 1

    backup_desk(path=tmp_path / "desk.backup")
    spoil(desk)
    assert every_row() != before
    restore_desk(path=tmp_path / "desk.backup")

    assert every_row() == before


def test_the_desk_takes_new_work_after_a_restore(desk, tmp_path):
    backup_desk(path=tmp_path / "desk.backup")
    restore_desk(path=tmp_path / "desk.backup")
    # Sequences (PostgreSQL) and rowids (SQLite) must come back too, or the
    # next insert would collide with a restored row.
    new_claim = baker.make(Claim)
    assert new_claim.pk > desk.pk
    assert Claim.history.filter(id=new_claim.pk).exists()


def test_readers_get_the_restored_desk_not_pages_cached_before_the_restore(desk, tmp_path, client):
    """The shared page cache outlives the app servers stopped for a restore."""
    cache.clear()
    backup_desk(path=tmp_path / "desk.backup")
    baker.make(Article, title="Imported after the backup")
    assert "Imported after the backup" in client.get("/articles/").text
    assert client.get("/articles/")["X-Page-Cache"] == "hit"

    restore_desk(path=tmp_path / "desk.backup")

    assert "Imported after the backup" not in client.get("/articles/").text


def test_only_the_owner_can_read_a_backup(desk, tmp_path):
    path = backup_desk(path=tmp_path / "desk.backup")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(desk, tmp_path):
    before = every_row()
    not_a_backup = tmp_path / "claims.csv"
    not_a_backup.write_text("text,claimant\nUnemployment fell,Minister\n")
    with pytest.raises(BackupError, match="is not"):
        restore_desk(path=not_a_backup)
    with pytest.raises(BackupError, match="No backup"):
        restore_desk(path=tmp_path / "missing.backup")
    assert every_row() == before


def test_the_commands_back_up_and_restore_the_desk(desk, tmp_path, capsys):
    path = tmp_path / "nightly" / "desk.backup"
    call_command("backup_desk", str(path))
    assert "Backed up the desk" in capsys.readouterr().out
    Actor.objects.create(name="Added after the backup")
    call_command("restore_desk", str(path), "--no-input")
    assert not Actor.objects.filter(name="Added after the backup").exists()


def test_restore_asks_before_replacing_the_desk(desk, tmp_path, monkeypatch):
    path = tmp_path / "desk.backup"
    call_command("backup_desk", str(path))
    Actor.objects.create(name="Added after the backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore_desk", str(path))
    assert Actor.objects.filter(name="Added after the backup").exists()
