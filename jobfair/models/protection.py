"""Worker protection and social aid: the register of people, programmes, enrolments, monthly ledger, claims.

Sensitive personal data (UU PDP): officers only, every read of a person's record is audited (services).
"""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db
from jobfair.models.base import UTCDateTime, utcnow


def _in(column: str, enum_cls) -> str:
    return f"{column} IN (" + ", ".join(f"'{m.value}'" for m in enum_cls) + ")"


class ProgrammeKind(enum.StrEnum):
    CONTRIBUTION_SUBSIDY = "contribution_subsidy"  # BPJS Ketenagakerjaan JKK + JKM paid by the city
    RECURRING_AID = "recurring_aid"                # e.g. monthly food packages for the elderly
    ONE_OFF_AID = "one_off_aid"                    # e.g. prosthetic legs


class Payer(enum.StrEnum):
    """Who pays a programme's contributions or aid (DOMAIN.md): a programme has one payer, and so its enrolments."""

    CITY = "city"          # Pemerintah Kota Balikpapan (APBD kota)
    PROVINCE = "province"  # Pemerintah Provinsi Kalimantan Timur
    SELF = "self"          # the member pays (recorded, not paid by a government)


# The protection every BPJS Ketenagakerjaan contribution subsidy gives, whoever pays it: one cover kind for all of
# them, so the once-per-person-and-month key of cover_month refuses a second payer for the same month.
BPJS_COVER = "bpjs_jkk_jkm"


class ProtectionStatus(enum.StrEnum):
    REGISTERED = "registered"
    SECTOR_VERIFIED = "sector_verified"  # checked by the named sector office (agriculture, fisheries, ...)
    DECREED = "decreed"                  # listed in the mayoral decree (SK Wali Kota)
    ACTIVE = "active"
    ENDED = "ended"
    REJECTED = "rejected"


class LedgerStatus(enum.StrEnum):
    DUE = "due"
    PAID = "paid"
    DELIVERED = "delivered"


class ClaimKind(enum.StrEnum):
    ACCIDENT = "accident"  # JKK
    DEATH = "death"        # JKM


class ClaimStatus(enum.StrEnum):
    FILED = "filed"
    APPROVED = "approved"
    PAID = "paid"
    REJECTED = "rejected"


class UmkSetting(db.Model):
    """The city minimum wage (UMK) per year: the income cap of the BPJS subsidy."""

    __tablename__ = "umk_setting"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)  # Rupiah per month


class Worker(db.Model):
    """A person in the protection register (one per Person: linked, never duplicated)."""

    __tablename__ = "worker"
    __table_args__ = (CheckConstraint("monthly_income >= 0", name="income_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    kecamatan_code: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.code"), index=True)
    kelurahan_code: Mapped[str | None] = mapped_column(ForeignKey("kelurahan.code"))
    phone: Mapped[str] = mapped_column(String(20), default="")
    category_code: Mapped[str | None] = mapped_column(ForeignKey("worker_category.code"), index=True)
    monthly_income: Mapped[int] = mapped_column(Integer, default=0)  # declared, Rupiah
    ktp_since: Mapped[date | None] = mapped_column(Date)  # holds a Balikpapan KTP since
    has_disability: Mapped[bool] = mapped_column(Boolean, default=False)
    disability_note: Mapped[str] = mapped_column(String(255), default="")  # specific data: officers only
    is_elderly: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person = relationship("Person")
    kecamatan = relationship("Kecamatan")
    kelurahan = relationship("Kelurahan")
    category = relationship("WorkerCategory")


class Programme(db.Model):
    __tablename__ = "programme"
    __table_args__ = (
        CheckConstraint(_in("kind", ProgrammeKind), name="kind_known"),
        CheckConstraint("quota >= 0 AND enrolled_count >= 0 AND enrolled_count <= quota", name="enrolled_within_quota"),
        CheckConstraint("amount_per_month >= 0 AND unit_value >= 0", name="amounts_not_negative"),
        CheckConstraint(_in("payer", Payer), name="payer_known"),
        CheckConstraint("funder IN ('city', 'province')", name="funder_known"),
        CheckConstraint(f"kind <> '{ProgrammeKind.CONTRIBUTION_SUBSIDY.value}' OR cover_kind = '{BPJS_COVER}'",
                        name="subsidy_covers_jkk_jkm"),
        UniqueConstraint("name", "year", name="uq_programme_name_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(24))
    cover_kind: Mapped[str] = mapped_column(String(40), index=True)  # overlapping cover of one kind is forbidden
    owning_office: Mapped[str] = mapped_column(String(80))            # "Disnaker", "Dinas Sosial": data, not code
    funder: Mapped[str] = mapped_column(String(40))                   # city / province
    payer: Mapped[str] = mapped_column(String(40))                    # Payer: who pays every enrolment of it
    year: Mapped[int] = mapped_column(Integer, index=True)
    amount_per_month: Mapped[int] = mapped_column(Integer, default=0)  # subsidy or recurring aid, per person
    item_name: Mapped[str] = mapped_column(String(120), default="")    # aid item, e.g. "Paket sembako"
    unit_value: Mapped[int] = mapped_column(Integer, default=0)        # Rupiah per item
    quota: Mapped[int] = mapped_column(Integer)
    enrolled_count: Mapped[int] = mapped_column(Integer, default=0)
    budget: Mapped[int] = mapped_column(BigInteger, default=0)         # Rupiah for the year (billions)
    eligibility: Mapped[dict] = mapped_column(JSON, default=dict)      # rules.eligibility.Rules as a dict
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Enrolment(db.Model):
    __tablename__ = "enrolment"
    __table_args__ = (
        CheckConstraint(_in("status", ProtectionStatus), name="status_known"),
        CheckConstraint("cover_to IS NULL OR cover_from IS NULL OR cover_to >= cover_from", name="cover_ordered"),
        CheckConstraint(_in("payer", Payer), name="payer_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=ProtectionStatus.REGISTERED.value, index=True)
    verifying_office: Mapped[str] = mapped_column(String(80), default="")  # the sector office named to verify
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decree_number: Mapped[str | None] = mapped_column(String(80))
    decree_date: Mapped[date | None] = mapped_column(Date)
    cover_from: Mapped[date | None] = mapped_column(Date)  # first day of the first covered month
    cover_to: Mapped[date | None] = mapped_column(Date)    # first day of the last covered month
    payer: Mapped[str] = mapped_column(String(40))              # the programme's payer (protection/enrolments.py)
    already_bpjs_member: Mapped[bool | None] = mapped_column(Boolean)  # asked at enrolment (Perwali); None: not asked
    kpj_number: Mapped[str | None] = mapped_column(String(20))  # BPJS membership number, once given
    end_reason: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    programme = relationship("Programme")
    worker = relationship("Worker")


class CoverMonth(db.Model):
    """One row per person, kind of cover and month: the unique key makes overlapping cover impossible,
    on SQLite and PostgreSQL alike, whatever the application does. Every BPJS contribution subsidy has the cover
    kind BPJS_COVER (a CHECK on programme), so a city and a provincial programme cannot pay the same month."""

    __tablename__ = "cover_month"
    __table_args__ = (UniqueConstraint("person_id", "cover_kind", "month", name="uq_cover_month_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    cover_kind: Mapped[str] = mapped_column(String(40))
    month: Mapped[date] = mapped_column(Date)  # first day of the month


class LedgerEntry(db.Model):
    """A month's contribution (subsidy) or delivery (aid) for one enrolment."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "month", name="uq_ledger_entry_month"),
        CheckConstraint(_in("status", LedgerStatus), name="status_known"),
        CheckConstraint("amount >= 0 AND quantity >= 0", name="amounts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # first day of the month
    amount: Mapped[int] = mapped_column(Integer)           # Rupiah
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    item: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(16), default=LedgerStatus.DUE.value, index=True)
    reference: Mapped[str | None] = mapped_column(String(120))  # payment or delivery reference
    settled_on: Mapped[date | None] = mapped_column(Date)
    proof: Mapped[str | None] = mapped_column(String(255))      # e.g. delivery receipt number / photo reference
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    enrolment = relationship("Enrolment")


class Claim(db.Model):
    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint(_in("kind", ClaimKind), name="kind_known"),
        CheckConstraint(_in("status", ClaimStatus), name="status_known"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    incident_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.FILED.value, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enrolment = relationship("Enrolment")


class ImportBatch(db.Model):
    """An uploaded spreadsheet: its validation report and what was imported (progress is shown from here)."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    status: Mapped[str] = mapped_column(String(16), default="validated")  # validated / imported / discarded
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)  # progress while validating or importing
    valid_rows: Mapped[int] = mapped_column(Integer, default=0)
    error_rows: Mapped[int] = mapped_column(Integer, default=0)
    imported_rows: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list] = mapped_column(JSON, default=list)    # [{row, column, reason}]
    payload: Mapped[list] = mapped_column(JSON, default=list)   # the valid rows, cleaned, waiting for the decision
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by retention after 30 days: the stored rows and error report (names, NIKs) are emptied.
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
