"""Share cards: the picture a social network shows when someone shares a fact-check.

`draw()` is a pure function from what the card says to PNG bytes (Pillow);
`png_response()` serves it, drawing each distinct card once and keeping the
bytes in the cache under a hash of its content. The card is 1200×630, the
size Open Graph and Twitter's large summary card ask for, and shows the
rating in words and as five steps (so it reads without colour), the claim,
who made it, when and in which outlet, and the desk's name.
"""

import hashlib
import io
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from factcheck.organization import absolute_url

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
# Bump when the drawing changes, so cached cards are drawn again.
DESIGN = 2
CACHE_SECONDS = 30 * 24 * 3600
# Debian's DejaVu covers Latin, Greek and Cyrillic; without it Pillow's own font is used.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

INK = (28, 35, 48)
MUTED = (75, 85, 99)
PAPER = (255, 255, 255)
HEADER = (15, 27, 45)
LINE = (214, 219, 227)
RATING_COLOURS = {1: (164, 22, 26), 2: (178, 58, 14), 3: (128, 83, 0), 4: (14, 106, 106), 5: (29, 107, 42)}


@dataclass(frozen=True)
class ShareCard:
    """What one card shows. A card without a claim is the desk's own card."""

    desk: str
    claim: str = ""
    claimant: str = ""
    rating: str = ""
    rating_value: int | None = None
    quoted: bool = True  # False for a paraphrase: the article's words, never shown as a quotation
    said_on: str = ""  # when the claim was made, as readers read a date ("2 April 2025")
    outlet: str = ""  # where it was reported

    def cache_key(self) -> str:
        digest = hashlib.sha256(repr((DESIGN, *astuple(self))).encode()).hexdigest()
        return f"factcheck:share-card:{digest}"


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def wrap(text: str, typeface, width: int) -> list[str]:
    """`text` in lines no wider than `width` pixels, breaking between words (a too-long word is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if typeface.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while typeface.getlength(word) > width:  # a URL or a very long word: cut it where it fills the line
            low, high = 1, len(word)
            while low < high:
                middle = (low + high + 1) // 2
                if typeface.getlength(word[:middle]) <= width:
                    low = middle
                else:
                    high = middle - 1
            lines.append(word[:low])
            word = word[low:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit(text: str, *, width: int, max_lines: int, sizes=(52, 46, 40, 34)) -> tuple[list[str], object]:
    """The largest font size at which `text` fits in `max_lines` lines; at the smallest, the text is cut with “…”."""
    # More than fits at the smallest size anyway; a pasted essay costs no more than a tweet.
    cut_short = len(text) > max_lines * 80
    text = text[: max_lines * 80]
    for size in sizes:
        typeface = font(size, bold=True)
        lines = wrap(text, typeface, width)
        if len(lines) <= max_lines and not cut_short:
            return lines, typeface
    lines = lines[:max_lines]
    last = lines[-1]
    while last and typeface.getlength(f"{last}…") > width:
        last = last[:-1].rstrip()
    lines[-1] = f"{last}…"
    return lines, typeface


def draw(card: ShareCard) -> bytes:
    """The card as PNG bytes, WIDTH×HEIGHT."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    # The desk's band along the top.
    pen.rectangle([0, 0, WIDTH, 96], fill=HEADER)
    pen.text((MARGIN, 48), f"✓ {card.desk}", font=font(36, bold=True), fill=PAPER, anchor="lm")
    if not card.claim:
        tagline = "Fact-checks of claims in the news, with sources and corrections"
        lines, typeface = fit(tagline, width=WIDTH - 2 * MARGIN, max_lines=4)
        y = 200
        for line in lines:
            pen.text((MARGIN, y), line, font=typeface, fill=INK)
            y += typeface.size + 16
        pen.text((MARGIN, HEIGHT - 80), card.desk, font=font(30), fill=MUTED)
        return _png(image)

    y = 136
    if card.rating:
        colour = RATING_COLOURS.get(card.rating_value or 0, INK)
        label = font(44, bold=True)
        steps_width = 5 * 30
        badge_width = int(label.getlength(card.rating)) + steps_width + 3 * 24
        pen.rounded_rectangle([MARGIN, y, MARGIN + badge_width, y + 76], radius=10, fill=colour)
        for step in range(5):
            left = MARGIN + 24 + step * 30
            filled = step < (card.rating_value or 0)
            pen.rectangle([left, y + 26, left + 22, y + 50], fill=PAPER if filled else colour, outline=PAPER, width=3)
        pen.text((MARGIN + 24 + steps_width + 24, y + 38), card.rating, font=label, fill=PAPER, anchor="lm")
        y += 76 + 36
    shown = f"“{card.claim}”" if card.quoted else card.claim
    lines, typeface = fit(shown, width=WIDTH - 2 * MARGIN, max_lines=4 if card.rating else 5)
    for line in lines:
        pen.text((MARGIN, y), line, font=typeface, fill=INK)
        y += typeface.size + 12
    pen.line([MARGIN, HEIGHT - 110, WIDTH - MARGIN, HEIGHT - 110], fill=LINE, width=2)
    footer = " · ".join(
        part
        for part in [
            f"Claim by {card.claimant}" if card.claimant else "Claim in the news",
            f"said {card.said_on}" if card.said_on else "",
            card.outlet,
        ]
        if part
    )
    footer_lines, _ = fit(footer, width=WIDTH - 2 * MARGIN, max_lines=1, sizes=(30, 26, 22))
    pen.text((MARGIN, HEIGHT - 64), footer_lines[0], font=font(30), fill=MUTED, anchor="lm")
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_response(card: ShareCard) -> HttpResponse:
    """The card as an image/png response, drawn only when this content has not been drawn before."""
    key = card.cache_key()
    png = django_cache.get(key)
    if png is None:
        png = draw(card)
        django_cache.set(key, png, CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    # The address stays the same when a correction changes the card: a day is as stale as it gets.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def claim_tags(claim) -> dict:
    """What the social tags say about a claim not yet checked: its text and status, with the desk's card."""
    desk = settings.FACTCHECK_ORGANIZATION["name"]
    return {
        "share_title": claim.text,
        "share_description": f"A claim on the desk of {desk}: {claim.get_status_display().lower()}.",
    }


def fact_check_tags(verdict, *, corrected: bool) -> dict:
    """The template variables of factcheck/includes/social_meta.html for a published fact-check.

    `verdict` is the current version with `claim` (and its claimant) loaded and
    `first_published_at` set. The card's address carries the version, so a
    correction makes social networks fetch the new card.
    """
    claim, rating = verdict.claim, verdict.get_rating_display()
    by = f", a claim by {claim.claimant.name}" if claim.claimant else ""
    if claim.said_on:
        by += f", said {claim.said_on.day} {claim.said_on:%B %Y}"
    if claim.article.outlet:
        by += f" ({claim.article.outlet})"
    desk = settings.FACTCHECK_ORGANIZATION["name"]
    card = absolute_url(reverse("factcheck:claim_share_card", kwargs={"slug": claim.slug}))
    words = claim.as_shown()
    return {
        "og_type": "article",
        "published_time": verdict.first_published_at,
        "modified_time": verdict.published_at if corrected else None,
        "share_title": f"{rating}: {claim.text}",
        "share_description": verdict.summary or verdict.rating_definition,
        "share_image": f"{card}?v={verdict.pk}",
        "share_image_alt": f"Rated {rating}: {words}{by}. Fact-check by {desk}.",
    }
