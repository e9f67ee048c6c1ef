"""Two editors acting on the same claim at the same moment, in real concurrent transactions.

PostgreSQL only: it is the production database, and SQLite serialises every
writer anyway. Each editor runs in their own thread with their own database
connection; a barrier releases them together.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from factcheck.models import Verdict

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def at_once(*actions):
    """Run each action in its own thread and connection, all released together; return what each
    returned or raised."""
    barrier = threading.Barrier(len(actions))

    def run(action):
        try:
            barrier.wait()
            return action()
        except Exception as refusal:
            return refusal
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(run, actions))


def refusals(outcomes):
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]


def fresh(verdict):
    return Verdict.objects.get(pk=verdict.pk)


def test_two_editors_publishing_the_same_verdict_at_once_one_wins_the_other_is_told(
    submitted_verdict, editor, second_editor
):
    mine, theirs = fresh(submitted_verdict), fresh(submitted_verdict)
    outcomes = at_once(lambda: mine.publish(by=editor), lambda: theirs.publish(by=second_editor))

    [refusal] = refusals(outcomes)
    assert isinstance(refusal, ValidationError)
    assert "already published by" in refusal.message
    assert Verdict.objects.filter(claim=submitted_verdict.claim, is_current=True).count() == 1
    assert fresh(submitted_verdict).reviewer in (editor, second_editor)


def test_two_editors_starting_a_correction_at_once_get_one_correction(published_verdict, editor, second_editor):
    mine, theirs = fresh(published_verdict), fresh(published_verdict)
    outcomes = at_once(lambda: mine.start_correction(by=editor), lambda: theirs.start_correction(by=second_editor))

    [refusal] = refusals(outcomes)
    assert isinstance(refusal, ValidationError)
    assert "has already started a correction" in refusal.message
    assert Verdict.objects.filter(corrects=published_verdict).count() == 1


def test_two_editors_publishing_the_same_correction_at_once_leave_one_current_verdict(
    published_verdict, editor, second_editor, django_user_model
):
    correction = published_verdict.start_correction(by=editor)
    correction.correction_note = "The figure was revised; the rating changes."
    correction.save()
    correction.submit_for_review(by=editor)
    third_editor = django_user_model.objects.create_user("erin", is_staff=True)
    third_editor.groups.add(*editor.groups.all())

    mine, theirs = fresh(correction), fresh(correction)
    outcomes = at_once(lambda: mine.publish(by=second_editor), lambda: theirs.publish(by=third_editor))

    [refusal] = refusals(outcomes)
    assert isinstance(refusal, ValidationError)
    current = Verdict.objects.filter(claim=published_verdict.claim, is_current=True)
    assert list(current) == [correction]
    assert fresh(published_verdict).published_at is not None
