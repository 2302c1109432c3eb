"""The monthly ledger of the protection and aid programmes: contributions due and paid, aid delivered.

`generate` is idempotent: one INSERT ... SELECT that skips enrolments already in the month (NOT EXISTS) and, on
both SQLite and PostgreSQL, ON CONFLICT DO NOTHING on the UNIQUE (enrolment, month) key, so two officers pressing
the button at once never duplicate a row and never fail.
"""

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from jobfair.extensions import db
from jobfair.models import Enrolment, LedgerEntry, LedgerStatus, Programme, ProgrammeKind, ProtectionStatus, Worker
from jobfair.rules import numbers
from jobfair.rules.eligibility import month_start
from jobfair.services import audit, keyset
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed, require_found
from jobfair.services.protection.enrolment_bulk import selected_ids
from jobfair.services.protection.programmes import list_programmes
from jobfair.services.protection.protection_people import require_protection_officer

PER_PAGE = 50
MAX_BULK = 5000
REFERENCE_MAX = 120
PROOF_MAX = 255
ITEM_MAX = 120
QUANTITY_MAX = 1000
VALUE_MAX = 1_000_000_000
CONTRIBUTION_ITEM = "Iuran JKK + JKM"
NOT_FOUND_PROGRAMME = _l("Program tidak ditemukan.")
NOT_FOUND_ENROLMENT = _l("Kepesertaan tidak ditemukan.")
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class GenerateResult:
    created: int
    existing: int


def parse_month(raw: str | None) -> date:
    """'2025-11' -> date(2025, 11, 1); ValidationFailed({'month': ...}) otherwise."""
    match = _MONTH_RE.match(raw or "")
    if match and 1 <= int(match.group(2)) <= 12 and 2000 <= int(match.group(1)) <= 2100:
        return date(int(match.group(1)), int(match.group(2)), 1)
    raise ValidationFailed({"month": _l("Tulis bulan sebagai TAHUN-BULAN, misalnya 2025-11.")})


def _programme(programme_id: int) -> Programme:
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(NOT_FOUND_PROGRAMME)
    return programme


def _month(month) -> date:
    if isinstance(month, str):
        return parse_month(month)
    if not isinstance(month, date):
        raise ValidationFailed({"month": _l("Pilih bulan buku besar.")})
    return month_start(month)


def _entry_values(programme: Programme) -> tuple[int, int, str]:
    """(amount, quantity, item) of one month's row for an enrolment of this programme."""
    if programme.kind == ProgrammeKind.CONTRIBUTION_SUBSIDY.value:
        return programme.amount_per_month, 1, programme.item_name or CONTRIBUTION_ITEM
    quantity = 1
    amount = programme.unit_value * quantity if programme.unit_value else programme.amount_per_month
    return amount, quantity, programme.item_name


def _covering(programme_id: int, month: date):
    """Conditions of an enrolment that is active and covered in the month and paid by the programme's payer: the
    ledger of the city's programme holds only city-paid months (an older row recorded with another payer is that
    payer's, not this ledger's)."""
    payer = select(Programme.payer).where(Programme.id == programme_id).scalar_subquery()
    return and_(Enrolment.programme_id == programme_id, Enrolment.status == ProtectionStatus.ACTIVE.value,
                Enrolment.payer == payer,
                Enrolment.cover_from.is_not(None), Enrolment.cover_from <= month,
                or_(Enrolment.cover_to.is_(None), Enrolment.cover_to >= month))


def generate(actor, programme_id: int, month) -> GenerateResult:
    """Create the month's rows for every active enrolment covering it; running it again changes nothing."""
    require_protection_officer(actor)
    programme = _programme(programme_id)
    month = _month(month)
    if programme.kind == ProgrammeKind.ONE_OFF_AID.value:
        raise InvalidState(_l("Bantuan sekali serah tidak dibuat per bulan: catat penyerahannya pada tiap "
                                 "penerima."))
    amount, quantity, item = _entry_values(programme)
    already = exists().where(LedgerEntry.enrolment_id == Enrolment.id, LedgerEntry.month == month)
    rows = select(Enrolment.id, literal(programme.id), literal(month), literal(amount), literal(quantity),
                  literal(item), literal(LedgerStatus.DUE.value)).where(_covering(programme.id, month), ~already)
    columns = ["enrolment_id", "programme_id", "month", "amount", "quantity", "item", "status"]
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(LedgerEntry.__table__).from_select(columns, rows).on_conflict_do_nothing(
        index_elements=["enrolment_id", "month"]).returning(LedgerEntry.__table__.c.id)
    created = len(db.session.connection().execute(statement).all())  # rowcount is -1 here under psycopg
    total = db.session.scalar(select(func.count(LedgerEntry.id)).where(
        LedgerEntry.programme_id == programme.id, LedgerEntry.month == month))
    audit.record(actor, "ledger.generated", programme,
                 detail={"month": month.isoformat(), "created": created, "existing": total - created})
    db.session.commit()
    return GenerateResult(created=created, existing=total - created)


def _clean_settlement(reference: str, settled_on, proof: str | None = None, *, date_field: str) -> tuple[str, str]:
    errors: dict[str, str] = {}
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = _l("Isi nomor bukti (nomor SP2D/transfer atau nomor berita acara penyerahan).")
    elif len(reference) > REFERENCE_MAX:
        errors["reference"] = _l("Nomor bukti paling panjang %(max)s karakter.", max=numbers.number(REFERENCE_MAX))
    if not isinstance(settled_on, date):
        errors[date_field] = _l("Isi tanggalnya.")
    elif settled_on > date.today():
        errors[date_field] = _l("Tanggal tidak boleh di masa depan.")
    proof = (proof or "").strip()
    if len(proof) > PROOF_MAX:
        errors["proof"] = _l("Bukti paling panjang %(max)s karakter; tulis nomor tanda terima atau nama berkas.",
                             max=numbers.number(PROOF_MAX))
    if errors:
        raise ValidationFailed(errors)
    return reference, proof


def _settle(actor, entry_ids, *, kind: str, to_status: str, reference: str, settled_on: date, proof: str,
            action: str) -> int:
    ids = selected_ids(entry_ids, field="entry_ids", limit=MAX_BULK,
                       none_chosen=_l("Pilih minimal satu baris pada tabel."),
                       too_many=_l("Paling banyak %(max)s baris sekali tandai."))
    found = db.session.execute(select(LedgerEntry.id, LedgerEntry.programme_id, Programme.kind)
                               .join(Programme, Programme.id == LedgerEntry.programme_id)
                               .where(LedgerEntry.id.in_(ids))).all()
    if len(found) != len(ids):
        raise NotFound(_l("Sebagian baris buku besar tidak ditemukan; muat ulang halaman."))
    if any(row.kind != kind for row in found):
        if kind == ProgrammeKind.CONTRIBUTION_SUBSIDY.value:
            raise ValidationFailed({"entry_ids": _l("Hanya baris program yang sesuai yang dapat ditandai dibayar "
                                                    "(iuran).")})
        raise ValidationFailed({"entry_ids": _l("Hanya baris program yang sesuai yang dapat ditandai diserahkan "
                                                "(bantuan).")})
    # Conditional update: a row settled meanwhile (another officer, a double click) is left as it is.
    changed = db.session.execute(
        update(LedgerEntry).where(LedgerEntry.id.in_(ids), LedgerEntry.status == LedgerStatus.DUE.value)
        .values(status=to_status, reference=reference, settled_on=settled_on, proof=proof or None,
                settled_by_id=actor.id).execution_options(synchronize_session=False)).rowcount
    programmes = sorted({row.programme_id for row in found})
    audit.record(actor, action, object_type="programme", object_id=programmes[0] if len(programmes) == 1 else None,
                 detail={"count": changed, "selected": len(ids), "reference": reference,
                         "date": settled_on.isoformat()})
    db.session.commit()
    return changed


def mark_paid(actor, entry_ids, *, reference: str, paid_on: date) -> int:
    """Mark due contribution rows paid with one payment reference; returns how many changed."""
    require_protection_officer(actor)
    reference, _proof = _clean_settlement(reference, paid_on, date_field="paid_on")
    return _settle(actor, entry_ids, kind=ProgrammeKind.CONTRIBUTION_SUBSIDY.value, to_status=LedgerStatus.PAID.value,
                   reference=reference, settled_on=paid_on, proof="", action="ledger.marked_paid")


def mark_delivered(actor, entry_ids, *, reference: str, delivered_on: date, proof: str = "") -> int:
    """Mark due recurring-aid rows delivered; returns how many changed."""
    require_protection_officer(actor)
    reference, proof = _clean_settlement(reference, delivered_on, proof, date_field="delivered_on")
    return _settle(actor, entry_ids, kind=ProgrammeKind.RECURRING_AID.value, to_status=LedgerStatus.DELIVERED.value,
                   reference=reference, settled_on=delivered_on, proof=proof, action="ledger.marked_delivered")


def record_delivery(actor, enrolment_id: int, *, delivered_on: date, item: str, quantity: int | None,
                    value: int | None, proof: str, reference: str = "") -> LedgerEntry:
    """One-off aid handed over: a delivered ledger row in the delivery month."""
    require_protection_officer(actor)
    enrolment = db.session.get(Enrolment, enrolment_id, with_for_update=True)
    if enrolment is None:
        raise NotFound(NOT_FOUND_ENROLMENT)
    programme = enrolment.programme
    if programme.kind != ProgrammeKind.ONE_OFF_AID.value:
        raise InvalidState(_l("Penyerahan satu kali hanya untuk program bantuan sekali serah; iuran dan bantuan "
                              "bulanan ditandai dari buku besar bulanan."))
    if enrolment.status != ProtectionStatus.ACTIVE.value:
        raise InvalidState(_l("Penerima ini belum aktif (atau sudah berakhir); aktifkan kepesertaannya dulu."))
    errors: dict[str, str] = {}
    item = (item or "").strip() or programme.item_name
    if not item or len(item) > ITEM_MAX:
        errors["item"] = _l("Isi nama barang yang diserahkan (paling panjang %(max)s karakter).",
                            max=numbers.number(ITEM_MAX))
    if quantity is None:
        quantity = 1
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= QUANTITY_MAX:
        errors["quantity"] = _l("Jumlah barang diisi angka bulat 1–%(max)s.", max=numbers.number(QUANTITY_MAX))
        quantity = 1
    if value is None:
        value = programme.unit_value * quantity
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= VALUE_MAX:
        errors["value"] = _l("Nilai bantuan diisi angka Rupiah bulat, 0 atau lebih (contoh 7000000).")
    if not (proof or "").strip():
        errors["proof"] = _l("Isi bukti penyerahan: nomor tanda terima/berita acara atau nama berkas foto.")
    try:
        reference, proof = _clean_settlement(reference or (proof or "").strip()[:REFERENCE_MAX], delivered_on,
                                             proof, date_field="delivered_on")
    except ValidationFailed as exc:
        errors = {**exc.field_errors, **errors}
    if errors:
        raise ValidationFailed(errors)
    earlier = db.session.scalar(select(LedgerEntry).where(LedgerEntry.enrolment_id == enrolment.id))
    if earlier is not None:
        raise InvalidState(_l("Bantuan untuk penerima ini sudah tercatat diserahkan (%(date)s); satu penerima satu "
                              "kali.", date=format_date(earlier.settled_on or earlier.month, "dd-MM-yyyy")))
    entry = LedgerEntry(enrolment_id=enrolment.id, programme_id=programme.id, month=month_start(delivered_on),
                        amount=value, quantity=quantity, item=item, status=LedgerStatus.DELIVERED.value,
                        reference=reference, settled_on=delivered_on, proof=proof, settled_by_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "ledger.delivery_recorded", entry, detail={"enrolment_id": enrolment.id, "value": value})
    db.session.commit()
    return entry


def month_ledger(actor, programme_id: int, month, *, status: str | None = None, page: int = 1,
                 per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    """The month's rows (person loaded: show Person.masked_nik only), by enrolment."""
    require_protection_officer(actor)
    _programme(programme_id)
    month = _month(month)
    query = (select(LedgerEntry)
             .options(joinedload(LedgerEntry.enrolment).joinedload(Enrolment.worker).joinedload(Worker.person))
             .where(LedgerEntry.programme_id == programme_id, LedgerEntry.month == month)
             .order_by(LedgerEntry.enrolment_id, LedgerEntry.id))
    if status:
        if status not in {s.value for s in LedgerStatus}:
            raise ValidationFailed({"status": _l("Pilih status dari daftar.")})
        query = query.where(LedgerEntry.status == status)
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def month_totals(actor, programme_id: int, month) -> dict:
    """Counts and Rupiah sums of the month by status, and how many active enrolments cover it."""
    require_protection_officer(actor)
    month = _month(month)
    rows = db.session.execute(select(LedgerEntry.status, func.count(LedgerEntry.id), func.sum(LedgerEntry.amount))
                              .where(LedgerEntry.programme_id == programme_id, LedgerEntry.month == month)
                              .group_by(LedgerEntry.status)).all()
    totals = {"count": 0, "amount": 0, "covering": 0}
    for status in LedgerStatus:
        totals[status] = {"count": 0, "amount": 0}
    for status, count, amount in rows:
        totals[status] = {"count": count, "amount": int(amount or 0)}
        totals["count"] += count
        totals["amount"] += int(amount or 0)
    totals["covering"] = db.session.scalar(select(func.count(Enrolment.id)).where(_covering(programme_id, month)))
    totals["amount_label"] = numbers.rupiah(totals["amount"])
    return totals


def ledger_programmes(actor) -> list[Programme]:
    return list_programmes(actor)


def programme_for_ledger(actor, programme_id: int) -> Programme:
    require_protection_officer(actor)
    return _programme(programme_id)


def enrolment_for_delivery(actor, enrolment_id: int) -> Enrolment:
    require_protection_officer(actor)
    return require_found(db.session.get(Enrolment, enrolment_id, options=[joinedload(Enrolment.programme)]),
                         NOT_FOUND_ENROLMENT)
