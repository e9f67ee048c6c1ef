"""Outside check: Google's and the social networks' view of a fact-check page, with structured-data-testing-tool.

The tool (an npm package) lives in tools/sdtt/node_modules, installed by `make sdtt` (CI runs it);
these tests are skipped where it is not installed. Each page must pass every test of the
Google preset (ClaimReview) and the SocialMedia preset (Open Graph and Twitter cards) with
no failure and no warning.
"""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from factcheck.models import Verdict
from tests.public_factories import correct, make_actor, make_article, make_claim, publish

SDTT = Path(settings.BASE_DIR) / "tools" / "sdtt" / "node_modules" / ".bin" / "sdtt"

pytestmark = pytest.mark.skipif(not SDTT.exists(), reason="structured-data-testing-tool is not installed: make sdtt")


@pytest.fixture
def pages(db, fact_checker, editor, organization, tmp_path):
    """A published and a corrected fact-check, and the claim list, saved as the tool will read them."""
    organization.update(name="Riverton Fact Check", social_handle="@rivertonfacts")
    minister = make_actor(name="Helen Carter", description="Minister of Finance")
    article = make_article(title="Carter defends spring budget", outlet="The Riverton Herald")
    published = make_claim(
        text="Unemployment is at its lowest level in fifty years.", article=article, claimant=minister
    )
    publish(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_TRUE)
    corrected = make_claim(text="Taxes on working families have never been higher.", article=article, claimant=minister)
    first = publish(corrected, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    correct(first, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_FALSE, note="Wrong tax year.")
    return {"published": published.get_absolute_url(), "corrected": corrected.get_absolute_url()}


def run_sdtt(client, path: str, presets: str, tmp_path) -> dict[str, int]:
    response = client.get(path)
    assert response.status_code == 200
    page = tmp_path / "page.html"
    page.write_bytes(response.content)
    result = subprocess.run(
        [str(SDTT), "--file", str(page), "--presets", presets],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = result.stdout + result.stderr
    counts = {name: int(re.search(rf"{name}: (\d+)", report).group(1)) for name in ["Passed", "Warnings", "Failed"]}
    assert result.returncode == 0, report
    return counts | {"report": report}


@pytest.mark.parametrize("page", ["published", "corrected"])
@pytest.mark.parametrize("presets", ["Google", "SocialMedia"])
def test_a_fact_check_page_passes_with_no_failure_and_no_warning(client, pages, tmp_path, page, presets):
    counts = run_sdtt(client, pages[page], presets, tmp_path)
    assert counts["Failed"] == 0, counts["report"]
    assert counts["Warnings"] == 0, counts["report"]
    assert counts["Passed"] >= (9 if presets == "Google" else 15), counts["report"]


def test_the_claim_list_passes_the_social_media_preset(client, pages, tmp_path):
    counts = run_sdtt(client, "/claims/", "SocialMedia", tmp_path)
    assert (counts["Failed"], counts["Warnings"]) == (0, 0), counts["report"]
    assert counts["Passed"] == 15  # 8 Open Graph and 7 Twitter card tests
