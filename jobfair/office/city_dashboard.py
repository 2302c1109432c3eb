"""office blueprint: the city's figures with filters and charts (the SVG charts come from their own route)."""

from flask import render_template, request
from flask_login import current_user

from jobfair.downloads import svg_image
from jobfair.office.blueprint import bp
from jobfair.office.forms_city_dashboard import CityFiguresFilterForm
from jobfair.services.errors import ValidationFailed
from jobfair.services.office import city_charts


def _filters() -> tuple[CityFiguresFilterForm, dict]:
    form = CityFiguresFilterForm(request.args)
    return form, (form.filters() if form.validate() else {})


@bp.route("/angka-kota")
def city_dashboard():
    form, filters = _filters()
    try:
        data = city_charts.dashboard(current_user, **filters)
    except ValidationFailed as exc:
        form.copy_service_errors(exc)
        data = city_charts.dashboard(current_user)
    form.set_choices(data["fair_choices"], data["kecamatan_choices"])
    return render_template("office/city_dashboard.html", form=form, data=data), 422 if form.errors else 200


@bp.route("/angka-kota/grafik/<chart>.svg")
def city_chart(chart: str):
    _form, filters = _filters()
    try:
        svg = city_charts.chart_svg(current_user, chart, **filters)
    except ValidationFailed:
        svg = city_charts.chart_svg(current_user, chart)
    return svg_image(svg)
