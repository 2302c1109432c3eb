"""protection blueprint: the register of people, programmes, enrolments and the yearly cycle (officers only).

The NIK never appears in a URL: finding by NIK is a POST form that redirects to the record by id."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.downloads import send_download
from jobfair.forms_util import copy_errors
from jobfair.models import ProtectionStatus
from jobfair.paging import page_args
from jobfair.protection import forms_register as forms
from jobfair.protection.blueprint import bp
from jobfair.rules.numbers import number
from jobfair.services import exports, reference
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.protection import enrolments, programmes, protection_people


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


def _worker_form(worker=None) -> forms.WorkerForm:
    form = forms.WorkerForm(obj=worker)
    if worker is not None and request.method == "GET":
        for name in forms.WorkerForm.PERSON_FIELDS:
            getattr(form, name).data = getattr(worker.person, name)
    form.set_choices(kecamatan=reference.kecamatan_choices(), kelurahan=reference.kelurahan_choices(),
                     categories=reference.worker_category_choices())
    return form


@bp.route("/pekerja")
def workers():
    args = request.args
    page = protection_people.list_workers(current_user, q=args.get("q"), kecamatan=args.get("kecamatan") or None,
                                          category=args.get("kategori") or None, **page_args())
    return render_template("protection/register_workers.html", page=page, find_form=forms.FindNikForm(),
                           kecamatan=reference.kecamatan_choices(), categories=reference.worker_category_choices())


@bp.route("/pekerja/baru", methods=["GET", "POST"])
def worker_new():
    form, existing_id = _worker_form(), None
    if form.validate_on_submit():
        try:
            worker = protection_people.register_worker(current_user, **form.values())
        except protection_people.AlreadyRegistered as exc:
            copy_errors(form, exc)
            existing_id = exc.existing_worker_id
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            for warning in worker.nik_warnings:
                flash(str(warning), "warning")
            flash(_("Data orang dicatat di register."), "success")
            return redirect(url_for("protection.worker_detail", worker_id=worker.id))
    return render_template("protection/register_worker_form.html", form=form, worker=None,
                           existing_id=existing_id), _status(form)


@bp.route("/pekerja/<int:worker_id>")
def worker_detail(worker_id: int):
    worker, nik = protection_people.worker_detail(current_user, worker_id)
    return render_template("protection/register_worker_detail.html", worker=worker, nik=nik,
                           history=enrolments.worker_enrolments(current_user, worker_id),
                           labels=labels.table(ProtectionStatus))


@bp.route("/pekerja/<int:worker_id>/ubah", methods=["GET", "POST"])
def worker_edit(worker_id: int):
    worker = protection_people.get_worker(current_user, worker_id,
                                          opened_for="edit" if request.method == "GET" else None)
    form = _worker_form(worker)
    del form.nik
    if form.validate_on_submit():
        try:
            protection_people.update_worker(current_user, worker_id, **form.values(with_nik=False))
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan data disimpan."), "success")
            return redirect(url_for("protection.worker_detail", worker_id=worker_id))
    return render_template("protection/register_worker_form.html", form=form, worker=worker,
                           existing_id=None), _status(form)


@bp.route("/pekerja/cari-nik", methods=["GET", "POST"])
def worker_find():
    form = forms.FindNikForm()
    if form.validate_on_submit():
        try:
            worker = protection_people.find_worker_by_nik(current_user, form.nik.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            if worker is not None:
                return redirect(url_for("protection.worker_detail", worker_id=worker.id))
            form.nik.errors = [_("NIK ini belum ada di register. Daftarkan orangnya lewat tombol Catat orang baru.")]
    return render_template("protection/register_find.html", form=form), _status(form)


@bp.route("/pekerja/<int:worker_id>/daftarkan", methods=["GET", "POST"])
def enrol(worker_id: int):
    worker = protection_people.get_worker(current_user, worker_id,
                                          opened_for="enrol" if request.method == "GET" else None)
    form = forms.EnrolForm()
    form.programme_id.choices = programmes.programme_choices(current_user)
    if form.validate_on_submit():
        try:
            enrolment = enrolments.enrol(current_user, form.programme_id.data, worker_id,
                                         cover_from=form.cover_from.data, cover_to=form.cover_to.data,
                                         already_bpjs_member=form.member_answer(),
                                         verifying_office=form.verifying_office.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Orang ini didaftarkan ke program; menunggu verifikasi dinas sektor."), "success")
            return redirect(url_for("protection.enrolment_detail", enrolment_id=enrolment.id))
    return render_template("protection/enrolment_form.html", form=form, worker=worker), _status(form)


@bp.route("/program")
def programmes_list():
    return render_template("protection/programme_list.html",
                           programmes=programmes.list_programmes(current_user))


@bp.route("/program/baru", methods=["GET", "POST"])
def programme_new():
    form = forms.ProgrammeForm()
    if form.validate_on_submit():
        try:
            programme = programmes.create_programme(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Program disimpan."), "success")
            return redirect(url_for("protection.programme_detail", programme_id=programme.id))
    return render_template("protection/programme_form.html", form=form, programme=None), _status(form)


@bp.route("/program/<int:programme_id>/ubah", methods=["GET", "POST"])
def programme_edit(programme_id: int):
    programme = programmes.get_programme(current_user, programme_id)
    form = forms.ProgrammeForm(obj=programme)
    if request.method == "GET":
        form.load(programme)
    if form.validate_on_submit():
        try:
            programmes.update_programme(current_user, programme_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan program disimpan."), "success")
            return redirect(url_for("protection.programme_detail", programme_id=programme_id))
    return render_template("protection/programme_form.html", form=form, programme=programme), _status(form)


@bp.route("/program/<int:programme_id>", methods=["GET", "POST"])
def programme_detail(programme_id: int):
    programme = programmes.get_programme(current_user, programme_id)
    status = request.args.get("status") or None
    form = forms.DecreeForm()
    if form.validate_on_submit():
        try:
            count = enrolments.decree(current_user, request.form.getlist("enrolment_ids", type=int),
                                      decree_number=form.decree_number.data, decree_date=form.decree_date.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except (InvalidState, NotFound) as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("%(count)s peserta ditetapkan dalam SK.", count=number(count)), "success")
            return redirect(url_for("protection.programme_detail", programme_id=programme_id, status=status))
    page = enrolments.list_enrolments(current_user, programme_id=programme_id, status=status,
                                      **page_args())
    return render_template("protection/programme_detail.html", programme=programme, page=page, form=form,
                           status=status, labels=labels.table(ProtectionStatus)), _status(form)


@bp.route("/program/<int:programme_id>/daftar-sk.xlsx")
def programme_decree_xlsx(programme_id: int):
    headers, rows = enrolments.decree_list(current_user, programme_id, request.args.get("tahun", type=int))
    return send_download(exports.to_xlsx({_("Daftar SK"): (headers, rows)}), f"daftar-sk-program-{programme_id}.xlsx",
                         exports.XLSX_MIMETYPE)


@bp.route("/kepesertaan/<int:enrolment_id>")
def enrolment_detail(enrolment_id: int):
    enrolment = enrolments.view_enrolment(current_user, enrolment_id)
    return render_template("protection/enrolment_detail.html", enrolment=enrolment,
                           labels=labels.table(ProtectionStatus), payers=programmes.PAYERS,
                           verify_form=forms.VerifyForm(office=enrolment.verifying_office),
                           kpj_form=forms.KpjForm(kpj_number=enrolment.kpj_number))


def _action(enrolment_id: int, form, call, done: str):
    """A one-form POST action on an enrolment: errors go back to the detail page as a message."""
    if form.validate_on_submit():
        try:
            call()
        except (ValidationFailed, InvalidState) as exc:
            flash(str(exc.message), "error")
        else:
            flash(done, "success")
    else:
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("protection.enrolment_detail", enrolment_id=enrolment_id))


@bp.route("/kepesertaan/<int:enrolment_id>/verifikasi", methods=["POST"])
def enrolment_verify(enrolment_id: int):
    form = forms.VerifyForm()
    return _action(enrolment_id, form, lambda: enrolments.verify_sector(current_user, enrolment_id, form.office.data),
                   _("Verifikasi dinas sektor dicatat."))


@bp.route("/kepesertaan/<int:enrolment_id>/aktifkan", methods=["POST"])
def enrolment_activate(enrolment_id: int):
    form = forms.KpjForm()
    return _action(enrolment_id, form, lambda: enrolments.activate(current_user, enrolment_id,
                                                                   kpj_number=form.kpj_number.data),
                   _("Kepesertaan aktif."))


@bp.route("/kepesertaan/<int:enrolment_id>/kpj", methods=["POST"])
def enrolment_kpj(enrolment_id: int):
    form = forms.KpjForm()
    return _action(enrolment_id, form, lambda: enrolments.set_kpj(current_user, enrolment_id, form.kpj_number.data),
                   _("Nomor KPJ disimpan."))


@bp.route("/kepesertaan/<int:enrolment_id>/akhiri", methods=["GET", "POST"])
def enrolment_end(enrolment_id: int):
    enrolment = enrolments.get_enrolment(current_user, enrolment_id)
    form = forms.EndForm()
    if form.validate_on_submit():
        try:
            enrolments.end(current_user, enrolment_id, reason=form.reason.data, last_month=form.last_month.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Kepesertaan diakhiri."), "success")
            return redirect(url_for("protection.enrolment_detail", enrolment_id=enrolment_id))
    return render_template("protection/enrolment_confirm.html", form=form, enrolment=enrolment,
                           action="end"), _status(form)


@bp.route("/kepesertaan/<int:enrolment_id>/tolak", methods=["GET", "POST"])
def enrolment_reject(enrolment_id: int):
    enrolment = enrolments.get_enrolment(current_user, enrolment_id)
    form = forms.RejectForm()
    if form.validate_on_submit():
        try:
            enrolments.reject(current_user, enrolment_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Kepesertaan ditolak; kuota dan bulan cakupannya dilepas."), "success")
            return redirect(url_for("protection.enrolment_detail", enrolment_id=enrolment_id))
    return render_template("protection/enrolment_confirm.html", form=form, enrolment=enrolment,
                           action="reject"), _status(form)


@bp.route("/daftar-ulang", methods=["GET", "POST"])
def reregister():
    form, result = forms.ReregisterForm(), None
    form.programme_id_from.choices = form.programme_id_to.choices = programmes.programme_choices(current_user)
    if form.validate_on_submit():
        try:
            result = enrolments.reregister_for_year(current_user, form.programme_id_from.data,
                                                    form.programme_id_to.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
    return render_template("protection/enrolment_reregister.html", form=form, result=result), _status(form)


@bp.route("/umk", methods=["GET", "POST"])
def umk():
    form = forms.UmkForm()
    if form.validate_on_submit():
        try:
            programmes.set_umk(current_user, form.year.data, form.amount.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("UMK disimpan."), "success")
            return redirect(url_for("protection.umk"))
    return render_template("protection/programme_umk.html", form=form,
                           settings=programmes.umk_settings(current_user)), _status(form)
