"""public blueprint: the list of job fairs and a fair's page with its companies, vacancies and figures."""

from flask import render_template, request
from flask_login import current_user

from jobfair.public.blueprint import bp
from jobfair.services.hiring import fairs


@bp.route("/bursa-kerja")
def fairs_list():
    pagination = fairs.list_fairs(request.args.get("page", 1, type=int))
    return render_template("public/fairs_list.html", pagination=pagination)


@bp.route("/bursa-kerja/<int:fair_id>")
def fair(fair_id: int):
    fair = fairs.get_fair(fair_id)
    user = current_user if current_user.is_authenticated else None
    return render_template("public/fairs_detail.html", fair=fair, figures=fairs.fair_figures(fair.id),
                           companies=fairs.fair_companies(fair.id),
                           vacancies=fairs.fair_vacancies(fair.id, page=request.args.get("page", 1, type=int)),
                           registration=fairs.seeker_status(user, fair.id), over=fairs.is_over(fair))
