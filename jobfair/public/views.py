"""Public pages: home, language switch, and the dashboard dispatcher."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from jobfair.public.forms import LanguageForm
from jobfair.security import safe_next
from jobfair.services import fairs as fair_service
from jobfair.services import notifications as notification_service

bp = Blueprint("public", __name__)

DASHBOARDS = {
    "seeker": "seekers.dashboard",
    "company": "companies.dashboard",
    "student": "students.dashboard",
    "school": "students.school_dashboard",
    "officer": "office.dashboard",
    "admin": "office.dashboard",
}


@bp.route("/")
def index():
    return render_template("public/index.html", next_fair=fair_service.next_fair())


@bp.route("/bahasa", methods=["POST"])
def set_language():
    form = LanguageForm()
    if not form.validate_on_submit() or form.lang.data not in current_app.config["LANGUAGES"]:
        abort(400)
    session["lang"] = form.lang.data
    return redirect(safe_next(request.form.get("next"), "public.index"))


@bp.route("/pemberitahuan")
def notifications():
    page = request.args.get("page", 1, type=int)
    pagination = notification_service.list_for(current_user, page=page)
    return render_template("public/notifications.html", pagination=pagination)


@bp.route("/pemberitahuan/<int:notification_id>/dibaca", methods=["POST"])
def notification_read(notification_id: int):
    notification = notification_service.mark_read(current_user, notification_id)
    return redirect(safe_next(notification.link, "public.notifications"))


@bp.route("/dasbor")
def dashboard():
    return redirect(url_for(DASHBOARDS[current_user.role]))


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair.public import (  # noqa: E402, F401
    erasure,
    fairs,
    my_data,
    open_data,  # noqa: E402, F401
    privacy,
    unsubscribe,
    vacancies,
)
