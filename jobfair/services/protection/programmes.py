"""Protection and aid programmes (owning office, funder, payer and eligibility are data), and the UMK per year."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import BPJS_COVER, Payer, Programme, ProgrammeKind, Role, UmkSetting
from jobfair.rules import numbers
from jobfair.rules.eligibility import EligibilityRules
from jobfair.services import access, audit
from jobfair.services.errors import NotFound, ValidationFailed, require_found
from jobfair.services.protection.protection_people import require_protection_officer

PAYERS = labels.table(Payer)  # {code: label}; the labels live in jobfair.labels
FUNDERS = {code: text for code, text in PAYERS.items() if code != Payer.SELF}  # who may fund a programme
OFFICES = ("Disnaker", "Dinas Sosial")  # suggestions; the owning office is free data (it moves in 2026)
FIELDS = ("name", "kind", "cover_kind", "owning_office", "funder", "payer", "year", "amount_per_month", "item_name",
          "unit_value", "quota", "budget", "eligibility")
COVER_KIND_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
NOT_FOUND = _l("Program tidak ditemukan.")
MONEY_MAX = 10**12
LOWEST_CONTRIBUTION = 16_800  # JKK + JKM of a BPU member, the lowest band (DOMAIN.md)


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _clean_rules(raw, errors: dict) -> dict:
    if raw is None:
        return {}
    if isinstance(raw, EligibilityRules):
        raw = raw.to_dict()
    if not isinstance(raw, dict):
        errors["eligibility"] = _l("Syarat kepesertaan tidak valid.")
        return {}
    rules = EligibilityRules.from_dict(raw)
    for name in ("min_ktp_months", "min_age", "max_age"):
        value = getattr(rules, name)
        if value is not None and not _whole(value, 0, 150):
            errors[name] = _l("Isi angka bulat 0–150, atau kosongkan bila tidak ada syarat.")
    if rules.min_age is not None and rules.max_age is not None and rules.min_age > rules.max_age:
        errors["max_age"] = _l("Usia maksimal harus sama atau lebih besar dari usia minimal.")
    return rules.to_dict()


def _clean(values: dict, errors: dict) -> dict:
    values = dict(values)
    for name in ("name", "cover_kind", "owning_office", "item_name"):
        values[name] = (values.get(name) or "").strip()
    if not 3 <= len(values["name"]) <= 160:
        errors["name"] = _l("Nama program wajib diisi (3–160 karakter).")
    kind = values.get("kind")
    if kind not in {k.value for k in ProgrammeKind}:
        errors["kind"] = _l("Pilih jenis program dari daftar.")
    values["cover_kind"] = values["cover_kind"].lower()
    if kind == ProgrammeKind.CONTRIBUTION_SUBSIDY.value:
        values["cover_kind"] = values["cover_kind"] or BPJS_COVER
        if values["cover_kind"] != BPJS_COVER:
            errors["cover_kind"] = _l("Setiap subsidi iuran BPJS Ketenagakerjaan memberi cakupan JKK+JKM yang sama, "
                                      "siapa pun pembayarnya: jenis cakupannya %(cover)s (boleh dikosongkan), agar "
                                      "satu orang tidak dibayar dua program pada bulan yang sama.", cover=BPJS_COVER)
    elif not COVER_KIND_RE.match(values["cover_kind"]):
        errors["cover_kind"] = _l("Jenis cakupan: huruf kecil, angka dan garis bawah, 2–40 karakter (contoh "
                                  "bpjs_jkk_jkm). Program dengan jenis cakupan sama tidak boleh tumpang tindih.")
    if not 2 <= len(values["owning_office"]) <= 80:
        errors["owning_office"] = _l("Isi dinas pemilik program (misalnya Disnaker atau Dinas Sosial).")
    if values.get("funder") not in FUNDERS:
        errors["funder"] = _l("Pilih sumber dana: kota atau provinsi.")
    if values.get("payer") not in PAYERS:
        errors["payer"] = _l("Pilih pembayar: kota, provinsi, atau mandiri.")
    if not _whole(values.get("year"), 2000, 2100):
        errors["year"] = _l("Isi tahun program, misalnya 2025.")
    for name in ("amount_per_month", "unit_value", "budget"):
        values[name] = 0 if values.get(name) is None else values[name]
        if not _whole(values[name], 0, MONEY_MAX):
            errors[name] = _l("Isi jumlah Rupiah sebagai angka bulat 0 atau lebih, tanpa titik (contoh 16800).")
    if not _whole(values.get("quota"), 1, 10_000_000):
        errors["quota"] = _l("Isi kuota peserta: angka bulat 1 atau lebih.")
    if len(values["item_name"]) > 120:
        errors["item_name"] = _l("Nama barang paling panjang 120 karakter.")
    if kind == ProgrammeKind.CONTRIBUTION_SUBSIDY.value and "amount_per_month" not in errors \
            and values["amount_per_month"] <= 0:
        errors["amount_per_month"] = _l("Isi iuran per orang per bulan (JKK+JKM terendah %(lowest)s).",
                                        lowest=numbers.rupiah(LOWEST_CONTRIBUTION))
    if kind in (ProgrammeKind.ONE_OFF_AID.value, ProgrammeKind.RECURRING_AID.value):
        if not values["item_name"]:
            errors["item_name"] = _l("Isi nama bantuan, misalnya Kaki palsu atau Paket sembako.")
        if "unit_value" not in errors and "amount_per_month" not in errors \
                and values["unit_value"] <= 0 and values["amount_per_month"] <= 0:
            errors["unit_value"] = _l("Isi nilai bantuan per unit dalam Rupiah.")
    values["eligibility"] = _clean_rules(values.get("eligibility"), errors)
    return values


def _name_taken(name: str, year, exclude_id: int | None = None) -> bool:
    query = select(Programme.id).where(func.lower(Programme.name) == name.lower(), Programme.year == year)
    if exclude_id is not None:
        query = query.where(Programme.id != exclude_id)
    return db.session.scalar(query) is not None


def create_programme(actor, **fields) -> Programme:
    require_protection_officer(actor)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    values = _clean({name: fields.get(name) for name in FIELDS}, errors)
    if "name" not in errors and "year" not in errors and _name_taken(values["name"], values["year"]):
        errors["name"] = _l("Sudah ada program bernama ini untuk tahun %(year)s; pakai nama lain.",
                            year=values["year"])
    if errors:
        raise ValidationFailed(errors)
    programme = Programme(enrolled_count=0, **values)
    db.session.add(programme)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ValidationFailed({"name": _l("Sudah ada program bernama ini untuk tahun itu; pakai nama lain.")}) \
            from None
    audit.record(actor, "protection.programme_created", programme,
                 detail={"owning_office": programme.owning_office, "quota": programme.quota})
    db.session.commit()
    return programme


def update_programme(actor, programme_id: int, **fields) -> Programme:
    """Change a programme. The owning office is data (it moves to Dinas Sosial in 2026): the change is audited."""
    require_protection_officer(actor)
    programme = db.session.get(Programme, programme_id, with_for_update=True)
    if programme is None:
        raise NotFound(NOT_FOUND)
    errors: dict[str, str] = {}
    current = {name: getattr(programme, name) for name in FIELDS}
    values = _clean({**current, **fields}, errors)
    if "quota" not in errors and values["quota"] < programme.enrolled_count:
        errors["quota"] = _l("Kuota tidak boleh lebih kecil dari peserta yang sudah terdaftar (%(count)s orang).",
                             count=numbers.number(programme.enrolled_count))
    if programme.enrolled_count and values["cover_kind"] != programme.cover_kind:
        errors["cover_kind"] = _l("Jenis cakupan tidak dapat diubah setelah ada peserta.")
    if programme.enrolled_count and values["year"] != programme.year:
        errors["year"] = _l("Tahun program tidak dapat diubah setelah ada peserta.")
    if programme.enrolled_count and values["payer"] != programme.payer:
        errors["payer"] = _l("Pembayar tidak dapat diubah setelah ada peserta: buat program baru untuk pembayar "
                             "lain (setiap pembayar punya program, kuota dan buku besarnya sendiri).")
    if "name" not in errors and _name_taken(values["name"], values["year"], programme.id):
        errors["name"] = _l("Sudah ada program bernama ini untuk tahun %(year)s; pakai nama lain.",
                            year=values["year"])
    if values.get("owning_office") != programme.owning_office and not access.has_role(actor, Role.ADMIN.value):
        errors["owning_office"] = _l("Hanya admin yang dapat memindahkan program ke dinas lain; hubungi admin.")
    if errors:
        raise ValidationFailed(errors)
    changes = {name: [current[name], value] for name, value in values.items() if current[name] != value}
    for name, value in values.items():
        setattr(programme, name, value)
    audit.record(actor, "protection.programme_updated", programme, detail={"changes": changes})
    db.session.commit()
    return programme


def get_programme(actor, programme_id: int) -> Programme:
    require_protection_officer(actor)
    return require_found(db.session.get(Programme, programme_id), NOT_FOUND)


def list_programmes(actor, *, year: int | None = None) -> list[Programme]:
    require_protection_officer(actor)
    return newest_first(year=year)


def newest_first(*, year: int | None = None) -> list[Programme]:
    """Every programme (or one year's), the latest year first: for callers that have checked the actor's role."""
    query = select(Programme).order_by(Programme.year.desc(), Programme.name)
    if year is not None:
        query = query.where(Programme.year == year)
    return list(db.session.scalars(query))


def programme_choices(actor) -> list[tuple[int, str]]:
    return [(p.id, f"{p.name} ({p.year})") for p in list_programmes(actor)]


def umk_for(year: int) -> int | None:
    setting = db.session.get(UmkSetting, year)
    return setting.amount if setting else None


def umk_settings(actor) -> list[UmkSetting]:
    require_protection_officer(actor)
    return list(db.session.scalars(select(UmkSetting).order_by(UmkSetting.year.desc())))


def set_umk(actor, year, amount) -> UmkSetting:
    """An admin records or corrects the UMK of a year (the income cap of the BPJS subsidy)."""
    access.require_role(actor, Role.ADMIN.value, message=_l("Hanya admin yang dapat mengatur UMK."))
    errors: dict[str, str] = {}
    if not _whole(year, 2000, 2100):
        errors["year"] = _l("Isi tahun, misalnya 2026.")
    if not _whole(amount, 100_000, 100_000_000):
        errors["amount"] = _l("Isi UMK sebulan dalam Rupiah, angka bulat (contoh 3701508).")
    if errors:
        raise ValidationFailed(errors)
    setting = db.session.get(UmkSetting, year)
    before = setting.amount if setting else None
    if setting is None:
        setting = UmkSetting(year=year, amount=amount)
        db.session.add(setting)
    setting.amount = amount
    audit.record(actor, "protection.umk_set", object_type="umk_setting", object_id=year,
                 detail={"before": before, "after": amount})
    db.session.commit()
    return setting
