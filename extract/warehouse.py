"""The raw layer of the DuckDB warehouse: its schema and idempotent loads.

Raw tables hold what extraction and tagging produced, untransformed; dbt builds
everything else from them. Loads are idempotent so a re-run of the same input
leaves the same rows: articles are keyed by a content hash, and re-tagging an
article replaces its NLP rows in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from extract.articles import Article, Rejection, SourceFile

log = logging.getLogger(__name__)

RAW_SCHEMA_DDL = """
create schema if not exists raw;

create table if not exists raw.articles (
    article_id      varchar primary key,
    source_path     varchar not null,
    published_date  date not null,
    article_text    varchar not null,
    content_sha256  varchar not null,
    ingested_at     timestamp with time zone not null
);

create table if not exists raw.rejected_articles (
    source_path     varchar not null,
    file_name       varchar not null,
    reason          varchar not null,
    content_sha256  varchar not null,
    raw_bytes       blob,
    rejected_at     timestamp with time zone not null,
    primary key (source_path, content_sha256)
);

create table if not exists raw.sentences (
    article_id      varchar not null,
    sentence_index  integer not null,
    start_char      integer not null,
    end_char        integer not null,
    sentence_text   varchar not null
);

create table if not exists raw.entity_mentions (
    article_id      varchar not null,
    sentence_index  integer not null,
    start_char      integer not null,
    end_char        integer not null,
    surface_text    varchar not null,
    entity_label    varchar not null
);

create table if not exists raw.temporal_expressions (
    article_id        varchar not null,
    sentence_index    integer not null,
    start_char        integer not null,
    end_char          integer not null,
    expression_text   varchar not null,
    timex_type        varchar not null,
    timex_value       varchar,
    start_date        date,
    end_date          date,
    granularity       varchar,
    anchor_kind       varchar,
    anchor_date       date,
    tense_direction   varchar not null,
    resolution_rule   varchar not null,
    in_quote          boolean not null,
    unresolved_reason varchar
);

create table if not exists raw.quotes (
    article_id         varchar not null,
    quote_id           varchar not null,
    kind               varchar not null,
    quote_text         varchar not null,
    start_char         integer not null,
    end_char           integer not null,
    speaker_text       varchar,
    speaker_start      integer,
    speaker_end        integer,
    speaker_kind       varchar,
    speaker_name       varchar,
    speaker_mention_id varchar,
    verb_lemma         varchar,
    verb_start         integer,
    medium             varchar,
    utterance_date     date
);

create table if not exists raw.coreference_mentions (
    article_id           varchar not null,
    start_char           integer not null,
    end_char             integer not null,
    surface_text         varchar not null,
    mention_kind         varchar not null,
    refers_to_mention_id varchar not null
);

create table if not exists raw.event_mentions (
    article_id                    varchar not null,
    event_mention_id              varchar not null,
    sentence_index                integer not null,
    start_char                    integer not null,
    end_char                      integer not null,
    trigger                       varchar not null,
    kind                          varchar not null,
    participant_mention_ids       varchar[] not null,
    vague_participant_mention_ids varchar[] not null,
    location_mention_id           varchar,
    location_text                 varchar,
    timex_id                      varchar,
    time_status                   varchar not null,
    status                        varchar not null,
    is_anaphoric                  boolean not null,
    evidence                      varchar not null
);

create table if not exists raw.tagged_articles (
    article_id      varchar primary key,
    spacy_model     varchar not null,
    tagged_at       timestamp with time zone not null
);

-- Columns added after the first release: older warehouses gain them in place.
alter table raw.articles add column if not exists superseded_at timestamp with time zone;
alter table raw.articles add column if not exists superseded_by varchar;
alter table raw.tagged_articles add column if not exists run_id varchar;
alter table raw.rejected_articles add column if not exists last_seen_run_id varchar;
alter table raw.entity_mentions add column if not exists linked_name varchar;
alter table raw.entity_mentions add column if not exists link_rule varchar;
alter table raw.entity_mentions add column if not exists is_agent boolean;
alter table raw.event_mentions add column if not exists participant_roles varchar[];
alter table raw.rejected_articles add column if not exists last_seen_at timestamp with time zone;

create table if not exists raw.article_sources (
    source_path     varchar primary key,
    article_id      varchar not null,
    file_size       bigint not null,
    modified_ns     bigint not null,
    seen_at         timestamp with time zone not null
);

create schema if not exists audit;

create table if not exists audit.quarantined_articles (
    article_id      varchar not null,
    file_name       varchar,
    source_path     varchar,
    stage           varchar not null,
    check_name      varchar not null,
    failing_values  varchar,
    run_id          varchar not null,
    quarantined_at  timestamp with time zone not null,
    released_at     timestamp with time zone,
    released_by_run varchar
);

create table if not exists audit.removed_articles (
    article_id      varchar not null,
    source_path     varchar,
    file_name       varchar,
    content_sha256  varchar,
    run_id          varchar not null,
    removed_at      timestamp with time zone not null,
    restored_at     timestamp with time zone
);

create table if not exists audit.operator_actions (
    run_id          varchar not null,
    action          varchar not null,
    target          varchar not null,
    article_id      varchar,
    file_name       varchar,
    detail          varchar not null,
    acted_at        timestamp with time zone not null
);

create table if not exists audit.publications (
    run_id          varchar not null,
    published_at    timestamp with time zone not null,
    published_path  varchar not null,
    articles        bigint not null,
    tables          integer not null
);

create table if not exists audit.validation_results (
    run_id            varchar not null,
    stage             varchar not null,
    check_name        varchar not null,
    expectation       varchar not null,
    expectation_kwargs varchar not null,
    severity          varchar not null,
    success           boolean not null,
    observed_value    varchar,
    element_count     bigint,
    unexpected_count  bigint,
    failing_rows      varchar,
    validated_at      timestamp with time zone not null
);

-- Articles the marts are built from: the current version of each source, not quarantined.
create or replace view raw.live_articles as
select a.*
from raw.articles a
where a.superseded_at is null
  and a.article_id not in (
      select q.article_id from audit.quarantined_articles q where q.released_at is null
  );

-- Live articles tagged since the last publication: what this run's row checks look at.
create or replace view raw.pending_articles as
select l.article_id, l.source_path, l.published_date, t.tagged_at, t.run_id as tagged_by_run
from raw.live_articles l
join raw.tagged_articles t using (article_id)
where t.tagged_at > coalesce(
    (select max(p.published_at) from audit.publications p), timestamptz '-infinity'
);
"""

NLP_COLUMNS: dict[str, tuple[str, ...]] = {
    "raw.sentences": ("article_id", "sentence_index", "start_char", "end_char", "sentence_text"),
    "raw.entity_mentions": (
        "article_id", "sentence_index", "start_char", "end_char", "surface_text", "entity_label", "linked_name",
        "link_rule", "is_agent",
    ),
    "raw.temporal_expressions": (
        "article_id", "sentence_index", "start_char", "end_char", "expression_text", "timex_type", "timex_value",
        "start_date", "end_date", "granularity", "anchor_kind", "anchor_date", "tense_direction", "resolution_rule",
        "in_quote", "unresolved_reason",
    ),
    "raw.quotes": (
        "article_id", "quote_id", "kind", "quote_text", "start_char", "end_char", "speaker_text", "speaker_start",
        "speaker_end", "speaker_kind", "speaker_name", "speaker_mention_id", "verb_lemma", "verb_start", "medium",
        "utterance_date",
    ),
    "raw.coreference_mentions": (
        "article_id", "start_char", "end_char", "surface_text", "mention_kind", "refers_to_mention_id",
    ),
    "raw.event_mentions": (
        "article_id", "event_mention_id", "sentence_index", "start_char", "end_char", "trigger", "kind",
        "participant_mention_ids", "vague_participant_mention_ids", "location_mention_id", "location_text",
        "timex_id", "time_status", "status", "is_anaphoric", "evidence", "participant_roles",
    ),
}
"""The rows the tag stage writes, per raw table: the columns each row dict carries."""

NLP_TABLES = (*NLP_COLUMNS, "raw.tagged_articles")


def sql_path(path: Path) -> str:
    """A file path as a SQL string literal's contents (ATTACH and COPY take no parameters)."""
    return str(path).replace("'", "''")


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse file (creating its folder and raw schema) and always close it.

    DuckDB allows one writing process per file, so every stage holds its connection
    only for as long as it works.
    """
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute(RAW_SCHEMA_DDL)
        yield con
    finally:
        con.close()


def known_sources(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of every file already loaded, by path: unchanged files are not re-read."""
    rows = con.execute("select source_path, file_size, modified_ns from raw.article_sources").fetchall()
    return {path: (size, modified) for path, size, modified in rows}


def removed_articles(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Articles an operator removed (and did not restore), by id, with when: extract does not bring them back."""
    rows = con.execute(
        "select article_id, max(removed_at)::varchar from audit.removed_articles"
        " where restored_at is null group by article_id"
    ).fetchall()
    return dict(rows)


@dataclass(frozen=True)
class LoadReport:
    new: int
    superseded: int


def load_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[tuple[Article, SourceFile]]) -> LoadReport:
    """Insert new articles and record which file holds which version.

    An article is its content (the same text in two files is one article); a file whose
    content changed supersedes the version it held before, unless another file still holds
    that version. Superseded articles stay in raw (history) but leave the marts.
    """
    if not articles:
        return LoadReport(0, 0)
    frame = pd.DataFrame(
        {
            "article_id": [a.article_id for a, _ in articles],
            "source_path": [a.source_path for a, _ in articles],
            "published_date": [a.published_date for a, _ in articles],
            "article_text": [a.text for a, _ in articles],
            "content_sha256": [a.content_sha256 for a, _ in articles],
            "file_size": [f.size for _, f in articles],
            "modified_ns": [f.modified_ns for _, f in articles],
        }
    )
    before = _count(con, "raw.articles")
    con.register("incoming_articles", frame)
    con.execute("begin transaction")
    try:
        con.execute(
            """
            insert or ignore into raw.articles
                (article_id, source_path, published_date, article_text, content_sha256, ingested_at)
            select distinct on (article_id)
                article_id, source_path, published_date::date, article_text, content_sha256, current_timestamp
            from incoming_articles
            order by article_id, source_path
            """
        )
        # A file edited back to an earlier version brings that version back.
        con.execute(
            "update raw.articles set superseded_at = null, superseded_by = null"
            " where superseded_at is not null and article_id in (select article_id from incoming_articles)"
        )
        replaced = con.execute(
            """
            select s.article_id as old_id, i.article_id as new_id
            from raw.article_sources s join incoming_articles i using (source_path)
            where s.article_id <> i.article_id
            """
        ).df()
        con.execute(
            """
            insert or replace into raw.article_sources
            select source_path, article_id, file_size, modified_ns, current_timestamp from incoming_articles
            """
        )
        con.register("replaced_versions", replaced)
        superseded = con.execute(
            """
            update raw.articles a
            set superseded_at = current_timestamp, superseded_by = r.new_id
            from replaced_versions r
            where a.article_id = r.old_id
              and a.superseded_at is null
              and r.old_id not in (select article_id from raw.article_sources)
            """
        ).fetchall()[0][0]
        con.unregister("replaced_versions")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("incoming_articles")
    return LoadReport(_count(con, "raw.articles") - before, superseded)


def load_rejections(con: duckdb.DuckDBPyConnection, rejections: Sequence[Rejection], run_id: str) -> int:
    """Record rejected files with their reason and bytes; a file seen before gets its last-seen run updated."""
    if not rejections:
        return 0
    frame = pd.DataFrame(
        {
            "source_path": [r.source_path for r in rejections],
            "file_name": [Path(r.source_path).name for r in rejections],
            "reason": [r.reason for r in rejections],
            "content_sha256": [r.content_sha256 for r in rejections],
            "raw_bytes": [r.raw_bytes for r in rejections],
        }
    )
    before = _count(con, "raw.rejected_articles")
    con.register("incoming_rejections", frame)
    con.execute(
        """
        insert into raw.rejected_articles
            (source_path, file_name, reason, content_sha256, raw_bytes, rejected_at, last_seen_run_id, last_seen_at)
        select source_path, file_name, reason, content_sha256, raw_bytes::blob, current_timestamp, ?, current_timestamp
        from incoming_rejections
        on conflict (source_path, content_sha256) do update
        set reason = excluded.reason, last_seen_run_id = excluded.last_seen_run_id, last_seen_at = excluded.last_seen_at
        """,
        [run_id],
    )
    con.unregister("incoming_rejections")
    return _count(con, "raw.rejected_articles") - before


def untagged_articles(
    con: duckdb.DuckDBPyConnection, signature: str, limit: int
) -> list[tuple[str, str, date]]:
    """(article_id, text, published_date) of articles not yet tagged with this tagger signature."""
    return con.execute(
        """
        select a.article_id, a.article_text, a.published_date
        from raw.articles a
        left join raw.tagged_articles t
          on t.article_id = a.article_id and t.spacy_model = ?
        where t.article_id is null and a.superseded_at is null
        order by a.ingested_at, a.article_id
        limit ?
        """,
        [signature, limit],
    ).fetchall()


def untagged_article_ids(con: duckdb.DuckDBPyConnection, signature: str) -> list[str]:
    """Ids of every article not yet tagged with this tagger signature, oldest first."""
    rows = con.execute(
        """
        select a.article_id
        from raw.articles a
        left join raw.tagged_articles t
          on t.article_id = a.article_id and t.spacy_model = ?
        where t.article_id is null and a.superseded_at is null
        order by a.ingested_at, a.article_id
        """,
        [signature],
    ).fetchall()
    return [article_id for (article_id,) in rows]


def articles_by_id(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[tuple[str, str, date]]:
    """(article_id, text, published_date) of these articles, in the order given."""
    con.register("wanted_ids", pd.DataFrame({"article_id": list(article_ids), "position": range(len(article_ids))}))
    try:
        return con.execute(
            """
            select a.article_id, a.article_text, a.published_date
            from raw.articles a join wanted_ids w using (article_id)
            order by w.position
            """
        ).fetchall()
    finally:
        con.unregister("wanted_ids")


def replace_nlp_output(
    con: duckdb.DuckDBPyConnection,
    article_ids: Sequence[str],
    signature: str,
    rows: Mapping[str, pd.DataFrame],
    run_id: str | None = None,
) -> None:
    """Swap in the NLP rows of these articles (one frame per table of NLP_COLUMNS) in one transaction,
    so a re-run never duplicates them."""
    con.execute("begin transaction")
    try:
        con.register("batch_ids", pd.DataFrame({"article_id": list(article_ids)}))
        for table in NLP_TABLES:
            con.execute(f"delete from {table} where article_id in (select article_id from batch_ids)")
        for table, columns in NLP_COLUMNS.items():
            listed = ", ".join(columns)
            con.register("batch_rows", rows[table])
            con.execute(f"insert into {table} ({listed}) select {listed} from batch_rows")
            con.unregister("batch_rows")
        con.execute(
            "insert into raw.tagged_articles (article_id, spacy_model, tagged_at, run_id)"
            " select article_id, ?, current_timestamp, ? from batch_ids",
            [signature, run_id],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("batch_ids")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchall()[0][0]
