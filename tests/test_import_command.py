import os
import signal
import socket
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factcheck.models import Actor, Article, Claim

GOOD = "Budget passes\n\nThe council voted 5-4 on Tuesday to approve a $212 million budget, officials said.\n"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_summary_counts_articles_claims_and_actors(db, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out, _ = run(str(tmp_path))
    assert "Articles: 1 created, 0 updated, 0 unchanged, 0 failed. Claims: 1 created." in out
    out, _ = run(str(tmp_path))
    assert "Articles: 0 created, 0 updated, 1 unchanged, 0 failed." in out


def test_a_bad_file_gets_one_line_and_a_non_zero_exit_but_others_import(db, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00binary")
    missing = tmp_path / "missing.txt"
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 3 files could not be imported") as raised:
        call_command("import_seeds", str(tmp_path), str(missing), stdout=StringIO(), stderr=err)
    assert raised.value.returncode == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert all("not imported —" in line for line in lines)
    assert "missing.txt: not imported — no such file" in lines[1]
    assert "Traceback" not in err.getvalue()
    assert Article.objects.count() == 1


def test_dry_run_shows_what_would_be_created_and_writes_nothing(db, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out, _ = run("--dry-run", str(tmp_path))
    assert "[dry run, would be]" in out
    assert "created “Budget passes” with 1 new claims" in out
    assert "Dry run, nothing written." in out
    assert (Article.objects.count(), Claim.objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_many_files_show_progress_on_stderr(db, tmp_path):
    for number in range(25):
        (tmp_path / f"{number:02}.txt").write_text(
            f"Story {number}\n\nExports rose {number}% in 2025, officials said.\n"
        )
    out, err = run(str(tmp_path))
    assert "25/25 files" in err
    assert "Articles: 25 created" in out


def test_without_paths_it_imports_the_seeds_folder(db):
    out, _ = run()
    assert "Articles: 2 created" in out


@pytest.fixture
def gives_up_after_20_seconds():
    """A command that blocks (reading a pipe nobody writes to) fails the test instead of hanging the suite."""

    def stuck(signum, frame):
        raise TimeoutError("the command was still running after 20 seconds")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_only_regular_files_are_read_and_each_other_kind_gets_a_line_naming_it(db, tmp_path, gives_up_after_20_seconds):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    outside = tmp_path / "private.txt"
    outside.write_text("Private notes\n\nThe council voted 6-3 to sell the depot for $40 million, officials said.\n")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "notes.txt").symlink_to(outside)
    (folder / "more").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "socket.txt"))
    err = StringIO()
    try:
        with pytest.raises(CommandError, match="6 of 7 files could not be imported") as raised:
            call_command("import_seeds", str(folder), "/dev/null", stdout=StringIO(), stderr=err)
    finally:
        listening.close()
    assert raised.value.returncode == 1
    lines = sorted(err.getvalue().strip().splitlines())
    links = "is a symbolic link; links are never followed: import what it points to by its own path"
    assert lines == [
        "/dev/null: not imported — is a device, not a regular file; not read",
        f"{folder}/more: not imported — {links}",
        f"{folder}/notes.txt: not imported — {links}",
        f"{folder}/passwd.txt: not imported — {links}",
        f"{folder}/pipe.txt: not imported — is a named pipe (FIFO), not a regular file; not read",
        f"{folder}/socket.txt: not imported — is a socket, not a regular file; not read",
    ]
    assert list(Article.objects.values_list("title", flat=True)) == ["Budget passes"]


def test_a_pipe_named_alone_is_refused_without_waiting_for_a_writer(db, tmp_path, gives_up_after_20_seconds):
    os.mkfifo(tmp_path / "pipe.txt")
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        call_command("import_seeds", str(tmp_path / "pipe.txt"), stdout=StringIO(), stderr=err)
    assert "pipe.txt: not imported — is a named pipe (FIFO), not a regular file; not read" in err.getvalue()


def test_a_link_named_alone_is_refused_even_to_a_good_article(db, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        call_command("import_seeds", str(tmp_path / "link.txt"), stdout=StringIO(), stderr=err)
    assert "link.txt: not imported — is a symbolic link; links are never followed" in err.getvalue()
    assert Article.objects.count() == 0


def test_a_file_of_400_000_div_tags_is_refused_at_once_and_nothing_is_saved(db, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "divs.txt").write_text("Title\n\n" + "<div>x</div>" * 170_000)
    err = StringIO()
    started = time.monotonic()
    with pytest.raises(CommandError, match="1 of 2 files could not be imported"):
        call_command("import_seeds", str(tmp_path), stdout=StringIO(), stderr=err)
    assert time.monotonic() - started < 10
    assert f"{tmp_path}/divs.txt: not imported — too long to be an article (2,040,007 characters" in err.getvalue()
    assert list(Article.objects.values_list("title", flat=True)) == ["Budget passes"]
