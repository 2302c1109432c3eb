"""office blueprint: the placement report, overall and per fair, as a printable page and as CSV/XLSX."""

from flask import Response, render_template, request
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.office.blueprint import bp
from jobfair.services import exports
from jobfair.services.hiring import fairs, reports


@bp.route("/laporan/penempatan")
def report_placements():
    fair_id = request.args.get("bursa", type=int)
    report = reports.placement_report(current_user, fair_id=fair_id)
    return render_template("office/report_placements.html", report=report, fair_id=fair_id,
                           fairs=fairs.list_fairs(1, per_page=100).items)


def _download(content: bytes, mimetype: str, extension: str, fair_id: int | None) -> Response:
    return send_download(content, reports.report_filename(fair_id, extension), mimetype)


@bp.route("/laporan/penempatan.csv")
def report_placements_csv():
    fair_id = request.args.get("bursa", type=int)
    return _download(reports.report_csv(current_user, fair_id=fair_id), exports.CSV_MIMETYPE, "csv", fair_id)


@bp.route("/laporan/penempatan.xlsx")
def report_placements_xlsx():
    fair_id = request.args.get("bursa", type=int)
    return _download(reports.report_xlsx(current_user, fair_id=fair_id), exports.XLSX_MIMETYPE, "xlsx", fair_id)
