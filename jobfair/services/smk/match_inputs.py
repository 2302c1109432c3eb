"""What a match round is run on: the students' choices (with the rank each student gave), the places' orders and
seats, and for every choice the match may not use, why not (Permenaker 6/2020 and the company's own refusal).

The reasons are codes; services/smk/matching_rounds.py words them for the students' "why not" page.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.messages import indonesian
from jobfair.models import Apprenticeship, ApprenticeshipPlace, Student, StudentChoice
from jobfair.privacy_notices import MATCH_SHARING
from jobfair.rules import apprenticeship_rules
from jobfair.services.privacy import consents
from jobfair.services.smk.preferences import is_matched, open_places, place_fits, place_order, refused_pairs
from jobfair.services.smk.students import can_be_placed

NOT_OFFERED = "not_offered"                 # full, closed, or the student's major or window does not fit any more
REPEATED = "repeated"                       # Permenaker 6/2020: no repeating the same programme
REFUSED_BY_COMPANY = "refused_by_company"   # the company marked the student not acceptable for the place
TOO_YOUNG = apprenticeship_rules.TOO_YOUNG
NO_GUARDIAN_CONSENT = apprenticeship_rules.NO_GUARDIAN_CONSENT
SHARING_WITHDRAWN = "sharing_withdrawn"     # UU PDP: the student (or guardian) withdrew the match-sharing consent
STUDENT_REASONS = (TOO_YOUNG, NO_GUARDIAN_CONSENT)   # about the student, not the place: listed as excluded
EXCLUDED_TEXTS = {
    TOO_YOUNG: _l("Peserta pemagangan paling muda 17 tahun pada hari magang dimulai (Permenaker 6/2020); siswa "
                  "ini belum 17 tahun pada tanggal mulai tempat yang dipilihnya."),
    NO_GUARDIAN_CONSENT: _l("Siswa belum berumur 18 tahun pada hari magang dimulai dan persetujuan tertulis orang "
                            "tua/wali belum dicatat oleh sekolah."),
    SHARING_WITHDRAWN: _l("Persetujuan berbagi data siswa dengan perusahaan untuk pencocokan telah ditarik; siswa "
                          "tidak diikutkan sampai persetujuan diberikan lagi."),
}


def _excluded(student: Student, reason) -> dict:
    """A left-out student as the round stores it (JSON): the reason in Indonesian, its message key, so the
    result page can read it in the reader's language."""
    return {"student_id": student.id, "name": student.person.full_name, "reason": indonesian(reason)}


@dataclass
class MatchInputs:
    student_prefs: dict[int, list[int]] = field(default_factory=dict)   # the choices the match may use, in order
    place_prefs: dict[int, list[int]] = field(default_factory=dict)
    capacities: dict[int, int] = field(default_factory=dict)
    places: dict[int, ApprenticeshipPlace] = field(default_factory=dict)
    choices: dict[int, list[int]] = field(default_factory=dict)         # every choice of a student, rank order
    ranks: dict[int, dict[int, int]] = field(default_factory=dict)      # student -> place -> the rank they gave
    refused: dict[int, dict[int, str]] = field(default_factory=dict)    # student -> place -> reason code
    excluded: list[dict] = field(default_factory=list)


def _repeated_pairs(student_ids: list[int]) -> set[tuple[int, int]]:
    return set(db.session.execute(select(Apprenticeship.student_id, Apprenticeship.place_id)
                                  .where(Apprenticeship.student_id.in_(student_ids))).all())


def _reason(student: Student, place: ApprenticeshipPlace | None, months: int, repeated: set,
            refused: set) -> str | None:
    """Why the match may not place `student` at `place`, or None."""
    if place is None or not place_fits(place, student, months):
        return NOT_OFFERED
    problem = apprenticeship_rules.age_problem(student.person.birth_date, place.starts_on,
                                               consent_recorded=student.guardian_consent_at is not None)
    if problem:
        return problem
    if (student.id, place.id) in repeated:
        return REPEATED
    if (student.id, place.id) in refused:
        return REFUSED_BY_COMPANY
    return None


def gather(today: date) -> MatchInputs:
    """The inputs of a round run on `today`, from the database."""
    months = current_app.config["APPRENTICESHIP_WINDOW_MONTHS"]
    inputs = MatchInputs(places={place.id: place for place in open_places()})
    for student_id, place_id, rank in db.session.execute(
            select(StudentChoice.student_id, StudentChoice.place_id, StudentChoice.rank)
            .order_by(StudentChoice.student_id, StudentChoice.rank)):
        inputs.choices.setdefault(student_id, []).append(place_id)
        inputs.ranks.setdefault(student_id, {})[place_id] = rank
    students = {s.id: s for s in db.session.scalars(select(Student).where(Student.id.in_(list(inputs.choices))))}
    # Only an explicit withdrawal excludes: students enrolled before consents were recorded have no record yet
    # (the school's enrolment form carried it); a minor still needs the guardian's consent below.
    sharing = consents.current_states([s.person_id for s in students.values()], MATCH_SHARING)
    repeated, refused = _repeated_pairs(list(inputs.choices)), refused_pairs()
    for student_id, wanted in list(inputs.choices.items()):
        student = students[student_id]
        if is_matched(student_id):
            del inputs.choices[student_id]
            continue
        if sharing.get(student.person_id) is False:
            inputs.excluded.append(_excluded(student, EXCLUDED_TEXTS[SHARING_WITHDRAWN]))
            continue
        ok, reason = can_be_placed(student, today)
        if not ok:
            inputs.excluded.append(_excluded(student, reason))
            continue
        reasons = {pid: _reason(student, inputs.places.get(pid), months, repeated, refused) for pid in wanted}
        inputs.refused[student_id] = {pid: code for pid, code in reasons.items() if code}
        usable = [pid for pid in wanted if not reasons[pid]]
        if usable:
            inputs.student_prefs[student_id] = usable
            continue
        about_student = next((code for code in reasons.values() if code in STUDENT_REASONS), None)
        if about_student:
            inputs.excluded.append(_excluded(student, EXCLUDED_TEXTS[about_student]))
    wanted_by: dict[int, list[Student]] = {}
    for student_id, usable in inputs.student_prefs.items():
        for place_id in usable:
            wanted_by.setdefault(place_id, []).append(students[student_id])
    inputs.place_prefs = {pid: place_order(place, wanted_by[pid]) for pid, place in inputs.places.items()
                          if pid in wanted_by}
    inputs.capacities = {pid: place.places - place.filled_count for pid, place in inputs.places.items()}
    return inputs
