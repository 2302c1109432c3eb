"""Who may call each endpoint of the JSON API (assembled into route_policy.ROUTE_POLICY).

Public API endpoints are PUBLIC like any public page. Token endpoints carry an ApiAccess: the gate
(security.enforce_route_policy -> api.auth.enforce) accepts only an `Authorization: Bearer` token of that kind
holding that scope, never a browser session, so a logged-in cookie alone opens no token endpoint.
The token pages and the vacancy feeds are browser pages of their blueprints: their rows are in companies/policy.py,
office/policy.py and public/policy.py (section "API").
"""

from jobfair.policy_types import PUBLIC, ApiAccess, area_policy, combine, grant

__all__ = ["POLICY", "SECTIONS", "ApiAccess"]  # ApiAccess lives in policy_types; imported from here too

SECTIONS: dict[str, dict[str, object]] = {
    "API": combine(
        grant(PUBLIC, "api-docs.openapi_json", "api_pages.docs", "api_public.vacancies_list", "api_public.vacancy",
                      "api_public.fairs_list", "api_public.open_data"),
        grant(ApiAccess("company", "vacancies:read"), "api_company.vacancies_list", "api_company.vacancy"),
        grant(ApiAccess("company", "vacancies:write"), "api_company.vacancy_create", "api_company.vacancy_submit",
                                                       "api_company.vacancy_close"),
        grant(ApiAccess("company", "applicants:read"), "api_company.applicants_list", "api_company.application"),
        grant(ApiAccess("company", "applicants:write"), "api_company.application_status"),
        grant(ApiAccess("office", "placements:read"), "api_office.placements"),
        grant(ApiAccess("office", "decree:read"), "api_office.decree_list"),
    ),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
