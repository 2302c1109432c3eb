"""Company API (company tokens): the company's vacancies and applicants, through the services the web pages use.

The token acts as the company user who made it: another company's vacancy or application answers 404, a
vacancy is created as a draft and validated like the form, the status moves follow the same state machine.
"""

from flask import url_for
from flask_smorest import Blueprint

from jobfair.api import paging, schemas
from jobfair.api.auth import api_user
from jobfair.api.public import ID, vacancy_out
from jobfair.limits import rate_limited
from jobfair.rules import application_states
from jobfair.services import clock
from jobfair.services.hiring import applicants, vacancies

bp = Blueprint("api_company", __name__, url_prefix="/api/v1/company",
               description="A company's vacancies and applicants (company token)")
TOKEN = {"security": [{"bearerAuth": []}]}
VACANCY = "/vacancies/" + ID.format("vacancy_id")
APPLICATION = "/applications/" + ID.format("application_id")


def _company_vacancy(vacancy) -> dict:
    return {**vacancy_out(vacancy), "status": vacancy.status, "return_reason": vacancy.return_reason,
            "created_at": vacancy.created_at}


def _by_cursor(after: str | None, before: str | None) -> dict:
    """The list service's page arguments: a cursor seeks (bounded count); none keeps `page` (OFFSET, exact)."""
    return {"after": after, "before": before, "page_numbers": not (after or before)}


def _page(pagination, convert, args: dict):
    """The body (page number fields as before, and the cursors), 200, and the Link header."""
    body = {"items": [convert(item) for item in pagination.items], "page": pagination.page,
            "pages": pagination.pages, "total": pagination.total, **paging.cursor_fields(pagination)}
    return body, 200, paging.link_header(pagination, args)


def _applicant(application) -> dict:
    profile = application.seeker
    return {"id": application.id, "vacancy_id": application.vacancy_id, "status": application.status,
            "fit_score": application.fit_score, "created_at": application.created_at,
            "full_name": profile.person.full_name, "education_level": profile.education_level,
            "major": profile.major, "skills": profile.skills, "experience_years": profile.experience_years,
            "kecamatan_code": profile.kecamatan_code, "cover_letter": application.cover_letter,
            "next_statuses": application_states.next_for_company(application.status)}


@bp.route("/vacancies", methods=["GET"])
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.arguments(schemas.NumberedPageArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.CompanyVacancyPageSchema, headers=paging.LINK_HEADER)
def vacancies_list(page: int, per_page: int, after: str | None = None, before: str | None = None):
    """The company's vacancies, newest first, in every status; by cursor (`after` / `before`) or `page`."""
    listed = vacancies.company_vacancies(api_user(), page, per_page, **_by_cursor(after, before))
    return _page(listed, _company_vacancy, {"per_page": per_page})


@bp.route("/vacancies", methods=["POST"])
@rate_limited("api", per_token=True)
@bp.doc(**TOKEN)
@bp.arguments(schemas.VacancyDraftSchema)
@bp.response(201, schemas.CompanyVacancySchema)
def vacancy_create(fields: dict):
    """Create a vacancy as a draft (checked like the web form: 422 with field errors)."""
    vacancy = vacancies.create_draft(api_user(), today=clock.today(), **fields)
    return _company_vacancy(vacancy), 201, {"Location": url_for("api_company.vacancy", vacancy_id=vacancy.id)}


@bp.route(VACANCY)
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.response(200, schemas.CompanyVacancySchema)
def vacancy(vacancy_id: int):
    """One of the company's vacancies; another company's answers 404."""
    return _company_vacancy(vacancies.company_vacancy(api_user(), vacancy_id))


@bp.route(VACANCY + "/submit", methods=["POST"])
@rate_limited("api", per_token=True)
@bp.doc(**TOKEN)
@bp.response(200, schemas.CompanyVacancySchema)
def vacancy_submit(vacancy_id: int):
    """Submit a draft (or returned) vacancy for moderation; 422 lists the Perpres 57/2023 fields missing."""
    return _company_vacancy(vacancies.submit(api_user(), vacancy_id, today=clock.today()))


@bp.route(VACANCY + "/close", methods=["POST"])
@rate_limited("api", per_token=True)
@bp.doc(**TOKEN)
@bp.response(200, schemas.CompanyVacancySchema)
def vacancy_close(vacancy_id: int):
    """Close a vacancy (409 when it is already closed or filled)."""
    return _company_vacancy(vacancies.close(api_user(), vacancy_id))


@bp.route(VACANCY + "/applications")
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.arguments(schemas.ApplicantArgs, location="query", as_kwargs=True)
@bp.response(200, schemas.ApplicantPageSchema, headers=paging.LINK_HEADER)
def applicants_list(vacancy_id: int, page: int, per_page: int, status: str | None = None,
                    after: str | None = None, before: str | None = None):
    """The applicants of one of the company's vacancies, best fit first (no NIK, no address); by cursor or page."""
    _vacancy, pagination, _fits = applicants.applicants(api_user(), vacancy_id, status=status, page=page,
                                                         per_page=per_page, **_by_cursor(after, before))
    return _page(pagination, _applicant, {"per_page": per_page, "status": status})


@bp.route(APPLICATION)
@rate_limited("api", per_token=True, methods=("GET",))
@bp.doc(**TOKEN)
@bp.response(200, schemas.ApplicantSchema)
def application(application_id: int):
    """One application to the company's vacancies."""
    return _applicant(applicants.applicant(api_user(), application_id).view.application)


@bp.route(APPLICATION + "/status", methods=["POST"])
@rate_limited("api", per_token=True)
@bp.doc(**TOKEN)
@bp.arguments(schemas.StatusChangeSchema)
@bp.response(200, schemas.ApplicantSchema)
def application_status(change: dict, application_id: int):
    """Move an application (reviewed, shortlisted, rejected); the seeker is notified as from the web page."""
    return _applicant(applicants.change_status(api_user(), application_id, change["status"], change["note"]))
