"""Erasure and retention (UU PDP): data-subject requests, anonymised/purged markers

Revision ID: 0013_erasure
Revises: 0009_search
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013_erasure"
down_revision = "0014_pdp_reads"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "data_subject_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('erasure')", name=op.f("ck_data_subject_request_kind_known")),
        sa.CheckConstraint("status IN ('pending', 'approved', 'refused')",
                           name=op.f("ck_data_subject_request_status_known")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_data_subject_request_person_id_person")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user_account.id"],
                                name=op.f("fk_data_subject_request_requested_by_id_user_account")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user_account.id"],
                                name=op.f("fk_data_subject_request_decided_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_subject_request")),
    )
    with op.batch_alter_table("data_subject_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_subject_request_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_subject_request_requested_by_id"), ["requested_by_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_data_subject_request_status"), ["status"], unique=False)
        batch_op.create_index("uq_data_subject_request_one_pending", ["person_id", "kind"], unique=True,
                              sqlite_where=sa.text("status = 'pending'"),
                              postgresql_where=sa.text("status = 'pending'"))
    # Plain nullable columns: add_column needs no table rebuild on SQLite.
    op.add_column("person", sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("ak1_card", sa.Column("data_removed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("import_batch", sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
    with op.batch_alter_table("ak1_card", schema=None) as batch_op:
        batch_op.drop_column("data_removed_at")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
    op.drop_table("data_subject_request")
