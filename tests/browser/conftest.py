"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

Never downloads a browser: the tests are skipped when /usr/bin/chromium is absent.
"""

import os
from datetime import date
from pathlib import Path

import pytest

from factcheck.models import Actor, Claim, Verdict

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an asyncio event loop in the main thread for the
# whole session, which trips Django's guard against database calls from async
# code in every later test. Nothing here is really async, so the guard is off.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The axe script is injected inline; the site's own CSP must not stop the test tool.
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def newsroom(transactional_db, django_user_model):
    """A small, realistic desk: claims in every status, ratings across the scale, one correction."""
    from tests.public_factories import correct, make_actor, make_article, make_claim, publish

    author = django_user_model.objects.create_user(username="mlopez", first_name="Maria", last_name="López")
    reviewer = django_user_model.objects.create_user(username="jchen", first_name="James", last_name="Chen")
    minister = make_actor(
        name="Helen Carter", slug="helen-carter", description="Minister of Finance", kind=Actor.Kind.PERSON
    )
    mayor = make_actor(name="Omar Haddad", slug="omar-haddad", description="Mayor of Riverton")
    union = make_actor(
        name="Transport Workers' Union", slug="transport-workers-union", kind=Actor.Kind.ORGANIZATION, description=""
    )
    budget = make_article(
        title="Carter defends spring budget as unemployment figures are released",
        slug="carter-defends-spring-budget",
        outlet="The Riverton Herald",
        published_on=date(2025, 4, 2),
    )
    transport = make_article(
        title="Mayor and union clash over the cost of the new tram line",
        slug="tram-line-cost",
        outlet="City Observer",
        published_on=date(2025, 3, 18),
    )
    statements = [
        (minister, budget, "Unemployment is at its lowest level in fifty years.", Verdict.Rating.MOSTLY_TRUE),
        (minister, budget, "Taxes on working families have never been higher.", Verdict.Rating.FALSE),
        (minister, budget, "The budget doubles spending on school buildings.", Verdict.Rating.HALF_TRUE),
        (minister, budget, "Inflation has fallen for six months in a row.", Verdict.Rating.TRUE),
        (mayor, transport, "The tram line will pay for itself within ten years.", Verdict.Rating.MOSTLY_FALSE),
        (mayor, transport, "Bus ridership has grown by a third since 2020.", Verdict.Rating.FALSE),
        (union, transport, "Drivers work longer hours than in any other city in the country.", None),
        (mayor, transport, "The city has planted 10,000 trees this year.", None),
    ]
    claims = {}
    for n, (actor, article, text, rating) in enumerate(statements):
        claim = make_claim(text=text, article=article, claimant=actor, checkworthiness=0.9 - n / 20)
        if rating:
            publish(
                claim,
                author=author,
                reviewer=reviewer,
                rating=rating,
                summary=f"What the official figures show about this claim ({rating.label.lower()}).",
                explanation=(
                    "We compared the claim with the **national statistics office** series and asked "
                    "the speaker's office for their source.\n\n- The series starts in 1975.\n- "
                    "The latest figure was published in March."
                ),
                sources=2,
            )
        claims[text] = claim
    for n, status in enumerate([Claim.Status.RESEARCHING, Claim.Status.IN_REVIEW, Claim.Status.NEW] * 6):
        make_claim(
            text=f"Riverton has {n + 2} more hospital beds than it had in {2000 + n}.",
            article=budget if n % 2 else transport,
            claimant=[minister, mayor, union][n % 3],
            status=status,
            checkworthiness=0.3,
        )
    make_claim(text="We are the greatest city on earth.", article=transport, claimant=mayor, status="dismissed")
    first = Verdict.objects.get(claim=claims["Taxes on working families have never been higher."])
    correct(
        first,
        author=author,
        reviewer=reviewer,
        rating=Verdict.Rating.MOSTLY_FALSE,
        note="We first compared against the wrong year's tax tables; the corrected comparison narrows the gap.",
        summary="Higher for some families, not most.",
    )
    return {"claims": claims, "minister": minister, "budget": budget}
