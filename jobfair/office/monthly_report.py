"""office blueprint: the monthly report for the mayor's office (printable page, charts as SVG, XLSX)."""

from flask import render_template, request
from flask_login import current_user

from jobfair.downloads import send_download, svg_image
from jobfair.office.blueprint import bp
from jobfair.rules import monthly_report as rules
from jobfair.services import exports
from jobfair.services.office import monthly_report as reports
from jobfair.services.office import monthly_report_export as report_export
from jobfair.services.office import monthly_report_months as report_months


@bp.route("/laporan-bulanan")
def monthly_report():
    month, choices = report_months.pick_month(current_user, request.args.get("bulan"))
    report = reports.monthly_report(current_user, month)
    return render_template("office/monthly_report.html", report=report, bulan=rules.month_param(month),
                           choices=choices, month_name=rules.month_name, short_name=rules.short_name,
                           month_param=rules.month_param)


@bp.route("/laporan-bulanan/grafik/<section>/<chart>.svg")
def monthly_report_chart(section: str, chart: str):
    month = reports.parse_month(request.args.get("bulan"))
    svg = report_export.chart_svg(current_user, month, section, chart)
    return svg_image(svg)


@bp.route("/laporan-bulanan.xlsx")
def monthly_report_xlsx():
    month = reports.parse_month(request.args.get("bulan"))
    content = report_export.report_xlsx(current_user, month)
    return send_download(content, report_export.filename(month), exports.XLSX_MIMETYPE)
