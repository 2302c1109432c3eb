"""Figures of the pre-graduation training courses: courses, kinds, participants, completions, by kind and school."""

from datetime import date

from sqlalchemy import case, func, select

from jobfair.extensions import db
from jobfair.models import School, Student, TrainingCourse, TrainingEnrolment
from jobfair.services import access


def figures(actor, *, year: int | None = None) -> dict:
    """The office's training figures (see _figures)."""
    access.require_office(actor)
    return _figures(year=year)


def _figures(*, year: int | None = None) -> dict:
    """Courses, kinds (distinct fields), participants, completions and drop-outs, by kind and by school.

    A participant is an enrolment (one student in one course), including those who later dropped out;
    completions are enrolments completed; dropped are those who left. Year filters on the course's start date.
    Four aggregate queries whatever the data size."""
    course_filter = []
    if year is not None:
        course_filter = [TrainingCourse.starts_on >= date(year, 1, 1), TrainingCourse.starts_on <= date(year, 12, 31)]
    completed = func.coalesce(func.sum(case((TrainingEnrolment.status == "completed", 1), else_=0)), 0)
    dropped = func.coalesce(func.sum(case((TrainingEnrolment.status == "dropped", 1), else_=0)), 0)
    courses, kinds = db.session.execute(
        select(func.count(TrainingCourse.id), func.count(TrainingCourse.field.distinct())).where(*course_filter)).one()
    totals = db.session.execute(select(func.count(TrainingEnrolment.id), completed, dropped)
                                .join(TrainingCourse).where(*course_filter)).one()
    by_kind = db.session.execute(
        select(TrainingCourse.field, func.count(TrainingCourse.id.distinct()), func.count(TrainingEnrolment.id),
               completed, dropped)
        .outerjoin(TrainingEnrolment, TrainingEnrolment.course_id == TrainingCourse.id)
        .where(*course_filter).group_by(TrainingCourse.field).order_by(TrainingCourse.field)).all()
    by_school = db.session.execute(
        select(School.name, func.count(TrainingEnrolment.id), completed, dropped)
        .select_from(TrainingEnrolment).join(TrainingCourse).join(Student).join(School)
        .where(*course_filter).group_by(School.id, School.name).order_by(School.name)).all()
    return {
        "year": year, "courses": int(courses), "kinds": int(kinds), "participants": int(totals[0]),
        "completions": int(totals[1]), "dropped": int(totals[2]),
        "by_kind": [{"kind": r[0], "courses": int(r[1]), "participants": int(r[2]), "completions": int(r[3]),
                     "dropped": int(r[4])} for r in by_kind],
        "by_school": [{"school": r[0], "participants": int(r[1]), "completions": int(r[2]), "dropped": int(r[3])}
                      for r in by_school],
    }
