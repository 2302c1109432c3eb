"""Reference data loaded from the files in jobfair/data (see services/reference.py)."""

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobfair.extensions import db


class Province(db.Model):
    __tablename__ = "province"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Regency(db.Model):
    __tablename__ = "regency"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)  # "6471", no dot
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)
    name: Mapped[str] = mapped_column(String(80))


class Kecamatan(db.Model):
    __tablename__ = "kecamatan"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # "647101"
    name: Mapped[str] = mapped_column(String(80))
    kelurahan: Mapped[list["Kelurahan"]] = relationship(back_populates="kecamatan", order_by="Kelurahan.name")


class Kelurahan(db.Model):
    __tablename__ = "kelurahan"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)  # "6471011001"
    kecamatan_code: Mapped[str] = mapped_column(ForeignKey("kecamatan.code"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kecamatan: Mapped[Kecamatan] = relationship(back_populates="kelurahan")


class EducationLevel(db.Model):
    __tablename__ = "education_level"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # "SMA", "S1"
    name: Mapped[str] = mapped_column(String(80))
    rank: Mapped[int] = mapped_column(Integer, unique=True)  # higher = more schooling


class WorkerCategory(db.Model):
    """Pekerja rentan (vulnerable informal worker) occupation categories."""

    __tablename__ = "worker_category"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class SmkMajor(db.Model):
    __tablename__ = "smk_major"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    field: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(120))
