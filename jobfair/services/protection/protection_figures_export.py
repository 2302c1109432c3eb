"""Exports of the protection figures (XLSX, one sheet per breakdown) and the monthly list for BPJS Ketenagakerjaan.

The BPJS list is the one export that carries clear NIKs (BPJS registers BPU members by NIK): it is audited with
its row count, and nothing personal goes into its file name.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import aliased

from jobfair import labels
from jobfair.extensions import db
from jobfair.labels import Sex
from jobfair.models import (
    CoverMonth,
    Enrolment,
    Kecamatan,
    Kelurahan,
    LedgerEntry,
    Payer,
    Person,
    Programme,
    ProtectionStatus,
    Worker,
    WorkerCategory,
)
from jobfair.services import audit, exports
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.people import reveal_nik
from jobfair.services.protection.protection_figures import SUBSIDY, figures, month_label
from jobfair.services.protection.protection_people import require_protection_officer

JKM_FLAT = 6_800  # JKM is Rp6.800 a month for BPU members; the rest of the subsidy is JKK (DOMAIN.md)
BPJS_HEADERS = ("NIK", "Nama lengkap", "Tanggal lahir", "Jenis kelamin", "Alamat", "Kecamatan", "Kelurahan", "No. HP",
                "Pekerjaan", "No. KPJ", "Bulan kepesertaan", "Iuran JKK (Rp)", "Iuran JKM (Rp)",
                "Jumlah iuran JKK+JKM (Rp)", "Pembayar iuran")
EXPORTED_STATUSES = (ProtectionStatus.DECREED.value, ProtectionStatus.ACTIVE.value, ProtectionStatus.ENDED.value)


def figures_sheets(data: dict) -> dict:
    """{sheet title: (headers, rows)} for services.exports.to_xlsx, one sheet per breakdown, in the reader's
    language (text cells are real strings: gettext at call time, labels through str)."""
    def counts(key: str, title: str) -> tuple:
        return (title, _("Jumlah pekerja")), [(str(r["label"]), r["count"]) for r in data[key]]

    programme = data["programme"]
    paid, due = _("Dibayar/diserahkan (Rp)"), _("Belum dibayar (Rp)")
    about = [(_("Program"), programme.name if programme else _("Semua program")), (_("Periode"), data["period_label"]),
             (_("Usia dihitung pada"), data["age_on"].isoformat()),
             (_("Pekerja ditanggung pada periode"), data["covered"]),
             (_("Biaya dibayar/diserahkan (Rp)"), data["paid_total"]),
             (_("Biaya belum dibayar (Rp)"), data["due_total"]),
             (_("Klaim"), data["claims_count"]), (_("Nilai klaim (Rp)"), data["claims_amount"])]
    return {
        _("Ringkasan"): ((_("Keterangan"), _("Nilai")), about),
        _("Kategori"): counts("by_category", _("Kategori pekerjaan")),
        _("Kecamatan"): counts("by_kecamatan", _("Kecamatan")),
        _("Jenis kelamin"): counts("by_sex", _("Jenis kelamin")),
        _("Kelompok usia"): counts("by_age", _("Kelompok usia")),
        _("Cakupan per bulan"): ((_("Bulan"), _("Orang ditanggung")),
                                 [(r["month"].strftime("%Y-%m"), r["count"]) for r in data["cover_by_month"]]),
        _("Biaya per bulan"): ((_("Bulan"), paid, due, _("Jumlah (Rp)")),
                               [(r["month"].strftime("%Y-%m"), r["paid"], r["due"], r["total"])
                                for r in data["cost_by_month"]]),
        _("Per pembayar"): ((_("Pembayar"), _("Orang ditanggung"), paid, due),
                            [(str(r["label"]), r["covered"], r["paid"], r["due"]) for r in data["by_payer"]]),
        _("Program dan anggaran"): (
            (_("Program"), _("Tahun"), _("Jenis"), _("Instansi"), _("Kuota"), _("Peserta aktif"), _("Penerima"),
             _("Anggaran (Rp)"), paid, due, _("Anggaran terpakai"), _("Penyerahan"), _("Jumlah barang")),
            [(p["name"], p["year"], str(p["kind_label"]), p["owning_office"], p["quota"], p["active"],
              p["beneficiaries"], p["budget"], p["paid"], p["due"], p["budget_used"], p["deliveries"],
              p["item_count"]) for p in data["programmes"]]),
        _("Klaim"): ((_("Jenis klaim"), _("Status"), _("Jumlah klaim"), _("Nilai (Rp)")),
                     [(str(c["kind_label"]), str(c["status_label"]), c["count"], c["amount"])
                      for c in data["claims"]]),
    }


def figures_xlsx(actor, **filters) -> bytes:
    """The figures for the filter as an XLSX workbook (aggregates only: no personal data)."""
    return exports.to_xlsx(figures_sheets(figures(actor, **filters)))


def _bpjs_programme(programme_id) -> Programme:
    programme = db.session.get(Programme, programme_id) if isinstance(programme_id, int) else None
    if programme is None:
        raise NotFound(_l("Program tidak ditemukan."))
    if programme.kind != SUBSIDY:
        raise ValidationFailed({"programme_id": _l("Pilih program subsidi iuran BPJS Ketenagakerjaan; program "
                                                   "bantuan tidak dilaporkan ke BPJS.")})
    return programme


def split_contribution(amount: int) -> tuple[int, int]:
    """(JKK, JKM) of a month's JKK+JKM contribution: JKM is the flat Rp6.800, JKK the rest."""
    jkm = min(JKM_FLAT, amount)
    return amount - jkm, jkm


def bpjs_export(actor, programme_id, month) -> tuple[tuple[str, ...], list[tuple]]:
    """What BPJS Ketenagakerjaan needs to register and bill the BPU members covered by the programme in `month`:
    one row per person with a cover month then (decreed, active or ended enrolments), with the clear NIK.
    The export is audited with its row count (before it leaves the service)."""
    require_protection_officer(actor)
    programme = _bpjs_programme(programme_id)
    if not isinstance(month, date):
        raise ValidationFailed({"month": _l("Pilih bulan kepesertaan.")})
    month = month.replace(day=1)
    kelurahan = aliased(Kelurahan)
    rows = db.session.execute(
        select(Person, Worker, Enrolment, WorkerCategory.name, Kecamatan.name, kelurahan.name, LedgerEntry.amount)
        .select_from(CoverMonth).join(Enrolment, Enrolment.id == CoverMonth.enrolment_id)
        .join(Worker, Worker.id == Enrolment.worker_id).join(Person, Person.id == Worker.person_id)
        .outerjoin(WorkerCategory, WorkerCategory.code == Worker.category_code)
        .outerjoin(Kecamatan, Kecamatan.code == Worker.kecamatan_code)
        .outerjoin(kelurahan, kelurahan.code == Worker.kelurahan_code)
        .outerjoin(LedgerEntry, (LedgerEntry.enrolment_id == Enrolment.id) & (LedgerEntry.month == month))
        .where(Enrolment.programme_id == programme.id, Enrolment.status.in_(EXPORTED_STATUSES),
               CoverMonth.month == month)
        .order_by(Kecamatan.name, Person.full_name, Person.id)).all()
    if not rows:
        raise ValidationFailed({"month": _l("Tidak ada peserta program ini yang ditanggung pada %(month)s; pilih "
                                            "bulan lain.", month=month_label(month))})
    result = []
    for person, worker, enrolment, category, kecamatan, kelurahan_name, ledger_amount in rows:
        amount = programme.amount_per_month if ledger_amount is None else ledger_amount
        jkk, jkm = split_contribution(amount)
        result.append((reveal_nik(person), person.full_name, person.birth_date.isoformat(),
                       str(labels.label(Sex, person.sex)), worker.address, kecamatan or "", kelurahan_name or "",
                       worker.phone, category or "", enrolment.kpj_number or "", month.strftime("%Y-%m"), jkk, jkm,
                       amount, str(labels.label(Payer, enrolment.payer))))
    audit.record(actor, "protection.bpjs_exported", programme,
                 detail={"month": month.strftime("%Y-%m"), "rows": len(result)})
    db.session.commit()
    return BPJS_HEADERS, result


def bpjs_export_xlsx(actor, programme_id, month) -> tuple[str, bytes]:
    """(file name, XLSX bytes) of bpjs_export; the name holds the programme id and the month, never a NIK."""
    headers, rows = bpjs_export(actor, programme_id, month)
    name = f"bpjs-bpu-program{programme_id}-{month:%Y-%m}.xlsx"
    return name, exports.to_xlsx({"Peserta BPU": (headers, rows)})


def bpjs_programme_choices(actor) -> list[tuple[int, str]]:
    require_protection_officer(actor)
    rows = db.session.execute(select(Programme.id, Programme.name, Programme.year)
                              .where(Programme.kind == SUBSIDY)
                              .order_by(Programme.year.desc(), Programme.name)).all()
    return [(pid, f"{name} ({year})") for pid, name, year in rows]
