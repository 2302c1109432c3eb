"""Saved searches (job alerts) of seekers and the vacancies already sent for each

Revision ID: 0016_saved_searches
Revises: 0016_list_order
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0016_saved_searches"
down_revision = "0016_list_order"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("q", sa.String(length=200), nullable=False),
        sa.Column("job_fair_id", sa.Integer(), nullable=True),
        sa.Column("sector", sa.String(length=1), nullable=True),
        sa.Column("education", sa.String(length=8), nullable=True),
        sa.Column("kecamatan", sa.String(length=6), nullable=True),
        sa.Column("employment_type", sa.String(length=16), nullable=True),
        sa.Column("disability_friendly", sa.Boolean(), nullable=False),
        sa.Column("wage_min", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_digest_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("frequency IN ('daily', 'weekly')", name=op.f("ck_saved_search_frequency_known")),
        sa.ForeignKeyConstraint(["job_fair_id"], ["job_fair.id"], name=op.f("fk_saved_search_job_fair_id_job_fair")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_saved_search_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
    )
    with op.batch_alter_table("saved_search", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_search_user_id"), ["user_id"], unique=False)
    op.create_table(
        "saved_search_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("saved_search_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["saved_search_id"], ["saved_search.id"],
                                name=op.f("fk_saved_search_sent_saved_search_id_saved_search"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name=op.f("fk_saved_search_sent_vacancy_id_vacancy")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search_sent")),
        sa.UniqueConstraint("saved_search_id", "vacancy_id", name=op.f("uq_saved_search_sent_pair")),
    )
    with op.batch_alter_table("saved_search_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_search_sent_vacancy_id"), ["vacancy_id"], unique=False)


def downgrade():
    # Dropping a table drops its indexes too (SQLite and PostgreSQL); the dependent table goes first.
    op.drop_table("saved_search_sent")
    op.drop_table("saved_search")
