"""Retention (UU PDP No. 27/2022 art. 16(2), 42(1)(a), 43-44): what has served its purpose is removed, daily.

`run(now=None, actor=None)` is one pass (the `flask retention` command and, later, the job queue call it):

1. applicants whose last application closed more than RETENTION_APPLICANT_MONTHS ago (default 24) and who have not
   logged in since are anonymised (services/erasure.anonymise_person: CV file removed, login closed); an applicant
   with an application still open, an AK/1 card still valid or something that blocks an erasure is left alone;
2. AK/1 cards that lapsed or expired and whose two-year validity is over lose the card's own data: the QR token,
   the office's note, the report notes, and the profile fields collected only for the card (birth place,
   marital status, religion) when the seeker holds no other live card. The card row stays: the figures count it;
3. protection import batches older than RETENTION_FILE_DAYS (default 30) lose their stored rows and error report
   (names, NIKs), and files older than that under UPLOAD_FOLDER/imports and UPLOAD_FOLDER/exports are deleted.

Safe to run again: every step claims its rows with a conditional UPDATE (`... WHERE <marker> IS NULL`), so a second
run, or two at once, touches nothing twice. On PostgreSQL a session advisory lock also lets only one run work at a
time; the other returns at once saying so. Each run writes one audit row with its counts.
"""

import time
from datetime import date, datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import case, func, or_, select, text, update

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Ak1Report,
    Ak1Status,
    Application,
    ApplicationStatus,
    ImportBatch,
    Person,
    SeekerProfile,
    User,
    Vacancy,
    VacancyStatus,
)
from jobfair.rules.ak1 import add_months
from jobfair.services import audit, clock
from jobfair.services.errors import InvalidState
from jobfair.services.privacy import erasure

LOCK_KEY = 0x4A4F4246  # "JOBF": the advisory lock of retention runs
FINAL = (ApplicationStatus.HIRED.value, ApplicationStatus.REJECTED.value, ApplicationStatus.WITHDRAWN.value)
VACANCY_OVER = (VacancyStatus.CLOSED.value, VacancyStatus.FILLED.value)
LIVE_CARDS = (Ak1Status.REQUESTED.value, Ak1Status.ISSUED.value, Ak1Status.RETURNED.value)
ENDED_CARDS = (Ak1Status.LAPSED.value, Ak1Status.EXPIRED.value)
FILE_FOLDERS = ("imports", "exports")


def _try_lock():
    """PostgreSQL: a session advisory lock held on a connection of its own for the whole run (the ORM session
    hands its connection back to the pool at each commit, so the lock cannot live there). Returns the connection
    holding it, None when another run holds it; SQLite: True (it serialises writers itself)."""
    if db.engine.dialect.name != "postgresql":
        return True
    conn = db.engine.connect()
    if conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar():
        conn.commit()
        return conn
    conn.close()
    return None


def _unlock(lock) -> None:
    if lock is not True:
        lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        lock.commit()
        lock.close()


def applicants_due(cutoff: datetime) -> list[int]:
    """Persons of seekers whose every application is closed, the last before `cutoff`, and no login since."""
    closed_at = case((Application.status.in_(FINAL), Application.updated_at),
                     (Vacancy.status.in_(VACANCY_OVER), Vacancy.closed_at), else_=None)
    live_card = (select(Ak1Card.id).where(Ak1Card.seeker_id == SeekerProfile.id, Ak1Card.status.in_(LIVE_CARDS))
                 .exists())
    query = (select(SeekerProfile.person_id)
             .join(Application, Application.seeker_id == SeekerProfile.id)
             .join(Vacancy, Vacancy.id == Application.vacancy_id)
             .join(Person, Person.id == SeekerProfile.person_id)
             .join(User, User.id == SeekerProfile.user_id)
             .where(Person.anonymised_at.is_(None), ~live_card,
                    or_(User.last_login_at.is_(None), User.last_login_at < cutoff))
             .group_by(SeekerProfile.person_id)
             # count(closed_at) skips NULLs: equal to count(*) only when no application is still open
             .having(func.count() == func.count(closed_at), func.max(closed_at) < cutoff)
             .order_by(SeekerProfile.person_id))
    return list(db.session.scalars(query))


def _anonymise_applicants(actor, now: datetime, months: int, report: dict) -> None:
    cutoff = datetime.combine(add_months(now.date(), -months), now.timetz())
    for person_id in applicants_due(cutoff):
        try:
            done = erasure.anonymise_person(person_id, actor=actor, reason="retention", now=now)
        except InvalidState:
            db.session.rollback()
            report["applicants_skipped"] += 1
            continue
        report["applicants_anonymised"] += int(done)


def _ak1_cards(today: date, now: datetime, report: dict) -> None:
    due = db.session.scalars(select(Ak1Card.id).where(Ak1Card.status.in_(ENDED_CARDS), Ak1Card.valid_until < today,
                                                      Ak1Card.data_removed_at.is_(None))).all()
    for card_id in due:
        claimed = db.session.execute(update(Ak1Card).where(Ak1Card.id == card_id, Ak1Card.data_removed_at.is_(None))
                                     .values(data_removed_at=now, verify_token=None, reason=None)).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        card = db.session.get(Ak1Card, card_id)
        db.session.execute(update(Ak1Report).where(Ak1Report.card_id == card_id).values(note=""))
        other_live = db.session.scalar(select(func.count()).select_from(Ak1Card).where(
            Ak1Card.seeker_id == card.seeker_id, Ak1Card.status.in_(LIVE_CARDS)))
        if not other_live:
            db.session.execute(update(SeekerProfile).where(SeekerProfile.id == card.seeker_id)
                               .values(birth_place="", marital_status="", religion=""))
        db.session.commit()
        report["ak1_cards_cleared"] += 1


def _import_batches(now: datetime, days: int, report: dict) -> None:
    cutoff = now - timedelta(days=days)
    cleared = db.session.execute(update(ImportBatch).where(ImportBatch.created_at < cutoff,
                                                           ImportBatch.purged_at.is_(None))
                                 .values(purged_at=now, payload=[], errors=[])).rowcount
    db.session.commit()
    report["import_batches_cleared"] += cleared


def _old_files(now: datetime, days: int, report: dict) -> None:
    cutoff = (now - timedelta(days=days)).timestamp()
    root = Path(current_app.config["UPLOAD_FOLDER"])
    for folder in FILE_FOLDERS:
        for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    report["files_deleted"] += 1
            except FileNotFoundError:  # another run took it first
                continue


def run(now: datetime | None = None, actor=None) -> dict:
    """One retention pass; returns what it did (counts). `now` moves the clock (tests, a catch-up run)."""
    now = now or clock.now()
    report = {"applicants_anonymised": 0, "applicants_skipped": 0, "ak1_cards_cleared": 0,
              "import_batches_cleared": 0, "files_deleted": 0, "already_running": False}
    lock = _try_lock()
    if lock is None:
        report["already_running"] = True
        return report
    started = time.monotonic()
    try:
        config = current_app.config
        _anonymise_applicants(actor, now, int(config["RETENTION_APPLICANT_MONTHS"]), report)
        _ak1_cards(now.date(), now, report)
        _import_batches(now, int(config["RETENTION_FILE_DAYS"]), report)
        _old_files(now, int(config["RETENTION_FILE_DAYS"]), report)
        audit.record(actor, "retention.run", object_type="retention",
                     detail={**report, "seconds": round(time.monotonic() - started, 3)})
        db.session.commit()
    finally:
        _unlock(lock)
    return report
