"""The ROUTE_POLICY table: every endpoint -> who may call it (a test walks app.url_map).

Values: PUBLIC (anyone), ANONYMOUS (only when logged out, e.g. the registration forms), AUTHENTICATED (any
logged-in role), a frozenset of role names, or an api.policy.ApiAccess (a bearer token of a kind and scope).
The gate that enforces it is jobfair/security.py; ownership of objects is checked in services.
"""

from jobfair.api.policy import API_POLICY
from jobfair.models import Role

PUBLIC = "public"
ANONYMOUS = "anonymous"
AUTHENTICATED = "authenticated"

ALL_ROLES = frozenset(Role.values())
OFFICE = frozenset({Role.OFFICER.value, Role.ADMIN.value})
SEEKER = frozenset({Role.SEEKER.value})
COMPANY = frozenset({Role.COMPANY.value})
STUDENT = frozenset({Role.STUDENT.value})
SCHOOL = frozenset({Role.SCHOOL.value})
ADMIN = frozenset({Role.ADMIN.value})

FOUNDATION_POLICY: dict[str, object] = {
    "static": PUBLIC,
    # public
    "public.index": PUBLIC,
    "public.set_language": PUBLIC,
    "public.dashboard": AUTHENTICATED,
    "public.notifications": AUTHENTICATED,
    "public.notification_read": AUTHENTICATED,
    # auth
    "auth.login": PUBLIC,
    "auth.logout": AUTHENTICATED,
    "auth.register_seeker": ANONYMOUS,
    "auth.register_company": ANONYMOUS,
    "auth.change_password": AUTHENTICATED,
    "auth.forgot_password": ANONYMOUS,
    "auth.forgot_password_sent": ANONYMOUS,
    "auth.reset_password": ANONYMOUS,
    "auth.two_factor": OFFICE,
    "auth.two_factor_enrol": OFFICE,
    "auth.two_factor_qr": OFFICE,
    # per-role dashboards
    "seekers.dashboard": SEEKER,
    "companies.dashboard": COMPANY,
    "students.dashboard": STUDENT,
    "students.school_dashboard": SCHOOL,
    "office.dashboard": OFFICE,
}

# One table per area, so each area's endpoints are listed beside each other. Keep every section complete.
COMPANIES_VACANCIES_POLICY: dict[str, object] = {
    "companies.profile_edit": COMPANY,
    "companies.vacancies_list": COMPANY,
    "companies.vacancy_new": COMPANY,
    "companies.vacancy_detail": COMPANY,
    "companies.vacancy_edit": COMPANY,
    "companies.vacancy_submit": COMPANY,
    "companies.vacancy_close": COMPANY,
    "office.companies_queue": OFFICE,
    "office.company_review": OFFICE,
    "office.company_verify": OFFICE,
    "office.company_reject": OFFICE,
    "office.vacancies_queue": OFFICE,
    "office.vacancy_review": OFFICE,
    "office.vacancy_publish": OFFICE,
    "office.vacancy_return": OFFICE,
    "office.vacancies_perpres_xlsx": OFFICE,
}

SEEKERS_AK1_POLICY: dict[str, object] = {
    "seekers.profile": SEEKER,
    "seekers.profile_edit": SEEKER,
    "seekers.cv_upload": SEEKER,
    "seekers.cv_download": SEEKER,
    "seekers.ak1_status": SEEKER,
    "seekers.ak1_request": SEEKER,
    "seekers.ak1_report": SEEKER,
    "seekers.ak1_print": SEEKER,
    "seekers.ak1_qr": SEEKER,
    "office.ak1_queue": OFFICE,
    "office.ak1_reports_due": OFFICE,
    "office.ak1_card": OFFICE,
    "office.ak1_issue": OFFICE,
    "office.ak1_return": OFFICE,
    "office.ak1_check": OFFICE,
    "office.ak1_print": OFFICE,
    "office.ak1_qr": OFFICE,
}

APPLICATIONS_POLICY: dict[str, object] = {
    "public.vacancies_search": PUBLIC,
    "public.vacancy": PUBLIC,
    "seekers.apply_vacancy": SEEKER,
    "seekers.my_applications": SEEKER,
    "seekers.my_application": SEEKER,
    "seekers.withdraw_application": SEEKER,
    "seekers.recommendations": SEEKER,
    "companies.applicants": COMPANY,
    "companies.applicant": COMPANY,
    "companies.applicant_cv": COMPANY,
    "companies.applicant_status": COMPANY,
    "companies.applicant_invite": COMPANY,
    "companies.applicant_hire": COMPANY,
    "office.placements_queue": OFFICE,
    "office.placement_verify": OFFICE,
    "office.placement_reject": OFFICE,
}

FAIRS_REPORTS_POLICY: dict[str, object] = {
    "public.fairs_list": PUBLIC,
    "public.fair": PUBLIC,
    "seekers.fair_register": SEEKER,
    "seekers.fair_ticket": SEEKER,
    "seekers.fair_ticket_qr": SEEKER,
    "companies.fairs_list": COMPANY,
    "companies.fair": COMPANY,
    "companies.fair_take_booth": COMPANY,
    "companies.fair_attach_vacancy": COMPANY,
    "companies.fair_detach_vacancy": COMPANY,
    "office.fairs_list": OFFICE,
    "office.fair_new": OFFICE,
    "office.fair_edit": OFFICE,
    "office.fair_desk": OFFICE,
    "office.fair_walk_in": OFFICE,
    "office.report_placements": OFFICE,
    "office.report_placements_csv": OFFICE,
    "office.report_placements_xlsx": OFFICE,
}

SCHOOLS_STUDENTS_POLICY: dict[str, object] = {
    "students.school_students": SCHOOL,
    "students.school_student_new": SCHOOL,
    "students.school_student": SCHOOL,
    "students.school_student_consent": SCHOOL,
    "students.school_student_invite": SCHOOL,
    "students.school_import": SCHOOL,
    "students.school_import_template": SCHOOL,
    "students.school_placements": SCHOOL,
    "students.school_pkl": SCHOOL,
    "students.school_pkl_duration": SCHOOL,
    "students.school_pkl_new": SCHOOL,
    "students.school_pkl_link": SCHOOL,
    "students.activate": ANONYMOUS,
    "office.schools_list": OFFICE,
    "office.school_new": OFFICE,
    "office.school_detail": OFFICE,
    "office.school_edit": OFFICE,
    "office.school_staff_new": OFFICE,
    "office.schools_students": OFFICE,
}

TRAINING_POLICY: dict[str, object] = {
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
    "students.school_training_courses": SCHOOL,
    "students.school_training_course": SCHOOL,
    "students.school_training_certificate": SCHOOL,
    "students.my_trainings": STUDENT,
    "students.training_certificate": STUDENT,
}

PLACES_MATCH_POLICY: dict[str, object] = {
    "companies.places_list": COMPANY,
    "companies.place_new": COMPANY,
    "companies.place_detail": COMPANY,
    "companies.place_edit": COMPANY,
    "companies.place_ranking": COMPANY,
    "companies.place_result": COMPANY,
    "office.places_queue": OFFICE,
    "office.place_review": OFFICE,
    "office.place_approve": OFFICE,
    "office.place_return": OFFICE,
    "office.match_rounds": OFFICE,
    "office.match_run": OFFICE,
    "office.match_preview": OFFICE,
    "office.match_publish": OFFICE,
    "office.match_discard": OFFICE,
    "students.places_offered": STUDENT,
    "students.choices_edit": STUDENT,
    "students.match_result": STUDENT,
}

APPRENTICESHIPS_POLICY: dict[str, object] = {
    "students.apprenticeship": STUDENT,
    "students.apprenticeship_agreement": STUDENT,
    "students.apprenticeship_certificate": STUDENT,
    "students.logbook_new": STUDENT,
    "students.logbook_edit": STUDENT,
    "companies.apprentices": COMPANY,
    "companies.apprentice": COMPANY,
    "companies.logbook_sign": COMPANY,
    "companies.apprentice_assess": COMPANY,
    "companies.apprentice_agreement": COMPANY,
    "companies.apprentice_certificate": COMPANY,
    "office.apprenticeships_queue": OFFICE,
    "office.apprenticeship_detail": OFFICE,
    "office.apprenticeship_legalise": OFFICE,
    "office.apprenticeship_terminate": OFFICE,
    "office.apprenticeship_agreement": OFFICE,
    "office.apprenticeship_certificate": OFFICE,
    "office.apprenticeships_figures": OFFICE,
}

# Worker protection and aid: sensitive personal data, officers (and admins) only.
PROTECTION_REGISTER_POLICY: dict[str, object] = {
    "protection.workers": OFFICE,
    "protection.worker_new": OFFICE,
    "protection.worker_detail": OFFICE,
    "protection.worker_edit": OFFICE,
    "protection.worker_find": OFFICE,
    "protection.enrol": OFFICE,
    "protection.programmes_list": OFFICE,
    "protection.programme_new": OFFICE,
    "protection.programme_edit": OFFICE,
    "protection.programme_detail": OFFICE,
    "protection.programme_decree_xlsx": OFFICE,
    "protection.enrolment_detail": OFFICE,
    "protection.enrolment_verify": OFFICE,
    "protection.enrolment_activate": OFFICE,
    "protection.enrolment_kpj": OFFICE,
    "protection.enrolment_end": OFFICE,
    "protection.enrolment_reject": OFFICE,
    "protection.reregister": OFFICE,
    "protection.umk": ADMIN,
}

PROTECTION_LEDGER_POLICY: dict[str, object] = {
    "protection.ledger_index": OFFICE,
    "protection.ledger_month": OFFICE,
    "protection.ledger_generate": OFFICE,
    "protection.ledger_settle": OFFICE,
    "protection.ledger_delivery_new": OFFICE,
    "protection.claims_list": OFFICE,
    "protection.claim_new": OFFICE,
    "protection.claim_detail": OFFICE,
}

PROTECTION_IMPORT_POLICY: dict[str, object] = {
    "protection.import_upload": OFFICE,
    "protection.import_template": OFFICE,
    "protection.import_status": OFFICE,
    "protection.import_report": OFFICE,
    "protection.import_apply": OFFICE,
}

PROTECTION_FIGURES_POLICY: dict[str, object] = {
    "protection.figures_page": OFFICE,
    "protection.figures_chart": OFFICE,
    "protection.figures_xlsx": OFFICE,
    "protection.figures_bpjs_export": OFFICE,
}

AUDIT_POLICY: dict[str, object] = {
    "office.audit_trail": OFFICE,
    "office.audit_trail_csv": OFFICE,
    "office.audit_trail_xlsx": OFFICE,
}

ACCOUNTS_DESK_POLICY: dict[str, object] = {
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
}

MONTHLY_REPORT_POLICY: dict[str, object] = {
    "office.monthly_report": OFFICE,
    "office.monthly_report_chart": OFFICE,
    "office.monthly_report_xlsx": OFFICE,
}

CONSENT_POLICY: dict[str, object] = {
    "public.privacy_index": PUBLIC,
    "public.privacy_notice": PUBLIC,
    "public.my_consents": SEEKER | STUDENT,
    "public.consent_give": SEEKER | STUDENT,
    "public.consent_withdraw": SEEKER | STUDENT,
    "public.consent_review": SEEKER | STUDENT,
}

CITY_FIGURES_POLICY: dict[str, object] = {
    "office.city_dashboard": OFFICE,
    "office.city_chart": OFFICE,
    "public.open_data": PUBLIC,
    "public.open_data_json": PUBLIC,
    "public.open_data_csv": PUBLIC,
}

JOBS_POLICY: dict[str, object] = {
    "office.job_status": OFFICE,
}

# UU PDP: "Data saya" for everyone with personal data here, the office's register of data incidents.
_PERSONS = frozenset({Role.SEEKER.value, Role.STUDENT.value, Role.COMPANY.value})
PDP_POLICY: dict[str, object] = {
    "public.my_data": _PERSONS, "public.my_data_json": _PERSONS, "public.my_data_html": _PERSONS,
    "office.incidents_list": OFFICE, "office.incident_new": OFFICE, "office.incident_detail": OFFICE,
    "office.incident_notify": OFFICE,
}
# UU PDP: a resident's erasure request (own requests only, in the service) and the office's requests queue.
ERASURE_POLICY: dict[str, object] = {
    "public.erasure_request": SEEKER | STUDENT, "public.erasure_request_status": SEEKER | STUDENT,
    "office.data_requests_queue": OFFICE, "office.data_request_review": OFFICE,
    "office.data_request_approve": OFFICE, "office.data_request_refuse": OFFICE,
}
# Job alerts: a seeker's saved searches; the digest e-mail's one-click unsubscribe works without login (its signed
# token names the saved search).
SAVED_SEARCHES_POLICY: dict[str, object] = {
    "seekers.saved_searches_list": SEEKER, "seekers.saved_search_new": SEEKER,
    "seekers.saved_search_frequency": SEEKER, "seekers.saved_search_delete": SEEKER,
    "public.saved_search_unsubscribe": PUBLIC,
}
ROUTE_POLICY: dict[str, object] = {
    **SAVED_SEARCHES_POLICY,
    **ERASURE_POLICY,
    **JOBS_POLICY,
    **PDP_POLICY,
    **CONSENT_POLICY,
    **CITY_FIGURES_POLICY,
    **MONTHLY_REPORT_POLICY,
    **ACCOUNTS_DESK_POLICY,
    **AUDIT_POLICY,
    **FOUNDATION_POLICY,
    **PROTECTION_REGISTER_POLICY,
    **PROTECTION_LEDGER_POLICY,
    **PROTECTION_IMPORT_POLICY,
    **PROTECTION_FIGURES_POLICY,
    **SCHOOLS_STUDENTS_POLICY,
    **TRAINING_POLICY,
    **PLACES_MATCH_POLICY,
    **APPRENTICESHIPS_POLICY,
    **COMPANIES_VACANCIES_POLICY,
    **SEEKERS_AK1_POLICY,
    **APPLICATIONS_POLICY,
    **FAIRS_REPORTS_POLICY,
    **API_POLICY,
}
