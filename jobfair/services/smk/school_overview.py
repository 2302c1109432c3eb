"""What a school (BKK) follows: its students' training and apprenticeship status, the graduates' placement list."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import (
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    Company,
    EnrolmentStatus,
    Person,
    Student,
    TrainingCourse,
    TrainingEnrolment,
)
from jobfair.rules.student_rows import is_minor
from jobfair.services.smk.schools import school_of


@dataclass
class Overview:
    school: object
    students: int
    with_login: int
    minors_without_consent: int
    training: dict[str, int]
    apprenticeships: dict[str, int]


def overview(actor, today: date | None = None) -> Overview:
    school = school_of(actor)
    today = today or date.today()
    students = db.session.execute(select(Student.id, Student.user_id, Student.guardian_consent_at, Person.birth_date)
                                  .join(Person, Student.person_id == Person.id)
                                  .where(Student.school_id == school.id)).all()
    training = dict(db.session.execute(
        select(TrainingEnrolment.status, func.count()).join(Student, TrainingEnrolment.student_id == Student.id)
        .where(Student.school_id == school.id).group_by(TrainingEnrolment.status)).all())
    apprenticeships = dict(db.session.execute(
        select(Apprenticeship.status, func.count()).join(Student, Apprenticeship.student_id == Student.id)
        .where(Student.school_id == school.id).group_by(Apprenticeship.status)).all())
    return Overview(
        school=school, students=len(students), with_login=sum(1 for row in students if row.user_id),
        minors_without_consent=sum(1 for row in students
                                   if row.guardian_consent_at is None and is_minor(row.birth_date, today)),
        training={labels.label(EnrolmentStatus, k): v for k, v in training.items()},
        apprenticeships={labels.label(ApprenticeshipStatus, k): v
                         for k, v in apprenticeships.items()})


@dataclass
class PlacementRow:
    student: Student
    trainings: list[str]
    apprenticeship: str
    company: str
    status: str


def placement_list(actor) -> tuple[object, list[PlacementRow]]:
    """Every student of the school with their training and apprenticeship (company) if any, for the BKK report."""
    school = school_of(actor)
    students = list(db.session.scalars(select(Student).join(Person, Student.person_id == Person.id)
                                       .where(Student.school_id == school.id)
                                       .order_by(Student.expected_graduation, Person.full_name)))
    ids = [s.id for s in students]
    trainings: dict[int, list[str]] = {}
    placed: dict[int, tuple[str, str, str]] = {}
    if ids:
        for student_id, name, status in db.session.execute(
                select(TrainingEnrolment.student_id, TrainingCourse.name, TrainingEnrolment.status)
                .join(TrainingCourse, TrainingEnrolment.course_id == TrainingCourse.id)
                .where(TrainingEnrolment.student_id.in_(ids))):
            trainings.setdefault(student_id, []).append(f"{name} ({labels.label(EnrolmentStatus, status)})")
        for student_id, title, company, status in db.session.execute(
                select(Apprenticeship.student_id, ApprenticeshipPlace.title, Company.name, Apprenticeship.status)
                .join(ApprenticeshipPlace, Apprenticeship.place_id == ApprenticeshipPlace.id)
                .join(Company, ApprenticeshipPlace.company_id == Company.id)
                .where(Apprenticeship.student_id.in_(ids)).order_by(Apprenticeship.created_at)):
            placed[student_id] = (title, company, str(labels.label(ApprenticeshipStatus, status)))
    rows = [PlacementRow(student=s, trainings=trainings.get(s.id, []), apprenticeship=placed.get(s.id, ("", "", ""))[0],
                         company=placed.get(s.id, ("", "", ""))[1], status=placed.get(s.id, ("", "", ""))[2])
            for s in students]
    return school, rows
