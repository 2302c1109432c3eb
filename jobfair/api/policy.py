"""ROUTE_POLICY entries of the API (merged into security.ROUTE_POLICY).

Public API endpoints are PUBLIC like any public page. Token endpoints carry an ApiAccess: the gate
(security.enforce_route_policy -> api.auth.enforce) accepts only an `Authorization: Bearer` token of that kind
holding that scope, never a browser session, so a logged-in cookie alone opens no token endpoint.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ApiAccess:
    kind: str    # "company" or "office": who made the token
    scope: str   # the scope the token must hold


PUBLIC = "public"  # the same value as security.PUBLIC (not imported: security imports this module)

API_POLICY: dict[str, object] = {
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
    # the token pages (browser, CSRF forms)
    "companies.api_tokens": frozenset({"company"}),
    "companies.api_token_new": frozenset({"company"}),
    "companies.api_token_revoke": frozenset({"company"}),
    "office.api_tokens": frozenset({"officer", "admin"}),
    "office.api_token_new": frozenset({"officer", "admin"}),
    "office.api_token_revoke": frozenset({"officer", "admin"}),
    # feeds of the vacancy search
    "public.vacancies_feed_atom": PUBLIC,
    "public.vacancies_feed_rss": PUBLIC,
}
