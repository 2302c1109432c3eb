"""UU PDP: "Data saya" — what the platform holds about the acting user, who read it, and a copy to take away.

The page and the download are built from one registry of section collectors (``COLLECTORS``, in page order;
each is ``collect(user, person) -> Section | None``, see ``my_data_sections``). Everything is reached from the
acting user alone: no function here takes an id, so no parameter can open another person's data. The download
(JSON, or a printable HTML page rendered by the web layer) is audited as ``privacy.data_downloaded``.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import AuditEvent, Role, User
from jobfair.services import audit, clock, keyset
from jobfair.services.errors import PermissionDenied, ValidationFailed
from jobfair.services.privacy import consents
from jobfair.services.privacy import my_data_sections as sections
from jobfair.services.privacy.my_data_sections import Section, item

Collector = Callable[[User, object], Section | None]
ALLOWED_ROLES = frozenset({Role.SEEKER.value, Role.STUDENT.value, Role.COMPANY.value})
FORMATS = ("json", "html")
READS_PER_PAGE = 20

# What each audited read means to the person read about (services/audit.record_read writes them).
READ_LABELS = {
    "ak1.nik_revealed": _l("Membuka kartu AK/1 Anda, dengan NIK lengkap, untuk pemeriksaan"),
    "protection.person_viewed": _l("Membuka data Anda di register perlindungan pekerja, dengan NIK lengkap"),
    "protection.enrolment_viewed": _l("Membuka data kepesertaan BPJS Ketenagakerjaan Anda"),
    "protection.claim_viewed": _l("Membuka klaim BPJS Ketenagakerjaan Anda"),
    "application.applicant_viewed": _l("Membuka profil lamaran Anda"),
    "application.cv_downloaded": _l("Mengunduh CV Anda"),
    "apprenticeship.viewed": _l("Membuka data magang Anda"),
    "protection.person_opened": _l("Membuka data Anda di register perlindungan pekerja untuk diubah atau didaftarkan"),
    "student.viewed": _l("Membuka data siswa Anda"),
}
GENERIC_READ = _l("Membuka data Anda")


def section_from_summary(key: str, title, summary: Callable[[User], object]) -> Collector:
    """Adapt another module's ``summary_for(user)`` (a list of dicts, or one dict) into a collector: each dict is a
    record, its keys the JSON keys and the labels. Used for sections owned elsewhere (consents)."""
    def collect(user: User, _person) -> Section | None:
        result = summary(user)
        if not result:
            return None
        rows = [result] if isinstance(result, dict) else list(result)
        return Section(key, title, [[item(str(k), str(k), v) for k, v in row.items()] for row in rows])
    return collect


def _who(event: AuditEvent, actor: User | None) -> str:
    """Who read, as a careful office tells it: the role and the institution, not the officer's own name or
    e-mail (the office's audit trail keeps the person; the person asks the office if they need the name)."""
    if actor is None:
        return str(_l("Sistem (otomatis)"))
    if actor.role in (Role.OFFICER.value, Role.ADMIN.value):
        return str(_l("Petugas Disnaker Kota Balikpapan") if actor.role == Role.OFFICER.value
                   else _l("Admin Disnaker Kota Balikpapan"))
    if actor.role == Role.COMPANY.value and actor.company is not None:
        return str(_l("Perusahaan %(name)s", name=actor.company.name))
    if actor.role == Role.SCHOOL.value and actor.school is not None:
        return str(_l("Sekolah %(name)s", name=actor.school.name))
    return str(labels.label(Role, actor.role))


def _reads_query(user: User):
    """Audited reads of the user's person by anyone else, newest first."""
    return (select(AuditEvent).where(AuditEvent.subject_person_id == user.person_id,
                                     or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != user.id))
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()))


def _read_records(events) -> list[list]:
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    return [[item("at", _l("Waktu"), event.occurred_at),
             item("who", _l("Siapa"), _who(event, actors.get(event.actor_id))),
             item("what", _l("Apa"), str(READ_LABELS.get(event.action, GENERIC_READ)))] for event in events]


def reads(user: User, _person) -> Section | None:
    if user.person_id is None:
        return None
    return Section("reads", _l("Siapa yang membuka data Anda"),
                   _read_records(db.session.scalars(_reads_query(user)).all()),
                   note=_l("Setiap kali petugas atau perusahaan membuka data pribadi Anda, hal itu tercatat."))


COLLECTORS: list[Collector] = [
    sections.account,
    sections.identity,
    sections.seeker_profile,
    sections.applications,
    sections.saved_searches,
    sections.ak1_cards,
    sections.student_record,
    sections.training,
    sections.apprenticeship,
    sections.protection,
    section_from_summary("consents", _l("Persetujuan"), consents.summary_for),
    reads,
]


@dataclass(frozen=True)
class Overview:
    sections: list[Section]        # every section but the reads, which the page shows a page at a time
    reads_page: object | None      # flask_sqlalchemy Pagination of AuditEvent, or None (no person)
    read_records: list[list]


@dataclass(frozen=True)
class Export:
    sections: list[Section]
    generated_at: datetime
    filename: str

    def json_bytes(self) -> bytes:
        body = {"generated_at": item("", "", self.generated_at).value, "sections": {
            section.key: section.as_json() for section in self.sections}}
        return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def _require_person_user(actor) -> None:
    if actor is None or actor.role not in ALLOWED_ROLES:
        raise PermissionDenied(_l("Halaman ini untuk pencari kerja, siswa, dan akun perusahaan."))


def _collect(user: User, *, skip: frozenset = frozenset()) -> list[Section]:
    person = user.person
    found = (collect(user, person) for collect in COLLECTORS if collect not in skip)
    return [section for section in found if section is not None]


def overview(actor: User, *, reads_page: int = 1, reads_after: str | None = None,
             reads_before: str | None = None) -> Overview:
    _require_person_user(actor)
    page, records = None, []
    if actor.person_id is not None:
        page = keyset.paginate(_reads_query(actor), after=reads_after, before=reads_before, page=max(1, reads_page),
                               per_page=READS_PER_PAGE)
        records = _read_records(page.items)
    return Overview(_collect(actor, skip=frozenset({reads})), page, records)


def export(actor: User, fmt: str, *, now: datetime | None = None) -> Export:
    """Everything, for the person to keep. The download is audited (format only: the row holds no data)."""
    _require_person_user(actor)
    if fmt not in FORMATS:
        raise ValidationFailed({"format": _l("Pilih JSON atau HTML.")})
    now = now or clock.now()
    result = Export(_collect(actor), now, f"data-saya-{now.astimezone(sections.WITA):%Y%m%d}.{fmt}")
    audit.record(actor, "privacy.data_downloaded", actor, detail={"format": fmt},
                 subject_person_id=actor.person_id)
    db.session.commit()
    return result
