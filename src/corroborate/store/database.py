"""The Store: one SQLite file or PostgreSQL database holding articles, their incidents, runs and errors.

`open_database` migrates the schema to the latest revision before handing the
Store over, so users never run alembic. All writes go through one Store in one
process (Datasette's "one writer"); reads stream in pages of articles so an
export of millions of incidents runs in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar, Unpack, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Engine,
    Select,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Connection, Row, RowMapping, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from corroborate.errors import ConfigurationError, DocumentError, StoreError
from corroborate.models import (
    Actor,
    Article,
    ArticleHeader,
    Casualties,
    CasualtyCount,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    LinkedIncident,
    Place,
    Victims,
)
from corroborate.package_data import package_file
from corroborate.store import schema
from corroborate.store.options import DEFAULT_DATABASE

MIGRATIONS = package_file("store", "migrations")
PAGE_SIZE = 500
"""Articles read per query when streaming; bounds memory on exports."""

MAX_REASON_CHARS = 1000
"""Error reasons are cut here: they are messages for people, and PostgreSQL indexes them."""

T = TypeVar("T")

CASUALTY_KINDS = ("killed", "injured", "abducted", "missing")
VICTIM_GROUPS = ("civilians", "children", "women", "elderly", "combatants")


@dataclass(frozen=True)
class RunCounts:
    articles_stored: int = 0
    articles_skipped: int = 0
    documents_failed: int = 0
    incidents_stored: int = 0


@dataclass(frozen=True)
class RunRecord:
    id: int
    command: str
    started_at: dt.datetime
    finished_at: Optional[dt.datetime]
    counts: RunCounts


@dataclass(frozen=True)
class StoredError:
    """A bad document as recorded: the latest run that met it."""

    document: str
    reason: str
    run_id: Optional[int]
    recorded_at: dt.datetime


def database_url(url_or_path: str | Path) -> str:
    """A SQLAlchemy URL from what the user typed: a path is a SQLite file; postgresql:// uses psycopg 3."""
    text = str(url_or_path)
    if text == ":memory:":
        return "sqlite://"
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def plain_rows(rows: Iterable[Row[Unpack[tuple[Any, ...]]]]) -> Iterator[tuple[Any, ...]]:
    """The rows as the tuples they behave as, without a copy.

    SQLAlchemy 2.1 deprecates `Result.tuples()` because a Row unpacks like a tuple, but mypy unpacks a Row
    of untyped table columns to `object`; this says what the values are.
    """
    return iter(cast("Iterable[tuple[Any, ...]]", rows))


def open_database(url_or_path: str | Path = DEFAULT_DATABASE, *, create: bool = True) -> "Store":
    """The Store at a SQLite path or a database URL, migrated to the latest schema.

    With create=False a SQLite file that does not exist is a ConfigurationError
    (for commands that only read).
    """
    try:
        url = make_url(database_url(url_or_path))
    except ArgumentError as error:
        raise ConfigurationError(f"--db {url_or_path!r} is neither a file path nor a database URL") from error
    is_sqlite = url.get_backend_name() == "sqlite"
    file = url.database if is_sqlite and url.database and url.database != ":memory:" else None
    in_memory = is_sqlite and file is None
    if file is not None:
        path = Path(file)
        if not create and not path.exists():
            raise ConfigurationError(f"no database at {path}: run `corroborate ingest` first or pass --db")
        if not path.parent.is_dir():
            raise ConfigurationError(f"cannot create {path}: the folder {path.parent} does not exist")
    try:
        engine = create_engine(
            url,
            **({"poolclass": StaticPool, "connect_args": {"check_same_thread": False}} if in_memory else {}),
        )
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise ConfigurationError(f"cannot open {url.render_as_string()}: no driver ({error}); use postgresql+psycopg://") from error
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas(in_memory))
    store = Store(engine)
    try:
        with engine.connect():
            pass
    except OperationalError as error:  # no server, wrong password, a folder for a file: the --db value is wrong
        store.close()
        raise ConfigurationError(f"cannot open database {store.url}: {database_failure(error)}") from error
    except DBAPIError as error:
        store.close()
        raise StoreError(f"cannot open database {store.url}: {database_failure(error)}") from error
    for attempt in range(MIGRATION_ATTEMPTS):
        try:
            store.migrate()
            return store
        except DBAPIError as error:  # not a database, read-only, disk full; or another process migrating
            if attempt + 1 < MIGRATION_ATTEMPTS and _migration_race(error):
                time.sleep(0.1 * 2**attempt)
                continue
            store.close()
            raise StoreError(f"cannot open database {store.url}: {database_failure(error)}") from error
    return store


MIGRATION_ATTEMPTS = 8
"""Two ingests opening a new store migrate it at once; the loser waits (about 25 s in all) and finds it done."""


def _migration_race(error: DBAPIError) -> bool:
    """A table another process has just created (SQLite's message, PostgreSQL's catalog key)."""
    return isinstance(error, IntegrityError) or "already exists" in database_failure(error)


def database_failure(error: DBAPIError) -> str:
    """The driver's reason in one line: 'file is not a database', 'database or disk is full'."""
    lines = str(error.orig if error.orig is not None else error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _sqlite_pragmas(in_memory: bool):
    def on_connect(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            # WAL: readers (export, serve) do not block the writer; a killed writer loses only its open batch.
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    return on_connect


class Store:
    """Articles, incidents, runs and document errors in one database. Not shared between processes."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Bring the schema to the latest alembic revision (a no-op when it is there)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    # ------------------------------------------------------------------ runs

    def start_run(self, command: str) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(insert(schema.runs).values(command=_printable(command), started_at=_now(), **_counts(RunCounts())))
            key = result.inserted_primary_key
            assert key is not None  # one row inserted into a table with a key
            return key[0]

    def update_run(self, run_id: int, counts: RunCounts, *, finished: bool = False) -> None:
        values: dict[str, Any] = _counts(counts)
        if finished:
            values["finished_at"] = _now()
        with self.engine.begin() as connection:
            connection.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(**values))

    def runs(self) -> list[RunRecord]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(schema.runs).order_by(schema.runs.c.id)).mappings()
            return [
                RunRecord(
                    row["id"],
                    row["command"],
                    row["started_at"],
                    row["finished_at"],
                    RunCounts(**{field: row[field] for field in _counts(RunCounts())}),
                )
                for row in rows
            ]

    # ------------------------------------------------------------------ writes

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` already stored."""
        wanted = list(set(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), PAGE_SIZE):
                page = wanted[start : start + PAGE_SIZE]
                found.update(connection.scalars(select(schema.articles.c.id).where(schema.articles.c.id.in_(page))))
        return found

    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        """External id -> stored article id, for those stored (one article if several share one: the last by id)."""
        wanted = list(set(external_ids))
        found: dict[str, str] = {}
        table = schema.articles
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), PAGE_SIZE):
                query = (
                    select(table.c.external_id, table.c.id)
                    .where(table.c.external_id.in_(wanted[start : start + PAGE_SIZE]))
                    .order_by(table.c.id)
                )
                found.update((external_id, article_id) for external_id, article_id in plain_rows(connection.execute(query)))
        return found

    def has_article(self, article_id: str) -> bool:
        return bool(self.stored_ids([article_id]))

    def save_extractions(self, batch: Iterable[tuple[Article, Extraction]], run_id: Optional[int] = None) -> int:
        """Store articles with their extractions in one transaction; articles already stored are left as they are.

        Returns the number of incidents stored.
        """
        return self.save_new_extractions(batch, run_id)[1]

    def save_new_extractions(self, batch: Iterable[tuple[Article, Extraction]], run_id: Optional[int] = None) -> tuple[int, int]:
        """Like save_extractions; returns (articles, incidents) stored.

        An article another writer stored meanwhile is not an error: the insert
        skips it (ON CONFLICT DO NOTHING) and it is not counted here.
        """
        pairs: dict[str, tuple[Article, Extraction]] = {}
        for article, extraction in batch:
            pairs.setdefault(article.id, (article, extraction))
        if not pairs:
            return 0, 0
        now = _now()
        rows: dict[str, dict[str, list[dict]]] = {
            article_id: extraction_rows(article, extraction, run_id, now) for article_id, (article, extraction) in pairs.items()
        }
        with self.engine.begin() as connection:
            statement = _dialect_insert(self.dialect)(schema.articles).on_conflict_do_nothing(index_elements=["id"])
            stored = set(
                connection.scalars(statement.returning(schema.articles.c.id), [row for r in rows.values() for row in r["articles"]])
            )
            incidents = 0
            for table in (schema.incidents, schema.actors, schema.casualties, schema.claims):
                table_rows = [row for article_id in rows if article_id in stored for row in rows[article_id][table.name]]
                if table_rows:
                    connection.execute(insert(table), table_rows)
                if table is schema.incidents:
                    incidents = len(table_rows)
        return len(stored), incidents

    def own_files(self) -> list[Path]:
        """The files of a SQLite store (with its journal and WAL), so ingesting its folder leaves them out."""
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:":
            return []
        return [Path(database + suffix) for suffix in ("", "-wal", "-shm", "-journal")]

    def record_errors(self, errors: Iterable[DocumentError], run_id: Optional[int] = None) -> None:
        """Remember bad documents; one already recorded gets this run's id and time."""
        now = _now()
        values = {
            (_printable(error.document), _printable(str(error.reason)[:MAX_REASON_CHARS])): {
                "document": _printable(error.document),
                "reason": _printable(str(error.reason)[:MAX_REASON_CHARS]),
                "run_id": run_id,
                "recorded_at": now,
            }
            for error in errors
        }
        if not values:
            return
        statement = _dialect_insert(self.dialect)(schema.document_errors)
        statement = statement.on_conflict_do_update(
            index_elements=["document", "reason"],
            set_={"run_id": statement.excluded.run_id, "recorded_at": statement.excluded.recorded_at},
        )
        with self.engine.begin() as connection:
            connection.execute(statement, list(values.values()))

    def record_error(self, error: DocumentError, run_id: Optional[int] = None) -> None:
        self.record_errors([error], run_id)

    # ------------------------------------------------------------------ reads

    def errors(self) -> Iterator[StoredError]:
        table = schema.document_errors
        with self.engine.connect() as connection:
            for row in connection.execute(select(table).order_by(table.c.recorded_at, table.c.id)).mappings():
                yield StoredError(row["document"], row["reason"], row["run_id"], row["recorded_at"])

    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()

    def has_rows(self, table_name: str) -> bool:
        """Whether a table holds any row, without counting them."""
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as connection:
            return connection.execute(select(literal(1)).select_from(table).limit(1)).first() is not None

    def article(self, article_id: str) -> Optional[Article]:
        with self.engine.connect() as connection:
            row = connection.execute(select(schema.articles).where(schema.articles.c.id == article_id)).mappings().first()
        return None if row is None else article_from_row(row)

    def extraction(self, article_id: str) -> Optional[Extraction]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(schema.articles).where(schema.articles.c.id == article_id)).mappings().all()
            found = _extractions_for(connection, rows)
        return found[0] if found else None

    def extractions_of(self, article_ids: Iterable[str]) -> dict[str, Extraction]:
        """The stored Extractions of these articles by article id (ids not stored are left out), a page of ids per query."""
        ids = sorted(set(article_ids))
        columns = [c for c in schema.articles.c if c.name not in ("text", "metadata")]
        found: dict[str, Extraction] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(ids), PAGE_SIZE):
                query = select(*columns).where(schema.articles.c.id.in_(ids[start : start + PAGE_SIZE]))
                rows = connection.execute(query).mappings().all()
                found.update((extraction.article.id, extraction) for extraction in _extractions_for(connection, rows))
        return found

    def _pages(self, query: Select, keys: Sequence[Column], read: Callable[[Connection, Sequence[RowMapping]], Iterable[T]]) -> Iterator[T]:
        """`read` over the rows of `query` in `keys` order, PAGE_SIZE rows at a time.

        Pages by keyset (the rows after the last page's `keys`), so a late page
        costs what the first does, where OFFSET would read every row before it.
        The keys must be non-null and unique together.
        """
        query = query.order_by(*keys).limit(PAGE_SIZE)
        page = query
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(page).mappings().all()
                results = list(read(connection, rows))
            yield from results
            if len(rows) < PAGE_SIZE:
                return
            page = query.where(_after(keys, [rows[-1][key.name] for key in keys]))

    def extractions(self) -> Iterator[Extraction]:
        """Every stored article's Extraction, in article id order, a page of articles at a time."""
        columns = [c for c in schema.articles.c if c.name not in ("text", "metadata")]
        return self._pages(select(*columns), [schema.articles.c.id], _extractions_for)

    def incidents(self) -> Iterator[tuple[ArticleHeader, Incident]]:
        """Every stored incident with the header of its article."""
        for extraction in self.extractions():
            for incident in extraction.incidents:
                yield extraction.article, incident

    # ------------------------------------------------------------------ linked incidents

    def link_memberships(self, linked_ids: Optional[Iterable[str]] = None) -> dict[tuple[str, str], str]:
        """(article_id, incident_id) -> id of the linked incident it belongs to; only those of `linked_ids` when given."""
        table = schema.linked_members
        query = select(table.c.article_id, table.c.incident_id, table.c.linked_id)
        found: dict[tuple[str, str], str] = {}
        with self.engine.connect() as connection:
            if linked_ids is None:
                pages = [query]
            else:
                ids = sorted(set(linked_ids))
                pages = [query.where(table.c.linked_id.in_(ids[start : start + PAGE_SIZE])) for start in range(0, len(ids), PAGE_SIZE)]
            for page in pages:
                rows = plain_rows(connection.execute(page))
                found.update(((article_id, incident_id), linked_id) for article_id, incident_id, linked_id in rows)
        return found

    def incidents_of(self, refs: Iterable[tuple[str, str]]) -> list[Extraction]:
        """Extractions holding only these (article_id, incident_id) incidents, with their article headers; a page of incidents per query."""
        wanted = sorted(set(refs))
        columns = [c for c in schema.articles.c if c.name not in ("text", "metadata")]
        found: dict[str, Extraction] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), PAGE_SIZE):
                page = wanted[start : start + PAGE_SIZE]
                query = select(*columns).where(schema.articles.c.id.in_(sorted({article_id for article_id, _ in page})))
                rows = connection.execute(query).mappings().all()
                for extraction in _extractions_for(connection, rows, page):
                    before = found.get(extraction.article.id)
                    if before is not None:  # an article whose incidents straddle two pages
                        extraction = before.model_copy(update={"incidents": [*before.incidents, *extraction.incidents]})
                    found[extraction.article.id] = extraction
        return list(found.values())

    def unlinked_refs(self) -> list[tuple[str, str]]:
        """(article_id, incident_id) of the violent incidents not linked yet, in date order (incident date, else
        publication day; undated last). One pass over the incidents' key index, probing the members' for each:
        only the unlinked ones are joined to their article and sorted."""
        incidents, members, articles = schema.incidents, schema.linked_members, schema.articles
        linked = select(members.c.linked_id).where(
            members.c.article_id == incidents.c.article_id, members.c.incident_id == incidents.c.incident_id
        )
        day = func.coalesce(incidents.c.date_start, articles.c.published)
        query = (
            select(incidents.c.article_id, incidents.c.incident_id)
            .join(articles, articles.c.id == incidents.c.article_id)
            .where(incidents.c.violent.is_(True), ~linked.exists())
            .order_by(
                day.is_(None), day, articles.c.published.is_(None), articles.c.published, incidents.c.article_id, incidents.c.incident_id
            )
        )
        with self.engine.connect() as connection:
            return [(article_id, incident_id) for article_id, incident_id in plain_rows(connection.execute(query))]

    def unlinked_incidents(self, limit: int) -> list[Extraction]:
        """The first `limit` violent incidents not linked yet, in date order (incident date, else publication day; undated last)."""
        return self.incidents_of(self.unlinked_refs()[:limit])

    def linked_ids_for_keys(self, keys: Iterable[str], per_key: Optional[int] = None) -> set[str]:
        """Ids of the linked incidents filed under any of `keys`; at most the `per_key` most recent ones (by date, undated last) of each key."""
        table, linked = schema.linked_keys, schema.linked_incidents
        wanted = sorted(set(keys))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), PAGE_SIZE):
                page = wanted[start : start + PAGE_SIZE]
                if per_key is None:
                    found.update(connection.scalars(select(table.c.linked_id).where(table.c.key.in_(page))))
                    continue
                rank = func.row_number().over(
                    partition_by=table.c.key,
                    order_by=(linked.c.date_start.is_(None), linked.c.date_start.desc(), table.c.linked_id.desc()),
                )
                ranked = (
                    select(table.c.linked_id, rank.label("rank"))
                    .join(linked, linked.c.id == table.c.linked_id)
                    .where(table.c.key.in_(page))
                    .subquery()
                )
                found.update(connection.scalars(select(ranked.c.linked_id).where(ranked.c.rank <= per_key)))
        return found

    def linked_ids(self) -> Iterator[str]:
        """Every stored linked incident's id, in id order, a page at a time."""
        table = schema.linked_incidents
        return self._pages(select(table.c.id), [table.c.id], lambda _connection, rows: [row["id"] for row in rows])

    def save_linked_keys(self, keys: Mapping[str, Iterable[str]]) -> None:
        """File these linked incidents under these blocking keys, replacing the keys they had."""
        table = schema.linked_keys
        ids = sorted(keys)
        rows = [{"key": key, "linked_id": linked_id} for linked_id in ids for key in sorted(set(keys[linked_id]))]
        with self.engine.begin() as connection:
            for start in range(0, len(ids), PAGE_SIZE):
                connection.execute(delete(table).where(table.c.linked_id.in_(ids[start : start + PAGE_SIZE])))
            if rows:
                connection.execute(insert(table), rows)

    def clear_links(self) -> None:
        """Forget every linked incident (before linking everything again)."""
        with self.engine.begin() as connection:
            for table in (schema.linked_keys, schema.linked_members, schema.linked_incidents):
                connection.execute(delete(table))

    def unlinked_incident_count(self) -> int:
        """Violent incidents not in any linked incident yet (ingested since the last `corroborate link`)."""
        incidents, members = schema.incidents, schema.linked_members
        linked = select(members.c.linked_id).where(
            members.c.article_id == incidents.c.article_id, members.c.incident_id == incidents.c.incident_id
        )
        query = select(func.count()).select_from(incidents).where(incidents.c.violent.is_(True), ~linked.exists())
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def save_linked_incidents(
        self,
        linked: Iterable[LinkedIncident],
        *,
        replace_all: bool = False,
        keys: Optional[Mapping[str, Iterable[str]]] = None,
    ) -> int:
        """Store these linked incidents (new, or grown since stored) in one transaction; returns how many.

        Their members leave any linked incident they were in, and a stored
        linked incident left without members is deleted. `keys` maps a linked
        id to the blocking keys it is filed under (`link.filing_keys`); they
        replace the ones stored. With `replace_all` every stored linked incident is dropped first.
        """
        linked = list(linked)
        now = _now()
        members = [
            {"article_id": member.article_id, "incident_id": member.incident_id, "linked_id": incident.id}
            for incident in linked
            for member in incident.members
        ]
        key_rows = [{"key": key, "linked_id": incident.id} for incident in linked for key in sorted(set((keys or {}).get(incident.id, ())))]
        table, member_table = schema.linked_incidents, schema.linked_members
        with self.engine.begin() as connection:
            if replace_all:
                for cleared in (schema.linked_keys, member_table, table):
                    connection.execute(delete(cleared))
            ids = [incident.id for incident in linked]
            refs = [(m["article_id"], m["incident_id"]) for m in members]
            left: set[str] = set()  # stored linked incidents that members may have left
            for start in range(0, len(refs), PAGE_SIZE):
                page = _refs_in(member_table, refs[start : start + PAGE_SIZE])
                left.update(connection.scalars(select(member_table.c.linked_id).where(page).distinct()))
                connection.execute(delete(member_table).where(page))
            for start in range(0, len(ids), PAGE_SIZE):
                page_ids = ids[start : start + PAGE_SIZE]
                connection.execute(delete(schema.linked_keys).where(schema.linked_keys.c.linked_id.in_(page_ids)))
                connection.execute(delete(table).where(table.c.id.in_(page_ids)))
            if linked:
                connection.execute(insert(table), [_linked_row(incident, now) for incident in linked])
            if members:
                connection.execute(insert(member_table), members)
            if key_rows:
                connection.execute(insert(schema.linked_keys), key_rows)
            orphans = sorted(left - set(ids))
            for start in range(0, len(orphans), PAGE_SIZE):
                page_ids = orphans[start : start + PAGE_SIZE]
                kept: set[str] = set(connection.scalars(select(member_table.c.linked_id).where(member_table.c.linked_id.in_(page_ids))))
                empty = [linked_id for linked_id in page_ids if linked_id not in kept]
                if empty:
                    connection.execute(delete(schema.linked_keys).where(schema.linked_keys.c.linked_id.in_(empty)))
                    connection.execute(delete(table).where(table.c.id.in_(empty)))
        return len(linked)

    def linked_incidents(self, *, min_articles: int = 1) -> Iterator[LinkedIncident]:
        """Stored linked incidents in date order, then id; those without a date last; a page at a time."""
        table = schema.linked_incidents
        query = select(table.c.date_start, table.c.id, table.c.record).where(table.c.articles >= min_articles)

        def read(_connection: Connection, rows: Sequence[RowMapping]) -> Iterator[LinkedIncident]:
            return (LinkedIncident.model_validate(row["record"]) for row in rows)

        yield from self._pages(query.where(table.c.date_start.is_not(None)), [table.c.date_start, table.c.id], read)
        yield from self._pages(query.where(table.c.date_start.is_(None)), [table.c.id], read)

    def linked_incident(self, linked_id: str) -> Optional[LinkedIncident]:
        table = schema.linked_incidents
        with self.engine.connect() as connection:
            record = connection.scalar(select(table.c.record).where(table.c.id == linked_id))
        return None if record is None else LinkedIncident.model_validate(record)


# ---------------------------------------------------------------------- rows <-> records


def _after(keys: Sequence[Column], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows that come after `values` in ascending `keys` order.

    The redundant `key >= value` lets the database start its index scan there
    (SQLite does not from the OR alone).
    """
    key, *other_keys = keys
    value, *other_values = values
    if not other_keys:
        return key > value
    return and_(key >= value, or_(key > value, and_(key == value, _after(other_keys, other_values))))


def extraction_rows(article: Article, extraction: Extraction, run_id: Optional[int], now: dt.datetime) -> dict[str, list[dict]]:
    """One article's rows, table name -> rows."""
    rows: dict[str, list[dict]] = defaultdict(list)
    rows["articles"].append(
        {
            **article.model_dump(mode="python"),
            "schema_version": extraction.schema_version,
            "notes": list(extraction.notes),
            "ingested_at": now,
            "run_id": run_id,
        }
    )
    for position, incident in enumerate(extraction.incidents):
        key = {"article_id": article.id, "incident_id": incident.id}
        rows["incidents"].append({**key, **_incident_row(incident), "position": position})
        rows["actors"].extend({**key, "position": n, **actor.model_dump(mode="json")} for n, actor in enumerate(incident.actors))
        rows["casualties"].extend({**key, "kind": kind, **count.model_dump()} for kind, count in _casualty_counts(incident.casualties))
        rows["claims"].extend({**key, "position": n, **_claim_row(claim)} for n, claim in enumerate(incident.claims))
    return rows


def _incident_row(incident: Incident) -> dict:
    date, place = incident.date, incident.location
    return {
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "violent": incident.violent,
        "cause": incident.cause,
        "date_start": date.start,
        "date_end": date.end,
        "date_precision": date.precision.value,
        "date_text": date.text,
        "date_month": date.month,
        "date_day": date.day,
        "date_weekday": date.weekday,
        "location_text": place.text,
        "location_name": place.name,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "location_precision": place.precision.value,
        "geonameid": place.geonameid,
        "victims_mentioned": list(incident.casualties.victims.mentioned),
        "summary": incident.summary,
        "plover_type": incident.plover_type,
        "plover_mode": incident.plover_mode,
    }


def _casualty_counts(casualties: Casualties) -> Iterator[tuple[str, CasualtyCount]]:
    for kind in CASUALTY_KINDS:
        count = getattr(casualties, kind)
        if count is not None:
            yield kind, count
    for group in VICTIM_GROUPS:
        count = getattr(casualties.victims, group)
        if count is not None:
            yield f"victims.{group}", count


def _claim_row(claim: Claim) -> dict:
    return {
        "field": claim.field,
        "value_text": claim.value if isinstance(claim.value, str) else None,
        "value_number": claim.value if isinstance(claim.value, int) else None,
        "source": claim.source,
        "certainty": claim.certainty.value,
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "evidence_sentence": claim.evidence.sentence,
    }


def article_from_row(row) -> Article:
    return Article(**{field: row[field] for field in Article.model_fields})


def _extractions_for(connection: Connection, article_rows: Sequence, refs: Optional[Sequence[tuple[str, str]]] = None) -> list[Extraction]:
    """Extractions for a page of article rows: one query per table, not per article.

    With `refs` ((article_id, incident_id) pairs) only those incidents are read.
    """
    if not article_rows:
        return []
    ids = [row["id"] for row in article_rows]

    def wanted(table) -> ColumnElement[bool]:
        return table.c.article_id.in_(ids) if refs is None else _refs_in(table, refs)

    children: dict[str, dict[tuple[str, str], list]] = {}
    for table in (schema.actors, schema.casualties, schema.claims):
        grouped: dict[tuple[str, str], list] = defaultdict(list)
        order = [table.c.article_id, table.c.incident_id, table.c.position if "position" in table.c else table.c.kind]
        for row in connection.execute(select(table).where(wanted(table)).order_by(*order)).mappings():
            grouped[(row["article_id"], row["incident_id"])].append(row)
        children[table.name] = grouped
    incidents: dict[str, list[Incident]] = defaultdict(list)
    query = select(schema.incidents).where(wanted(schema.incidents))
    for row in connection.execute(query.order_by(schema.incidents.c.article_id, schema.incidents.c.position)).mappings():
        key = (row["article_id"], row["incident_id"])
        incidents[row["article_id"]].append(
            _incident_from_rows(row, children["actors"][key], children["casualties"][key], children["claims"][key])
        )
    return [
        Extraction(
            schema_version=row["schema_version"],
            article=ArticleHeader(**{field: row[field] for field in ArticleHeader.model_fields}),
            incidents=incidents[row["id"]],
            notes=row["notes"],
        )
        for row in article_rows
    ]


def _refs_in(table, refs: Sequence[tuple[str, str]]) -> ColumnElement[bool]:
    """Rows of these (article_id, incident_id) pairs. The article ids come first: SQLite scans the whole table
    for a list of pairs alone (a cost growing with the store), but searches its key index for the ids."""
    pairs = list(refs)
    return and_(
        table.c.article_id.in_(sorted({article_id for article_id, _ in pairs})), tuple_(table.c.article_id, table.c.incident_id).in_(pairs)
    )


def _incident_from_rows(row, actor_rows, casualty_rows, claim_rows) -> Incident:
    counts = {c["kind"]: CasualtyCount(low=c["low"], best=c["best"], high=c["high"], text=c["text"]) for c in casualty_rows}
    victims = Victims(**{group: counts.get(f"victims.{group}") for group in VICTIM_GROUPS}, mentioned=row["victims_mentioned"])
    return Incident(
        id=row["incident_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        violent=row["violent"],
        plover_type=row["plover_type"],
        plover_mode=row["plover_mode"],
        cause=row["cause"],
        date=IncidentDate(
            start=row["date_start"],
            end=row["date_end"],
            precision=row["date_precision"],
            text=row["date_text"],
            month=row["date_month"],
            day=row["date_day"],
            weekday=row["date_weekday"],
        ),
        location=Place(
            text=row["location_text"],
            name=row["location_name"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            country=row["country"],
            lat=row["lat"],
            lon=row["lon"],
            precision=row["location_precision"],
            geonameid=row["geonameid"],
        ),
        actors=[Actor(role=a["role"], text=a["text"], name=a["name"], type=a["type"], country=a["country"]) for a in actor_rows],
        casualties=Casualties(**{kind: counts.get(kind) for kind in CASUALTY_KINDS}, victims=victims),
        claims=[
            Claim(
                field=c["field"],
                value=c["value_number"] if c["value_number"] is not None else c["value_text"],
                source=c["source"],
                certainty=c["certainty"],
                evidence=Evidence(start=c["evidence_start"], end=c["evidence_end"], sentence=c["evidence_sentence"]),
            )
            for c in claim_rows
        ],
        summary=row["summary"],
    )


def _linked_row(incident: LinkedIncident, now: dt.datetime) -> dict:
    killed, place = incident.killed, incident.location
    return {
        "id": incident.id,
        "event_type": incident.event_type,
        "cause": incident.cause,
        "date_start": incident.date.start,
        "date_end": incident.date.end,
        "location_name": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "articles": len(incident.sources),
        "independent_sources": incident.independent_sources,
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "killed_conservative": killed.conservative if killed else None,
        "record": incident.model_dump(mode="json"),
        "updated_at": now,
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _counts(counts: RunCounts) -> dict[str, int]:
    return dict(counts.__dict__)


def _printable(text: str) -> str:
    """An error's name or reason as text every backend stores: NUL and unpaired surrogates spelt as escapes."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def _dialect_insert(dialect: str):
    """INSERT with ON CONFLICT for the dialects corroborate supports."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert
