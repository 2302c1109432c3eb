"""Field rules of issue 15: the Perpres 57/2023 wage choice "dapat dinegosiasikan" on vacancies

Revision ID: 0006_field_rules
Revises: 0005_audit
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006_field_rules"
down_revision = "0005_audit"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wage_negotiable", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.alter_column("wage_negotiable", server_default=None)


def downgrade():
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_column("wage_negotiable")
