"""The audit-trail search form (GET, no CSRF: it changes nothing)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SearchField, SelectField, StringField
from wtforms.validators import Length, Optional


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search, changes nothing

    person = SearchField(_l("Pengguna (e-mail atau nama)"), validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Peran"), validators=[Optional()])
    action = StringField(_l("Tindakan"), validators=[Optional(), Length(max=64)],
                         description=_l("Misalnya company.verified, atau awalan saja: company, ak1, placement."))
    object_type = StringField(_l("Jenis objek"), validators=[Optional(), Length(max=40)],
                              description=_l("Misalnya company, vacancy, ak1_card, placement, enrolment."))
    object_id = StringField(_l("ID objek"), validators=[Optional(), Length(max=40)])
    date_from = DateField(_l("Dari tanggal (WITA)"), validators=[Optional()], format="%Y-%m-%d")
    date_to = DateField(_l("Sampai tanggal (WITA)"), validators=[Optional()], format="%Y-%m-%d")

