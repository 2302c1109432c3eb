"""The student's ordered choices of apprenticeship places: one select per rank (works without JavaScript)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, SelectField


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ChoicesForm(FlaskForm):
    choices = FieldList(SelectField(_l("Pilihan"), coerce=_int_or_none, validate_choice=False), min_entries=1)

    def setup(self, count: int, options: list[tuple[int, str]]) -> None:
        while len(self.choices) < count:
            self.choices.append_entry()
        for number, entry in enumerate(self.choices, start=1):
            entry.label.text = _l("Pilihan ke-%(n)s", n=number)
            entry.choices = [("", _l("— tidak memilih —"))] + options

    def place_ids(self) -> list[int]:
        return [entry.data for entry in self.choices if entry.data is not None]
