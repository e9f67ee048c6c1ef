"""Proposals in the admin: an editor's changes to someone else's verdict go to its authors, who see them
word by word on the verdict's page and accept or reject them in one click (see models/proposals.py).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from factcheck.admin.common import perform
from factcheck.admin.review import substance_diff
from factcheck.models import Claim, Source, Verdict, VerdictProposal, staff_name


def proposes(user, verdict: Verdict | None) -> bool:
    """Whether `user`'s changes to the verdict's words go to its authors as a proposal: an editor (who may
    publish) changing an unpublished verdict someone else wrote. With FACTCHECK_SOLO_CORRECTIONS a lone
    editor writes into a correction directly, as before (there may be nobody left to answer)."""
    if verdict is None or verdict.pk is None or verdict.published_at:
        return False
    if not user.has_perm("factcheck.publish_verdict"):
        return False
    if settings.FACTCHECK_SOLO_CORRECTIONS and verdict.corrects_id:
        return False
    return user.pk not in {author.pk for author in verdict.authors()}


def substance_locked(user, verdict: Verdict | None) -> bool:
    """True while a proposal waits for an answer and `user` would propose too: their changes would need a
    second proposal, so the verdict's words are read-only to them until the first is answered or withdrawn."""
    return proposes(user, verdict) and verdict.open_proposal() is not None


def proposed_sources(formset) -> list[dict]:
    """The sources as the editor left them on the form (kept, changed and added, in order)."""
    sources = []
    for form in formset.forms:
        if form.instance.pk is None and not form.has_changed():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        data = form.cleaned_data
        sources.append(
            {
                "id": form.instance.pk,
                "title": data["title"],
                "publisher": data.get("publisher") or "",
                "url": data["url"],
                "accessed_on": data["accessed_on"].isoformat(),
            }
        )
    return sources


class ProposalsAdminMixin:
    """VerdictAdmin's part in proposals: the editor's save becomes a proposal, and the buttons that
    accept, reject or withdraw one."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if substance_locked(request.user, obj):
            readonly += [name for name in Verdict.SUBSTANCE if name not in readonly]
        if proposes(request.user, obj):
            # A proposal carries the verdict's words and sources; a correction's claim wording is written
            # by the correction's authors, whom the editor asks (the claim's wording is theirs to sign).
            readonly += [name for name in Claim.WORDING.values() if name not in readonly]
        return readonly

    def save_model(self, request, obj, form, change):
        """For an editor changing someone else's verdict, keep the verdict's words as stored (the changes are
        proposed in save_related) and save only the rest: internal notes, review comments."""
        if change and proposes(request.user, obj):
            stored = Verdict.objects.get(pk=obj.pk)
            request.proposed_changes = {
                name: getattr(obj, name)
                for name in Verdict.SUBSTANCE
                if name in form.cleaned_data and getattr(obj, name) != getattr(stored, name)
            }
            for name in request.proposed_changes:
                setattr(obj, name, getattr(stored, name))
            if not set(form.changed_data) - {*Verdict.SUBSTANCE, "version"}:
                return  # nothing of its own to save
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        verdict = form.instance
        if not (change and proposes(request.user, verdict)):
            return super().save_related(request, form, formsets, change)
        form.save_m2m()
        for formset in formsets:  # not saved: what they hold is proposed (the admin's log reads these)
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        sources = next(
            (proposed_sources(formset) for formset in formsets if formset.model is Source and formset.has_changed()),
            None,
        )
        changes = getattr(request, "proposed_changes", {})
        if not changes and sources is None:
            return None
        author = staff_name(verdict.author)
        request.proposal_made = perform(
            self,
            request,
            lambda: verdict.propose_changes(by=request.user, changes=changes, sources=sources),
            done=(
                f"Your changes are not in the verdict yet: they went to {author} as a proposal, to accept or "
                f"reject. Once {author} accepts them, you can publish it."
            ),
        )
        return None

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/proposal/<int:proposal_pk>/<str:decision>/",
                wrap(require_POST(self.proposal_view)),
                name="factcheck_verdict_proposal",
            ),
            *super().get_urls(),
        ]

    def proposal_view(self, request, pk, proposal_pk, decision):
        """Accept, reject or withdraw a proposal (the page it was shown on carries the verdict's version)."""
        proposal = get_object_or_404(
            VerdictProposal.objects.select_related("verdict", "proposed_by"), pk=proposal_pk, verdict_id=pk
        )
        version = int(request.POST.get("version") or 0)
        proposer = staff_name(proposal.proposed_by)
        steps = {
            "accept": (
                lambda: proposal.accept(by=request.user, version=version),
                f"Accepted: {proposer}'s changes are in the verdict, as yours.",
            ),
            "reject": (
                lambda: proposal.reject(by=request.user, answer=request.POST.get("answer", ""), version=version),
                f"Rejected: the verdict stays as it was; {proposer} sees that you said no.",
            ),
            "withdraw": (lambda: proposal.withdraw(by=request.user), "Your proposal is withdrawn."),
        }
        if decision not in steps:
            raise PermissionDenied("Unknown decision.")
        step, done = steps[decision]
        perform(self, request, step, done=done)
        return HttpResponseRedirect(reverse("admin:factcheck_verdict_change", args=[pk]))

    def proposal_context(self, request, verdict: Verdict) -> dict:
        """What the verdict's page shows of proposals: the open one (its word-level diff and the buttons
        `request.user` may press), else the latest answered one, and whether a save here would propose."""
        user = request.user
        proposal = verdict.open_proposal()
        latest = None if proposal else verdict.proposals.select_related("proposed_by", "decided_by").first()
        context = {
            "proposing": proposes(user, verdict) and proposal is None,
            "proposal": proposal,
            "latest_proposal": latest,
        }
        if proposal is not None:
            context.update(
                {
                    "proposal_diff": substance_diff(verdict.substance(), proposal.proposed_substance()),
                    "may_answer": user.pk != proposal.proposed_by_id
                    and user.pk in {author.pk for author in verdict.authors()},
                    "may_withdraw": user.pk == proposal.proposed_by_id,
                }
            )
        return context
