"""Engine set-up that differs per database backend."""

from sqlalchemy import event
from sqlalchemy.engine import Engine


def install_sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable with WAL; avoids an fsync per commit
        cursor.close()


# The search artifacts of migration 0009_search live outside the models: a tsvector column and two GIN indexes on
# PostgreSQL only, an FTS5 virtual table (with its shadow tables) on SQLite only. The models-vs-migrations
# comparison (tests/test_migrations.py) and autogenerate (migrations/env.py) skip exactly these names.
SEARCH_SCHEMA_NAMES = {
    "table": {"vacancy_fts", "vacancy_fts_data", "vacancy_fts_idx", "vacancy_fts_content", "vacancy_fts_docsize",
              "vacancy_fts_config"},
    "column": {("vacancy", "search_vector")},
    "index": {"ix_vacancy_search_vector", "ix_vacancy_title_trgm"},
}


def include_in_schema_comparison(name, type_, parent_names) -> bool:
    """Alembic `include_name` hook: False for the search artifacts that are deliberately not in the models."""
    if type_ == "table":
        return name not in SEARCH_SCHEMA_NAMES["table"]
    if type_ == "column":
        return (parent_names.get("table_name"), name) not in SEARCH_SCHEMA_NAMES["column"]
    if type_ == "index":
        return name not in SEARCH_SCHEMA_NAMES["index"]
    return True
