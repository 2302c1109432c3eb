"""Import of people and enrolments into the protection register from XLSX or CSV.

Two steps: ``validate_upload`` reads the file, checks every row (rules/worker_rows.py, in bulk: no per-row query)
and stores the report and the valid rows on an ImportBatch (NIKs only encrypted + HMAC); then the officer chooses
``apply(mode="valid_only")`` (one transaction, bulk inserts) or ``apply(mode="nothing")``.
Reading the spreadsheet lives in services/protection_import_read.py.
"""

import threading
from datetime import date

from flask import current_app
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import (
    CoverMonth,
    Enrolment,
    ImportBatch,
    Kecamatan,
    Kelurahan,
    Person,
    Programme,
    ProtectionStatus,
    Worker,
    WorkerCategory,
)
from jobfair.models.base import utcnow
from jobfair.privacy_notices import IMPORT, PROTECTION
from jobfair.rules import numbers
from jobfair.rules.eligibility import EligibilityRules, months_in
from jobfair.rules.worker_rows import RowContext, check_worker_row
from jobfair.services import audit, clock, consents, exports
from jobfair.services.enrolment_cycle import registration_problem
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.nik_store import encrypt_nik, nik_hmac
from jobfair.services.programmes import PAYERS, umk_for
from jobfair.services.protection_import_read import (
    HEADERS,
    LABELS,
    MAX_BYTES,
    MAX_ROWS,
    read_rows,
    store_upload,
    template_xlsx,
)
from jobfair.services.protection_people import require_protection_officer as require_officer

__all__ = ["validate_upload", "upload", "run_validation", "get_batch", "error_report_xlsx", "apply", "template_xlsx",
           "MAX_BYTES", "MAX_ROWS", "HEADERS"]

PROGRESS_EVERY = 500
CHUNK = 2000
MAX_REASON = 300
ACTIVE = [s.value for s in ProtectionStatus if s not in (ProtectionStatus.REJECTED, ProtectionStatus.ENDED)]


def _programme(programme_id) -> Programme:
    programme = db.session.get(Programme, programme_id) if programme_id else None
    if programme is None:
        raise NotFound("Program tidak ditemukan.")
    return programme


def get_batch(actor, batch_id: int) -> ImportBatch:
    require_officer(actor)
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None or batch.programme_id is None:
        raise NotFound("Impor tidak ditemukan.")
    return batch


def _new_batch(actor, programme: Programme, filename: str) -> ImportBatch:
    batch = ImportBatch(filename=(filename or "")[:255], programme_id=programme.id, status="validating",
                        created_by_id=getattr(actor, "id", None), errors=[], payload=[])
    db.session.add(batch)
    db.session.commit()
    return batch


def upload(actor, programme_id: int, *, filename: str, stream) -> ImportBatch:
    """Store the file under instance/uploads/imports and validate it (in a background thread when
    IMPORT_IN_BACKGROUND is on); the returned batch shows the progress."""
    require_officer(actor)
    programme = _programme(programme_id)
    path = store_upload(filename, stream)
    batch = _new_batch(actor, programme, filename)
    if current_app.config.get("IMPORT_IN_BACKGROUND", True):
        app = current_app._get_current_object()
        threading.Thread(target=_validate_in_thread, args=(app, batch.id, str(path)), daemon=True).start()
    else:
        run_validation(batch.id, str(path))
    return batch


def _validate_in_thread(app, batch_id: int, path: str) -> None:
    with app.app_context():
        try:
            run_validation(batch_id, path)
        except Exception:  # pragma: no cover - recorded on the batch, never lost silently
            app.logger.exception("protection import %s failed", batch_id)
            db.session.rollback()
            _fail(batch_id, "Pemeriksaan berkas berhenti karena kesalahan sistem; unggah ulang berkasnya.")
        finally:
            db.session.remove()


def _fail(batch_id: int, reason: str) -> None:
    batch = db.session.get(ImportBatch, batch_id)
    batch.status = "failed"
    batch.errors = [{"row": 0, "column": "Berkas", "reason": reason[:MAX_REASON]}]
    batch.payload = []
    batch.finished_at = utcnow()
    db.session.commit()


def run_validation(batch_id: int, path: str, *, max_rows: int = MAX_ROWS, today: date | None = None) -> None:
    """Validate a stored upload into its batch; the file is deleted afterwards whatever happens."""
    from pathlib import Path

    file = Path(path)
    try:
        batch = db.session.get(ImportBatch, batch_id)
        with file.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
        try:
            _validate(batch, batch.filename, data, max_rows=max_rows, today=today)
        except ValidationFailed as exc:
            db.session.rollback()
            _fail(batch_id, exc.message)
    finally:
        file.unlink(missing_ok=True)


def validate_upload(actor, programme_id: int, *, filename: str, stream, max_rows: int = MAX_ROWS,
                    today: date | None = None, on_progress=None) -> ImportBatch:
    """Read and validate synchronously. A file-level problem (wrong columns, too big, broken) raises
    ValidationFailed({"file": reason}) and is also recorded on a failed batch."""
    require_officer(actor)
    programme = _programme(programme_id)
    data = stream.read(MAX_BYTES + 1)
    batch = _new_batch(actor, programme, filename)
    try:
        _validate(batch, filename, data, max_rows=max_rows, today=today, on_progress=on_progress)
    except ValidationFailed as exc:
        db.session.rollback()
        _fail(batch.id, exc.message)
        raise
    return batch


def _context(programme: Programme, today: date) -> RowContext:
    return RowContext(
        kecamatan={k.code: k.name for k in db.session.scalars(select(Kecamatan))},
        kelurahan={k.code: (k.kecamatan_code, k.name) for k in db.session.scalars(select(Kelurahan))},
        categories={c.code: c.name for c in db.session.scalars(select(WorkerCategory))},
        rules=EligibilityRules.from_dict(programme.eligibility), umk=umk_for(programme.year),
        cover_window=(date(programme.year, 1, 1), date(programme.year, 12, 1)), default_payer=programme.payer,
        today=today, payers=PAYERS)


def _progress(batch_id: int, done: int) -> None:
    db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(processed_rows=done))
    db.session.commit()


def _validate(batch: ImportBatch, filename: str, data: bytes, *, max_rows: int, today: date | None,
              on_progress=None) -> None:
    batch_id, programme = batch.id, _programme(batch.programme_id)
    today = today or clock.today()
    if problem := registration_problem(programme, today):  # outside the BPJS registration window: the whole file
        raise ValidationFailed({"file": problem})
    ctx = _context(programme, today)
    kind, remaining = programme.cover_kind, programme.quota - programme.enrolled_count
    rows = read_rows(filename, data, max_rows=max_rows)
    del data
    db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(total_rows=len(rows)))
    db.session.commit()
    errors: list[dict] = []
    bad: set[int] = set()
    valid: list[tuple[int, dict, str]] = []  # (row number, values, hmac)
    seen: dict[str, int] = {}

    def report(number, key, reason, warning=False):
        entry = {"row": number, "column": LABELS.get(key, ""), "reason": reason[:MAX_REASON]}
        if warning:
            entry["warning"] = True
        else:
            bad.add(number)
        errors.append(entry)

    for index, (number, row) in enumerate(rows, start=1):
        values, problems = check_worker_row(row, ctx)
        for key, reason in problems.items():
            report(number, key, reason)
        for warning in values["warnings"]:
            report(number, "nik", warning, warning=True)
        parsed = values.get("nik")
        if parsed is not None:
            if parsed.value in seen:
                report(number, "nik", f"NIK sama dengan baris {seen[parsed.value]}; satu orang cukup satu baris.")
            else:
                seen[parsed.value] = number
        if number not in bad:
            valid.append((number, values, nik_hmac(parsed.value)))
        if index % PROGRESS_EVERY == 0:
            _progress(batch_id, index)
            if on_progress:
                on_progress(index, len(rows))
    rows = None
    valid = _against_register(valid, programme, kind, report)
    for number, _values, _hmac in valid[max(remaining, 0):]:
        report(number, "", f"Kuota program sudah penuh (sisa {numbers.number(max(remaining, 0))} orang); baris ini "
                           "tidak diimpor.")
    valid = valid[:max(remaining, 0)]
    errors.sort(key=lambda e: (e["row"], e["column"]))
    batch = db.session.get(ImportBatch, batch_id)
    batch.errors = errors
    batch.payload = [_payload(number, values, digest) for number, values, digest in valid]
    batch.valid_rows, batch.error_rows = len(valid), len(bad)
    batch.processed_rows, batch.status, batch.finished_at = batch.total_rows, "validated", utcnow()
    db.session.commit()


def _payload(number: int, v: dict, digest: str) -> dict:
    nik = v["nik"].value
    return {"row": number, "nik_encrypted": encrypt_nik(nik), "nik_hmac": digest, "nik_last4": nik[-4:],
            "nik_region": nik[:4], "full_name": v["full_name"], "sex": v["sex"],
            "birth_date": v["birth_date"].isoformat(), "address": v["address"], "kecamatan_code": v["kecamatan_code"],
            "kelurahan_code": v["kelurahan_code"], "phone": v["phone"], "category_code": v["category_code"],
            "monthly_income": v["monthly_income"], "ktp_since": v["ktp_since"] and v["ktp_since"].isoformat(),
            "cover_from": v["cover_from"].isoformat(), "cover_to": v["cover_to"].isoformat(), "payer": v["payer"],
            "kpj": v["kpj"], "has_disability": v["has_disability"], "is_elderly": v["is_elderly"],
            "already_bpjs_member": v["already_bpjs_member"]}


def _register_conflicts(programme: Programme, rows: list[tuple[int, str, date, date]]) -> dict[int, str]:
    """{row number: reason} for rows whose person already has cover of this kind in their period, or an open
    enrolment in this programme. ONE query over the cover months of the kind in the period, one over the programme."""
    if not rows:
        return {}
    first, last = min(r[2] for r in rows), max(r[3] for r in rows)
    covered: dict[str, set[date]] = {}
    months = select(Person.nik_hmac, CoverMonth.month).join(CoverMonth, CoverMonth.person_id == Person.id).where(
        CoverMonth.cover_kind == programme.cover_kind, CoverMonth.month >= first, CoverMonth.month <= last)
    for digest, month in db.session.execute(months):
        covered.setdefault(digest, set()).add(month)
    enrolled = set(db.session.scalars(
        select(Person.nik_hmac).join(Worker, Worker.person_id == Person.id)
        .join(Enrolment, Enrolment.worker_id == Worker.id)
        .where(Enrolment.programme_id == programme.id, Enrolment.status.in_(ACTIVE))))
    conflicts = {}
    for number, digest, start, end in rows:
        if digest in enrolled:
            conflicts[number] = "NIK ini sudah terdaftar di program ini; tidak perlu didaftarkan lagi."
        elif digest in covered:
            clash = sorted(m for m in covered[digest] if start <= m <= end)
            if clash:
                conflicts[number] = (f"Orang ini sudah mendapat perlindungan jenis yang sama pada {clash[0]:%Y-%m}"
                                     f"{'' if len(clash) == 1 else f' s.d. {clash[-1]:%Y-%m}'} (dibayar pihak lain "
                                     "atau program lain); periode tidak boleh tumpang tindih.")
    return conflicts


def _against_register(valid, programme, kind, report) -> list:
    conflicts = _register_conflicts(programme, [(n, d, v["cover_from"], v["cover_to"]) for n, v, d in valid])
    for number, reason in conflicts.items():
        report(number, "cover_from", reason)
    return [item for item in valid if item[0] not in conflicts]


def error_report_xlsx(actor, batch_id: int) -> bytes:
    batch = get_batch(actor, batch_id)
    rows = [(e["row"] or "", e["column"] or "", e["reason"], "Peringatan" if e.get("warning") else "Kesalahan")
            for e in batch.errors]
    return exports.to_xlsx({"Laporan impor": (["Baris", "Kolom", "Masalah", "Jenis"], rows)})


class _ApplyFailed(Exception):
    pass


def apply(actor, batch_id: int, *, mode: str, today: date | None = None) -> ImportBatch:
    """mode "valid_only": write every valid row in ONE transaction (all or nothing); "nothing": discard. The rows
    are registered on `today` (default: today): a BPJS subsidy's registration window must still be open."""
    batch = get_batch(actor, batch_id)
    if mode not in ("valid_only", "nothing"):
        raise ValidationFailed({"mode": "Pilih: impor baris yang valid saja, atau jangan impor apa pun."})
    if batch.status != "validated":
        raise InvalidState("Impor ini sudah diputuskan atau belum selesai diperiksa.")
    if mode == "nothing":
        batch.status, batch.payload, batch.finished_at = "discarded", [], utcnow()
        audit.record(actor, "protection.import_discarded", batch, detail={"rows": batch.valid_rows})
        db.session.commit()
        return batch
    rows, programme_id = batch.payload, batch.programme_id
    if problem := registration_problem(_programme(programme_id), today or clock.today()):
        raise InvalidState(problem)
    try:
        count = _insert(actor, _programme(programme_id), rows)
    except (_ApplyFailed, IntegrityError) as exc:
        db.session.rollback()
        reason = str(exc) if isinstance(exc, _ApplyFailed) else (
            "Sebagian orang baru saja didaftarkan oleh petugas lain untuk periode yang sama; tidak ada yang diimpor. "
            "Unggah ulang berkas untuk melihat baris mana.")
        batch = db.session.get(ImportBatch, batch_id)
        batch.status, batch.finished_at = "failed", utcnow()
        batch.errors = [{"row": 0, "column": "", "reason": reason}, *batch.errors]
        db.session.commit()
        raise InvalidState(reason) from None
    batch.status, batch.imported_rows, batch.payload, batch.finished_at = "imported", count, [], utcnow()
    audit.record(actor, "protection.import_applied", batch,
                 detail={"programme_id": programme_id, "rows": count, "file": batch.filename[:100]})
    db.session.commit()
    return batch


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _insert(actor, programme: Programme, rows: list[dict]) -> int:
    if not rows:
        return 0
    d = date.fromisoformat
    conflicts = _register_conflicts(programme, [(r["row"], r["nik_hmac"], d(r["cover_from"]), d(r["cover_to"]))
                                                for r in rows])
    if conflicts:
        listed = ", ".join(str(n) for n in sorted(conflicts)[:10])
        raise _ApplyFailed(f"Sejak pemeriksaan, {numbers.number(len(conflicts))} orang sudah terdaftar untuk periode "
                           f"yang sama (baris {listed}); tidak ada yang diimpor. Unggah ulang berkas.")
    taken = db.session.execute(update(Programme).where(
        Programme.id == programme.id, Programme.enrolled_count + len(rows) <= Programme.quota)
        .values(enrolled_count=Programme.enrolled_count + len(rows)))
    if taken.rowcount != 1:
        raise _ApplyFailed("Kuota program tidak cukup lagi untuk semua baris yang valid; tidak ada yang diimpor.")
    person_ids: dict[str, int] = {}
    for part in _chunks([r["nik_hmac"] for r in rows]):
        found = select(Person.nik_hmac, Person.id).where(Person.nik_hmac.in_(part))
        person_ids.update(db.session.execute(found).all())
    new_people = [{"nik_encrypted": r["nik_encrypted"], "nik_hmac": r["nik_hmac"], "nik_last4": r["nik_last4"],
                   "nik_region": r["nik_region"], "full_name": r["full_name"], "sex": r["sex"],
                   "birth_date": d(r["birth_date"]), "created_at": utcnow()}
                  for r in rows if r["nik_hmac"] not in person_ids]
    for part in _chunks(new_people):
        person_ids.update((h, i) for i, h in db.session.execute(
            insert(Person).returning(Person.id, Person.nik_hmac), part))
    worker_ids: dict[int, int] = {}
    for part in _chunks(list(person_ids.values())):
        found = select(Worker.person_id, Worker.id).where(Worker.person_id.in_(part))
        worker_ids.update(db.session.execute(found).all())
    now = utcnow()

    def worker_values(r):
        return {"address": r["address"], "kecamatan_code": r["kecamatan_code"], "kelurahan_code": r["kelurahan_code"],
                "phone": r["phone"], "category_code": r["category_code"], "monthly_income": r["monthly_income"],
                "ktp_since": r["ktp_since"] and d(r["ktp_since"]), "has_disability": r["has_disability"],
                "is_elderly": r["is_elderly"]}

    existing = [{"id": worker_ids[person_ids[r["nik_hmac"]]], "updated_at": now, **worker_values(r)}
                for r in rows if person_ids[r["nik_hmac"]] in worker_ids]
    for part in _chunks(existing):
        db.session.execute(update(Worker), part)
    fresh = [{"person_id": person_ids[r["nik_hmac"]], "created_at": now, "disability_note": "", **worker_values(r)}
             for r in rows if person_ids[r["nik_hmac"]] not in worker_ids]
    for part in _chunks(fresh):
        worker_ids.update(db.session.execute(insert(Worker).returning(Worker.person_id, Worker.id), part).all())
    enrolment_ids: dict[int, int] = {}
    enrolments = [{"programme_id": programme.id, "worker_id": worker_ids[person_ids[r["nik_hmac"]]],
                   "status": ProtectionStatus.REGISTERED.value, "verifying_office": "",
                   "cover_from": d(r["cover_from"]), "cover_to": d(r["cover_to"]), "payer": programme.payer,
                   "already_bpjs_member": r.get("already_bpjs_member"), "kpj_number": r["kpj"],
                   "created_by_id": getattr(actor, "id", None), "created_at": now}
                  for r in rows]
    for part in _chunks(enrolments):
        enrolment_ids.update(db.session.execute(
            insert(Enrolment).returning(Enrolment.worker_id, Enrolment.id), part).all())
    months = []
    for r in rows:
        person_id = person_ids[r["nik_hmac"]]
        enrolment_id = enrolment_ids[worker_ids[person_id]]
        months.extend({"enrolment_id": enrolment_id, "person_id": person_id, "cover_kind": programme.cover_kind,
                       "month": m} for m in months_in(d(r["cover_from"]), d(r["cover_to"])))
    for part in _chunks(months, 5000):
        db.session.execute(insert(CoverMonth), part)
    # The register's consent (UU PDP), collected on the kelurahan's forms the import carries: channel "import".
    consents.record_bulk(person_ids.values(), PROTECTION, channel=IMPORT, actor=actor)
    db.session.flush()
    return len(rows)


def recent_batches(actor, limit: int = 10) -> list[ImportBatch]:
    require_officer(actor)
    return list(db.session.scalars(select(ImportBatch).where(ImportBatch.programme_id.is_not(None))
                                   .order_by(ImportBatch.id.desc()).limit(limit)))
