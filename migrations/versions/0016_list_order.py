"""Keyset lists: the account list's order (newest first) as an index, so its first page is not a sort of every
account (services/keyset.py; docs/PERFORMANCE.md "Long lists")

Revision ID: 0016_list_order
Revises: 0017_notification_keys
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0016_list_order"
down_revision = "0017_notification_keys"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_user_account_created_id", "user_account", ["created_at", "id"], unique=False)


def downgrade():
    op.drop_index("ix_user_account_created_id", table_name="user_account")
