"""Field rules of issue 15: one payer per person and month across BPJS programmes, the Perwali question "already a
BPJS Ketenagakerjaan member", the Perpres 57/2023 wage choice "dapat dinegosiasikan"

Revision ID: 0006_field_rules
Revises: 0005_audit
Create Date: 2026-12-02

- Every BPJS contribution subsidy gives the same JKK+JKM cover, whoever pays: its cover kind becomes
  'bpjs_jkk_jkm' (CHECK on programme) and its cover months follow, so the UNIQUE (person, cover kind, month) key of
  cover_month refuses a city and a provincial programme paying the same month. If the data already holds such double
  cover, the upgrade stops and names how many months: end one of the two enrolments first.
- The payer is one of city / province / self (CHECK on programme and enrolment), the funder city / province.
- enrolment.already_bpjs_member: the answer at enrolment (NULL: not asked); contribution subsidies get the
  not_bpjs_member rule in their eligibility.
- vacancy.wage_negotiable.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006_field_rules"
down_revision = "0005_audit"
branch_labels = None
depends_on = None

BPJS_COVER = "bpjs_jkk_jkm"
SUBSIDY = "contribution_subsidy"
PAYERS = "payer IN ('city', 'province', 'self')"

_SUBSIDY_MONTHS = (f"SELECT cover_month.id FROM cover_month JOIN enrolment ON enrolment.id = cover_month.enrolment_id "
                   f"JOIN programme ON programme.id = enrolment.programme_id WHERE programme.kind = '{SUBSIDY}'")


def _one_bpjs_cover(bind) -> None:
    doubled = bind.execute(sa.text(
        f"SELECT count(*) FROM (SELECT person_id, month FROM cover_month WHERE id IN ({_SUBSIDY_MONTHS}) "
        "GROUP BY person_id, month HAVING count(*) > 1) AS doubled")).scalar()
    if doubled:
        raise RuntimeError(f"{doubled} person-months are paid by two BPJS subsidy programmes; end one of the two "
                           "enrolments for those months, then run the upgrade again.")
    bind.execute(sa.text(f"UPDATE cover_month SET cover_kind = '{BPJS_COVER}' WHERE id IN ({_SUBSIDY_MONTHS})"))
    bind.execute(sa.text(f"UPDATE programme SET cover_kind = '{BPJS_COVER}' WHERE kind = '{SUBSIDY}'"))


def _ask_membership(bind) -> None:
    programme = sa.table("programme", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                         sa.column("eligibility", sa.JSON))
    for pid, rules in bind.execute(sa.select(programme.c.id, programme.c.eligibility)
                                   .where(programme.c.kind == SUBSIDY)).all():
        bind.execute(programme.update().where(programme.c.id == pid)
                     .values(eligibility={**(rules or {}), "not_bpjs_member": True}))


def upgrade():
    bind = op.get_bind()
    _one_bpjs_cover(bind)
    _ask_membership(bind)
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_programme_payer_known"), PAYERS)
        batch_op.create_check_constraint(op.f("ck_programme_funder_known"), "funder IN ('city', 'province')")
        batch_op.create_check_constraint(op.f("ck_programme_subsidy_covers_jkk_jkm"),
                                         f"kind <> '{SUBSIDY}' OR cover_kind = '{BPJS_COVER}'")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("already_bpjs_member", sa.Boolean(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_enrolment_payer_known"), PAYERS)
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wage_negotiable", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.alter_column("wage_negotiable", server_default=None)


def downgrade():
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_column("wage_negotiable")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_enrolment_payer_known"), type_="check")
        batch_op.drop_column("already_bpjs_member")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_programme_subsidy_covers_jkk_jkm"), type_="check")
        batch_op.drop_constraint(op.f("ck_programme_funder_known"), type_="check")
        batch_op.drop_constraint(op.f("ck_programme_payer_known"), type_="check")
