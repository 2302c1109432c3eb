"""Privacy notices (public) and "Persetujuan saya": a person's consents per purpose, the withdrawal with its
confirmation, and the review asked after login when a notice changed (services/privacy/consents.py)."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import privacy_notices
from jobfair.forms_util import copy_errors
from jobfair.login_session import CONSENT_CHECKED_KEY
from jobfair.public.blueprint import bp
from jobfair.public.forms_privacy import GiveConsentForm, WithdrawConsentForm, review_form
from jobfair.security import safe_next
from jobfair.services.errors import ValidationFailed
from jobfair.services.privacy import consents


@bp.route("/privasi")
def privacy_index():
    return render_template("public/privacy_index.html", purposes=list(privacy_notices.PURPOSES.values()))


@bp.route("/privasi/<purpose>")
def privacy_notice(purpose: str):
    notice = privacy_notices.purpose(purpose)
    if notice is None:
        abort(404)
    version = notice.version(request.args.get("versi", notice.current.version, type=int))
    if version is None:
        abort(404)
    return render_template("public/privacy_notice.html", notice=notice, version=version,
                           controller=privacy_notices.CONTROLLER)


@bp.route("/persetujuan")
def my_consents():
    return render_template("public/consents_mine.html", rows=consents.my_consents(current_user),
                           give_form=GiveConsentForm())


@bp.route("/persetujuan/<purpose>/beri", methods=["POST"])
def consent_give(purpose: str):
    if not GiveConsentForm().validate_on_submit():
        abort(400)
    consents.give(current_user, purpose)
    session.pop(CONSENT_CHECKED_KEY, None)
    flash(_("Persetujuan dicatat."), "success")
    return redirect(url_for("public.my_consents"))


@bp.route("/persetujuan/<purpose>/tarik", methods=["GET", "POST"])
def consent_withdraw(purpose: str):
    row = consents.own_purpose(current_user, purpose)
    form = WithdrawConsentForm()
    if form.validate_on_submit():
        try:
            consents.withdraw(current_user, purpose)
        except ValidationFailed as exc:
            form.form_errors.extend(exc.field_errors.values())
        else:
            session.pop(CONSENT_CHECKED_KEY, None)  # a required purpose withdrawn: the review comes back at once
            flash(_("Persetujuan ditarik dan berlaku seketika."), "success")
            return redirect(url_for("public.my_consents"))
    return render_template("public/consent_withdraw.html", row=row, form=form), 200 if not form.errors else 422


@bp.route("/persetujuan/pembaruan", methods=["GET", "POST"])
def consent_review():
    rows = consents.pending_review(current_user)
    if not rows:
        session[CONSENT_CHECKED_KEY] = False
        return redirect(safe_next(request.args.get("next")))
    form = review_form(rows)
    if form.validate_on_submit():
        try:
            consents.review(current_user, form.answers())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            session.pop(CONSENT_CHECKED_KEY, None)
            flash(_("Terima kasih, jawaban Anda sudah dicatat."), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("public/consent_review.html", rows=rows, form=form), 200 if not form.errors else 422
