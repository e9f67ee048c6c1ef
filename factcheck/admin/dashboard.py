"""The admin's front page: changes proposed to me, my drafts, what came back to me, what waits for my review,
the repeats nobody has decided on, and what each person on the desk has on their plate."""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from factcheck.admin.common import staff_load
from factcheck.admin.verdicts import authors_line
from factcheck.models import (
    Claim,
    ClaimMatch,
    ReaderReport,
    Verdict,
    VerdictChange,
    VerdictProposal,
    staff_name,
)
from factcheck.models.reviews import editors


def dashboard(request) -> dict:
    """What the desk dashboard on the admin index shows: counts by status, then the verdicts that
    need the user (my drafts, sent back to me, waiting for my review) and those waiting longest.

    Each row carries its verdict's authors, its age and the next action, with a link to take it.
    """
    user = request.user
    counts = dict(Claim.objects.order_by().values_list("status").annotate(Count("pk")))
    verdicts = Verdict.objects.select_related("claim", "author").prefetch_related(
        Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by")),
        Prefetch(
            "proposals",
            queryset=VerdictProposal.objects.filter(state=VerdictProposal.State.OPEN).select_related("proposed_by"),
            to_attr="open_proposals",
        ),
    )
    mine = verdicts.drafts().authored_by(user)
    waiting = verdicts.waiting_for_review()
    may_review = user.has_perm("factcheck.publish_verdict")
    proposed_to_me = (
        VerdictProposal.objects.filter(state=VerdictProposal.State.OPEN, verdict__in=Verdict.objects.authored_by(user))
        .exclude(proposed_by=user)
        .select_related("verdict__claim", "proposed_by")
        .order_by("proposed_at", "pk")[:10]
    )
    reports = (
        dict(ReaderReport.objects.filter(handled=False).order_by().values_list("kind").annotate(Count("pk")))
        if user.has_perm("factcheck.view_readerreport")
        else {}
    )
    return {
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices],
        "undecided_repeats": undecided_repeats(),
        # What readers sent that nobody has handled yet: an error report may need a correction.
        "unhandled_reports": [(kind, reports[kind]) for kind in ReaderReport.Kind if reports.get(kind)],
        "queues": [
            {
                "id": "desk-proposals",
                "title": "Changes proposed to me",
                "empty": "Nobody has proposed changes to your verdicts.",
                "who": "Proposed by",
                "rows": [
                    {
                        "verdict": proposal.verdict,
                        "authors": staff_name(proposal.proposed_by),
                        "since": proposal.proposed_at,
                        "action": "See the changes; accept or reject them",
                        "url": reverse("admin:factcheck_verdict_change", args=[proposal.verdict_id]),
                    }
                    for proposal in proposed_to_me
                ],
            },
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
        "load": staff_load(),
    }


def undecided_repeats() -> list[tuple[str, str, int]]:
    """(state, what it means, how many claims) for the repeats nobody has decided on, as the claim list's
    "Repeat" filter counts them: a claim with a suggestion among its links is counted as suggested, and a
    dismissed claim not at all."""
    suggested = Q(state=ClaimMatch.State.SUGGESTED)
    also_suggested = Exists(ClaimMatch.objects.filter(suggested, claim=OuterRef("claim")))
    counts = (
        ClaimMatch.objects.open()
        .exclude(claim__status=Claim.Status.DISMISSED)
        .aggregate(
            suggested=Count("claim", distinct=True, filter=suggested),
            linked=Count("claim", distinct=True, filter=Q(state=ClaimMatch.State.LINKED) & ~also_suggested),
        )
    )
    found = [
        (ClaimMatch.State.SUGGESTED, "suggested as a repeat", counts["suggested"]),
        (ClaimMatch.State.LINKED, "linked automatically: readers see them as already checked", counts["linked"]),
    ]
    return [(state, label, count) for state, label, count in found if count]


def dashboard_rows(verdicts, user) -> list[dict]:
    """One dashboard row per verdict: its authors, its age and what `user` should do next (with where)."""
    rows = []
    may_review = user.has_perm("factcheck.publish_verdict")
    editor_pks = None  # read once, and only when a row needs it
    for verdict in verdicts:
        since = verdict.submitted_at or verdict.sent_back_at or verdict.updated_at
        # Judged on the prefetched authors, without a query per row; the review screen's
        # buttons (and the model behind them) make the real check.
        author_pks = {person.pk for person in verdict.authors()}
        wrote_it = user.pk in author_pks
        if verdict.in_review and wrote_it and editor_pks is None:
            editor_pks = set(editors().values_list("pk", flat=True))
        change = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        proposal = next(iter(getattr(verdict, "open_proposals", [])), None)
        if proposal is not None and proposal.proposed_by_id == user.pk:
            action, url = f"Wait for {staff_name(verdict.author)}'s answer to your proposed changes", change
        elif proposal is not None and wrote_it:
            action, url = f"Answer {staff_name(proposal.proposed_by)}'s proposed changes", change
        elif verdict.in_review and may_review and not wrote_it:
            action, url = "Review it", reverse("admin:factcheck_verdict_review", args=[verdict.pk])
        elif verdict.in_review and wrote_it and not editor_pks - author_pks:
            action, url = "Nobody can review it yet: every editor on the desk wrote it", change
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
