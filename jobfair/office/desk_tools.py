"""office blueprint: the review desk's exports (XLSX/CSV per queue), the protection-enrolments queue and bulk
approval of placements and vacancies (each item checked like a one-by-one decision)."""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.office.views import bp
from jobfair.services import exports
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import placements, vacancies
from jobfair.services.office import desk_exports
from jobfair.services.protection import enrolments


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return send_download(body, filename, mimetype)


@bp.route("/antrean/<key>.xlsx")
def queue_export_xlsx(key: str):
    title, headers, rows = desk_exports.queue_export(current_user, key)
    return _download(exports.to_xlsx({title: (headers, rows)}), exports.XLSX_MIMETYPE,
                     f"antrean-{key}-{date.today():%Y%m%d}.xlsx")


@bp.route("/antrean/<key>.csv")
def queue_export_csv(key: str):
    _title, headers, rows = desk_exports.queue_export(current_user, key)
    return _download(exports.to_csv(headers, rows), exports.CSV_MIMETYPE, f"antrean-{key}-{date.today():%Y%m%d}.csv")


@bp.route("/antrean/kepesertaan")
def enrolments_queue():
    page = enrolments.list_enrolments(current_user, status="registered", page=request.args.get("page", 1, type=int))
    return render_template("office/enrolments_queue.html", page=page)


def _bulk(call, done_message, back: str):
    if not request.form.get("confirm"):
        flash(_("Centang kotak konfirmasi sebelum menyetujui yang dipilih."), "error")
        return redirect(url_for(back))
    try:
        done, problems = call(current_user, request.form.getlist("ids", type=int))
    except ValidationFailed as exc:
        flash(str(exc.message), "error")
        return redirect(url_for(back))
    if done:
        flash(done_message(len(done)), "success")
    for item_id, message in problems.items():
        flash(_("Nomor %(id)s tidak diproses: %(why)s", id=item_id, why=message), "error")
    return redirect(url_for(back))


@bp.route("/penempatan/verifikasi-terpilih", methods=["POST"])
def placements_verify_many():
    return _bulk(placements.verify_many, lambda n: _("%(count)s penempatan diverifikasi.", count=n),
                 "office.placements_queue")


@bp.route("/lowongan/tayangkan-terpilih", methods=["POST"])
def vacancies_publish_many():
    return _bulk(vacancies.publish_many, lambda n: _("%(count)s lowongan ditayangkan.", count=n),
                 "office.vacancies_queue")
