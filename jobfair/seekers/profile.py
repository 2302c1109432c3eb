"""seekers blueprint: profile, CV and the AK/1 card (routes on the blueprint of blueprint.py)."""

from pathlib import Path

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download, svg_image
from jobfair.forms_util import copy_errors
from jobfair.seekers.blueprint import bp
from jobfair.seekers.forms import Ak1ReportForm, Ak1RequestForm, CvForm, ProfileForm
from jobfair.services import reference
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.hiring import ak1, seeker_profiles

PROFILE_FIELDS = ("birth_place", "marital_status", "religion", "address", "kecamatan_code", "kelurahan_code",
                  "education_level", "school_name", "major", "graduation_year", "skills", "experience",
                  "experience_years", "has_disability", "phone")


@bp.route("/profil")
def profile():
    profile = seeker_profiles.get_profile(current_user)
    return render_template("seekers/profile.html", profile=profile, missing=seeker_profiles.missing_for_ak1(profile),
                           marital=seeker_profiles.MARITAL_STATUSES, religions=seeker_profiles.RELIGIONS)


@bp.route("/profil/ubah", methods=["GET", "POST"])
def profile_edit():
    profile = seeker_profiles.get_profile(current_user)
    form = ProfileForm(obj=profile, phone=current_user.phone)
    choose = [("", _("— pilih —"))]
    form.kecamatan_code.choices = choose + reference.kecamatan_choices()
    form.kelurahan_code.choices = choose + reference.kelurahan_choices()
    form.education_level.choices = choose + reference.education_choices()
    if form.validate_on_submit():
        try:
            seeker_profiles.update_profile(current_user, **{name: getattr(form, name).data for name in PROFILE_FIELDS})
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Profil sudah disimpan."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/profile_edit.html", form=form), 200 if not form.errors else 422


@bp.route("/profil/cv", methods=["GET", "POST"])
def cv_upload():
    profile = seeker_profiles.get_profile(current_user)
    form = CvForm()
    if form.validate_on_submit():
        upload = request.files.get("cv")
        try:
            seeker_profiles.upload_cv(current_user, filename=upload.filename if upload else None,
                                      stream=upload.stream if upload else None)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("CV sudah diunggah."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/profile_cv.html", form=form, profile=profile), 200 if not form.errors else 422


@bp.route("/profil/cv/unduh")
def cv_download():
    path, name = seeker_profiles.own_cv(current_user)
    return send_download(Path(path), name, "application/pdf")


@bp.route("/ak1")
def ak1_status():
    profile = seeker_profiles.get_profile(current_user)
    card = ak1.current_card(current_user)
    return render_template("seekers/ak1.html", card=card, missing=seeker_profiles.missing_for_ak1(profile),
                           slots=ak1.card_slots(card), request_form=Ak1RequestForm(), report_form=Ak1ReportForm(),
                           consent_given=ak1.consent_given(current_user))


@bp.route("/ak1/ajukan", methods=["POST"])
def ak1_request():
    form = Ak1RequestForm()
    if form.validate_on_submit():
        try:
            ak1.request_card(current_user)
        except (ValidationFailed, InvalidState) as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("Permohonan kartu AK/1 terkirim. Petugas akan memeriksa data Anda."), "success")
    return redirect(url_for("seekers.ak1_status"))


@bp.route("/ak1/lapor", methods=["POST"])
def ak1_report():
    form = Ak1ReportForm()
    if not form.validate_on_submit():
        flash(_("Pilih status Anda saat ini lalu kirim laporan."), "error")
        return redirect(url_for("seekers.ak1_status"))
    try:
        ak1.report(current_user, still_seeking=form.still_seeking.data == "ya", note=form.note.data)
    except (ValidationFailed, InvalidState) as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Laporan enam bulanan sudah diterima. Terima kasih."), "success")
    return redirect(url_for("seekers.ak1_status"))


@bp.route("/ak1/cetak")
def ak1_print():
    printable = ak1.own_printable(current_user)
    return render_template("seekers/ak1_print.html", p=printable, qr_url=url_for("seekers.ak1_qr"))


@bp.route("/ak1/qr.svg")
def ak1_qr():
    return svg_image(ak1.card_qr(current_user, None, _check_url))


def _check_url(token: str) -> str:
    return url_for("office.ak1_check", token=token, _external=True)
