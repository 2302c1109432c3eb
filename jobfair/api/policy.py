"""Who may call each endpoint of the JSON API (assembled into route_policy.ROUTE_POLICY).

Public API endpoints are PUBLIC like any public page. Token endpoints carry an ApiAccess: the gate
(security.enforce_route_policy -> api.auth.enforce) accepts only an `Authorization: Bearer` token of that kind
holding that scope, never a browser session, so a logged-in cookie alone opens no token endpoint.
The token pages and the vacancy feeds are browser pages of their blueprints: their rows are in companies/policy.py,
office/policy.py and public/policy.py (section "API").
"""

from jobfair.policy_types import PUBLIC, ApiAccess, merge_policies

__all__ = ["POLICY", "SECTIONS", "ApiAccess"]  # ApiAccess lives in policy_types; imported from here too

SECTIONS: dict[str, dict[str, object]] = {
    "API": {
        "api-docs.openapi_json": PUBLIC,
        "api_pages.docs": PUBLIC,
        "api_public.vacancies_list": PUBLIC,
        "api_public.vacancy": PUBLIC,
        "api_public.fairs_list": PUBLIC,
        "api_public.open_data": PUBLIC,
        "api_company.vacancies_list": ApiAccess("company", "vacancies:read"),
        "api_company.vacancy_create": ApiAccess("company", "vacancies:write"),
        "api_company.vacancy": ApiAccess("company", "vacancies:read"),
        "api_company.vacancy_submit": ApiAccess("company", "vacancies:write"),
        "api_company.vacancy_close": ApiAccess("company", "vacancies:write"),
        "api_company.applicants_list": ApiAccess("company", "applicants:read"),
        "api_company.application": ApiAccess("company", "applicants:read"),
        "api_company.application_status": ApiAccess("company", "applicants:write"),
        "api_office.placements": ApiAccess("office", "placements:read"),
        "api_office.decree_list": ApiAccess("office", "decree:read"),
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
