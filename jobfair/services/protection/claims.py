"""BPJS Ketenagakerjaan claims (JKK work accident, JKM death) recorded against a subsidised enrolment."""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import Claim, ClaimKind, ClaimStatus, Enrolment, ProgrammeKind, ProtectionStatus, Worker
from jobfair.rules import numbers
from jobfair.rules.eligibility import month_start
from jobfair.services import audit, keyset
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed, require_found
from jobfair.services.protection.protection_people import require_protection_officer

PER_PAGE = 25
AMOUNT_MAX = 1_000_000_000
NOTE_MAX = 2000
STATUS_LABELS = labels.table(ClaimStatus)  # alias of jobfair.labels for the messages below
# filed -> approved | rejected; approved -> paid | rejected. paid and rejected are final.
TRANSITIONS = {
    ClaimStatus.FILED.value: {ClaimStatus.APPROVED.value, ClaimStatus.REJECTED.value},
    ClaimStatus.APPROVED.value: {ClaimStatus.PAID.value, ClaimStatus.REJECTED.value},
}
COVERED_STATUSES = (ProtectionStatus.ACTIVE.value, ProtectionStatus.ENDED.value)
NOT_FOUND = _l("Klaim tidak ditemukan.")
NO_ENROLMENT = _l("Kepesertaan tidak ditemukan.")
NOTE_TOO_LONG = _l("Catatan paling panjang %(max)s karakter.", max=numbers.number(NOTE_MAX))


def _covered(enrolment: Enrolment, month: date) -> bool:
    return (enrolment.status in COVERED_STATUSES and enrolment.cover_from is not None
            and enrolment.cover_from <= month and (enrolment.cover_to is None or month <= enrolment.cover_to))


def file_claim(actor, enrolment_id: int, *, kind: str, incident_date: date, amount: int | None,
               note: str = "") -> Claim:
    require_protection_officer(actor)
    enrolment = db.session.get(Enrolment, enrolment_id, with_for_update=True)
    if enrolment is None:
        raise NotFound(NO_ENROLMENT)
    errors: dict[str, str] = {}
    if enrolment.programme.kind != ProgrammeKind.CONTRIBUTION_SUBSIDY.value:
        errors["enrolment_id"] = _l("Klaim JKK/JKM hanya untuk peserta program subsidi iuran BPJS "
                                    "Ketenagakerjaan; program ini adalah bantuan sosial.")
    if kind not in {k.value for k in ClaimKind}:
        errors["kind"] = _l("Pilih jenis klaim: kecelakaan kerja (JKK) atau kematian (JKM).")
    if not isinstance(incident_date, date):
        errors["incident_date"] = _l("Isi tanggal kejadian.")
    elif incident_date > date.today():
        errors["incident_date"] = _l("Tanggal kejadian tidak boleh di masa depan.")
    elif "enrolment_id" not in errors and not _covered(enrolment, month_start(incident_date)):
        if enrolment.cover_from and enrolment.cover_to:
            errors["incident_date"] = _l(
                "Pada bulan kejadian peserta ini tidak dalam masa perlindungan (%(first)s s.d. %(last)s); klaim "
                "hanya untuk kejadian dalam masa perlindungan.", first=format_date(enrolment.cover_from, "MM-yyyy"),
                last=format_date(enrolment.cover_to, "MM-yyyy"))
        else:
            errors["incident_date"] = _l(
                "Pada bulan kejadian peserta ini tidak dalam masa perlindungan (belum ada masa perlindungan aktif); "
                "klaim hanya untuk kejadian dalam masa perlindungan.")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= AMOUNT_MAX:
        errors["amount"] = _l("Nilai klaim diisi angka Rupiah bulat lebih dari 0 (contoh 42000000).")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = NOTE_TOO_LONG
    if kind == ClaimKind.DEATH.value and not errors and db.session.scalar(
            select(Claim.id).where(Claim.enrolment_id == enrolment.id, Claim.kind == ClaimKind.DEATH.value,
                                   Claim.status != ClaimStatus.REJECTED.value)):
        errors["kind"] = _l("Klaim kematian untuk peserta ini sudah tercatat; lihat daftar klaim.")
    if errors:
        raise ValidationFailed(errors)
    claim = Claim(enrolment_id=enrolment.id, kind=kind, incident_date=incident_date, amount=amount,
                  status=ClaimStatus.FILED.value, note=note, created_by_id=actor.id)
    db.session.add(claim)
    db.session.flush()
    audit.record(actor, "claim.filed", claim, detail={"enrolment_id": enrolment.id, "kind": kind, "amount": amount})
    db.session.commit()
    return claim


def get_claim(actor, claim_id: int) -> Claim:
    require_protection_officer(actor)
    claim = db.session.get(Claim, claim_id, options=[
        joinedload(Claim.enrolment).joinedload(Enrolment.worker).joinedload(Worker.person)])
    if claim is None:
        raise NotFound(NOT_FOUND)
    return claim


def view_claim(actor, claim_id: int) -> Claim:
    """A claim as an officer opens it (a protection record with the person's name): the read is audited."""
    claim = get_claim(actor, claim_id)
    audit.record_read(actor, "protection.claim_viewed", claim, person_id=claim.enrolment.worker.person_id)
    db.session.commit()
    return claim


def next_statuses(claim: Claim) -> list[str]:
    return sorted(TRANSITIONS.get(claim.status, ()))


def decide(actor, claim_id: int, status: str, note: str = "") -> Claim:
    require_protection_officer(actor)
    claim = db.session.get(Claim, claim_id, with_for_update=True)
    if claim is None:
        raise NotFound(NOT_FOUND)
    if status not in STATUS_LABELS or status == ClaimStatus.FILED.value:
        raise ValidationFailed({"status": _l("Pilih keputusan: disetujui, ditolak, atau dibayar.")})
    if status not in TRANSITIONS.get(claim.status, ()):
        raise InvalidState(_l("Klaim berstatus %(before)s tidak dapat diubah menjadi %(after)s.",
                              before=str(STATUS_LABELS[claim.status]).lower(),
                              after=str(STATUS_LABELS[status]).lower()))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": NOTE_TOO_LONG})
    if status == ClaimStatus.REJECTED.value and not note:
        raise ValidationFailed({"note": _l("Tulis alasan penolakan klaim.")})
    previous = claim.status
    claim.status = status
    if note:
        claim.note = (claim.note + "\n" if claim.note else "") + f"[{STATUS_LABELS[status]}] {note}"[:NOTE_MAX]
    audit.record(actor, f"claim.{status}", claim, detail={"from": previous, "note": note[:200]})
    db.session.commit()
    return claim


def list_claims(actor, *, programme_id: int | None = None, status: str | None = None, page: int = 1,
                per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    require_protection_officer(actor)
    query = (select(Claim).join(Enrolment, Enrolment.id == Claim.enrolment_id)
             .options(joinedload(Claim.enrolment).joinedload(Enrolment.worker).joinedload(Worker.person),
                      joinedload(Claim.enrolment).joinedload(Enrolment.programme))
             .order_by(Claim.created_at.desc(), Claim.id.desc()))
    if programme_id:
        query = query.where(Enrolment.programme_id == programme_id)
    if status:
        if status not in STATUS_LABELS:
            raise ValidationFailed({"status": _l("Pilih status dari daftar.")})
        query = query.where(Claim.status == status)
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def enrolment_for_claim(actor, enrolment_id: int) -> Enrolment:
    require_protection_officer(actor)
    return require_found(db.session.get(Enrolment, enrolment_id, options=[joinedload(Enrolment.programme)]),
                         NO_ENROLMENT)
