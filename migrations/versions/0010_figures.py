"""Figure snapshots: the city's headline figures, charts and filter choices precomputed (services/figure_snapshots);
an index for the company's applicants page (best fit first)

Revision ID: 0010_figures
Revises: 0009_search
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_figures"
down_revision = "0015_api"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "figure_snapshot",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_figure_snapshot")),
    )
    op.create_index("ix_application_vacancy_fit", "application", ["vacancy_id", "fit_score"], unique=False)


def downgrade():
    op.drop_index("ix_application_vacancy_fit", table_name="application")
    op.drop_table("figure_snapshot")
