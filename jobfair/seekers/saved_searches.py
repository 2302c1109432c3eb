"""seekers blueprint: saved searches (job alerts): save the /lowongan search, list, change frequency, delete."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.seekers.blueprint import bp
from jobfair.seekers.forms_saved_searches import PREFIX, DeleteForm, FrequencyForm, SaveSearchForm
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import saved_searches


@bp.route("/pencarian-tersimpan")
def saved_searches_list():
    return render_template("seekers/saved_searches.html", view=saved_searches.page_for(current_user))


@bp.route("/pencarian-tersimpan/simpan", methods=["POST"])
def saved_search_new():
    form = SaveSearchForm(prefix=PREFIX)
    if form.validate_on_submit():
        try:
            saved_searches.save(current_user, name=form.name.data, frequency=form.frequency.data,
                                **form.search_filters())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Pencarian disimpan. Lowongan baru yang cocok akan dikirim ke e-mail Anda."), "success")
            return redirect(url_for("seekers.saved_searches_list"), 303)
    return render_template("seekers/saved_search_new.html", form=form), 422


@bp.route("/pencarian-tersimpan/<int:saved_search_id>/frekuensi", methods=["POST"])
def saved_search_frequency(saved_search_id: int):
    form = FrequencyForm()
    if form.validate_on_submit():
        saved_searches.set_frequency(current_user, saved_search_id, form.frequency.data)
        flash(_("Frekuensi pemberitahuan diubah."), "success")
    else:
        flash(_("Pilih Harian atau Mingguan, lalu tekan “Ubah”."), "error")
    return redirect(url_for("seekers.saved_searches_list"), 303)


@bp.route("/pencarian-tersimpan/<int:saved_search_id>/hapus", methods=["GET", "POST"])
def saved_search_delete(saved_search_id: int):
    form = DeleteForm()
    if form.validate_on_submit():
        saved_searches.delete(current_user, saved_search_id)
        flash(_("Pencarian tersimpan dihapus; e-mailnya tidak dikirim lagi."), "success")
        return redirect(url_for("seekers.saved_searches_list"), 303)
    return render_template("seekers/saved_search_delete.html", form=form,
                           view=saved_searches.row_for(current_user, saved_search_id))
