"""The AK/1 job-seeker card: request, officer issue/return, half-year reports, lapse, placed, check by token."""

import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import qrcode
import qrcode.image.svg
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Ak1Card, Ak1Report, Ak1Status, SeekerProfile, User
from jobfair.privacy_notices import AK1
from jobfair.rules import ak1 as rules
from jobfair.rules import numbers
from jobfair.rules.dates import WITA
from jobfair.services import audit, keyset
from jobfair.services.access import require_office
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring.seeker_profiles import (
    MARITAL_STATUSES,
    NO_HTML,
    RELIGIONS,
    get_profile,
    has_html,
    missing_for_ak1,
)
from jobfair.services.notifications import notify
from jobfair.services.people import reveal_nik
from jobfair.services.privacy import consents

CITY_REGENCY = "6471"  # Kota Balikpapan issues the cards
OPEN_STATUSES = (Ak1Status.REQUESTED.value, Ak1Status.ISSUED.value)
SEEKER_LINK = Link("seekers.ak1_status")
DAY = "dd-MM-yyyy"  # a date in a message, as the card prints it
CARD_NOT_FOUND = _l("Kartu AK/1 tidak ditemukan.")
NOT_WAITING = _l("Kartu ini tidak sedang menunggu penerbitan.")


def today_wita() -> date:
    return datetime.now(WITA).date()


def _office_card(card_id: int) -> Ak1Card:
    card = db.session.get(Ak1Card, card_id)
    if card is None:
        raise NotFound(CARD_NOT_FOUND)
    return card


# --- seeker ---------------------------------------------------------------------------------------------------


def current_card(actor: User) -> Ak1Card | None:
    """The seeker's most recent card (any status), or None."""
    profile = get_profile(actor)
    return db.session.scalar(select(Ak1Card).where(Ak1Card.seeker_id == profile.id)
                             .order_by(Ak1Card.id.desc()).limit(1))


NO_CONSENT = _l("Anda belum menyetujui (atau sudah menarik) pengolahan data untuk kartu AK/1. Berikan persetujuan "
                "di halaman \"Persetujuan saya\" bila Anda ingin memakai kartu ini.")
WITHDRAWN_FOR_OFFICE = _l("Pemohon telah menarik persetujuan pengolahan data untuk kartu AK/1: kartu tidak "
                          "diterbitkan. Kembalikan permohonan dengan alasan itu.")


def _ak1_consent_withdrawn(profile: SeekerProfile) -> bool:
    """Withdrawn AK/1 consent (a careful office's reading, docs/ARCHITECTURE.md): no new request, no report, no
    printing and no issue; a card already issued stays in the office's register (the register of issued cards is
    a public-service record and feeds the city's figures) and simply runs out at its next missed report."""
    return consents.withdrawn(profile.person, AK1)


def consent_given(actor: User) -> bool:
    """Whether the seeker's AK/1 consent is in force (the page offers no form the service would refuse)."""
    return consents.has_consent(get_profile(actor).person, AK1)


def request_card(actor: User, today: date | None = None) -> Ak1Card:
    profile = get_profile(actor)
    today = today or today_wita()
    if not consents.has_consent(profile.person, AK1):
        raise InvalidState(NO_CONSENT)
    # Serialise requests of one seeker (PostgreSQL row lock; SQLite writes are serial anyway).
    db.session.scalar(select(SeekerProfile.id).where(SeekerProfile.id == profile.id).with_for_update())
    missing = missing_for_ak1(profile)
    if missing:
        raise ValidationFailed(missing, _l("Lengkapi profil dulu: %(missing)s",
                                           missing=" ".join(str(message) for message in missing.values())))
    if not rules.old_enough(profile.person.birth_date, today):
        raise InvalidState(_l("Kartu AK/1 hanya untuk pencari kerja berusia minimal %(age)s tahun.",
                              age=rules.MIN_AGE))
    open_card = db.session.scalar(select(Ak1Card.id).where(Ak1Card.seeker_id == profile.id,
                                                           Ak1Card.status.in_(OPEN_STATUSES)))
    if open_card is not None:
        raise InvalidState(_l("Anda sudah memiliki kartu AK/1 yang sedang diproses atau masih berlaku."))
    card = Ak1Card(seeker_id=profile.id, status=Ak1Status.REQUESTED.value, requested_at=datetime.now(UTC))
    db.session.add(card)
    db.session.flush()
    audit.record(actor, "ak1.requested", card)
    db.session.commit()
    return card


def report(actor: User, *, still_seeking: bool, note: str, today: date | None = None) -> Ak1Report:
    """Fill the half-year report slot that is open today (once)."""
    today = today or today_wita()
    card = current_card(actor)
    if card is None or card.status != Ak1Status.ISSUED.value:
        raise InvalidState(_l("Anda tidak memiliki kartu AK/1 yang berlaku untuk dilaporkan."))
    if _ak1_consent_withdrawn(card.seeker):
        raise InvalidState(NO_CONSENT)
    note = (note or "").strip()
    if has_html(note):
        raise ValidationFailed({"note": NO_HTML})
    if len(note) > 1000:
        raise ValidationFailed({"note": _l("Catatan paling banyak %(limit)s karakter.", limit=numbers.number(1000))})
    slot = rules.slot_open_on(card.issued_on, today)
    if slot is None:
        upcoming = rules.next_slot(card.issued_on, today, {r.slot for r in card.reports})
        if upcoming:
            raise InvalidState(_l("Belum waktunya melapor. Laporan berikutnya dapat diisi mulai %(date)s.",
                                  date=format_date(upcoming.opens_on, DAY)))
        raise InvalidState(_l("Belum waktunya melapor."))
    if any(r.slot == slot.slot for r in card.reports):
        raise InvalidState(_l("Anda sudah mengisi laporan ke-%(slot)s. Setiap laporan hanya diisi sekali.",
                              slot=slot.slot))
    entry = Ak1Report(card_id=card.id, slot=slot.slot, still_seeking=bool(still_seeking), note=note,
                      reported_at=datetime.now(UTC))
    db.session.add(entry)
    try:
        db.session.flush()
    except IntegrityError as exc:  # the same report sent twice at once
        db.session.rollback()
        raise InvalidState(_l("Anda sudah mengisi laporan ke-%(slot)s.", slot=slot.slot)) from exc
    audit.record(actor, "ak1.reported", card, detail={"slot": slot.slot, "still_seeking": bool(still_seeking)})
    db.session.commit()
    return entry


@dataclass(frozen=True)
class PrintableCard:
    card: Ak1Card
    nik: str
    slots: list
    marital_status: str
    religion: str
    issued_by: str


def _printable(card: Ak1Card) -> PrintableCard:
    profile = card.seeker
    officer = db.session.get(User, card.issued_by_id) if card.issued_by_id else None
    return PrintableCard(card, reveal_nik(profile.person), card_slots(card),
                         MARITAL_STATUSES.get(profile.marital_status, "—"), RELIGIONS.get(profile.religion, "—"),
                         officer.full_name if officer else "")


def own_printable(actor: User) -> PrintableCard:
    card = current_card(actor)
    if card is None or card.issued_on is None:
        raise NotFound(_l("Anda belum memiliki kartu AK/1 yang diterbitkan."))
    if _ak1_consent_withdrawn(card.seeker):
        raise InvalidState(NO_CONSENT)
    return _printable(card)


def qr_svg(data: str) -> bytes:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def card_qr(actor: User, card_id: int | None, check_url: Callable[[str], str]) -> bytes:
    """The QR code (SVG) of a card: the seeker's own current card (card_id None) or any card for officers.
    check_url(token) builds the absolute URL of the officer check page."""
    if card_id is None:
        card = current_card(actor)
        if card is not None and _ak1_consent_withdrawn(card.seeker):
            raise NotFound(_l("Kartu AK/1 tidak dapat dicetak: persetujuan telah ditarik."))
    else:
        require_office(actor)
        card = _office_card(card_id)
    if card is None or not card.verify_token:
        raise NotFound(_l("Kartu AK/1 belum diterbitkan."))
    return qr_svg(check_url(card.verify_token))


# --- officer --------------------------------------------------------------------------------------------------


def queue(actor: User, page: int = 1, per_page: int = 20, *,
          after: str | None = None, before: str | None = None):
    require_office(actor)
    query = (select(Ak1Card).where(Ak1Card.status == Ak1Status.REQUESTED.value)
             .options(selectinload(Ak1Card.seeker).selectinload(SeekerProfile.person))
             .order_by(Ak1Card.requested_at, Ak1Card.id))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def reports_due(actor: User, today: date | None = None, page: int = 1, per_page: int = 20, *,
                after: str | None = None, before: str | None = None):
    """Issued cards whose report window is open today and not yet reported, soonest due first."""
    require_office(actor)
    today = today or today_wita()
    conditions = []
    for slot in range(1, rules.REPORT_SLOTS + 1):
        low, high = rules.issue_dates_with_slot_open(slot, today)
        reported = exists().where(Ak1Report.card_id == Ak1Card.id, Ak1Report.slot == slot)
        conditions.append(and_(Ak1Card.issued_on.between(low, high), ~reported))
    query = (select(Ak1Card).where(Ak1Card.status == Ak1Status.ISSUED.value, or_(*conditions))
             .options(selectinload(Ak1Card.seeker).selectinload(SeekerProfile.person),
                      selectinload(Ak1Card.reports))
             .order_by(Ak1Card.issued_on, Ak1Card.id))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def office_card(actor: User, card_id: int) -> PrintableCard:
    """A card with the clear NIK, for the officer's check against the KTP (the read is audited)."""
    require_office(actor)
    card = _office_card(card_id)
    printable = _printable(card)
    audit.record_read(actor, "ak1.nik_revealed", card, person_id=card.seeker.person_id)
    db.session.commit()
    return printable


def issue(actor: User, card_id: int, today: date | None = None) -> Ak1Card:
    require_office(actor)
    today = today or today_wita()
    card = db.session.scalar(select(Ak1Card).where(Ak1Card.id == card_id).with_for_update())
    if card is None:
        raise NotFound(CARD_NOT_FOUND)
    if card.status != Ak1Status.REQUESTED.value:
        raise InvalidState(NOT_WAITING)
    if not rules.old_enough(card.seeker.person.birth_date, today):
        raise InvalidState(_l("Pemohon belum berusia %(age)s tahun.", age=rules.MIN_AGE))
    if _ak1_consent_withdrawn(card.seeker):
        raise InvalidState(WITHDRAWN_FOR_OFFICE)
    card.status = Ak1Status.ISSUED.value
    card.number = rules.card_number(CITY_REGENCY, today.year, card.id)
    card.issued_on = today
    card.valid_until = rules.valid_until(today)
    card.issued_by_id = actor.id
    card.verify_token = secrets.token_urlsafe(32)
    card.reason = None
    audit.record(actor, "ak1.issued", card, detail={"number": card.number})
    notify(card.seeker.user, _l("Kartu AK/1 Anda sudah terbit: %(number)s, berlaku sampai %(date)s. Laporkan "
                                "status Anda setiap 6 bulan.", number=card.number,
                                date=format_date(card.valid_until, DAY)), link=SEEKER_LINK)
    db.session.commit()
    return card


def return_card(actor: User, card_id: int, reason: str) -> Ak1Card:
    """Send a request back to the seeker with a reason (the seeker corrects the profile and asks again)."""
    require_office(actor)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationFailed({"reason": _l("Tulis alasan minimal %(minimum)s karakter agar pemohon tahu apa yang "
                                             "diperbaiki.", minimum=10)})
    if has_html(reason) or len(reason) > 1000:
        raise ValidationFailed({"reason": _l("Tulis alasan sebagai teks biasa (tanpa < atau >), paling banyak "
                                             "%(limit)s karakter.", limit=numbers.number(1000))})
    card = db.session.scalar(select(Ak1Card).where(Ak1Card.id == card_id).with_for_update())
    if card is None:
        raise NotFound(CARD_NOT_FOUND)
    if card.status != Ak1Status.REQUESTED.value:
        raise InvalidState(NOT_WAITING)
    card.status = Ak1Status.RETURNED.value
    card.reason = reason
    card.closed_at = datetime.now(UTC)
    audit.record(actor, "ak1.returned", card, detail={"reason": reason})
    notify(card.seeker.user, _l("Permohonan kartu AK/1 dikembalikan: %(reason)s Perbaiki profil lalu ajukan lagi.",
                                reason=reason), link=SEEKER_LINK)
    db.session.commit()
    return card


@dataclass(frozen=True)
class CardCheck:
    full_name: str
    masked_nik: str
    status: str
    number: str | None
    issued_on: date | None
    valid_until: date | None
    valid_today: bool


def verify_by_token(actor: User, token: str, today: date | None = None) -> CardCheck:
    """What the officer at the desk or the door sees after scanning a card's QR code."""
    require_office(actor)
    today = today or today_wita()
    token = (token or "").strip()
    card = db.session.scalar(select(Ak1Card).where(Ak1Card.verify_token == token)) if token else None
    if card is None:
        raise NotFound(_l("Kode kartu tidak dikenal: kartu ini tidak diterbitkan oleh Disnaker Balikpapan."))
    person = card.seeker.person
    valid = card.status == Ak1Status.ISSUED.value and card.valid_until is not None and today <= card.valid_until
    audit.record(actor, "ak1.checked", card, detail={"valid": valid})
    db.session.commit()
    return CardCheck(person.full_name, person.masked_nik, card.status, card.number, card.issued_on,
                     card.valid_until, valid)


# --- system ---------------------------------------------------------------------------------------------------


def lapse_overdue(today: date | None = None) -> int:
    """Lapse issued cards with a missed report, expire those past validity; returns how many changed."""
    today = today or today_wita()
    # Only cards whose first report window has closed can change (a few days' margin for month clamping).
    oldest_unchangeable = rules.add_months(today - timedelta(days=rules.REPORT_GRACE_DAYS),
                                           -rules.REPORT_INTERVAL_MONTHS) + timedelta(days=3)
    query = (select(Ak1Card).where(Ak1Card.status == Ak1Status.ISSUED.value,
                                   Ak1Card.issued_on <= oldest_unchangeable)
             .options(selectinload(Ak1Card.reports), selectinload(Ak1Card.seeker).selectinload(SeekerProfile.user)))
    changed = 0
    for card in db.session.scalars(query):
        reported = {r.slot for r in card.reports}
        missed = rules.missed_slots(card.issued_on, today, reported)
        if missed:
            card.status = Ak1Status.LAPSED.value
            message = _l("Kartu AK/1 %(number)s tidak berlaku lagi karena laporan ke-%(slot)s tidak diisi. Ajukan "
                         "kartu baru bila Anda masih mencari kerja.", number=card.number, slot=missed[0])
        elif rules.has_expired(card.issued_on, today):
            card.status = Ak1Status.EXPIRED.value
            message = _l("Masa berlaku kartu AK/1 %(number)s sudah habis. Ajukan kartu baru bila masih mencari kerja.",
                         number=card.number)

        else:
            continue
        card.closed_at = datetime.now(UTC)
        audit.record(None, f"ak1.{card.status}", card, detail={"missed": missed})
        notify(card.seeker.user, message, link=SEEKER_LINK)
        changed += 1
    db.session.commit()
    return changed


def close_as_placed(profile: SeekerProfile) -> Ak1Card | None:
    """Close the seeker's open card as placed (on a verified placement). Adds to the caller's unit of work;
    the caller audits its own decision and commits. Returns the card, or None when there is no open card."""
    card = db.session.scalar(select(Ak1Card).where(Ak1Card.seeker_id == profile.id,
                                                   Ak1Card.status.in_(OPEN_STATUSES))
                             .order_by(Ak1Card.id.desc()).limit(1))
    if card is None:
        return None
    card.status = Ak1Status.PLACED.value
    card.closed_at = datetime.now(UTC)
    audit.record(None, "ak1.placed", card)
    return card


@dataclass(frozen=True)
class SlotView:
    slot: int
    due_on: date
    opens_on: date
    closes_on: date
    report: Ak1Report | None
    state: str  # reported, open, missed, upcoming


def card_slots(card: Ak1Card | None, today: date | None = None) -> list[SlotView]:
    """The four report slots of an issued card with their state on `today` (empty before issue)."""
    if card is None or card.issued_on is None:
        return []
    today = today or today_wita()
    reports = {r.slot: r for r in card.reports}
    views = []
    for s in rules.report_slots(card.issued_on):
        if s.slot in reports:
            state = "reported"
        elif s.is_open(today):
            state = "open"
        elif s.closes_on < today:
            state = "missed"
        else:
            state = "upcoming"
        views.append(SlotView(s.slot, s.due_on, s.opens_on, s.closes_on, reports.get(s.slot), state))
    return views
