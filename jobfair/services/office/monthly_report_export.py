"""The monthly report as an XLSX workbook (one sheet per programme) and its charts as SVG. Officers only."""

from datetime import date

from flask_babel import lazy_gettext as _l

from jobfair.rules import monthly_report as rules
from jobfair.rules.charts import bar_chart, line_chart
from jobfair.services import exports
from jobfair.services.access import require_office
from jobfair.services.errors import NotFound
from jobfair.services.office.monthly_report import SECTION_KEYS, Report, Section, monthly_report

HEADERS = [_l("Angka"), _l("Bulan ini"), _l("Bulan lalu"), _l("Perubahan"), _l("Perubahan (%)")]
SHEET_NAMES = {"bursa-kerja": _l("Bursa kerja"), "ak1": _l("Kartu AK1"), "smk": _l("SMK"),
               "perlindungan": _l("Perlindungan"), "bantuan": _l("Bantuan sosial")}


def _raw(value):
    return "" if value is None else value


def _sheet(report: Report, section: Section) -> tuple[list[str], list[list]]:
    headers = [HEADERS[0], rules.month_name(report.month), rules.month_name(report.previous), *HEADERS[3:]]
    rows: list[list] = []
    for figure in section.figures:
        unit = " (Rp)" if figure.unit == "Rp" else " (%)" if figure.unit == "%" else ""
        change = figure.change
        rows.append([f"{figure.label}{unit}", _raw(figure.value), _raw(figure.previous),
                     change.delta if figure.value is not None and figure.previous is not None else "",
                     "" if change.percent is None else change.percent])
    for chart in section.charts:
        rows += [[], [chart.title], [chart.label_header, chart.value_header]]
        rows += [[label, value] for label, value in chart.items] or [[_l("Belum ada data")]]
    for heading, lines in section.lists:
        rows += [[], [heading]] + ([[line] for line in lines] or [[_l("Tidak ada")]])
    rows += [[], [section.note]]
    return headers, rows


def report_xlsx(actor, month: date) -> bytes:
    report = monthly_report(actor, month)
    return exports.to_xlsx({SHEET_NAMES[s.key]: _sheet(report, s) for s in report.sections})


def filename(month: date) -> str:
    return f"laporan-bulanan-disnaker-{rules.month_param(month)}.xlsx"


def chart_svg(actor, month: date, section: str, chart: str) -> str:
    """One chart of one section, as SVG text (rules.charts: numbers and escaped labels only)."""
    require_office(actor)
    if section not in SECTION_KEYS:
        raise NotFound(_l("Grafik tidak ditemukan."))
    report = monthly_report(actor, month, only=section)
    found = report.sections[0].chart(chart)
    if found is None:
        raise NotFound(_l("Grafik tidak ditemukan."))
    draw = line_chart if found.kind == "line" else bar_chart
    items, title = found.items, found.title
    if found.kind == "line":  # month series: "Jun" on the axis, the span of months in the title
        items = [(label.split()[0], value) for label, value in found.items]
        title = _l("%(title)s (%(first)s – %(last)s)", title=title, first=found.items[0][0], last=found.items[-1][0])
    return draw(items, title=str(title), unit=found.unit)
