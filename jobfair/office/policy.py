"""Who may call each endpoint of the office blueprint (/disnaker): officers and admins; a few rows are admin-only.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import ADMIN, OFFICE, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
        "office.dashboard": OFFICE,
    },
    "COMPANIES_VACANCIES": {
        "office.companies_queue": OFFICE,
        "office.company_review": OFFICE,
        "office.company_verify": OFFICE,
        "office.company_reject": OFFICE,
        "office.vacancies_queue": OFFICE,
        "office.vacancy_review": OFFICE,
        "office.vacancy_publish": OFFICE,
        "office.vacancy_return": OFFICE,
        "office.vacancies_perpres_xlsx": OFFICE,
    },
    "SEEKERS_AK1": {
        "office.ak1_queue": OFFICE,
        "office.ak1_reports_due": OFFICE,
        "office.ak1_card": OFFICE,
        "office.ak1_issue": OFFICE,
        "office.ak1_return": OFFICE,
        "office.ak1_check": OFFICE,
        "office.ak1_print": OFFICE,
        "office.ak1_qr": OFFICE,
    },
    "APPLICATIONS": {
        "office.placements_queue": OFFICE,
        "office.placement_verify": OFFICE,
        "office.placement_reject": OFFICE,
    },
    "FAIRS_REPORTS": {
        "office.fairs_list": OFFICE,
        "office.fair_new": OFFICE,
        "office.fair_edit": OFFICE,
        "office.fair_desk": OFFICE,
        "office.fair_walk_in": OFFICE,
        "office.report_placements": OFFICE,
        "office.report_placements_csv": OFFICE,
        "office.report_placements_xlsx": OFFICE,
    },
    "SCHOOLS_STUDENTS": {
        "office.schools_list": OFFICE,
        "office.school_new": OFFICE,
        "office.school_detail": OFFICE,
        "office.school_edit": OFFICE,
        "office.school_staff_new": OFFICE,
        "office.schools_students": OFFICE,
    },
    "TRAINING": {
        "office.training_courses": OFFICE,
        "office.training_course_new": OFFICE,
        "office.training_course_edit": OFFICE,
        "office.training_course": OFFICE,
        "office.training_session_add": OFFICE,
        "office.training_enrol": OFFICE,
        "office.training_attendance": OFFICE,
        "office.training_complete": OFFICE,
        "office.training_drop": OFFICE,
        "office.training_certificate": OFFICE,
        "office.training_figures": OFFICE,
    },
    "PLACES_MATCH": {
        "office.places_queue": OFFICE,
        "office.place_review": OFFICE,
        "office.place_approve": OFFICE,
        "office.place_return": OFFICE,
        "office.match_rounds": OFFICE,
        "office.match_run": OFFICE,
        "office.match_preview": OFFICE,
        "office.match_publish": OFFICE,
        "office.match_discard": OFFICE,
    },
    "APPRENTICESHIPS": {
        "office.apprenticeships_queue": OFFICE,
        "office.apprenticeship_detail": OFFICE,
        "office.apprenticeship_legalise": OFFICE,
        "office.apprenticeship_terminate": OFFICE,
        "office.apprenticeship_agreement": OFFICE,
        "office.apprenticeship_certificate": OFFICE,
        "office.apprenticeships_figures": OFFICE,
    },
    "AUDIT": {
        "office.audit_trail": OFFICE,
        "office.audit_trail_csv": OFFICE,
        "office.audit_trail_xlsx": OFFICE,
    },
    "ACCOUNTS_DESK": {
        "office.accounts_list": OFFICE,
        "office.account_new": ADMIN,
        "office.account_role": ADMIN,
        "office.account_deactivate": OFFICE,
        "office.account_reactivate": OFFICE,
        "office.account_programmes": ADMIN,
        "office.account_programme_office": ADMIN,
        "office.account_second_factor_reset": ADMIN,
        "office.queue_export_xlsx": OFFICE,
        "office.queue_export_csv": OFFICE,
        "office.enrolments_queue": OFFICE,
        "office.placements_verify_many": OFFICE,
        "office.vacancies_publish_many": OFFICE,
    },
    "MONTHLY_REPORT": {
        "office.monthly_report": OFFICE,
        "office.monthly_report_chart": OFFICE,
        "office.monthly_report_xlsx": OFFICE,
    },
    "CITY_FIGURES": {
        "office.city_dashboard": OFFICE,
        "office.city_chart": OFFICE,
    },
    "JOBS": {
        "office.job_status": OFFICE,
    },
    # UU PDP: the register of data incidents, and the queue of residents' data requests.
    "PDP": {
        "office.incidents_list": OFFICE,
        "office.incident_new": OFFICE,
        "office.incident_detail": OFFICE,
        "office.incident_notify": OFFICE,
    },
    "ERASURE": {
        "office.data_requests_queue": OFFICE,
        "office.data_request_review": OFFICE,
        "office.data_request_approve": OFFICE,
        "office.data_request_refuse": OFFICE,
    },
    # the token pages (browser, CSRF forms)
    "API": {
        "office.api_tokens": OFFICE,
        "office.api_token_new": OFFICE,
        "office.api_token_revoke": OFFICE,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
