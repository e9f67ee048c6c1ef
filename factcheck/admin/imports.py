"""Article imports in the admin: upload, paste or give addresses; each import's progress and result."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from factcheck.forms import ImportArticlesForm, empty_files_sentence
from factcheck.models import (
    ImportItem,
    ImportJob,
    staff_name,
)
from factcheck.tasks import import_item


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The "Import articles" page (add) and each import's progress page (change), for both roles.

    Submitting saves the job and its items and queues one background task per item
    (``factcheck.tasks.import_item``) in the same transaction; the progress page refreshes
    itself with htmx until every item has finished. Imports are records: never edited or deleted.
    """

    list_display = ["__str__", "submitter", "progress"]
    list_select_related = ["submitted_by"]
    # Said here as well as on the model: Django leaves Meta.ordering out of a query that counts (the
    # items below), and "Recent imports" then listed the oldest.
    ordering = ["-submitted_at", "-pk"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_count=Count("items"),
                unfinished_count=Count("items", filter=Q(items__status__in=ImportItem.UNFINISHED)),
                failed_count=Count("items", filter=Q(items__status=ImportItem.Status.FAILED)),
            )
        )

    @admin.display(description="Submitted by", ordering="submitted_by__first_name")
    def submitter(self, job):
        return job.submitted_by and staff_name(job.submitted_by)

    @admin.display(description="Progress")
    def progress(self, job):
        done = job.item_count - job.unfinished_count
        refused = f", {job.failed_count} refused" if job.failed_count else ""
        return f"{done} of {job.item_count} done{refused}"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportArticlesForm(request.POST, request.FILES) if request.method == "POST" else ImportArticlesForm()
        if form.is_bound and form.is_valid():
            job = self.submit(request, form)
            return HttpResponseRedirect(reverse("admin:factcheck_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import articles",
            "form": form,
            "opts": self.model._meta,
            "recent_jobs": self.get_queryset(request).select_related("submitted_by")[:5],
        }
        return TemplateResponse(request, "admin/factcheck/importjob/import_form.html", context)

    def submit(self, request, form) -> ImportJob:
        """Save the job and its items, and queue a task for each, all in one transaction."""
        items = [
            ImportItem(kind=ImportItem.Kind.FILE, name=upload.name[:1000], content=upload.read())
            for upload in form.cleaned_data["files"]
        ]
        if form.cleaned_data["text"].strip():
            items.append(
                ImportItem(
                    kind=ImportItem.Kind.TEXT,
                    name="Pasted text",
                    content=form.cleaned_data["text"].encode(),
                    outlet=form.cleaned_data["outlet"].strip(),
                    published_on=form.cleaned_data["published_on"],
                    url=form.cleaned_data["url"],
                )
            )
        items += [ImportItem(kind=ImportItem.Kind.URL, name=url) for url in form.cleaned_data["urls"]]
        with transaction.atomic():
            job = ImportJob.objects.create(submitted_by=request.user)
            for item in items:
                item.job = job
                item.save()
                item.task_id = str(import_item.enqueue(item.pk).id)
                item.save(update_fields=["task_id"])
        self.message_user(request, f"{len(items)} article(s) queued for import. This page shows their progress.")
        if form.empty_files:
            self.message_user(request, f"Not imported: {empty_files_sentence(form.empty_files)}.", messages.WARNING)
        return job

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is None or not self.has_view_permission(request, job):
            raise PermissionDenied
        items = list(job.items.select_related("article").defer("content"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import #{job.pk}",
            "job": job,
            "items": items,
            "task_errors": task_errors(items),
            "counts": job.outcome_counts(),
            "finished": all(item.status not in ImportItem.UNFINISHED for item in items),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/factcheck/importjob/progress.html", context)


def task_errors(items) -> dict[int, str]:
    """For unfinished items whose background task failed outright, the error's last line, by item id."""
    from django.tasks import TaskResultStatus
    from django.tasks.exceptions import TaskResultDoesNotExist

    errors = {}
    for item in items:
        if item.status not in ImportItem.UNFINISHED or not item.task_id:
            continue
        try:
            result = import_item.get_backend().get_result(item.task_id)
        except TaskResultDoesNotExist:
            continue
        if result.status == TaskResultStatus.FAILED and result.errors:
            errors[item.pk] = result.errors[-1].traceback.strip().splitlines()[-1]
    return errors
