"""A synthetic newsroom archive for demos and benchmarks.

`generate_demo_archive()` writes articles from a dozen outlets, the actors in
them (people, organisations, countries, with aliases), claims in every status
with sentences full of numbers, dates and quotes, and published verdicts with
sources, some of them corrected. The same seed gives the same archive (on an
empty database the same ids and slugs too).

It writes with multi-row INSERTs in batches (`_insert`, a leaner
`bulk_create`), so it is fast enough for a million claims, but skips `save()`: fingerprints and slugs are set
here, and simple-history records no history rows. Every demo article's
`source_file` starts with `demo/`, which is how `clear_demo_archive()` finds
them again; it never touches imported articles or editors' work.
"""

import calendar
import hashlib
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections, models, reset_queries, router, transaction
from django.utils.text import slugify

from factcheck.models import Actor, Article, Claim, ReaderReport, Source, Verdict, fingerprint, short_slug

DEMO_PREFIX = "demo/"
CLAIMS_PER_ARTICLE = 20
# Fixed, so that the same seed gives the same archive on any day. Articles
# stop two months before the end, so that every verdict and correction
# (published up to 50 days after its article) lies in the past too.
ARCHIVE_ENDS = date(2026, 11, 20)
ARCHIVE_DAYS = 3 * 365
LAST_ARTICLE_DAYS_BEFORE_END = 60

# Share of claims in each status; the rest of the desk's life is in between.
STATUS_WEIGHTS = {
    Claim.Status.NEW: 40,
    Claim.Status.RESEARCHING: 10,
    Claim.Status.IN_REVIEW: 5,
    Claim.Status.PUBLISHED: 35,
    Claim.Status.DISMISSED: 10,
}
CORRECTED_SHARE = 0.05
# A real archive has a few voices heard far more than the rest (a head of
# government, a finance minister): this share of claims goes to the first
# PROMINENT_SPEAKERS people, so at 1,000,000 claims each of them has about
# 10,000, the actor page a national desk must serve fast.
PROMINENT_SPEAKERS = 5
PROMINENT_SHARE = 0.05

OUTLETS = {
    "The Daily Ledger": "dailyledger.example",
    "Northern Chronicle": "northernchronicle.example",
    "Metro Evening Post": "metropost.example",
    "The Continental": "continental.example",
    "Harbour Times": "harbourtimes.example",
    "Capital Wire": "capitalwire.example",
    "The Provincial Herald": "provincialherald.example",
    "Riverside Gazette": "riversidegazette.example",
    "The Weekly Standard-Bearer": "standardbearer.example",
    "Eastern Observer": "easternobserver.example",
    "Public Radio Newsroom": "publicradio.example",
    "The Civic Review": "civicreview.example",
}
FIRST_NAMES = (  # noqa: SIM905 (a list of words reads best as words)
    "Anna Bruno Clara David Elena Farid Greta Hugo Ines Jonas Karin Luca Maria Nikolai Olga Pavel "
    "Queenie Rafael Sofia Tomas Ursula Viktor Wanda Xavier Yusuf Zofia Amara Bjorn Chiara Dmitri Esther "
    "Felix Grace Hannah Igor Jana Kofi Lena Marek Nadia Oskar Petra Ramon Sabine Tariq Vera Walter Yara"
).split()
LAST_NAMES = (  # noqa: SIM905 (a list of words reads best as words)
    "Keller Novak Rossi Schmidt Dubois Kowalski Jansen Petrov Moreau Lindqvist Fischer Costa Horvath "
    "Svensson Weber Marin Varga Nielsen Bauer Romano Kovacs Hansen Lambert Meyer Silva Popescu Berg "
    "Ivanova Laurent Wagner Fontaine Eriksen Vogel Morales Richter Andersen Ferreira Kaminski Olsen "
    "Santos"
).split()
ROLES = (
    "Minister of Finance",
    "Leader of the Opposition",
    "Mayor",
    "Health Secretary",
    "Member of Parliament",
    "Spokesperson for the Interior Ministry",
    "Chief Economist",
    "Governor of the Central Bank",
    "Trade Union Leader",
    "Party Chair",
    "Defence Minister",
    "Education Commissioner",
)
ORGANISATIONS = (
    ("National Statistics Office", "NSO"),
    ("Ministry of Health", "Health Ministry"),
    ("Central Bank", "the bank"),
    ("Federation of Small Businesses", "FSB"),
    ("Teachers' Union", "the union"),
    ("Green Alliance", "Greens"),
    ("People's Party", "PP"),
    ("Social Democratic Party", "SDP"),
    ("Chamber of Commerce", "the Chamber"),
    ("World Health Organization", "WHO"),
    ("International Monetary Fund", "IMF"),
    ("European Commission", "the Commission"),
    ("Police Federation", "the federation"),
    ("Energy Regulator", "the regulator"),
    ("Institute for Fiscal Studies", "IFS"),
    ("Housing Association Network", "HAN"),
)
COUNTRIES = (
    ("France", "French Republic"),
    ("Germany", "Federal Republic of Germany"),
    ("Poland", "Republic of Poland"),
    ("Ukraine", "Ukr."),
    ("United States", "USA"),
    ("United Kingdom", "UK"),
    ("Italy", "Italian Republic"),
    ("Spain", "Kingdom of Spain"),
    ("Netherlands", "Holland"),
    ("Sweden", "Kingdom of Sweden"),
    ("Hungary", "Magyarország"),
    ("Romania", "RO"),
)
CITIES = ("Lyon", "Gdansk", "Porto", "Leipzig", "Malmo", "Turin", "Utrecht", "Cluj", "Graz", "Aarhus")
MONTHS = list(calendar.month_name)[1:]
SUBJECTS = (
    "unemployment",
    "inflation",
    "the budget deficit",
    "hospital waiting lists",
    "violent crime",
    "youth unemployment",
    "energy prices",
    "housing starts",
    "child poverty",
    "net migration",
    "defence spending",
    "rail punctuality",
)
# Sentences as the importer finds them: numbers, dates, quotes, attributions.
CLAIM_TEMPLATES = (
    "{subject_cap} fell to {pct}% in {month}, the lowest level since {year}.",
    "{country} spends {pct}% of its GDP on defence, more than any other member.",
    "The government has built {n:,} new homes since {year}, {actor} said.",
    "Crime in {city} rose by {pct}% last year, according to {actor}.",
    "“We have cut hospital waiting times by half since {year},” {actor} said on {day}.",
    "Inflation reached {pct}% in {month} {year}, the {org} reported.",
    "More than {n:,} people left {country} in {year}.",
    "{actor} said the new law will cost taxpayers €{small} billion over {few} years.",
    "Energy prices doubled between {year} and {later}, {actor} told parliament.",
    "Only {pct}% of schools in {city} have a full-time nurse, {actor} claimed.",
    "“Not a single hospital has closed under this government,” {actor} said on {day}.",
    "{subject_cap} has risen every year since {year}, {actor} wrote.",
    "The {org} cut its staff by {pct}% between {year} and {later}.",
    "{country} received €{small} billion in aid in {year}, {actor} said.",
    "“Our plan will create {n:,} jobs by {later},” {actor} promised.",
    "Average rents in {city} went up by {pct}% in {month} alone.",
    "{actor} said {subject} is at its highest since {year}.",
    "Half of all new cars sold in {country} in {year} were electric, the {org} said.",
)
CONTEXT_LEADS = (
    "The remarks came at a press conference on {day}.",
    "The interview was broadcast on local radio.",
    "The debate in parliament grew heated.",
    "The statement was first posted on social media.",
    "Party members had gathered for the annual conference.",
    "A written statement was released on {day}.",
)
CONTEXT_FOLLOWS = (
    "The figure could not be immediately verified.",
    "Opposition parties disputed the number.",
    "Official statistics for the period have not yet been published.",
    "The claim was widely shared online within hours.",
    "Economists said the comparison depended on the baseline year.",
    "The ministry did not respond to a request for comment.",
)
TITLE_TEMPLATES = (
    "{actor} defends record on {subject} as critics question figures",
    "{country} debate: what the numbers on {subject} really say",
    "Parliament clashes over {subject} ahead of {month} vote",
    "{org} report puts {subject} back on the agenda",
    "{actor} under pressure after remarks on {subject}",
    "Campaign trail: {subject} dominates final week in {city}",
)
DISMISSAL_REASONS = (
    "Opinion, not a checkable statement of fact.",
    "A prediction about the future; nothing to check yet.",
    "Duplicate of a claim we have already checked.",
    "Quoted only to be rebutted in the same article.",
    "Too vague to check: no period or source is given.",
)
SUMMARY_BY_RATING = {
    Verdict.Rating.FALSE: "Official figures contradict this: the number is wrong.",
    Verdict.Rating.MOSTLY_FALSE: "There is a kernel of truth, but the comparison misleads.",
    Verdict.Rating.HALF_TRUE: "Partly accurate, but it leaves out important context.",
    Verdict.Rating.MOSTLY_TRUE: "Accurate, though the period chosen flatters the figure.",
    Verdict.Rating.TRUE: "Accurate: the official statistics back it up.",
}
SOURCE_PUBLISHERS = (
    ("National Statistics Office", "stats.example"),
    ("Eurostat", "ec.europa.example"),
    ("Ministry of Finance", "finance.example"),
    ("OECD", "oecd.example"),
    ("Parliamentary record", "parliament.example"),
    ("Central Bank", "centralbank.example"),
)
DEMO_USERS = {
    "Fact-checker": [f"demo-checker-{n:02d}" for n in range(1, 13)],
    "Editor": [f"demo-editor-{n:02d}" for n in range(1, 5)],
}


@contextmanager
def _keeping_given_timestamps(*models) -> Iterator[None]:
    """Let bulk_create store the dates given instead of "now" for auto_now(_add) fields.

    The archive spans years, and list pages order by these dates; with
    every row stamped with the same second the demo would not be realistic.
    """
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class _Archive:
    """The random choices for one run; every draw comes from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.slugs: set[str] = set(Claim.objects.values_list("slug", flat=True).iterator())

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randrange(6, 23), self.rng.randrange(60)), tzinfo=UTC)

    def unique_slug(self, text: str, key: str, length: int = 60) -> str:
        """short_slug, retried with another key on the rare hash collision."""
        slug, attempt = short_slug(text, key, length), 0
        while slug in self.slugs:
            attempt += 1
            slug = short_slug(text, f"{key}:{attempt}", length)
        self.slugs.add(slug)
        return slug

    def sentence(self, *, actor: Actor | None, country: Actor, org: Actor, day: date) -> str:
        rng = self.rng
        year = rng.randrange(1995, day.year)
        subject = rng.choice(SUBJECTS)
        return rng.choice(CLAIM_TEMPLATES).format(
            subject=subject,
            subject_cap=subject[0].upper() + subject[1:],
            pct=rng.choice([rng.randrange(1, 60), round(rng.uniform(0.5, 15), 1)]),
            month=rng.choice(MONTHS),
            year=year,
            later=rng.randrange(year + 1, day.year + 6),
            n=rng.randrange(1_000, 900_000),
            small=rng.randrange(2, 90),
            few=rng.randrange(2, 11),
            day=f"{day:%-d %B %Y}",
            country=country.name,
            org=org.name,
            city=rng.choice(CITIES),
            actor=actor.name if actor else rng.choice(["officials", "the government", "a spokesperson"]),
        )

    def context(self, sentence: str, day: date) -> str:
        lead = self.rng.choice(CONTEXT_LEADS).format(day=f"{day:%-d %B}")
        return f"{lead} {sentence} {self.rng.choice(CONTEXT_FOLLOWS)}"


def _actors(archive: _Archive) -> dict[str, list[Actor]]:
    """The cast by kind, reusing actors that exist already under the same name."""
    rng = archive.rng
    wanted: list[Actor] = []
    people = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES})
    for name in rng.sample(people, 400):
        first, last = name.split(" ", 1)
        role = rng.choice(ROLES)
        wanted.append(Actor(name=name, kind=Actor.Kind.PERSON, description=role, aliases=[last, f"{first[0]}. {last}"]))
    for name, alias in ORGANISATIONS:
        wanted.append(Actor(name=name, kind=Actor.Kind.ORGANIZATION, aliases=[alias]))
    for name, alias in COUNTRIES:
        wanted.append(Actor(name=name, kind=Actor.Kind.COUNTRY, aliases=[alias]))
    existing = {actor.name: actor for actor in Actor.objects.filter(name__in=[actor.name for actor in wanted])}
    taken = set(Actor.objects.values_list("slug", flat=True))
    new = []
    for actor in wanted:
        if actor.name in existing:
            continue
        actor.slug = slugify(actor.name)
        if actor.slug in taken:
            actor.slug = short_slug(actor.name, actor.name)
        taken.add(actor.slug)
        actor.created_at = actor.updated_at = archive.moment(ARCHIVE_ENDS - timedelta(days=ARCHIVE_DAYS))
        new.append(actor)
    Actor.objects.bulk_create(new)
    cast = [existing.get(actor.name, actor) for actor in wanted]
    return {kind: [actor for actor in cast if actor.kind == kind] for kind in Actor.Kind.values}


# Display names for the demo staff: the public pages credit people by first and last name.
DEMO_FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemi",
    "Luis",
]
DEMO_LAST_NAMES = ["Okafor", "Lindqvist", "Rossi", "Petrov", "Yilmaz", "Haddad", "Mensah", "Moreau"]


def _demo_name(n: int) -> tuple[str, str]:
    return DEMO_FIRST_NAMES[n % len(DEMO_FIRST_NAMES)], DEMO_LAST_NAMES[(n * 3) % len(DEMO_LAST_NAMES)]


def _staff() -> dict[str, list]:
    """Demo fact-checkers and editors, with names but without usable passwords (no one logs in as them)."""
    User = get_user_model()
    staff = {}
    for role, usernames in DEMO_USERS.items():
        group = Group.objects.get_or_create(name=role)[0]
        users = []
        for username in usernames:
            first_name, last_name = _demo_name(len(staff.get("Fact-checker", [])) + len(users))
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": first_name, "last_name": last_name}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(group)
            users.append(user)
        staff[role] = users
    return staff


def _verdict(archive: _Archive, claim: Claim, *, published_at: datetime, staff: dict, is_current: bool) -> Verdict:
    rng = archive.rng
    rating = rng.choice(Verdict.Rating.values)
    author = claim.assignee
    reviewer = rng.choice([editor for editor in staff["Editor"] if editor != author])
    verdict = Verdict(
        claim=claim,
        rating=rating,
        summary=SUMMARY_BY_RATING[rating],
        explanation=(
            f"We compared the claim with the latest official figures. {claim.text} "
            f"The series published by the statistics office shows a different trend once the "
            f"{rng.choice(['baseline year', 'seasonal adjustment', 'definition used'])} is taken into account."
        ),
        notes="Checked against the two most recent releases.",
        author=author,
        reviewer=reviewer,
        submitted_at=published_at - timedelta(hours=rng.randrange(2, 72)),
        published_at=published_at,
        is_current=is_current,
        created_at=published_at - timedelta(days=rng.randrange(1, 10)),
        updated_at=published_at,
    )
    verdict.record_wording_of(claim)  # the claim as checked, as publishing records it
    return verdict


def _sources(archive: _Archive, verdict: Verdict) -> list[Source]:
    rng = archive.rng
    sources = []
    for number in range(rng.randrange(1, 4)):
        publisher, domain = rng.choice(SOURCE_PUBLISHERS)
        sources.append(
            Source(
                verdict=verdict,
                url=f"https://{domain}/releases/{verdict.claim_id}-{number}",
                title=f"{publisher}: {rng.choice(SUBJECTS)} statistics, {rng.randrange(2000, 2026)}",
                publisher=publisher,
                accessed_on=(verdict.published_at or verdict.submitted_at).date(),
            )
        )
    return sources


def _write_batch(archive: _Archive, *, first_article: int, articles: int, cast: dict, staff: dict) -> int:
    """Write one batch of articles with their claims, verdicts and sources; return the claims written."""
    rng = archive.rng
    people = cast[Actor.Kind.PERSON]
    countries = cast[Actor.Kind.COUNTRY]
    organisations = cast[Actor.Kind.ORGANIZATION]
    checkers = staff["Fact-checker"]

    batch_articles = []
    for number in range(first_article, first_article + articles):
        day = ARCHIVE_ENDS - timedelta(days=rng.randrange(LAST_ARTICLE_DAYS_BEFORE_END, ARCHIVE_DAYS))
        outlet, domain = rng.choice(list(OUTLETS.items()))
        title = rng.choice(TITLE_TEMPLATES).format(
            actor=rng.choice(people).name,
            subject=rng.choice(SUBJECTS),
            country=rng.choice(countries).name,
            month=rng.choice(MONTHS),
            org=rng.choice(organisations).name,
            city=rng.choice(CITIES),
        )
        source_file = f"{DEMO_PREFIX}{archive.seed}/{number:07d}.txt"
        slug = archive.unique_slug(title, source_file, length=80)
        imported_at = archive.moment(day) + timedelta(hours=rng.randrange(1, 30))
        batch_articles.append(
            Article(
                title=title,
                slug=slug,
                dek=f"{outlet} reports on {rng.choice(SUBJECTS)} and the figures behind the debate.",
                outlet=outlet,
                url=f"https://{domain}/{day:%Y/%m}/{slug}",
                published_on=day,
                source_file=source_file,
                content_hash=hashlib.sha256(source_file.encode()).hexdigest(),
                imported_at=imported_at,
                updated_at=imported_at,
            )
        )
    claims, mentions = [], []
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    for article in batch_articles:
        paragraphs, seen = [], set()
        for position in range(rng.randrange(CLAIMS_PER_ARTICLE - 8, CLAIMS_PER_ARTICLE + 9)):
            claimant = rng.choice(people) if rng.random() < 0.8 else None
            if claimant is not None and rng.random() < PROMINENT_SHARE:
                claimant = rng.choice(people[:PROMINENT_SPEAKERS])
            country, org = rng.choice(countries), rng.choice(organisations)
            text = archive.sentence(actor=claimant, country=country, org=org, day=article.published_on)
            claim_fingerprint = fingerprint(text)
            if claim_fingerprint in seen:
                continue
            seen.add(claim_fingerprint)
            status = rng.choices(statuses, weights)[0]
            worth = rng.betavariate(2, 3)
            if status in {Claim.Status.PUBLISHED, Claim.Status.IN_REVIEW}:
                worth = 0.5 + worth / 2
            context = archive.context(text, article.published_on)
            paragraphs.append(context)
            claims.append(
                Claim(
                    text=text,
                    fingerprint=claim_fingerprint,
                    context=context,
                    article=article,
                    position=position,
                    claimant=claimant,
                    checkworthiness=round(worth, 3),
                    said_on=article.published_on,
                    venue=Claim.Venue.ARTICLE,
                    original_url=article.url,
                    status=status,
                    assignee=rng.choice(checkers) if status != Claim.Status.NEW else None,
                    dismissal_reason=rng.choice(DISMISSAL_REASONS) if status == Claim.Status.DISMISSED else "",
                    created_at=article.imported_at,
                    updated_at=article.imported_at + timedelta(days=rng.randrange(0, 20)),
                )
            )
            mentions.append([actor for actor in (claimant, country, org) if actor and rng.random() < 0.7])
        article.body = "\n".join(paragraphs)
    _insert(Article, batch_articles)
    for claim in claims:
        # The same key Claim.save() uses, now that the article has its id.
        claim.slug = archive.unique_slug(claim.text, f"{claim.article.pk}:{claim.fingerprint}")
        claim.article_id = claim.article.pk

    # Verdicts are drawn before the claims are written, so each claim is written once with
    # its current rating (what Verdict.publish() keeps on it).
    first_versions, drafts, corrected = [], [], []
    for claim in claims:
        if claim.status == Claim.Status.PUBLISHED:
            published_at = claim.updated_at
            is_corrected = rng.random() < CORRECTED_SHARE
            verdict = _verdict(archive, claim, published_at=published_at, staff=staff, is_current=not is_corrected)
            first_versions.append(verdict)
            if is_corrected:
                corrected.append(verdict)
        elif claim.status == Claim.Status.IN_REVIEW:
            drafts.append(
                Verdict(
                    claim=claim,
                    rating=rng.choice(Verdict.Rating.values),
                    summary="Draft: figures checked, wording under review.",
                    explanation=f"Draft. {claim.text}",
                    author=claim.assignee,
                    submitted_at=claim.updated_at,
                    created_at=claim.created_at,
                    updated_at=claim.updated_at,
                )
            )
    corrections = []
    for original in corrected:
        corrected_at = original.published_at + timedelta(days=rng.randrange(1, 30))
        correction = _verdict(archive, original.claim, published_at=corrected_at, staff=staff, is_current=True)
        correction.rating = original.rating
        correction.corrects = original
        correction.correction_note = (
            f"We corrected the year of the {rng.choice(SOURCE_PUBLISHERS)[0]} release we cited; "
            "the rating is unchanged."
        )
        corrections.append(correction)
    for verdict in [*first_versions, *corrections]:
        if verdict.is_current:
            verdict.claim.current_rating, verdict.claim.current_published_at = verdict.rating, verdict.published_at

    _insert(Claim, claims)
    _insert_rows(
        Claim.actors.through,
        ["claim_id", "actor_id"],
        [(claim.pk, actor.pk) for claim, actors in zip(claims, mentions, strict=True) for actor in actors],
    )
    for verdict in [*first_versions, *drafts, *corrections]:
        verdict.claim_id = verdict.claim.pk
    _insert(Verdict, [*first_versions, *drafts])
    for correction in corrections:
        correction.corrects_id = correction.corrects.pk
    _insert(Verdict, corrections)
    sources = [source for verdict in [*first_versions, *corrections, *drafts] for source in _sources(archive, verdict)]
    for source in sources:
        source.verdict_id = source.verdict.pk
    # Drafts in review are complete, as submit_for_review requires, so an editor can publish one.
    _insert(Source, sources)
    return len(claims)


def _insert(model, objects: list) -> None:
    """INSERT unsaved model instances and set their ids: bulk_create without its per-value work.

    At a million claims, bulk_create's preparation of every value (signals
    aside, which it sends none of either) took most of the time; here only
    dates and JSON go through the field's conversion, everything else is
    passed to the driver as it is. The instances' foreign keys must be set
    by id (`claim_id`), and save() is not called: the caller sets slugs and
    fingerprints, as for bulk_create.
    """
    if not objects:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    connection = connections[router.db_for_write(model)]
    converted = {
        field.attname
        for field in fields
        if isinstance(field, (models.DateField, models.JSONField))  # DateTimeField is a DateField
    }
    rows = []
    for instance in objects:
        row = []
        for field in fields:
            value = getattr(instance, field.attname)
            if field.attname in converted:
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        rows.append(row)
    ids = _insert_rows(model, [field.column for field in fields], rows, returning_ids=True)
    for instance, pk in zip(objects, ids, strict=True):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = connection.alias


def _insert_rows(model, columns: list[str], rows: list, *, returning_ids: bool = False) -> list[int]:
    """Multi-row INSERTs of ready values into the model's table; the new ids in order when asked."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    # Under SQLite's and PostgreSQL's limits on parameters per statement.
    per_statement = max(1, min(1000, 30_000 // len(columns)))
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returning = f" RETURNING {quote(model._meta.pk.column)}" if returning_ids else ""
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(column) for column in columns)}) "
                f"VALUES {', '.join([placeholders] * len(chunk))}{returning}",
                [value for row in chunk for value in row],
            )
            if returning_ids:
                ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def generate_demo_archive(*, claims: int, seed: int = 1, articles_per_batch: int = 250, progress=None) -> int:
    """Write about `claims` claims (in whole articles) and return how many were written.

    `progress`, when given, is called with the running total after each batch.
    """
    archive = _Archive(seed)
    articles = max(1, round(claims / CLAIMS_PER_ARTICLE))
    written = 0
    with _keeping_given_timestamps(Actor, Article, Claim, Verdict):
        with transaction.atomic():
            cast = _actors(archive)
            staff = _staff()
        for first in range(0, articles, articles_per_batch):
            # One transaction per batch: a crash keeps whole articles, and
            # readers of a live desk are not held off for the whole run.
            with transaction.atomic():
                written += _write_batch(
                    archive,
                    first_article=first,
                    articles=min(articles_per_batch, articles - first),
                    cast=cast,
                    staff=staff,
                )
            # With DEBUG on, Django keeps the last 9,000 statements, and bulk
            # inserts are long: forget them so memory stays flat.
            reset_queries()
            if progress:
                progress(written)
    return written


def demo_archive_exists(*, seed: int | None = None) -> bool:
    prefix = DEMO_PREFIX if seed is None else f"{DEMO_PREFIX}{seed}/"
    return Article.objects.filter(source_file__startswith=prefix).exists()


def clear_demo_archive() -> int:
    """Delete every demo article with its claims, verdicts and sources; return the claims deleted.

    Rows go with plain DELETE statements rather than Model.delete(): the
    collector would load every row and simple-history would write a deletion
    record for each of a hundred thousand rows that never had a history.
    Actors go too when no claim refers to them any more and they were never
    saved one by one: bulk-created demo actors have no history rows, while
    every actor the importer or an editor made has at least one.
    """
    with transaction.atomic():
        articles = Article.objects.filter(source_file__startswith=DEMO_PREFIX)
        claims = Claim.objects.filter(article__in=articles)
        verdicts = Verdict.objects.filter(claim__in=claims)
        count = claims.count()
        ReaderReport.objects.filter(claim__in=claims).update(claim=None)
        _delete_rows(Source.objects.filter(verdict__in=verdicts))
        # Corrections point at the versions they correct: newest first.
        _delete_rows(verdicts.filter(corrects__isnull=False))
        _delete_rows(verdicts)
        _delete_rows(Claim.actors.through.objects.filter(claim__in=claims))
        _delete_rows(claims)
        _delete_rows(articles)
        _delete_rows(
            Actor.objects.filter(claims_made=None, claims_mentioning=None).exclude(pk__in=Actor.history.values("id"))
        )
    return count


def _delete_rows(queryset) -> None:
    """DELETE the rows without loading them or sending signals."""
    queryset._raw_delete(queryset.db)
