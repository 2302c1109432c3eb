"""office blueprint: the audit trail — search (GET), results table, CSV/XLSX of the search. Nothing edits or
deletes an audit row: there are no such routes."""

from datetime import date

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.forms_util import copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_audit import AuditSearchForm
from jobfair.paging import page_args
from jobfair.services import exports
from jobfair.services.errors import ValidationFailed
from jobfair.services.office import audit_search

FILTERS = ("person", "role", "action", "object_type", "object_id", "date_from", "date_to")


def _form() -> tuple[AuditSearchForm, dict | None]:
    """The form filled from the query string and its filters (None when a field is wrong)."""
    form = AuditSearchForm(formdata=request.args)
    form.role.choices = [("", _("— semua —"))] + audit_search.ROLE_CHOICES
    if not form.validate():
        return form, None
    return form, {name: form.data[name] or None for name in FILTERS}


@bp.route("/audit")
def audit_trail():
    form, filters = _form()
    result = None
    if filters is not None:
        try:
            result = audit_search.search(current_user, **page_args(), **filters)
        except ValidationFailed as exc:
            copy_errors(form, exc)
    status = 200 if result is not None else 422
    return render_template("office/audit_trail.html", form=form, result=result), status


def _download(kind: str, mimetype: str, make) -> Response:
    form, filters = _form()
    if filters is None:  # never export more than the officer asked for
        raise ValidationFailed({name: errors[0] for name, errors in form.errors.items()})
    body = make(current_user, **filters)
    filename = f"jejak-audit-{date.today():%Y%m%d}.{kind}"
    return send_download(body, filename, mimetype)


@bp.route("/audit.csv")
def audit_trail_csv():
    return _download("csv", exports.CSV_MIMETYPE, audit_search.export_csv)


@bp.route("/audit.xlsx")
def audit_trail_xlsx():
    return _download("xlsx", exports.XLSX_MIMETYPE, audit_search.export_xlsx)
