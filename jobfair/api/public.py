"""Public API: open vacancies (the search of /lowongan), one vacancy, job fairs, the open data figures."""

from flask import url_for
from flask_smorest import Blueprint

from jobfair.api import paging, schemas
from jobfair.limits import rate_limited
from jobfair.services import clock
from jobfair.services.hiring import fairs, search, vacancies
from jobfair.services.office import open_data as open_data_service

bp = Blueprint("api_public", __name__, url_prefix="/api/v1", description="Public data, no token")
ID = "<int(min=1, max=2147483647):{}>"


def vacancy_out(vacancy) -> dict:
    data = {name: getattr(vacancy, name) for name in schemas.VacancySchema._declared_fields
            if name not in ("company", "url")}
    data["company"] = {"id": vacancy.company.id, "name": vacancy.company.name}
    data["url"] = url_for("public.vacancy", vacancy_id=vacancy.id, _external=True)
    return data


@bp.route("/vacancies")
@rate_limited("api", methods=("GET",))
@bp.arguments(schemas.VacancySearchArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.VacancyPageSchema, headers=paging.LINK_HEADER)
def vacancies_list(**args):
    """Open vacancies: ranked by relevance to `q`, or newest first; keyset pages (`after` / `before`)."""
    page = search.search_vacancies(today=clock.today(), **args)
    return {"items": [vacancy_out(v) for v in page.items], **paging.cursor_fields(page)}, 200, \
        paging.link_header(page, args)


@bp.route("/vacancies/" + ID.format("vacancy_id"))
@rate_limited("api", methods=("GET",))
@bp.response(200, schemas.VacancySchema)
def vacancy(vacancy_id: int):
    """One open vacancy (published, verified company, within its dates); 404 otherwise."""
    return vacancy_out(vacancies.public_vacancy(vacancy_id, clock.today()))


@bp.route("/fairs")
@rate_limited("api", methods=("GET",))
@bp.arguments(schemas.PageArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.FairPageSchema)
def fairs_list(page: int, per_page: int):
    """Job fairs, newest first."""
    pagination = fairs.list_fairs(page, per_page)
    items = [{**{name: getattr(f, name) for name in ("id", "name", "starts_on", "ends_on", "venue", "description",
                                                     "booth_count")},
              "url": url_for("public.fair", fair_id=f.id, _external=True)} for f in pagination.items]
    return {"items": items, "page": pagination.page, "pages": pagination.pages, "total": pagination.total}


@bp.route("/open-data/figures")
@rate_limited("api", methods=("GET",))
@bp.response(200, schemas.OpenDataSchema)
def open_data():
    """The city's headline figures (the Satu Data open data set): aggregates only."""
    return {"source": "Dinas Tenaga Kerja Kota Balikpapan", "figures": open_data_service.open_records()}
