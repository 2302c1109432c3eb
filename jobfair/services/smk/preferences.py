"""Preferences for the match: students rank places, companies rank the students who ranked their place."""

import secrets
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from jobfair.extensions import db
from jobfair.models import (
    ApprenticeshipPlace,
    CompanyRanking,
    CompanyRefusal,
    MatchAssignment,
    MatchRound,
    PlaceStatus,
    Role,
    Student,
    StudentChoice,
)
from jobfair.privacy_notices import MATCH_SHARING
from jobfair.rules import apprenticeship_rules
from jobfair.rules import numbers as fmt
from jobfair.services import access, audit
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.privacy import consents
from jobfair.services.smk.places import NOT_FOUND, majors_of, own_place

SEED_LIMIT = 2**31 - 1
NOT_A_CANDIDATE = _l("Siswa tidak ditemukan di antara pendaftar tempat magang ini.")


def student_of(actor) -> Student:
    """The student record of a student login; a login without one sees nothing (404, not 403)."""
    access.require_role(actor, Role.STUDENT.value, message=_l("Hanya akun siswa yang dapat melakukan ini."))
    student = db.session.scalar(select(Student).where(Student.user_id == actor.id))
    if student is None:
        raise NotFound(_l("Data siswa untuk akun ini belum ada; hubungi BKK sekolah Anda."))
    return student


def is_matched(student_id: int) -> bool:
    """Has the student got a place in a published round?"""
    return db.session.scalar(select(MatchAssignment.id).join(MatchRound).where(
        MatchAssignment.student_id == student_id, MatchAssignment.place_id.is_not(None),
        MatchRound.status == "published").limit(1)) is not None


def place_fits(place: ApprenticeshipPlace, student: Student, months: int) -> bool:
    return (place.status == PlaceStatus.APPROVED.value and place.filled_count < place.places
            and student.major_code in majors_of(place)
            and apprenticeship_rules.fits_window(place.starts_on, place.ends_on,
                                                 apprenticeship_rules.window(student.expected_graduation, months)))


def open_places() -> list[ApprenticeshipPlace]:
    return db.session.scalars(select(ApprenticeshipPlace).where(
        ApprenticeshipPlace.status == PlaceStatus.APPROVED.value,
        ApprenticeshipPlace.filled_count < ApprenticeshipPlace.places)
        .order_by(ApprenticeshipPlace.starts_on, ApprenticeshipPlace.id)).all()


def _offered(student: Student) -> list[ApprenticeshipPlace]:
    if is_matched(student.id):
        return []
    months = current_app.config["APPRENTICESHIP_WINDOW_MONTHS"]
    return [place for place in open_places() if place_fits(place, student, months)]


def offered_places(actor, today: date | None = None) -> list[ApprenticeshipPlace]:
    """Approved places with free seats for the student's major whose dates fit the student's window."""
    return _offered(student_of(actor))


def my_choices(actor) -> list[StudentChoice]:
    student = student_of(actor)
    return db.session.scalars(select(StudentChoice).where(StudentChoice.student_id == student.id)
                              .order_by(StudentChoice.rank)).all()


def set_choices(actor, place_ids: list[int], today: date | None = None) -> list[StudentChoice]:
    """Replace the student's ordered list of places (rank 1 first)."""
    student = student_of(actor)
    if is_matched(student.id):
        raise InvalidState(_l("Anda sudah mendapat tempat magang dari hasil penempatan; pilihan tidak dapat "
                              "diubah."))
    ids = [place_id for place_id in place_ids if place_id is not None]
    limit = current_app.config["MAX_STUDENT_CHOICES"]
    if len(ids) > limit:
        raise ValidationFailed({"choices": _l("Paling banyak %(limit)s pilihan; hapus pilihan yang kurang "
                                              "diinginkan.", limit=fmt.number(limit))})
    if len(set(ids)) != len(ids):
        raise ValidationFailed({"choices": _l("Tempat yang sama dipilih dua kali; setiap tempat hanya boleh dipilih "
                                              "sekali.")})
    offered = {place.id for place in _offered(student)}
    if any(place_id not in offered for place_id in ids):
        raise ValidationFailed({"choices": _l("Ada tempat yang tidak ditawarkan untuk Anda (jurusan atau "
                                              "tanggalnya tidak sesuai, atau sudah penuh); pilih dari daftar.")})
    db.session.execute(delete(StudentChoice).where(StudentChoice.student_id == student.id))
    choices = [StudentChoice(student_id=student.id, place_id=place_id, rank=rank)
               for rank, place_id in enumerate(ids, start=1)]
    db.session.add_all(choices)
    audit.record(actor, "choices.set", student, detail={"places": ids})
    db.session.commit()
    return choices


# --- the company ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    student_id: int
    name: str
    school: str
    major: str
    score_x100: int
    company_rank: int | None   # the company's own rank, None when left to the default order
    order: int | None          # position in the order the match will use (company ranking, then default)
    acceptable: bool = True    # False (and order None): marked not acceptable, the match never places them here


def _candidate_students(place_id: int) -> list[Student]:
    """The students who ranked the place, less those who withdrew the match-sharing consent (UU PDP): the company
    no longer sees them."""
    students = db.session.scalars(select(Student).join(StudentChoice, StudentChoice.student_id == Student.id)
                                  .where(StudentChoice.place_id == place_id).order_by(Student.id)).all()
    sharing = consents.current_states([s.person_id for s in students], MATCH_SHARING)
    return [s for s in students if sharing.get(s.person_id) is not False]


def _ranking(place_id: int) -> dict[int, int]:
    return dict(db.session.execute(select(CompanyRanking.student_id, CompanyRanking.rank)
                                   .where(CompanyRanking.place_id == place_id)).all())


def _refused(place_id: int) -> set[int]:
    return set(db.session.scalars(select(CompanyRefusal.student_id).where(CompanyRefusal.place_id == place_id)))


def refused_pairs() -> set[tuple[int, int]]:
    """(student id, place id) of every student a company marked as not acceptable for its place."""
    return set(db.session.execute(select(CompanyRefusal.student_id, CompanyRefusal.place_id)).all())


def default_ranking(place: ApprenticeshipPlace, students: list[Student] | None = None) -> list[int]:
    """The default order of the students who ranked the place (school score, then the place's recorded lottery).

    The seed is drawn once and stored on the place (the caller commits)."""
    if place.ranking_seed is None:
        place.ranking_seed = secrets.randbelow(SEED_LIMIT)
    students = _candidate_students(place.id) if students is None else students
    return apprenticeship_rules.default_order([(s.id, s.report_score_x100) for s in students], place.ranking_seed)


def place_order(place: ApprenticeshipPlace, students: list[Student] | None = None) -> list[int]:
    """The order the match uses: the company's ranking, then the default order of the students it left unranked;
    the students it marked as not acceptable are not in it."""
    students = _candidate_students(place.id) if students is None else students
    refused = _refused(place.id)
    present = {s.id for s in students} - refused
    ranking = _ranking(place.id)
    ranked = [sid for sid, _rank in sorted(ranking.items(), key=lambda item: item[1]) if sid in present]
    rest = [sid for sid in default_ranking(place, students) if sid not in ranking and sid not in refused]
    return ranked + rest


def candidates(actor, place_id: int) -> list[Candidate]:
    """Only the students who ranked this place, in the order the match will use."""
    place = own_place(actor, place_id)
    students = _candidate_students(place.id)
    new_seed = place.ranking_seed is None
    order = place_order(place, students)
    if new_seed and students:
        db.session.commit()
    ranking = _ranking(place.id)
    by_id = {s.id: s for s in students}
    positions = {sid: position for position, sid in enumerate(order, start=1)}
    refused = [s.id for s in students if s.id not in positions]
    return [Candidate(student_id=sid, name=by_id[sid].person.full_name, school=by_id[sid].school.name,
                      major=by_id[sid].major.name if by_id[sid].major else by_id[sid].major_code,
                      score_x100=by_id[sid].report_score_x100, company_rank=ranking.get(sid),
                      order=positions.get(sid), acceptable=sid in positions)
            for sid in order + refused]


def candidate(actor, place_id: int, student_id: int) -> Candidate:
    """One candidate; a student who did not rank the place is invisible to the company."""
    for item in candidates(actor, place_id):
        if item.student_id == student_id:
            return item
    raise NotFound(NOT_A_CANDIDATE)


def set_ranking(actor, place_id: int, student_ids: list[int], not_acceptable=()) -> list[CompanyRanking]:
    """Replace the company's ranking of the place: an ordered subset of its candidates (rank 1 first), and the
    candidates it marks as not acceptable (the match never places them there)."""
    place = own_place(actor, place_id, lock=True)
    if place.status != PlaceStatus.APPROVED.value:
        raise InvalidState(_l("Peringkat hanya dapat diisi untuk tempat magang yang sudah disetujui."))
    if len(set(student_ids)) != len(student_ids):
        raise ValidationFailed({"ranking": _l("Siswa yang sama diberi dua peringkat; setiap siswa hanya satu "
                                              "peringkat.")})
    refused = sorted(set(not_acceptable))
    allowed = {s.id for s in _candidate_students(place.id)}
    if any(sid not in allowed for sid in [*student_ids, *refused]):
        raise NotFound(NOT_A_CANDIDATE)
    if set(student_ids) & set(refused):
        raise ValidationFailed({"ranking": _l("Siswa yang ditandai tidak dapat diterima tidak boleh diberi "
                                              "peringkat; kosongkan peringkatnya atau hapus tanda tidak dapat "
                                              "diterima.")})
    db.session.execute(delete(CompanyRanking).where(CompanyRanking.place_id == place.id))
    db.session.execute(delete(CompanyRefusal).where(CompanyRefusal.place_id == place.id))
    rows = [CompanyRanking(place_id=place.id, student_id=sid, rank=rank)
            for rank, sid in enumerate(student_ids, start=1)]
    db.session.add_all(rows)
    db.session.add_all([CompanyRefusal(place_id=place.id, student_id=sid, refused_by_id=actor.id) for sid in refused])
    audit.record(actor, "ranking.set", place, detail={"students": list(student_ids), "not_acceptable": refused})
    db.session.commit()
    return rows


def set_ranking_numbers(actor, place_id: int, numbers: dict[int, str], not_acceptable=()) -> list[CompanyRanking]:
    """The ranking form: a rank number per candidate (blank: leave to the default order), and the candidates
    marked as not acceptable."""
    ranked: dict[int, int] = {}
    for student_id, raw in numbers.items():
        raw = (raw or "").strip()
        if not raw:
            continue
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationFailed({"ranking": _l("Peringkat diisi angka bulat 1 atau lebih, atau dikosongkan "
                                                  "untuk mengikuti urutan bawaan.")})
        if int(raw) in ranked.values():
            raise ValidationFailed({"ranking": _l("Peringkat %(rank)s diberikan kepada dua siswa; beri setiap siswa "
                                                  "nomor yang berbeda.", rank=fmt.number(int(raw)))})
        ranked[student_id] = int(raw)
    return set_ranking(actor, place_id, [sid for sid, _n in sorted(ranked.items(), key=lambda item: item[1])],
                       not_acceptable)


__all__ = ["NOT_FOUND", "Candidate", "candidate", "candidates", "default_ranking", "is_matched", "my_choices",
           "offered_places", "open_places", "place_fits", "place_order", "refused_pairs", "set_choices", "set_ranking",
           "set_ranking_numbers", "student_of"]
