"""Office API (office tokens): read-only exports, every call audited (services/office/api_exports.py)."""

from flask_smorest import Blueprint

from jobfair.api import schemas
from jobfair.api.auth import api_user
from jobfair.api.public import ID
from jobfair.limits import rate_limited
from jobfair.services.office import api_exports

bp = Blueprint("api_office", __name__, url_prefix="/api/v1/office",
               description="Read-only exports of the labour office (office token)")
TOKEN = {"security": [{"bearerAuth": []}]}


@bp.route("/placements")
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.arguments(schemas.PlacementArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.PlacementReportSchema)
def placements(fair_id: int | None = None):
    """The placement report (vacancies, openings, applications, hires, verified placements) in total, by KBLI
    sector and by kecamatan; for one job fair with `fair_id`."""
    return api_exports.placements_export(api_user(), fair_id=fair_id)


@bp.route("/protection/programmes/" + ID.format("programme_id") + "/decree-list")
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.arguments(schemas.DecreeArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.DecreeListSchema)
def decree_list(programme_id: int, year: int | None = None):
    """The list for the mayor's decree (BPJS Ketenagakerjaan contribution subsidy) of a programme, without NIK."""
    return api_exports.decree_export(api_user(), programme_id, year=year)
