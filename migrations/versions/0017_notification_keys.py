"""Notifications stored as a message key with parameters and a link as an endpoint with arguments, so they read
in the language of whoever opens them (jobfair/messages.py).

Revision ID: 0017_notification_keys
Revises: 0010_figures
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_notification_keys"
down_revision = "0010_figures"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("message_key", sa.Text(), nullable=True))
        batch.add_column(sa.Column("message_params", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("link_endpoint", sa.String(80), nullable=True))
        batch.add_column(sa.Column("link_params", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("notification") as batch:
        for column in ("link_params", "link_endpoint", "message_params", "message_key"):
            batch.drop_column(column)
