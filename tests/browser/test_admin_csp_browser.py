"""The admin works under the site's Content-Security-Policy, in a real browser.

Django's admin loads its JavaScript from /static/ and tags it with the CSP
nonce; this logs in and uses that JavaScript (slug prepopulation, inline rows,
the change list) and fails on anything the browser reports the policy blocked.
"""

from django.urls import reverse

from tests.browser.pages import log_in


def test_the_admin_works_under_the_content_security_policy(browser, live_server, editor):
    editor.is_superuser = True
    editor.save()
    # A context of its own that enforces CSP: the shared one bypasses it for axe.
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else 0)
    try:
        log_in(page, live_server, editor)

        page.goto(live_server.url + reverse("admin:factcheck_actor_add"))
        page.locator("#id_name").press_sequentially("Jane Q. Minister")
        assert page.input_value("#id_slug") == "jane-q-minister", "prepopulated_fields JavaScript did not run"

        page.goto(live_server.url + reverse("admin:factcheck_verdict_add"))
        rows = page.locator(".dynamic-sources").count()
        page.click(".add-row a")
        assert page.locator(".dynamic-sources").count() == rows + 1, "inline 'add another' JavaScript did not run"

        page.goto(live_server.url + reverse("admin:factcheck_claim_changelist"))
        assert page.locator("#changelist").is_visible()
    finally:
        context.close()
    assert blocked == []
