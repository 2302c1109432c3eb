"""ROUTE_POLICY: every endpoint -> who may call it (a test walks app.url_map), assembled from the areas' tables.

Each blueprint package declares its own endpoints beside its routes, in jobfair/<area>/policy.py (POLICY, grouped in
SECTIONS by feature); this module merges them and refuses to import (DuplicateEndpoint) when an endpoint is declared
twice. The values (PUBLIC, ANONYMOUS, AUTHENTICATED, role sets, ApiAccess) live in jobfair/policy_types.py and are
re-exported here and by jobfair/security.py, the gate that enforces the table. Ownership of objects is checked in
services.
"""

import importlib

from jobfair.areas import AREAS as WEB_AREAS
from jobfair.policy_types import (  # noqa: F401  (re-exported: security and older imports take them from here)
    ADMIN,
    ALL_ROLES,
    ANONYMOUS,
    AUTHENTICATED,
    COMPANY,
    OFFICE,
    PUBLIC,
    SCHOOL,
    SEEKER,
    STUDENT,
    ApiAccess,
    DuplicateEndpoint,
    merge_policies,
)

APP_POLICY: dict[str, object] = {"static": PUBLIC}  # Flask's own endpoint (the gate lets static files through)

AREAS = tuple(importlib.import_module(f"jobfair.{area}.policy") for area in (*WEB_AREAS, "api"))

ROUTE_POLICY: dict[str, object] = merge_policies(
    {"jobfair.route_policy APP_POLICY": APP_POLICY, **{area.__name__: area.POLICY for area in AREAS}})


def feature_policy(section: str) -> dict[str, object]:
    """One feature's rows across the areas (e.g. "APPRENTICESHIPS": the students', companies' and office's)."""
    return merge_policies({area.__name__: area.SECTIONS.get(section, {}) for area in AREAS})


# The feature tables by their former names (feature tests walk one feature's endpoints across the blueprints).
FOUNDATION_POLICY = {**APP_POLICY, **feature_policy("FOUNDATION")}
COMPANIES_VACANCIES_POLICY = feature_policy("COMPANIES_VACANCIES")
SEEKERS_AK1_POLICY = feature_policy("SEEKERS_AK1")
APPLICATIONS_POLICY = feature_policy("APPLICATIONS")
FAIRS_REPORTS_POLICY = feature_policy("FAIRS_REPORTS")
SCHOOLS_STUDENTS_POLICY = feature_policy("SCHOOLS_STUDENTS")
TRAINING_POLICY = feature_policy("TRAINING")
PLACES_MATCH_POLICY = feature_policy("PLACES_MATCH")
APPRENTICESHIPS_POLICY = feature_policy("APPRENTICESHIPS")
PROTECTION_REGISTER_POLICY = feature_policy("PROTECTION_REGISTER")
PROTECTION_LEDGER_POLICY = feature_policy("PROTECTION_LEDGER")
PROTECTION_IMPORT_POLICY = feature_policy("PROTECTION_IMPORT")
PROTECTION_FIGURES_POLICY = feature_policy("PROTECTION_FIGURES")
AUDIT_POLICY = feature_policy("AUDIT")
ACCOUNTS_DESK_POLICY = feature_policy("ACCOUNTS_DESK")
MONTHLY_REPORT_POLICY = feature_policy("MONTHLY_REPORT")
CONSENT_POLICY = feature_policy("CONSENT")
CITY_FIGURES_POLICY = feature_policy("CITY_FIGURES")
JOBS_POLICY = feature_policy("JOBS")
PDP_POLICY = feature_policy("PDP")
ERASURE_POLICY = feature_policy("ERASURE")
API_POLICY = feature_policy("API")
SAVED_SEARCHES_POLICY = feature_policy("SAVED_SEARCHES")
