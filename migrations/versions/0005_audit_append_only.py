"""Audit trail append-only in the database: on PostgreSQL a trigger refuses UPDATE and DELETE of audit rows

Revision ID: 0005_audit
Revises: 0004
Create Date: 2026-11-25

SQLite has no roles and the file belongs to the application anyway: there the ORM guard in models/audit.py is
the protection. On PostgreSQL the trigger holds for every client that connects as the application's role (raw SQL,
psql, a bug that bypasses the ORM). TRUNCATE fires no row trigger; a DBA should also REVOKE UPDATE, DELETE,
TRUNCATE ON audit_event FROM the application role (see docs/ARCHITECTURE.md).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005_audit"
down_revision = "0004"
branch_labels = None
depends_on = None

FUNCTION = "audit_event_append_only"
TRIGGER = "audit_event_append_only"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
        END
        $$
    """)
    op.execute(f"""
        CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
    """)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_event")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
