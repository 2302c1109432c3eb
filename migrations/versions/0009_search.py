"""Vacancy search: full-text index (PostgreSQL tsvector + pg_trgm, SQLite FTS5) and the listing's index

Revision ID: 0009_search
Revises: 0008_sessions
Create Date: 2026-12-02

PostgreSQL: vacancy.search_vector (config `indonesian`: title weight A, company name B, description C) filled by
a BEFORE INSERT/UPDATE trigger on vacancy and refreshed by an AFTER UPDATE OF name trigger on company; a GIN index on
it, and a GIN trigram index on lower(title) for the typo fallback (extension pg_trgm).
SQLite: an FTS5 table vacancy_fts(title, company, description), rowid = vacancy.id, kept in step by triggers on
vacancy insert/update/delete and company name update.
Both: the no-query listing's index (status, published_at, id), scanned backwards for "newest first".

These search artifacts are not in the models (a tsvector column exists on one dialect only); the schema comparison
skips them by name (jobfair/database.py: SEARCH_SCHEMA_NAMES). Beware on SQLite: a later batch_alter_table on
vacancy or company re-creates the table and drops its triggers; such a migration must re-create them (copy
SQLITE_TRIGGERS from here) and refill the index ("DELETE FROM vacancy_fts", then SQLITE_FILL).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_search"
down_revision = "0008_sessions"
branch_labels = None
depends_on = None

LISTING_INDEX = "ix_vacancy_open_listing"

PG_DOCUMENT = """
CREATE OR REPLACE FUNCTION vacancy_search_document(title text, company text, description text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('indonesian'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('indonesian'::regconfig, coalesce(company, '')), 'B')
        || setweight(to_tsvector('indonesian'::regconfig, coalesce(description, '')), 'C')
$$
"""
PG_VACANCY_FUNCTION = """
CREATE OR REPLACE FUNCTION vacancy_search_vector_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := vacancy_search_document(
        NEW.title, (SELECT name FROM company WHERE id = NEW.company_id), NEW.description);
    RETURN NEW;
END
$$
"""
PG_COMPANY_FUNCTION = """
CREATE OR REPLACE FUNCTION company_name_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vacancy SET search_vector = vacancy_search_document(title, NEW.name, description)
    WHERE company_id = NEW.id;
    RETURN NULL;
END
$$
"""

SQLITE_COMPANY_OF_NEW = "coalesce((SELECT name FROM company WHERE id = new.company_id), '')"
SQLITE_TRIGGERS = {
    "vacancy_fts_insert": f"""
        CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN
            INSERT INTO vacancy_fts (rowid, title, company, description)
            VALUES (new.id, new.title, {SQLITE_COMPANY_OF_NEW}, coalesce(new.description, ''));
        END""",
    "vacancy_fts_update": f"""
        CREATE TRIGGER vacancy_fts_update AFTER UPDATE OF title, description, company_id ON vacancy BEGIN
            UPDATE vacancy_fts SET title = new.title, company = {SQLITE_COMPANY_OF_NEW},
                                   description = coalesce(new.description, '')
            WHERE rowid = old.id;
        END""",
    "vacancy_fts_delete": """
        CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN
            DELETE FROM vacancy_fts WHERE rowid = old.id;
        END""",
    "company_name_fts": """
        CREATE TRIGGER company_name_fts AFTER UPDATE OF name ON company WHEN old.name IS NOT new.name BEGIN
            UPDATE vacancy_fts SET company = new.name WHERE rowid IN (SELECT id FROM vacancy WHERE company_id = new.id);
        END""",
}
SQLITE_FILL = """
    INSERT INTO vacancy_fts (rowid, title, company, description)
    SELECT v.id, v.title, coalesce(c.name, ''), coalesce(v.description, '')
    FROM vacancy v LEFT JOIN company c ON c.id = v.company_id
"""


def upgrade():
    op.create_index(LISTING_INDEX, "vacancy", ["status", "published_at", "id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("ALTER TABLE vacancy ADD COLUMN search_vector tsvector")
        op.execute(PG_DOCUMENT)
        op.execute(PG_VACANCY_FUNCTION)
        op.execute(PG_COMPANY_FUNCTION)
        op.execute("""CREATE TRIGGER vacancy_search_vector BEFORE INSERT OR UPDATE OF title, description, company_id
                      ON vacancy FOR EACH ROW EXECUTE FUNCTION vacancy_search_vector_fill()""")
        op.execute("""CREATE TRIGGER company_name_search AFTER UPDATE OF name ON company FOR EACH ROW
                      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION company_name_search_refresh()""")
        op.execute("""UPDATE vacancy v SET search_vector = vacancy_search_document(v.title, c.name, v.description)
                      FROM company c WHERE c.id = v.company_id""")
        op.execute("CREATE INDEX ix_vacancy_search_vector ON vacancy USING gin (search_vector)")
        op.execute("CREATE INDEX ix_vacancy_title_trgm ON vacancy USING gin (lower(title) gin_trgm_ops)")
    else:
        op.execute("""CREATE VIRTUAL TABLE vacancy_fts USING fts5(
                          title, company, description, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4')""")
        op.execute(SQLITE_FILL)
        for ddl in SQLITE_TRIGGERS.values():
            op.execute(ddl)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_vacancy_title_trgm")
        op.execute("DROP INDEX IF EXISTS ix_vacancy_search_vector")
        op.execute("DROP TRIGGER IF EXISTS company_name_search ON company")
        op.execute("DROP TRIGGER IF EXISTS vacancy_search_vector ON vacancy")
        op.execute("DROP FUNCTION IF EXISTS company_name_search_refresh()")
        op.execute("DROP FUNCTION IF EXISTS vacancy_search_vector_fill()")
        op.execute("DROP FUNCTION IF EXISTS vacancy_search_document(text, text, text)")
        op.execute("ALTER TABLE vacancy DROP COLUMN IF EXISTS search_vector")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS vacancy_fts")
    op.drop_index(LISTING_INDEX, table_name="vacancy")
