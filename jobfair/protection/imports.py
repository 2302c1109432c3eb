"""protection blueprint: importing workers and enrolments from XLSX/CSV (upload, progress, report, decision)."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.forms_util import copy_errors
from jobfair.protection.blueprint import bp
from jobfair.protection.forms_imports import ImportDecisionForm, ImportUploadForm
from jobfair.rules.numbers import number
from jobfair.services import exports
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.protection import programmes, protection_import, protection_import_jobs

RUNNING = ("validating",)


@bp.route("/impor", methods=["GET", "POST"])
def import_upload():
    request.max_content_length = protection_import.MAX_BYTES + 256 * 1024
    form = ImportUploadForm()
    form.programme_id.choices = programmes.programme_choices(current_user)
    if form.validate_on_submit():
        upload = form.file.data
        try:
            batch = protection_import.upload(current_user, form.programme_id.data,
                                             filename=getattr(upload, "filename", "") or "", stream=upload or _Empty())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            return redirect(url_for("protection.import_status", batch_id=batch.id))
    return render_template("protection/import_upload.html", form=form,
                           batches=protection_import.recent_batches(current_user)), 422 if form.errors else 200


class _Empty:
    def read(self, _size=-1) -> bytes:
        return b""


@bp.route("/impor/templat-data-pekerja.xlsx")
def import_template():
    return send_download(protection_import.template_xlsx(), "templat-data-pekerja.xlsx", exports.XLSX_MIMETYPE,
                         personal=False)


@bp.route("/impor/<int:batch_id>")
def import_status(batch_id: int):
    batch, job = protection_import_jobs.page_state(current_user, batch_id)
    importing = job is not None and job.kind == "protection.apply" and job.active and batch.status == "validated"
    running = batch.status in RUNNING or importing
    body = render_template("protection/import_status.html", batch=batch, running=running, importing=importing,
                           job=job, errors=protection_import.report_rows(batch.errors[:50]),
                           form=ImportDecisionForm())
    return Response(body, headers={"Refresh": "2"} if running else {})


@bp.route("/impor/<int:batch_id>/laporan.xlsx")
def import_report(batch_id: int):
    data = protection_import.error_report_xlsx(current_user, batch_id)
    return send_download(data, f"laporan-impor-{batch_id}.xlsx", exports.XLSX_MIMETYPE)


@bp.route("/impor/<int:batch_id>/putuskan", methods=["POST"])
def import_apply(batch_id: int):
    form = ImportDecisionForm()
    if not form.validate_on_submit():
        flash(_("Pilih keputusan dan centang kotak konfirmasi."), "error")
        return redirect(url_for("protection.import_status", batch_id=batch_id))
    try:
        batch, job = protection_import_jobs.decide(current_user, batch_id, mode=form.mode.data)
    except (InvalidState, ValidationFailed) as exc:
        flash(str(exc.message), "error")
    else:
        if job is None:
            flash(_("Impor dibatalkan; tidak ada yang disimpan."), "success")
        elif batch.status == "imported":
            flash(_("%(n)s baris diimpor.", n=number(batch.imported_rows)), "success")
        elif job.status == "failed":
            flash(str(job.error), "error")
        else:
            flash(_("Impor sedang berjalan di latar belakang; halaman ini menunjukkan kemajuannya."), "success")
    return redirect(url_for("protection.import_status", batch_id=batch_id))
