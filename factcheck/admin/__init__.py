"""The desk's admin, where fact-checkers and editors spend their day.

Every workflow step (take a claim, start research, dismiss, submit, send back,
publish, correct, merge actors) calls the model method that enforces the
desk's rules, so the admin can offer only buttons and actions and never
bypasses them: status, reviewer and publication dates are read-only here.
Submitting, sending back and publishing are submit buttons of the verdict form
(it is saved and validated first, so nothing typed is lost) or of the editor's
review screen (which keeps the comments typed when a step is refused).
Forms carry the version they were loaded at, and a save based on an older
version is refused with a form error instead of overwriting someone's work.
History is shown for every model but cannot be "reverted": going back on a
published verdict is a correction, never a silent edit.

One module per admin: ``claims`` (with ``repeats``), ``verdicts`` (with the editor's ``review``
screen), ``articles``, ``imports``, ``actors``, ``reports``, ``staff`` (accounts); the front page's
``dashboard``; and what they share in ``common``.
"""

from django.contrib import admin

from factcheck.admin import actors, articles, claims, dashboard, imports, reports, staff, verdicts  # noqa: F401 (registers)

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"
admin.site.index_title = "Today on the desk"
