"""Full-text search of claims: a stored, indexed document on each database.

A search matches the claim's own words; the paragraph around it only ranks.
A reader looking for "coal" wants claims about coal, not every claim whose
paragraph mentions it.

PostgreSQL: `factcheck_claim.text_document`, a tsvector column generated from
the claim's text (English stemming, accents removed: SEARCH_CONFIG), matches;
`search_document`, generated from its text and context, ranks. PostgreSQL keeps both on every insert and
update, each with a GIN index. Ranking reads the stored document instead of
running to_tsvector() again for every match.

SQLite: `factcheck_claim_search`, an FTS5 index over the same two columns
(Porter stemming, accents removed) whose content is the claim table itself, kept in step by
three triggers. Django rebuilds an SQLite table (and so drops its triggers)
when a migration alters it; `ensure_sqlite_search_index()` runs after every
`migrate` and puts the triggers back, rebuilding the index when they were gone.

Neither column nor table is in the model: Django would try to write the
generated column, and cannot describe either. Migration 0005 creates them
(0014 the text-only column, 0018 remakes both without accents); on SQLite every query names the
`text` column.
"""

import re

from django.contrib.postgres.search import SearchVectorField
from django.db.models import BooleanField, Expression

CLAIM_TABLE = "factcheck_claim"
SEARCH_COLUMN = "search_document"
SEARCH_INDEX = "claim_search_document_idx"
TEXT_COLUMN = "text_document"
TEXT_INDEX = "claim_text_document_idx"
FTS_TABLE = "factcheck_claim_search"


class StoredSearchDocument(Expression):
    """A claim's stored tsvector column (`search_document`, or `text_document` for its own words alone),
    as an expression for filters and SearchRank.

    Not RawSQL: a raw "factcheck_claim".search_document inside a subquery,
    where the claim table has another alias, would silently refer to the
    outer query's row.
    """

    output_field = SearchVectorField()

    def __init__(self, column: str = SEARCH_COLUMN):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name(alias)}.{connection.ops.quote_name(self.column)}", []


class Fts5MatchInListOrder(Expression):
    """`+id IN (claims matching the FTS5 query)`, for words that match many claims on SQLite.

    The unary plus stops SQLite from driving the query from the matches (all
    of them, then a sort): it walks the list's order index instead and stops
    after a page of matches. At a million claims, "inflation" (68,000
    matches): 64 ms instead of 894 ms. For a rare word the plain `id IN` is
    the fast one, so ClaimQuerySet.search() chooses (`common=True`).
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        column = f"{compiler.quote_name(compiler.query.get_initial_alias())}.{connection.ops.quote_name('id')}"
        return f"+{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [self.query]


# The same document the GIN expression index of migration 0004 was built on.
POSTGRESQL_CREATE = [
    f"""ALTER TABLE {CLAIM_TABLE} ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, COALESCE(text, '') || ' ' || COALESCE(context, ''))
    ) STORED""",
    f"CREATE INDEX {SEARCH_INDEX} ON {CLAIM_TABLE} USING gin ({SEARCH_COLUMN})",
]
POSTGRESQL_DROP = [f"ALTER TABLE {CLAIM_TABLE} DROP COLUMN IF EXISTS {SEARCH_COLUMN}"]
# The claim's own words, which a search must match (migration 0014).
POSTGRESQL_CREATE_TEXT = [
    f"""ALTER TABLE {CLAIM_TABLE} ADD COLUMN {TEXT_COLUMN} tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, COALESCE(text, ''))
    ) STORED""",
    f"CREATE INDEX {TEXT_INDEX} ON {CLAIM_TABLE} USING gin ({TEXT_COLUMN})",
]
POSTGRESQL_DROP_TEXT = [f"ALTER TABLE {CLAIM_TABLE} DROP COLUMN IF EXISTS {TEXT_COLUMN}"]

# Accents never decide a match: "Erdogan" finds "Erdoğan" and "Zoë" finds "Zoe", as SQLite's tokenizer
# does (remove_diacritics). PostgreSQL's own `english` keeps accents, so both documents and every query use
# the desk's configuration: english with the unaccent dictionary before the stemmer (migration 0018). The
# unaccent extension ships with PostgreSQL and is trusted: the database's owner may add it.
SEARCH_CONFIG = "factcheck_english"
POSTGRESQL_CREATE_CONFIG = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{SEARCH_CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$""",
]


def postgresql_documents(config: str) -> list[str]:
    """Both stored documents (the claim's words and its paragraph, the words alone) made with the text
    search configuration `config`, and their GIN indexes."""
    return [
        f"""ALTER TABLE {CLAIM_TABLE} ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS (
            to_tsvector('{config}'::regconfig, COALESCE(text, '') || ' ' || COALESCE(context, ''))
        ) STORED""",
        f"CREATE INDEX {SEARCH_INDEX} ON {CLAIM_TABLE} USING gin ({SEARCH_COLUMN})",
        f"""ALTER TABLE {CLAIM_TABLE} ADD COLUMN {TEXT_COLUMN} tsvector GENERATED ALWAYS AS (
            to_tsvector('{config}'::regconfig, COALESCE(text, ''))
        ) STORED""",
        f"CREATE INDEX {TEXT_INDEX} ON {CLAIM_TABLE} USING gin ({TEXT_COLUMN})",
    ]


SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {CLAIM_TABLE} BEGIN
        INSERT INTO {FTS_TABLE} (rowid, text, context) VALUES (new.id, new.text, new.context);
    END""",
    f"{FTS_TABLE}_delete": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {CLAIM_TABLE} BEGIN
        INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, text, context) VALUES ('delete', old.id, old.text, old.context);
    END""",
    f"{FTS_TABLE}_update": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF text, context
        ON {CLAIM_TABLE} BEGIN
        INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, text, context) VALUES ('delete', old.id, old.text, old.context);
        INSERT INTO {FTS_TABLE} (rowid, text, context) VALUES (new.id, new.text, new.context);
    END""",
}
SQLITE_CREATE = f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    text, context, content='{CLAIM_TABLE}', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
)"""
SQLITE_DROP = [*(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS), f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def create_search_index(schema_editor) -> None:
    """Add the stored search document for this database (migration 0005)."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRESQL_CREATE:
            schema_editor.execute(statement)
    elif connection.vendor == "sqlite":
        ensure_sqlite_search_index(connection, install=True)


def create_text_search_index(schema_editor) -> None:
    """Add the document of the claim's own words on PostgreSQL (migration 0014); SQLite's index has the column."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_CREATE_TEXT:
            schema_editor.execute(statement)


def drop_text_search_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_DROP_TEXT:
            schema_editor.execute(statement)


def remake_documents(schema_editor, *, unaccented: bool) -> None:
    """Remake both stored documents on PostgreSQL, with accents removed (migration 0018) or, undone, with
    `english` as before; SQLite's index already ignores accents. Every claim's documents are computed again."""
    if schema_editor.connection.vendor != "postgresql":
        return
    config = SEARCH_CONFIG if unaccented else "english"
    setup = POSTGRESQL_CREATE_CONFIG if unaccented else []
    for statement in [*setup, *POSTGRESQL_DROP, *POSTGRESQL_DROP_TEXT, *postgresql_documents(config)]:
        schema_editor.execute(statement)


def drop_search_index(schema_editor) -> None:
    connection = schema_editor.connection
    statements = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def ensure_sqlite_search_index(connection, *, install: bool = False) -> bool:
    """Put back any missing trigger of the FTS5 index, rebuilding the index when one was missing.

    With install=True (migration 0005) the index is created first. Without it,
    a database that has no index (before 0005, or after unapplying it) is left
    alone. Returns True when the index was (re)built.
    """
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if CLAIM_TABLE not in tables or (FTS_TABLE not in tables and not install):
            return False
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [CLAIM_TABLE])
        present = {name for (name,) in cursor.fetchall()}
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        if not missing and FTS_TABLE in tables:
            return False
        cursor.execute(SQLITE_CREATE)
        for name in missing:
            cursor.execute(SQLITE_TRIGGERS[name])
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
    return True


def ensure_search_index_after_migrate(sender, *, using="default", **kwargs) -> None:
    """post_migrate: a migration that altered the claim table on SQLite dropped the index's triggers."""
    from django.db import connections

    if connections[using].vendor == "sqlite":
        ensure_sqlite_search_index(connections[using])


def fts5_query(text: str) -> tuple[str, str]:
    """The FTS5 queries for a search typed in web-search syntax: (what must match, what must not).

    Like PostgreSQL's websearch_to_tsquery: words are all required, a
    "quoted phrase" must appear as written, `or` between two words accepts
    either, and a -word excludes claims with it. Every term is quoted, so
    nothing typed can reach FTS5's own syntax. Both parts look in the claim's
    own words (the `text` column), never its paragraph. Either part is "" when empty.
    """
    wanted: list[str] = []
    unwanted: list[str] = []
    join_with_or = False
    for negated, phrase, word in re.findall(r'(-?)"([^"]*)"?|(\S+)', text):
        if word and word.casefold() == "or":
            join_with_or = bool(wanted)
            continue
        if word.startswith("-"):
            negated, word = "-", word[1:]
        terms = re.findall(r"\w+", phrase or word)
        if not terms:
            continue
        quoted = '"' + " ".join(terms) + '"'
        if negated:
            unwanted.append(quoted)
        elif join_with_or:
            wanted[-1] = f"{wanted[-1]} OR {quoted}"
        else:
            wanted.append(quoted)
        join_with_or = False
    wanted_query = " AND ".join(f"({term})" for term in wanted)
    unwanted_query = " OR ".join(unwanted)
    return (
        f"text : ({wanted_query})" if wanted_query else "",
        f"text : ({unwanted_query})" if unwanted_query else "",
    )
