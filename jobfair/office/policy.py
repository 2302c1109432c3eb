"""Who may call each endpoint of the office blueprint (/disnaker): officers and admins; a few rows are admin-only."""

from jobfair.policy_types import ADMIN, OFFICE, area_policy, combine, grant

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": grant(OFFICE, "office.dashboard"),
    "COMPANIES_VACANCIES": grant(OFFICE, "office.companies_queue", "office.company_review", "office.company_verify",
                                         "office.company_reject", "office.vacancies_queue", "office.vacancy_review",
                                         "office.vacancy_publish", "office.vacancy_return",
                                         "office.vacancies_perpres_xlsx"),
    "SEEKERS_AK1": grant(OFFICE, "office.ak1_queue", "office.ak1_reports_due", "office.ak1_card", "office.ak1_issue",
                                 "office.ak1_return", "office.ak1_check", "office.ak1_print", "office.ak1_qr"),
    "APPLICATIONS": grant(OFFICE, "office.placements_queue", "office.placement_verify", "office.placement_reject"),
    "FAIRS_REPORTS": grant(OFFICE, "office.fairs_list", "office.fair_new", "office.fair_edit", "office.fair_desk",
                                   "office.fair_walk_in", "office.report_placements", "office.report_placements_csv",
                                   "office.report_placements_xlsx"),
    "SCHOOLS_STUDENTS": grant(OFFICE, "office.schools_list", "office.school_new", "office.school_detail",
                                      "office.school_edit", "office.school_staff_new", "office.schools_students"),
    "TRAINING": grant(OFFICE, "office.training_courses", "office.training_course_new", "office.training_course_edit",
                              "office.training_course", "office.training_session_add", "office.training_enrol",
                              "office.training_attendance", "office.training_complete", "office.training_drop",
                              "office.training_certificate", "office.training_figures"),
    "PLACES_MATCH": grant(OFFICE, "office.places_queue", "office.place_review", "office.place_approve",
                                  "office.place_return", "office.match_rounds", "office.match_run",
                                  "office.match_preview", "office.match_publish", "office.match_discard"),
    "APPRENTICESHIPS": grant(OFFICE, "office.apprenticeships_queue", "office.apprenticeship_detail",
                                     "office.apprenticeship_legalise", "office.apprenticeship_terminate",
                                     "office.apprenticeship_agreement", "office.apprenticeship_certificate",
                                     "office.apprenticeships_figures"),
    "AUDIT": grant(OFFICE, "office.audit_trail", "office.audit_trail_csv", "office.audit_trail_xlsx"),
    "ACCOUNTS_DESK": combine(
        grant(OFFICE, "office.accounts_list", "office.account_deactivate", "office.account_reactivate",
                      "office.queue_export_xlsx", "office.queue_export_csv", "office.enrolments_queue",
                      "office.placements_verify_many", "office.vacancies_publish_many"),
        grant(ADMIN, "office.account_new", "office.account_role", "office.account_programmes",
                     "office.account_programme_office", "office.account_second_factor_reset"),
    ),
    "MONTHLY_REPORT": grant(OFFICE, "office.monthly_report", "office.monthly_report_chart",
                                    "office.monthly_report_xlsx"),
    "CITY_FIGURES": grant(OFFICE, "office.city_dashboard", "office.city_chart"),
    "JOBS": grant(OFFICE, "office.job_status"),
    # UU PDP: the register of data incidents, and the queue of residents' data requests.
    "PDP": grant(OFFICE, "office.incidents_list", "office.incident_new", "office.incident_detail",
                         "office.incident_notify"),
    "ERASURE": grant(OFFICE, "office.data_requests_queue", "office.data_request_review",
                             "office.data_request_approve", "office.data_request_refuse"),
    # the token pages (browser, CSRF forms)
    "API": grant(OFFICE, "office.api_tokens", "office.api_token_new", "office.api_token_revoke"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
