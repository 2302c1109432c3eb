"""Who may call each endpoint of the companies blueprint (/perusahaan): the company's own account only.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import COMPANY, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
        "companies.dashboard": COMPANY,
    },
    "COMPANIES_VACANCIES": {
        "companies.profile_edit": COMPANY,
        "companies.vacancies_list": COMPANY,
        "companies.vacancy_new": COMPANY,
        "companies.vacancy_detail": COMPANY,
        "companies.vacancy_edit": COMPANY,
        "companies.vacancy_submit": COMPANY,
        "companies.vacancy_close": COMPANY,
    },
    "APPLICATIONS": {
        "companies.applicants": COMPANY,
        "companies.applicant": COMPANY,
        "companies.applicant_cv": COMPANY,
        "companies.applicant_status": COMPANY,
        "companies.applicant_invite": COMPANY,
        "companies.applicant_hire": COMPANY,
    },
    "FAIRS_REPORTS": {
        "companies.fairs_list": COMPANY,
        "companies.fair": COMPANY,
        "companies.fair_take_booth": COMPANY,
        "companies.fair_attach_vacancy": COMPANY,
        "companies.fair_detach_vacancy": COMPANY,
    },
    "PLACES_MATCH": {
        "companies.places_list": COMPANY,
        "companies.place_new": COMPANY,
        "companies.place_detail": COMPANY,
        "companies.place_edit": COMPANY,
        "companies.place_ranking": COMPANY,
        "companies.place_result": COMPANY,
    },
    "APPRENTICESHIPS": {
        "companies.apprentices": COMPANY,
        "companies.apprentice": COMPANY,
        "companies.logbook_sign": COMPANY,
        "companies.apprentice_assess": COMPANY,
        "companies.apprentice_agreement": COMPANY,
        "companies.apprentice_certificate": COMPANY,
    },
    # the token pages (browser, CSRF forms)
    "API": {
        "companies.api_tokens": COMPANY,
        "companies.api_token_new": COMPANY,
        "companies.api_token_revoke": COMPANY,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
