"""Match rounds: the office runs the student-proposing deferred acceptance, previews it and publishes it once.

Publishing creates the apprenticeships (status "agreement"); what follows belongs to services/apprenticeships.
Unmatched students and unfilled places simply take part in the next round (run_round again).
"""

import secrets
from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy import func, select, update

from jobfair.extensions import db
from jobfair.models import (
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    MatchAssignment,
    MatchRound,
    Student,
    StudentChoice,
    User,
)
from jobfair.rules import matching
from jobfair.services import audit
from jobfair.services.companies import PER_PAGE, require_officer
from jobfair.services.errors import InvalidState, NotFound
from jobfair.services.notifications import notify
from jobfair.services.places import _own
from jobfair.services.preferences import is_matched, open_places, place_fits, place_order, student_of

PREVIEW, PUBLISHED, DISCARDED = "preview", "published", "discarded"
REASON_TEXTS = {
    matching.FULL_WITH_HIGHER_RANKED: "Tempat ini sudah penuh oleh siswa yang diperingkat lebih tinggi oleh "
                                      "perusahaan.",
    matching.NOT_ACCEPTABLE: "Perusahaan tidak dapat menerima Anda di tempat ini pada putaran tersebut.",
    matching.NO_CAPACITY: "Tempat ini tidak memiliki kuota tersisa pada putaran tersebut.",
}
NOT_FOUND = "Putaran penempatan tidak ditemukan."


def _today(today: date | None) -> date:
    return today or date.today()


def _can_be_placed(student: Student, today: date) -> tuple[bool, str]:
    from jobfair.services import students as student_service

    return student_service.can_be_placed(student, today)


def _inputs(today: date):
    """student_prefs, place_prefs, capacities, excluded students and the places used, from the database."""
    months = current_app.config["APPRENTICESHIP_WINDOW_MONTHS"]
    places = {place.id: place for place in open_places()}
    choices = db.session.execute(select(StudentChoice.student_id, StudentChoice.place_id)
                                 .order_by(StudentChoice.student_id, StudentChoice.rank)).all()
    lists: dict[int, list[int]] = {}
    for student_id, place_id in choices:
        lists.setdefault(student_id, []).append(place_id)
    students = {s.id: s for s in db.session.scalars(select(Student).where(Student.id.in_(list(lists))))}
    student_prefs: dict[int, list[int]] = {}
    excluded = []
    for student_id, wanted in lists.items():
        student = students[student_id]
        if is_matched(student_id):
            continue
        ok, reason = _can_be_placed(student, today)
        if not ok:
            excluded.append({"student_id": student_id, "name": student.person.full_name, "reason": reason})
            continue
        usable = [pid for pid in wanted if pid in places and place_fits(places[pid], student, months)]
        if usable:
            student_prefs[student_id] = usable
    wanted_by: dict[int, list[Student]] = {}
    for student_id, usable in student_prefs.items():
        for place_id in usable:
            wanted_by.setdefault(place_id, []).append(students[student_id])
    place_prefs = {pid: place_order(places[pid], wanted_by[pid]) for pid in places if pid in wanted_by}
    capacities = {pid: place.places - place.filled_count for pid, place in places.items()}
    return student_prefs, place_prefs, capacities, excluded, places


def run_round(actor, today: date | None = None) -> MatchRound:
    """Run the match on the current preferences and store it as a preview."""
    require_officer(actor)
    today = _today(today)
    if db.session.scalar(select(MatchRound.id).where(MatchRound.status == PREVIEW).limit(1)) is not None:
        raise InvalidState("Masih ada putaran yang belum diterbitkan; terbitkan atau batalkan dulu sebelum "
                           "menjalankan putaran baru.")
    student_prefs, place_prefs, capacities, excluded, places = _inputs(today)
    result = matching.stable_match(student_prefs, place_prefs, capacities)
    why_not = {}
    for student_id, rank in result.choice_rank.items():
        if rank != 1:
            reasons = matching.why_not_higher(student_id, result, student_prefs, place_prefs)
            if reasons:
                why_not[str(student_id)] = [[place_id, code] for place_id, code in reasons]
    per_place = [{"place_id": pid, "title": place.title, "company": place.company.name,
                  "capacity": capacities[pid], "filled": len(result.filled.get(pid, ())),
                  "empty": capacities[pid] - len(result.filled.get(pid, ())), "seed": place.ranking_seed}
                 for pid, place in places.items()]
    distribution = matching.rank_distribution(result)
    matched = sum(1 for place in result.assignment.values() if place is not None)
    number = (db.session.scalar(select(func.max(MatchRound.number))) or 0) + 1
    match_round = MatchRound(number=number, status=PREVIEW, lottery_seed=secrets.randbelow(2**31 - 1),
                             run_by_id=actor.id, stats={
                                 "matched": matched, "unmatched": len(result.assignment) - matched,
                                 "students": len(result.assignment), "proposals": result.proposals,
                                 "rank_distribution": [[rank, count] for rank, count in distribution.items()],
                                 "places": per_place, "excluded": excluded, "why_not": why_not,
                                 "choices": {str(sid): prefs for sid, prefs in student_prefs.items()},
                                 "run_on": today.isoformat()})
    db.session.add(match_round)
    db.session.flush()
    db.session.add_all([MatchAssignment(round_id=match_round.id, student_id=sid, place_id=pid,
                                        choice_rank=result.choice_rank[sid])
                        for sid, pid in result.assignment.items()])
    audit.record(actor, "match.run", match_round, detail={"matched": matched, "students": len(result.assignment)})
    db.session.commit()
    return match_round


def get_round(actor, round_id: int) -> MatchRound:
    require_officer(actor)
    match_round = db.session.get(MatchRound, round_id)
    if match_round is None:
        raise NotFound(NOT_FOUND)
    return match_round


def rounds(actor, page: int = 1, per_page: int = PER_PAGE):
    require_officer(actor)
    query = select(MatchRound).order_by(MatchRound.number.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def preview(actor, round_id: int, page: int = 1, per_page: int = 50):
    """The round and a page of its assignments (matched first, by place)."""
    match_round = get_round(actor, round_id)
    query = (select(MatchAssignment).where(MatchAssignment.round_id == match_round.id)
             .order_by(MatchAssignment.place_id.is_(None), MatchAssignment.place_id, MatchAssignment.student_id))
    return match_round, db.paginate(query, page=page, per_page=per_page, error_out=False)


def _agreement_number(apprenticeship: Apprenticeship, year: int) -> str:
    return f"PKS/MAG/{year}/{apprenticeship.id:06d}"


def publish(actor, round_id: int) -> MatchRound:
    """Publish a preview exactly once: apprenticeships, filled counts, notifications. All or nothing."""
    require_officer(actor)
    claimed = db.session.execute(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == PREVIEW)
                                 .values(status=PUBLISHED, published_at=datetime.now(UTC)))
    if claimed.rowcount != 1:
        db.session.rollback()
        get_round(actor, round_id)  # NotFound when it does not exist
        raise InvalidState("Putaran ini sudah diterbitkan atau dibatalkan; tidak dapat diterbitkan lagi.")
    match_round = db.session.get(MatchRound, round_id)
    assignments = db.session.scalars(select(MatchAssignment).where(
        MatchAssignment.round_id == round_id, MatchAssignment.place_id.is_not(None))).all()
    year = datetime.now(UTC).year
    per_place: dict[int, int] = {}
    for assignment in assignments:
        if db.session.scalar(select(MatchAssignment.id).join(MatchRound).where(
                MatchAssignment.student_id == assignment.student_id, MatchAssignment.place_id.is_not(None),
                MatchRound.status == PUBLISHED, MatchRound.id != round_id).limit(1)) is not None:
            db.session.rollback()
            raise InvalidState("Sebagian siswa di putaran ini sudah ditempatkan oleh putaran lain; batalkan putaran "
                               "ini dan jalankan putaran baru.")
        filled = db.session.execute(update(ApprenticeshipPlace).where(
            ApprenticeshipPlace.id == assignment.place_id,
            ApprenticeshipPlace.filled_count < ApprenticeshipPlace.places)
            .values(filled_count=ApprenticeshipPlace.filled_count + 1))
        if filled.rowcount != 1:
            db.session.rollback()
            raise InvalidState("Kuota sebuah tempat magang sudah berubah sejak putaran ini dijalankan; batalkan "
                               "putaran ini dan jalankan putaran baru.")
        apprenticeship = Apprenticeship(student_id=assignment.student_id, place_id=assignment.place_id,
                                        round_id=round_id, status=ApprenticeshipStatus.AGREEMENT.value)
        db.session.add(apprenticeship)
        db.session.flush()
        apprenticeship.agreement_number = _agreement_number(apprenticeship, year)
        per_place[assignment.place_id] = per_place.get(assignment.place_id, 0) + 1
        student = assignment.student
        if student.user is not None:
            notify(student.user, f"Hasil penempatan magang: Anda mendapat tempat '{assignment.place.title}' di "
                                 f"{assignment.place.company.name}.", link="/smk/tempat-magang/hasil")
    for assignment in db.session.scalars(select(MatchAssignment).where(
            MatchAssignment.round_id == round_id, MatchAssignment.place_id.is_(None))):
        if assignment.student.user is not None:
            notify(assignment.student.user, "Hasil penempatan magang: Anda belum mendapat tempat pada putaran ini; "
                                            "pilihan Anda ikut putaran berikutnya.", link="/smk/tempat-magang/hasil")
    places = db.session.scalars(select(ApprenticeshipPlace).where(ApprenticeshipPlace.id.in_(list(per_place))))
    for place in places:
        for user in db.session.scalars(select(User).where(User.company_id == place.company_id)):
            notify(user, f"Hasil penempatan magang: {per_place[place.id]} siswa mendapat tempat '{place.title}'.",
                   link=f"/perusahaan/tempat-magang/{place.id}/hasil")
    audit.record(actor, "match.published", match_round, detail={"apprenticeships": len(assignments)})
    db.session.commit()
    return match_round


def discard(actor, round_id: int) -> MatchRound:
    require_officer(actor)
    claimed = db.session.execute(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == PREVIEW)
                                 .values(status=DISCARDED))
    if claimed.rowcount != 1:
        db.session.rollback()
        get_round(actor, round_id)
        raise InvalidState("Hanya putaran yang belum diterbitkan dapat dibatalkan.")
    match_round = db.session.get(MatchRound, round_id)
    audit.record(actor, "match.discarded", match_round)
    db.session.commit()
    return match_round


# --- results ----------------------------------------------------------------------------------------------------

def _published_assignments(student_id: int) -> list[MatchAssignment]:
    return db.session.scalars(select(MatchAssignment).join(MatchRound).where(
        MatchAssignment.student_id == student_id, MatchRound.status == PUBLISHED)
        .order_by(MatchRound.number.desc())).all()


def student_result(actor) -> dict | None:
    """The student's published result: place, the rank they got, and why not each higher choice (Indonesian)."""
    student = student_of(actor)
    assignments = _published_assignments(student.id)
    if not assignments:
        return None
    assignment = next((a for a in assignments if a.place_id is not None), assignments[0])
    reasons = assignment.match_round.stats.get("why_not", {}).get(str(student.id), [])
    titles = {p.id: p for p in db.session.scalars(select(ApprenticeshipPlace).where(
        ApprenticeshipPlace.id.in_([pid for pid, _code in reasons])))}
    why_not = [{"place": titles.get(pid), "reason": REASON_TEXTS.get(code, code)} for pid, code in reasons]
    apprenticeship = None
    if assignment.place_id is not None:
        apprenticeship = db.session.scalar(select(Apprenticeship).where(
            Apprenticeship.student_id == student.id, Apprenticeship.place_id == assignment.place_id))
    return {"round": assignment.match_round, "place": assignment.place, "choice_rank": assignment.choice_rank,
            "why_not": why_not, "apprenticeship": apprenticeship}


def company_result(actor, place_id: int) -> dict:
    place = _own(actor, place_id)
    rows = db.session.scalars(select(Apprenticeship).where(Apprenticeship.place_id == place.id)
                              .order_by(Apprenticeship.id)).all()
    return {"place": place, "apprenticeships": rows}
