"""protection blueprint: the monthly ledger, one-off aid deliveries and claims (officers only)."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import ClaimKind, ClaimStatus, LedgerStatus
from jobfair.paging import page_args
from jobfair.protection.blueprint import bp
from jobfair.protection.forms_ledger import ClaimForm, DecideForm, DeliveryForm, GenerateForm, SettleForm
from jobfair.rules.numbers import number, rupiah
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.protection import claims, ledger


def _month_arg(raw: str | None) -> tuple[str, str | None]:
    """('2025-11', error or None) from a query/form value; the current month when empty or wrong."""
    if raw:
        try:
            return f"{ledger.parse_month(raw):%Y-%m}", None
        except ValidationFailed as exc:
            return f"{date.today():%Y-%m}", exc.field_errors["month"]
    return f"{date.today():%Y-%m}", None


@bp.route("/buku-besar")
def ledger_index():
    return render_template("protection/ledger_index.html", programmes=ledger.ledger_programmes(current_user),
                           month=f"{date.today():%Y-%m}")


@bp.route("/buku-besar/program/<int:programme_id>")
def ledger_month(programme_id: int):
    programme = ledger.programme_for_ledger(current_user, programme_id)
    month, month_error = _month_arg(request.args.get("bulan"))
    status = request.args.get("status") or None
    status = status if status in labels.table(LedgerStatus) else None
    page = ledger.month_ledger(current_user, programme_id, month, status=status,
                               **page_args())
    form = SettleForm(month=month)
    return render_template("protection/ledger_month.html", programme=programme, month=month, month_error=month_error,
                           status=status, page=page, totals=ledger.month_totals(current_user, programme_id, month),
                           form=form, status_labels=labels.table(LedgerStatus), rupiah=rupiah)


@bp.route("/buku-besar/program/<int:programme_id>/buat", methods=["GET", "POST"])
def ledger_generate(programme_id: int):
    programme = ledger.programme_for_ledger(current_user, programme_id)
    form = GenerateForm(month=_month_arg(request.values.get("bulan") or request.form.get("month"))[0])
    if form.validate_on_submit():
        try:
            result = ledger.generate(current_user, programme_id, form.month.data)
        except (ValidationFailed, InvalidState) as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("Buku besar %(month)s: %(created)s baris baru, %(existing)s sudah ada sebelumnya.",
                    month=form.month.data, created=number(result.created), existing=number(result.existing)),
                  "success")
            return redirect(url_for("protection.ledger_month", programme_id=programme_id, bulan=form.month.data))
    totals = ledger.month_totals(current_user, programme_id, form.month.data)
    return render_template("protection/ledger_generate.html", form=form, programme=programme,
                           totals=totals), 200 if not form.errors else 422


@bp.route("/buku-besar/program/<int:programme_id>/tandai", methods=["POST"])
def ledger_settle(programme_id: int):
    programme = ledger.programme_for_ledger(current_user, programme_id)
    form = SettleForm()
    month = _month_arg(form.month.data)[0]
    if form.validate_on_submit():
        try:
            if programme.kind == "contribution_subsidy":
                changed = ledger.mark_paid(current_user, form.entry_ids.data, reference=form.reference.data,
                                           paid_on=form.settled_on.data)
            else:
                changed = ledger.mark_delivered(current_user, form.entry_ids.data, reference=form.reference.data,
                                                delivered_on=form.settled_on.data, proof=form.proof.data)
        except (ValidationFailed, NotFound) as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("%(count)s baris ditandai.", count=number(changed)), "success")
    else:
        for name, errors in form.errors.items():
            label = form[name].label.text if name in form else ""
            text = "; ".join(map(str, errors))
            flash(_("%(field)s: %(errors)s", field=label, errors=text) if label else text, "error")
    return redirect(url_for("protection.ledger_month", programme_id=programme_id, bulan=month))


@bp.route("/buku-besar/penyerahan/<int:enrolment_id>", methods=["GET", "POST"])
def ledger_delivery_new(enrolment_id: int):
    enrolment = ledger.enrolment_for_delivery(current_user, enrolment_id)
    form = DeliveryForm()
    if form.validate_on_submit():
        try:
            ledger.record_delivery(current_user, enrolment_id, **{name: getattr(form, name).data for name in (
                "delivered_on", "item", "quantity", "value", "proof", "reference")})
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Penyerahan bantuan dicatat."), "success")
            return redirect(url_for("protection.ledger_index"))
    return render_template("protection/ledger_delivery.html", form=form, enrolment=enrolment,
                           rupiah=rupiah), 200 if not (form.errors or form.form_errors) else 422


@bp.route("/klaim")
def claims_list():
    status = request.args.get("status") or None
    status = status if status in labels.table(ClaimStatus) else None
    programme_id = request.args.get("program", type=int)
    page = claims.list_claims(current_user, programme_id=programme_id, status=status,
                              **page_args())
    return render_template("protection/claims_list.html", page=page, status=status, programme_id=programme_id,
                           programmes=ledger.ledger_programmes(current_user), status_labels=labels.table(ClaimStatus),
                           kind_labels=labels.table(ClaimKind), rupiah=rupiah)


@bp.route("/klaim/baru/<int:enrolment_id>", methods=["GET", "POST"])
def claim_new(enrolment_id: int):
    enrolment = claims.enrolment_for_claim(current_user, enrolment_id)
    form = ClaimForm()
    if form.validate_on_submit():
        try:
            claim = claims.file_claim(current_user, enrolment_id, kind=form.kind.data,
                                      incident_date=form.incident_date.data, amount=form.amount.data,
                                      note=form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Klaim dicatat."), "success")
            return redirect(url_for("protection.claim_detail", claim_id=claim.id))
    return render_template("protection/claims_new.html", form=form,
                           enrolment=enrolment), 200 if not (form.errors or form.form_errors) else 422


@bp.route("/klaim/<int:claim_id>", methods=["GET", "POST"])
def claim_detail(claim_id: int):
    claim = claims.view_claim(current_user, claim_id)
    form = DecideForm()
    if form.validate_on_submit():
        try:
            claims.decide(current_user, claim_id, form.status.data, form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Keputusan klaim disimpan."), "success")
            return redirect(url_for("protection.claim_detail", claim_id=claim_id))
    return render_template("protection/claims_detail.html", claim=claim, form=form,
                           next_statuses=claims.next_statuses(claim), status_labels=labels.table(ClaimStatus),
                           kind_labels=labels.table(ClaimKind), rupiah=rupiah), 200 if not (
                               form.errors or form.form_errors) else 422
