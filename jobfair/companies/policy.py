"""Who may call each endpoint of the companies blueprint (/perusahaan): the company's own account only."""

from jobfair.policy_types import COMPANY, area_policy, grant

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": grant(COMPANY, "companies.dashboard"),
    "COMPANIES_VACANCIES": grant(COMPANY, "companies.profile_edit", "companies.vacancies_list",
                                          "companies.vacancy_new", "companies.vacancy_detail",
                                          "companies.vacancy_edit", "companies.vacancy_submit",
                                          "companies.vacancy_close"),
    "APPLICATIONS": grant(COMPANY, "companies.applicants", "companies.applicant", "companies.applicant_cv",
                                   "companies.applicant_status", "companies.applicant_invite",
                                   "companies.applicant_hire"),
    "FAIRS_REPORTS": grant(COMPANY, "companies.fairs_list", "companies.fair", "companies.fair_take_booth",
                                    "companies.fair_attach_vacancy", "companies.fair_detach_vacancy"),
    "PLACES_MATCH": grant(COMPANY, "companies.places_list", "companies.place_new", "companies.place_detail",
                                   "companies.place_edit", "companies.place_ranking", "companies.place_result"),
    "APPRENTICESHIPS": grant(COMPANY, "companies.apprentices", "companies.apprentice", "companies.logbook_sign",
                                      "companies.apprentice_assess", "companies.apprentice_agreement",
                                      "companies.apprentice_certificate"),
    # the token pages (browser, CSRF forms)
    "API": grant(COMPANY, "companies.api_tokens", "companies.api_token_new", "companies.api_token_revoke"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
