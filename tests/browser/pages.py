"""What the browser tests share: logging in to the admin and asking axe-core what it finds."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Page, expect

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# The password of the shared cast of users (tests/conftest.py).
PASSWORD = "correct horse battery"


def log_in(page: Page, live_server, user) -> None:
    """Log `user` in to the admin through its login form, as a person would."""
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(live_server.url + reverse("admin:index"))


def axe_violations(page: Page) -> list[str]:
    """Everything axe-core finds on the page, of any impact (WCAG 2.2 A/AA and best practice), one line each."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
        })"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
