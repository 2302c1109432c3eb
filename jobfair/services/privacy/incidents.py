"""The office's register of personal-data incidents (UU PDP art. 46): what happened, when it was found, who and
how many are affected, which kinds of data, what was done, and the 3 x 24-hour notification deadline.

Officers and admins only. An incident is recorded once and its notification is recorded once; nothing here
deletes an incident (the register is evidence). Times are typed in WITA and stored in UTC.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import DataIncident
from jobfair.rules import breach
from jobfair.rules.dates import WITA
from jobfair.services import audit, clock, keyset
from jobfair.services.access import require_office
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed

PER_PAGE = 20
CLOCK_SKEW = timedelta(minutes=5)  # a time "now" typed on a slightly fast phone is not "in the future"
NOT_FOUND = _l("Insiden tidak ditemukan.")
CATEGORY_LABELS = {
    "identity": _l("Identitas (nama, NIK, tanggal lahir)"),
    "contact": _l("Kontak (alamat, telepon, e-mail)"),
    "education_cv": _l("Pendidikan dan CV"),
    "employment": _l("Lamaran dan riwayat kerja"),
    "social_insurance": _l("Kepesertaan BPJS Ketenagakerjaan"),
    "financial": _l("Data keuangan (penghasilan, rekening)"),
    "health_disability": _l("Kesehatan dan disabilitas (data spesifik)"),
    "children": _l("Data anak di bawah 18 tahun (data spesifik)"),
    "credentials": _l("Akun dan kata sandi"),
}
STATE_LABELS = {"open": _l("Belum diberitahukan"), "overdue": _l("Lewat batas waktu"),
                "on_time": _l("Diberitahukan tepat waktu"), "late": _l("Diberitahukan terlambat")}


@dataclass(frozen=True)
class IncidentView:
    incident: DataIncident
    deadline: breach.Deadline

    @property
    def categories(self) -> list:
        return [CATEGORY_LABELS[code] for code in breach.parse_categories(self.incident.data_categories.split(","))]

    @property
    def specific_data(self) -> bool:
        return bool(set(self.incident.data_categories.split(",")) & breach.SPECIFIC_CATEGORIES)

    @property
    def state_label(self):
        return STATE_LABELS[self.deadline.state]


def _moment(day: date | None, at: time | None) -> datetime | None:
    """A WITA wall-clock date and time as an aware UTC moment (no time given: the start of the day)."""
    if day is None:
        return None
    return datetime.combine(day, at or time(0, 0), tzinfo=WITA).astimezone(UTC)


def record_incident(actor, *, title: str, description: str, occurred_on: date | None, occurred_time: time | None,
                    discovered_on: date | None, discovered_time: time | None, affected_description: str,
                    affected_count: int | None, data_categories, actions_taken: str,
                    now: datetime | None = None) -> DataIncident:
    require_office(actor)
    now = now or clock.now()
    title, description = (title or "").strip(), (description or "").strip()
    affected_description, actions_taken = (affected_description or "").strip(), (actions_taken or "").strip()
    categories = breach.parse_categories(data_categories)
    discovered_at = _moment(discovered_on, discovered_time)
    occurred_at = _moment(occurred_on, occurred_time)
    errors = {}
    if not 5 <= len(title) <= 160:
        errors["title"] = _l("Tulis apa yang terjadi dalam satu kalimat (5–160 huruf), misalnya "
                           "“Daftar peserta terkirim ke e-mail yang salah”.")
    if discovered_at is None:
        errors["discovered_on"] = _l("Isi tanggal insiden diketahui: batas 3 × 24 jam dihitung dari saat itu.")
    elif discovered_at > now + CLOCK_SKEW:
        errors["discovered_on"] = _l("Waktu diketahui tidak boleh di masa depan; periksa tanggal dan jamnya (WITA).")
    if occurred_at is not None and discovered_at is not None and occurred_at > discovered_at:
        errors["occurred_on"] = _l(
            "Waktu kejadian tidak boleh sesudah waktu insiden diketahui; kosongkan bila belum tahu.")
    if not affected_description:
        errors["affected_description"] = _l(
            "Tulis siapa yang terdampak (misalnya pelamar lowongan X, peserta BPU 2026).")
    if affected_count is not None and affected_count < 0:
        errors["affected_count"] = _l("Jumlah orang tidak boleh negatif; kosongkan bila belum diketahui.")
    if not categories:
        errors["data_categories"] = _l("Pilih sedikitnya satu jenis data yang terdampak.")
    if not actions_taken:
        errors["actions_taken"] = _l("Tulis langkah yang sudah diambil (misalnya akses ditutup, kata sandi diganti).")
    if errors:
        raise ValidationFailed(errors)
    incident = DataIncident(title=title, description=description[:10_000], occurred_at=occurred_at,
                            discovered_at=discovered_at, affected_description=affected_description[:10_000],
                            affected_count=affected_count, data_categories=",".join(categories),
                            actions_taken=actions_taken[:10_000], recorded_by_id=actor.id, created_at=now)
    db.session.add(incident)
    db.session.flush()
    # The audit row says that and what kind, never who: the affected people's data stays in the register only.
    audit.record(actor, "incident.recorded", incident,
                 detail={"categories": categories, "affected_count": affected_count})
    db.session.commit()
    return incident


def record_notification(actor, incident_id: int, *, notified_on: date | None, notified_time: time | None,
                        note: str, now: datetime | None = None) -> DataIncident:
    """The people affected and the authority were told (once: a second notification is a note, not a new time)."""
    require_office(actor)
    now = now or clock.now()
    incident = db.session.scalar(select(DataIncident).where(DataIncident.id == incident_id).with_for_update())
    if incident is None:
        raise NotFound(NOT_FOUND)
    if incident.notified_at is not None:
        raise InvalidState(_l("Pemberitahuan insiden ini sudah dicatat."))
    notified_at = _moment(notified_on, notified_time)
    note = (note or "").strip()
    errors = {}
    if notified_at is None:
        errors["notified_on"] = _l("Isi tanggal pemberitahuan dikirim.")
    elif notified_at > now + CLOCK_SKEW:
        errors["notified_on"] = _l("Waktu pemberitahuan tidak boleh di masa depan.")
    elif notified_at < incident.discovered_at:
        errors["notified_on"] = _l("Pemberitahuan tidak mungkin sebelum insiden diketahui; periksa tanggalnya.")
    if not note:
        errors["note"] = _l("Tulis kepada siapa dan lewat apa pemberitahuan dikirim (surat, e-mail, nomor surat).")
    if errors:
        raise ValidationFailed(errors)
    incident.notified_at, incident.notification_note = notified_at, note[:10_000]
    deadline = breach.notification_deadline(incident.discovered_at, now=now, notified_at=notified_at)
    audit.record(actor, "incident.notified", incident, detail={"on_time": not deadline.overdue})
    db.session.commit()
    return incident


def list_incidents(actor, *, page: int = 1, now: datetime | None = None,
                   after: str | None = None, before: str | None = None):
    """(pagination, [IncidentView]) — the newest discovery first."""
    require_office(actor)
    now = now or clock.now()
    query = select(DataIncident).order_by(DataIncident.discovered_at.desc(), DataIncident.id.desc())
    pagination = keyset.paginate(query, after=after, before=before, page=max(1, page), per_page=PER_PAGE)
    return pagination, [_view(incident, now) for incident in pagination.items]


def get_incident(actor, incident_id: int, *, now: datetime | None = None) -> IncidentView:
    require_office(actor)
    incident = db.session.get(DataIncident, incident_id)
    if incident is None:
        raise NotFound(NOT_FOUND)
    return _view(incident, now or clock.now())


def _view(incident: DataIncident, now: datetime) -> IncidentView:
    return IncidentView(incident, breach.notification_deadline(incident.discovered_at, now=now,
                                                               notified_at=incident.notified_at))
