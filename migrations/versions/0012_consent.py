"""Consent per purpose (UU PDP): the append-only consent_record; the guardian consents already recorded on
student rows are folded in as match-sharing consents given by the guardian

Revision ID: 0012_consent
Revises: 0009_search
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012_consent"
down_revision = "0013_erasure"
branch_labels = None
depends_on = None

PURPOSES = ("placement", "cv_sharing", "ak1", "email", "match_sharing", "protection")
CHANNELS = ("web", "office", "import")


def _quoted(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def upgrade():
    consent = op.create_table(
        "consent_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=24), nullable=False),
        sa.Column("notice_version", sa.Integer(), nullable=False),
        sa.Column("given", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("by_guardian", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"purpose IN ({_quoted(PURPOSES)})", name=op.f("ck_consent_record_purpose_known")),
        sa.CheckConstraint(f"channel IN ({_quoted(CHANNELS)})", name=op.f("ck_consent_record_channel_known")),
        sa.CheckConstraint("notice_version >= 1", name=op.f("ck_consent_record_notice_version_positive")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_consent_record_person_id_person")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_consent_record_user_id_user_account")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"],
                                name=op.f("fk_consent_record_recorded_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_record")),
    )
    op.create_index("ix_consent_record_person_purpose", "consent_record", ["person_id", "purpose", "id"],
                    unique=False)
    student = sa.table("student", sa.column("person_id", sa.Integer()), sa.column("user_id", sa.Integer()),
                       sa.column("guardian_consent_at", sa.DateTime(timezone=True)),
                       sa.column("guardian_consent_recorded_by_id", sa.Integer()))
    folded = sa.select(student.c.person_id, student.c.user_id, sa.literal("match_sharing"), sa.literal(1),
                       sa.true(), student.c.guardian_consent_at, sa.literal("office"),
                       student.c.guardian_consent_recorded_by_id, sa.true()
                       ).where(student.c.guardian_consent_at.is_not(None)).order_by(student.c.guardian_consent_at)
    op.execute(consent.insert().from_select(
        ["person_id", "user_id", "purpose", "notice_version", "given", "at", "channel", "recorded_by_id",
         "by_guardian"], folded))


def downgrade():
    op.drop_index("ix_consent_record_person_purpose", table_name="consent_record")
    op.drop_table("consent_record")
