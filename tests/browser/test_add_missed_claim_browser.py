"""An editor adds a sentence the importer missed as a claim, in a real browser, under the site's CSP."""

from django.urls import reverse
from model_bakery import baker

from factcheck.models import Claim
from tests.browser.pages import log_in


def test_an_editor_adds_a_missed_sentence_from_the_article_page(browser, live_server, editor):
    article = baker.make(
        "factcheck.Article",
        title="Ferries",
        body="Ferry fares will rise by 8% in April.\nThe crossing was calm.",
        source_file="ferries.txt",
    )
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else 0)
    try:
        log_in(page, live_server, editor)

        page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[article.pk]))
        page.get_by_text("Sentences that are not claims").click()
        page.locator('button[value="The crossing was calm."]').click()
        page.wait_for_url("**/admin/factcheck/claim/*/change/")
        assert "Added as a claim." in page.content()
    finally:
        context.close()
    assert blocked == []
    assert Claim.objects.get(article=article).text == "The crossing was calm."
