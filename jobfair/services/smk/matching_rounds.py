"""Match rounds: the office runs the student-proposing deferred acceptance, previews it and publishes it once.

Publishing creates the apprenticeships (status "agreement"); what follows belongs to services/apprenticeships.
Unmatched students and unfilled places simply take part in the next round (run_round again).
"""

import secrets
from datetime import UTC, date, datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import (
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    BackgroundJob,
    JobStatus,
    MatchAssignment,
    MatchRound,
    User,
)
from jobfair.rules import apprenticeship_rules, matching, numbers
from jobfair.services import access, audit, jobs, keyset
from jobfair.services.errors import InvalidState, require_found
from jobfair.services.hiring.companies import PER_PAGE
from jobfair.services.notifications import notify
from jobfair.services.smk import apprenticeships, match_inputs
from jobfair.services.smk.places import own_place
from jobfair.services.smk.preferences import student_of

PREVIEW, PUBLISHED, DISCARDED = "preview", "published", "discarded"
REASON_TEXTS = {
    matching.FULL_WITH_HIGHER_RANKED: _l("Tempat ini sudah penuh oleh siswa yang diperingkat lebih tinggi oleh "
                                         "perusahaan."),
    matching.NOT_ACCEPTABLE: _l("Perusahaan tidak dapat menerima Anda di tempat ini pada putaran tersebut."),
    matching.NO_CAPACITY: _l("Tempat ini tidak memiliki kuota tersisa pada putaran tersebut."),
    match_inputs.NOT_OFFERED: _l("Tempat ini tidak lagi ditawarkan untuk Anda pada putaran tersebut (sudah penuh, "
                                 "ditutup, atau jurusan atau tanggalnya tidak sesuai)."),
    match_inputs.TOO_YOUNG: _l("Umur Anda belum 17 tahun pada hari magang ini dimulai; peserta pemagangan paling "
                               "muda 17 tahun (Permenaker 6/2020). Pilih tempat yang mulai setelah ulang tahun ke-17 "
                               "Anda."),
    match_inputs.NO_GUARDIAN_CONSENT: _l("Anda belum berumur 18 tahun pada hari magang ini dimulai dan persetujuan "
                                         "tertulis orang tua/wali belum dicatat sekolah; minta BKK sekolah "
                                         "mencatatnya."),
    match_inputs.REPEATED: _l("Anda sudah pernah mengikuti program pemagangan ini; Permenaker 6/2020 melarang "
                              "mengulang program yang sama."),
    match_inputs.REFUSED_BY_COMPANY: _l("Perusahaan menandai Anda tidak dapat diterima di tempat ini."),
}
NOT_FOUND = _l("Putaran penempatan tidak ditemukan.")
STUDENT_RESULT = Link("students.match_result")
RUN_JOB = "match.run"  # the job kind (services/job_tasks.py)


def _today(today: date | None) -> date:
    return today or date.today()


def _why_not(student_id: int, inputs: match_inputs.MatchInputs, result: matching.MatchResult) -> list[list]:
    """[place id, reason code] for every choice the student ranked above the place they got (all when unmatched):
    the choices the match could not use, and why the match did not give them the others."""
    got = result.assignment.get(student_id)
    in_match = {}
    if student_id in inputs.student_prefs:
        in_match = dict(matching.why_not_higher(student_id, result, inputs.student_prefs, inputs.place_prefs))
    refused = inputs.refused.get(student_id, {})
    reasons = []
    for place_id in inputs.choices[student_id]:
        if place_id == got:
            break
        code = refused.get(place_id) or in_match.get(place_id)
        if code:
            reasons.append([place_id, code])
    return reasons


def _refuse_when_a_preview_is_open() -> None:
    if db.session.scalar(select(MatchRound.id).where(MatchRound.status == PREVIEW).limit(1)) is not None:
        raise InvalidState(_l("Masih ada putaran yang belum diterbitkan; terbitkan atau batalkan dulu sebelum "
                              "menjalankan putaran baru."))


def start_round(actor) -> BackgroundJob:
    """Run the match in the job queue (minutes at city scale); the job's page shows it, then links to the preview."""
    access.require_office(actor)
    _refuse_when_a_preview_is_open()
    running = db.session.scalar(select(BackgroundJob.id).where(
        BackgroundJob.kind == RUN_JOB, BackgroundJob.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]))
        .limit(1))
    if running is not None:
        raise InvalidState(_l("Putaran penempatan sedang dijalankan; tunggu sampai selesai."))
    return jobs.enqueue(RUN_JOB, actor=actor)


def run_round(actor, today: date | None = None) -> MatchRound:
    """Run the match on the current preferences and store it as a preview."""
    access.require_office(actor)
    today = _today(today)
    _refuse_when_a_preview_is_open()
    inputs = match_inputs.gather(today)
    places, capacities = inputs.places, inputs.capacities
    result = matching.stable_match(inputs.student_prefs, inputs.place_prefs, capacities)
    # The rank the student gave, not the position among the choices left after the refused ones were taken out.
    choice_rank = {sid: (inputs.ranks[sid][pid] if pid is not None else None) for sid, pid in result.assignment.items()}
    why_not = {}
    for student_id in inputs.refused:
        reasons = _why_not(student_id, inputs, result)
        if reasons:
            why_not[str(student_id)] = reasons
    per_place = [{"place_id": pid, "title": place.title, "company": place.company.name,
                  "capacity": capacities[pid], "filled": len(result.filled.get(pid, ())),
                  "empty": capacities[pid] - len(result.filled.get(pid, ())), "seed": place.ranking_seed}
                 for pid, place in places.items()]
    distribution = matching.distribution_of(choice_rank)
    matched = sum(1 for place in result.assignment.values() if place is not None)
    number = (db.session.scalar(select(func.max(MatchRound.number))) or 0) + 1
    match_round = MatchRound(number=number, status=PREVIEW, lottery_seed=secrets.randbelow(2**31 - 1),
                             run_by_id=actor.id, stats={
                                 "matched": matched, "unmatched": len(result.assignment) - matched,
                                 "students": len(result.assignment), "proposals": result.proposals,
                                 "rank_distribution": [[rank, count] for rank, count in distribution.items()],
                                 "places": per_place, "excluded": inputs.excluded, "why_not": why_not,
                                 "choices": {str(sid): prefs for sid, prefs in inputs.student_prefs.items()},
                                 "run_on": today.isoformat()})
    db.session.add(match_round)
    db.session.flush()
    db.session.add_all([MatchAssignment(round_id=match_round.id, student_id=sid, place_id=pid,
                                        choice_rank=choice_rank[sid])
                        for sid, pid in result.assignment.items()])
    audit.record(actor, "match.run", match_round, detail={"matched": matched, "students": len(result.assignment)})
    db.session.commit()
    return match_round


def get_round(actor, round_id: int) -> MatchRound:
    access.require_office(actor)
    return require_found(db.session.get(MatchRound, round_id), NOT_FOUND)


def rounds(actor, page: int = 1, per_page: int = PER_PAGE, *, after: str | None = None, before: str | None = None):
    access.require_office(actor)
    query = select(MatchRound).order_by(MatchRound.number.desc(), MatchRound.id.desc())
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def preview(actor, round_id: int, page: int = 1, per_page: int = 50, *, after: str | None = None,
            before: str | None = None):
    """The round and a page of its assignments (matched first, by place)."""
    match_round = get_round(actor, round_id)
    query = (select(MatchAssignment).where(MatchAssignment.round_id == match_round.id)
             .order_by(MatchAssignment.place_id.is_(None), MatchAssignment.place_id, MatchAssignment.student_id,
                       MatchAssignment.id))
    return match_round, keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def _agreement_number(apprenticeship: Apprenticeship, year: int) -> str:
    return f"PKS/MAG/{year}/{apprenticeship.id:06d}"


def _creation_problem(student, place: ApprenticeshipPlace) -> str | None:
    """Checked again as each apprenticeship is created: the student's age and consent on the first day (data may
    have been corrected since the round ran) and no repeating the same programme."""
    code = apprenticeship_rules.age_problem(student.person.birth_date, place.starts_on,
                                            consent_recorded=student.guardian_consent_at is not None)
    if code:
        return match_inputs.EXCLUDED_TEXTS[code]
    try:
        apprenticeships.ensure_not_repeated(student.id, place.id)
    except InvalidState as exc:
        return exc.message
    return None


def publish(actor, round_id: int) -> MatchRound:
    """Publish a preview exactly once: apprenticeships, filled counts, notifications. All or nothing."""
    access.require_office(actor)
    claimed = db.session.execute(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == PREVIEW)
                                 .values(status=PUBLISHED, published_at=datetime.now(UTC)))
    if claimed.rowcount != 1:
        db.session.rollback()
        get_round(actor, round_id)  # NotFound when it does not exist
        raise InvalidState(_l("Putaran ini sudah diterbitkan atau dibatalkan; tidak dapat diterbitkan lagi."))
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
            raise InvalidState(_l("Sebagian siswa di putaran ini sudah ditempatkan oleh putaran lain; batalkan "
                                  "putaran ini dan jalankan putaran baru."))
        problem = _creation_problem(assignment.student, assignment.place)
        if problem:
            name = assignment.student.person.full_name
            db.session.rollback()
            raise InvalidState(_l("%(name)s: %(problem)s Batalkan putaran ini dan jalankan putaran baru.",
                                  name=name, problem=problem))
        filled = db.session.execute(update(ApprenticeshipPlace).where(
            ApprenticeshipPlace.id == assignment.place_id,
            ApprenticeshipPlace.filled_count < ApprenticeshipPlace.places)
            .values(filled_count=ApprenticeshipPlace.filled_count + 1))
        if filled.rowcount != 1:
            db.session.rollback()
            raise InvalidState(_l("Kuota sebuah tempat magang sudah berubah sejak putaran ini dijalankan; batalkan "
                                  "putaran ini dan jalankan putaran baru."))
        apprenticeship = Apprenticeship(student_id=assignment.student_id, place_id=assignment.place_id,
                                        round_id=round_id, status=ApprenticeshipStatus.AGREEMENT.value)
        db.session.add(apprenticeship)
        db.session.flush()
        apprenticeship.agreement_number = _agreement_number(apprenticeship, year)
        per_place[assignment.place_id] = per_place.get(assignment.place_id, 0) + 1
        student = assignment.student
        if student.user is not None:
            notify(student.user, _l("Hasil penempatan magang: Anda mendapat tempat '%(title)s' di %(company)s.",
                                    title=assignment.place.title, company=assignment.place.company.name),
                   link=STUDENT_RESULT)
    for assignment in db.session.scalars(select(MatchAssignment).where(
            MatchAssignment.round_id == round_id, MatchAssignment.place_id.is_(None))):
        if assignment.student.user is not None:
            notify(assignment.student.user, _l("Hasil penempatan magang: Anda belum mendapat tempat pada putaran "
                                               "ini; pilihan Anda ikut putaran berikutnya."), link=STUDENT_RESULT)
    places = db.session.scalars(select(ApprenticeshipPlace).where(ApprenticeshipPlace.id.in_(list(per_place))))
    for place in places:
        for user in db.session.scalars(select(User).where(User.company_id == place.company_id)):
            notify(user, _l("Hasil penempatan magang: %(count)s siswa mendapat tempat '%(title)s'.",
                            count=numbers.number(per_place[place.id]), title=place.title),
                   link=Link("companies.place_result", {"place_id": place.id}))
    audit.record(actor, "match.published", match_round, detail={"apprenticeships": len(assignments)})
    db.session.commit()
    return match_round


def discard(actor, round_id: int) -> MatchRound:
    access.require_office(actor)
    claimed = db.session.execute(update(MatchRound).where(MatchRound.id == round_id, MatchRound.status == PREVIEW)
                                 .values(status=DISCARDED))
    if claimed.rowcount != 1:
        db.session.rollback()
        get_round(actor, round_id)
        raise InvalidState(_l("Hanya putaran yang belum diterbitkan dapat dibatalkan."))
    match_round = db.session.get(MatchRound, round_id)
    audit.record(actor, "match.discarded", match_round)
    db.session.commit()
    return match_round


# --- results ----------------------------------------------------------------------------------------------------

def _published_assignments(student_id: int) -> list[MatchAssignment]:
    return db.session.scalars(select(MatchAssignment).join(MatchRound).where(
        MatchAssignment.student_id == student_id, MatchRound.status == PUBLISHED)
        .order_by(MatchRound.number.desc())).all()


def _mentions(match_round: MatchRound, student_id: int) -> bool:
    stats = match_round.stats or {}
    return (str(student_id) in stats.get("why_not", {})
            or any(entry["student_id"] == student_id for entry in stats.get("excluded", [])))


def student_result(actor) -> dict | None:
    """The student's published result: place, the rank they gave it, why not each higher choice (Indonesian), and
    why they were left out of the round when they were (e.g. under 17 on the first day)."""
    student = student_of(actor)
    assignments = {a.round_id: a for a in _published_assignments(student.id)}
    placed = next((a for a in assignments.values() if a.place_id is not None), None)
    if placed is not None:
        match_round = placed.match_round
    else:  # the newest published round the student took part in or was left out of
        match_round = next((r for r in db.session.scalars(select(MatchRound).where(MatchRound.status == PUBLISHED)
                                                          .order_by(MatchRound.number.desc()))
                            if r.id in assignments or _mentions(r, student.id)), None)
        if match_round is None:
            return None
    assignment = assignments.get(match_round.id)
    reasons = match_round.stats.get("why_not", {}).get(str(student.id), [])
    titles = {p.id: p for p in db.session.scalars(select(ApprenticeshipPlace).where(
        ApprenticeshipPlace.id.in_([pid for pid, _code in reasons])))}
    why_not = [{"place": titles.get(pid), "reason": REASON_TEXTS.get(code, code)} for pid, code in reasons]
    # The round stores the reason as its Indonesian text, which is the message's key: read in the reader's language.
    excluded = next((gettext(entry["reason"]) for entry in match_round.stats.get("excluded", [])
                     if entry["student_id"] == student.id), None)
    apprenticeship = None
    if placed is not None:
        apprenticeship = db.session.scalar(select(Apprenticeship).where(
            Apprenticeship.student_id == student.id, Apprenticeship.place_id == placed.place_id))
    return {"round": match_round, "place": placed.place if placed else None,
            "choice_rank": assignment.choice_rank if assignment else None, "why_not": why_not,
            "excluded": excluded, "apprenticeship": apprenticeship}


def company_result(actor, place_id: int) -> dict:
    place = own_place(actor, place_id)
    rows = db.session.scalars(select(Apprenticeship).where(Apprenticeship.place_id == place.id)
                              .order_by(Apprenticeship.id)).all()
    return {"place": place, "apprenticeships": rows}
