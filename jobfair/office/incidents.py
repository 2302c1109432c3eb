"""office blueprint: the register of personal-data incidents (UU PDP art. 46) — list, record, printable detail,
and the record of the notification sent. The deadline (3 x 24 hours from discovery) is shown in WITA."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_incidents import IncidentForm, NotificationForm
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.privacy import incidents


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


@bp.route("/insiden-data")
def incidents_list():
    pagination, views = incidents.list_incidents(current_user, **page_args())
    return render_template("office/incidents_list.html", pagination=pagination, views=views)


@bp.route("/insiden-data/baru", methods=["GET", "POST"])
def incident_new():
    form = IncidentForm()
    form.data_categories.choices = list(incidents.CATEGORY_LABELS.items())
    if form.validate_on_submit():
        try:
            incident = incidents.record_incident(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Insiden dicatat. Perhatikan batas waktu pemberitahuannya."), "success")
            return redirect(url_for("office.incident_detail", incident_id=incident.id))
    return render_template("office/incidents_form.html", form=form), _status(form)


@bp.route("/insiden-data/<int:incident_id>")
def incident_detail(incident_id: int):
    return render_template("office/incidents_detail.html", view=incidents.get_incident(current_user, incident_id))


@bp.route("/insiden-data/<int:incident_id>/pemberitahuan", methods=["GET", "POST"])
def incident_notify(incident_id: int):
    view = incidents.get_incident(current_user, incident_id)
    form = NotificationForm()
    if form.validate_on_submit():
        try:
            incidents.record_notification(current_user, incident_id, notified_on=form.notified_on.data,
                                          notified_time=form.notified_time.data, note=form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Pemberitahuan dicatat."), "success")
            return redirect(url_for("office.incident_detail", incident_id=incident_id))
    return render_template("office/incidents_notify.html", form=form, view=view), _status(form)
