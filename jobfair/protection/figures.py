"""protection blueprint: figures pages (routes on the blueprint of blueprint.py).

Charts are served as image/svg+xml from their own route and embedded with <img>, never inlined as trusted markup.
"""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download, svg_image
from jobfair.forms_util import copy_errors
from jobfair.protection.blueprint import bp
from jobfair.protection.forms_figures import BpjsExportForm, FiguresFilterForm
from jobfair.services import exports
from jobfair.services.errors import ValidationFailed
from jobfair.services.protection import protection_figures as pf
from jobfair.services.protection import protection_figures_export as pfx


def _filters() -> tuple[FiguresFilterForm, dict]:
    form = FiguresFilterForm(request.args)
    return form, (form.filters() if form.validate() else {})


@bp.route("/angka")
def figures_page():
    form, filters = _filters()
    try:
        data = pf.figures(current_user, **filters)
    except ValidationFailed as exc:
        copy_errors(form, exc)
        filters, data = {}, pf.figures(current_user)
    form.programme_id.choices = [("", _("Semua program"))] + data["programme_choices"]
    return render_template("protection/figures_page.html", form=form, data=data, filters=filters,
                           charts=pf.CHARTS), 422 if form.errors else 200


@bp.route("/angka/grafik/<chart>.svg")
def figures_chart(chart: str):
    _form, filters = _filters()
    svg = pf.chart_svg(current_user, chart, **filters)
    return svg_image(svg)


@bp.route("/angka/rekap.xlsx")
def figures_xlsx():
    _form, filters = _filters()
    content = pfx.figures_xlsx(current_user, **filters)
    return send_download(content, "rekap-perlindungan-pekerja.xlsx", exports.XLSX_MIMETYPE)


@bp.route("/angka/ekspor-bpjs", methods=["GET", "POST"])
def figures_bpjs_export():
    form = BpjsExportForm()
    form.programme_id.choices = [("", _("— pilih program —"))] + pfx.bpjs_programme_choices(current_user)
    if form.validate_on_submit():
        try:
            name, content = pfx.bpjs_export_xlsx(current_user, form.programme_id.data, form.month_date())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            return send_download(content, name, exports.XLSX_MIMETYPE)
    return render_template("protection/figures_bpjs_export.html", form=form), 422 if form.errors else 200
