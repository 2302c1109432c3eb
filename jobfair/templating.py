"""Template helpers, navigation per role, and per-request audit origin."""

from datetime import datetime

from flask import current_app, request
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from jobfair import labels
from jobfair.login_session import second_factor_pending
from jobfair.models.user import Role
from jobfair.rules import numbers
from jobfair.services import audit, notifications

# (endpoint, label) shown in the navigation for each role.
NAVIGATION = {
    None: [("public.vacancies_search", _l("Cari lowongan")), ("public.fairs_list", _l("Bursa kerja")),
           ("public.open_data", _l("Data terbuka"))],
    "seeker": [("seekers.dashboard", _l("Beranda saya")), ("public.vacancies_search", _l("Cari lowongan")),
               ("seekers.recommendations", _l("Rekomendasi")),
               ("seekers.saved_searches_list", _l("Pencarian tersimpan")),
               ("seekers.my_applications", _l("Lamaran saya")),
               ("seekers.profile", _l("Profil & CV")), ("seekers.ak1_status", _l("Kartu AK/1")),
               ("public.my_consents", _l("Persetujuan saya")), ("public.fairs_list", _l("Bursa kerja")),
               ("public.my_data", _l("Data saya"))],
    "company": [("companies.dashboard", _l("Beranda perusahaan")), ("companies.vacancies_list", _l("Lowongan")),
                ("companies.fairs_list", _l("Bursa kerja")), ("companies.places_list", _l("Tempat magang")),
                ("companies.apprentices", _l("Peserta magang")), ("companies.profile_edit", _l("Profil perusahaan")),
                ("public.my_data", _l("Data saya")), ("companies.api_tokens", _l("Token API"))],
    "student": [("students.dashboard", _l("Beranda siswa")), ("students.my_trainings", _l("Pelatihan")),
                ("students.places_offered", _l("Tempat magang")), ("students.match_result", _l("Hasil penempatan")),
                ("students.apprenticeship", _l("Magang saya")), ("public.my_consents", _l("Persetujuan saya")),
                ("public.my_data", _l("Data saya"))],
    "school": [("students.school_dashboard", _l("Beranda sekolah")), ("students.school_students", _l("Siswa")),
               ("students.school_import", _l("Impor siswa")), ("students.school_training_courses", _l("Pelatihan")),
               ("students.school_pkl", _l("PKL")),
               ("students.school_placements", _l("Penempatan lulusan"))],
    "officer": [("office.dashboard", _l("Meja kerja")), ("office.companies_queue", _l("Perusahaan")),
                ("office.vacancies_queue", _l("Lowongan")), ("office.ak1_queue", _l("AK/1")),
                ("office.placements_queue", _l("Penempatan")),
                ("office.fairs_list", _l("Bursa kerja")), ("office.schools_list", _l("Sekolah")),
                ("office.training_courses", _l("Pelatihan")), ("office.places_queue", _l("Magang")),
                ("protection.workers", _l("Perlindungan")),
                ("office.report_placements", _l("Laporan")), ("office.audit_trail", _l("Jejak audit")),
                ("office.api_tokens", _l("Token API"))],
}
NAVIGATION["admin"] = NAVIGATION["officer"]


def init_app(app) -> None:
    @app.context_processor
    def _inject():
        role = current_user.role if current_user.is_authenticated else None
        pending = second_factor_pending()  # office staff before their second factor: no menu yet
        return {
            "nav_items": [] if pending else NAVIGATION.get(role, []),
            "second_factor_pending": pending,
            "role_labels": labels.table(Role),
            "languages": current_app.config["LANGUAGES"],
            "current_locale": str(get_locale()),
        }

    @app.template_filter("wita")
    def _wita(value: datetime | None, fmt: str = "d MMM yyyy HH.mm") -> str:
        return f"{format_datetime(value, fmt)} WITA" if value else "—"

    # Numbers are written one way on every page (rules.numbers): {{ n | number }} "7.140",
    # {{ x | decimal(2) }} "85,50", {{ rate | percent }} "1,0 %", {{ amount | rupiah }} "Rp119.952.000",
    # {{ value | with_unit("orang") }} "7.140 orang".
    app.add_template_filter(numbers.number, "number")
    app.add_template_filter(numbers.decimal, "decimal")
    app.add_template_filter(numbers.percent, "percent")
    app.add_template_filter(numbers.rupiah, "rupiah")
    app.add_template_filter(numbers.with_unit, "with_unit")
    # Enumeration labels (jobfair.labels): {{ enum_label("VacancyStatus", v.status) }} or
    # {{ v.status | label("VacancyStatus") }}; label_choices("Role") for a select.
    labels.init_app(app)
    # A company's sector by its KBLI code, named as everywhere else: {{ company.kbli_code | kbli_sector }}.
    app.add_template_filter(labels.sector_of_code, "kbli_sector")
    # A stored notification in the reader's language.
    app.add_template_global(notifications.text_of, "notification_text")

    @app.before_request
    def _set_audit_origin():
        request.audit_token = audit.set_origin(request.remote_addr)

    @app.teardown_request
    def _reset_audit_origin(_exc):
        token = getattr(request, "audit_token", None)
        if token is not None:
            try:
                audit.reset_origin(token)
            except ValueError:  # created in another context (test client quirks)
                pass
