"""The admin's front page: my drafts, what came back to me, what waits for my review."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.urls import reverse

from factcheck.admin.verdicts import authors_line
from factcheck.models import (
    Claim,
    Verdict,
    VerdictChange,
)


def dashboard(request) -> dict:
    """What the desk dashboard on the admin index shows: counts by status, then the verdicts that
    need the user (my drafts, sent back to me, waiting for my review) and those waiting longest.

    Each row carries its verdict's authors, its age and the next action, with a link to take it.
    """
    user = request.user
    counts = dict(Claim.objects.order_by().values_list("status").annotate(Count("pk")))
    verdicts = Verdict.objects.select_related("claim", "author").prefetch_related(
        Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by"))
    )
    mine = verdicts.drafts().authored_by(user)
    waiting = verdicts.waiting_for_review()
    may_review = user.has_perm("factcheck.publish_verdict")
    return {
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices],
        "queues": [
            {
                "id": "desk-drafts",
                "title": "My drafts",
                "empty": "No drafts. Pick a claim to check from the new claims.",
                "rows": dashboard_rows(mine.filter(sent_back_at__isnull=True).order_by("-updated_at")[:10], user),
            },
            {
                "id": "desk-sent-back",
                "title": "Sent back to me with comments",
                "empty": "Nothing was sent back to you.",
                "rows": dashboard_rows(mine.filter(sent_back_at__isnull=False).order_by("sent_back_at")[:10], user),
                "comments": True,
            },
            *(
                [
                    {
                        "id": "desk-my-review",
                        "title": "Waiting for my review",
                        "empty": "Nothing is waiting for you to review.",
                        "rows": dashboard_rows(
                            waiting.exclude(pk__in=Verdict.objects.authored_by(user).values("pk"))[:10], user
                        ),
                    }
                ]
                if may_review
                else []
            ),
            {
                "id": "desk-review",
                "title": "Waiting longest for review",
                "empty": "Nothing is waiting for review.",
                "rows": dashboard_rows(waiting[:10], user),
            },
        ],
        "my_claims": Claim.objects.assigned_to(user)
        .filter(status__in=[Claim.Status.NEW, Claim.Status.RESEARCHING])
        .select_related("article")[:10],
    }


def dashboard_rows(verdicts, user) -> list[dict]:
    """One dashboard row per verdict: its authors, its age and what `user` should do next (with where)."""
    rows = []
    may_review = user.has_perm("factcheck.publish_verdict")
    for verdict in verdicts:
        since = verdict.submitted_at or verdict.sent_back_at or verdict.updated_at
        # Judged on the prefetched authors, without a query per row; the review screen's
        # buttons (and the model behind them) make the real check.
        wrote_it = user.pk in {person.pk for person in verdict.authors()}
        change = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        if verdict.in_review and may_review and not wrote_it:
            action, url = "Review it", reverse("admin:factcheck_verdict_review", args=[verdict.pk])
        elif verdict.in_review:
            action, url = "Wait for another editor's review" if wrote_it else "Wait for an editor's review", change
        elif verdict.sent_back:
            action, url = "Answer the comments, then submit again", change
        else:
            action, url = "Finish it and submit for review", change
        rows.append(
            {"verdict": verdict, "authors": authors_line(verdict), "since": since, "action": action, "url": url}
        )
    return rows


_index = admin.site.index


def index_with_dashboard(request, extra_context=None):
    """The admin index with the editor dashboard above the list of models."""
    if request.user.has_perm("factcheck.view_claim"):
        extra_context = {**dashboard(request), **(extra_context or {})}
    return _index(request, extra_context)


admin.site.index = index_with_dashboard
