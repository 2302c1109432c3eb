"""UU PDP: the person whose data an audited read touched, and the office's register of data incidents

Revision ID: 0014_pdp_reads
Revises: 0009_search
Create Date: 2026-12-02

audit_event.subject_person_id has no foreign key on purpose: an append-only row must never block erasing or
anonymising the person it names. Adding a nullable column is a plain ALTER TABLE on both databases (no table
re-creation on SQLite, so the append-only trigger of 0005 on PostgreSQL stays as it is).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014_pdp_reads"
down_revision = "0011_jobs"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("audit_event", sa.Column("subject_person_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_audit_event_subject_person_id"), "audit_event", ["subject_person_id"], unique=False)

    op.create_table(
        "data_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("affected_description", sa.Text(), nullable=False),
        sa.Column("affected_count", sa.Integer(), nullable=True),
        sa.Column("data_categories", sa.String(length=255), nullable=False),
        sa.Column("actions_taken", sa.Text(), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notification_note", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("affected_count IS NULL OR affected_count >= 0",
                           name=op.f("ck_data_incident_affected_not_negative")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"],
                                name=op.f("fk_data_incident_recorded_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_incident")),
    )
    op.create_index(op.f("ix_data_incident_discovered_at"), "data_incident", ["discovered_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_data_incident_discovered_at"), table_name="data_incident")
    op.drop_table("data_incident")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_subject_person_id"))
        batch_op.drop_column("subject_person_id")
