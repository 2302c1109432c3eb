"""Forms of the school's training pages. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, ValidationError


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class StudentSelectField(SelectField):
    """The service decides whether the student may be enrolled (another school's student is 'not found')."""

    def pre_validate(self, form):
        if self.data is None:
            raise ValidationError(_l("Pilih siswa yang akan didaftarkan."))


class EnrolStudentForm(FlaskForm):
    student_id = StudentSelectField(_l("Siswa"), coerce=_int_or_none,
                                    description=_l("Hanya siswa sekolah Anda yang jurusannya sesuai dan belum "
                                                   "terdaftar yang ditampilkan."))

    def set_students(self, students) -> None:
        self.student_id.choices = [("", _l("— pilih siswa —"))] + [
            (s.id, f"{s.person.full_name} · {s.class_name} · NISN {s.nisn}") for s in students]
