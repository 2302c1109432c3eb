"""Logbook forms for the student. The service validates; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from jobfair.companies.forms import IndonesianDateField, WholeNumberField


class LogbookEditForm(FlaskForm):
    activities = TextAreaField(_l("Kegiatan minggu ini"), validators=[Length(max=3000)],
                               description=_l("Apa yang Anda kerjakan dan pelajari minggu ini (10–3000 karakter)."))
    hours = WholeNumberField(_l("Jumlah jam kerja minggu ini"), render_kw={"inputmode": "numeric"})


class LogbookEntryForm(LogbookEditForm):
    week_start = IndonesianDateField(_l("Tanggal dalam minggu yang dicatat"),
                                     description=_l("Pilih hari mana saja; catatan disimpan untuk minggu itu "
                                                    "(mulai Senin)."))
