"""Background jobs: the database record of each job run by the queue (status, attempts, progress, heartbeat)

Revision ID: 0011_jobs
Revises: 0009_search
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011_jobs"
down_revision = "0009_search"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "background_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("worker", sa.String(length=120), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')",
                           name=op.f("ck_background_job_status_known")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_background_job_attempts_not_negative")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_background_job_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_background_job")),
    )
    with op.batch_alter_table("background_job", schema=None) as batch_op:
        batch_op.create_index("ix_background_job_subject", ["subject_type", "subject_id"], unique=False)
        batch_op.create_index("ix_background_job_status_heartbeat", ["status", "heartbeat_at"], unique=False)


def downgrade():
    with op.batch_alter_table("background_job", schema=None) as batch_op:
        batch_op.drop_index("ix_background_job_status_heartbeat")
        batch_op.drop_index("ix_background_job_subject")
    op.drop_table("background_job")
