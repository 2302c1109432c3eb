"""Who may call each endpoint of the public blueprint (/): public pages, the dashboard dispatcher, notifications,
privacy notices and consents, open data, and UU PDP's "Data saya" and erasure requests."""

from jobfair.policy_types import AUTHENTICATED, COMPANY, PUBLIC, SEEKER, STUDENT, area_policy, combine, grant

# UU PDP: everyone with personal data here has a "Data saya" page.
_PERSONS = SEEKER | STUDENT | COMPANY

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": combine(
        grant(PUBLIC, "public.index", "public.set_language"),
        grant(AUTHENTICATED, "public.dashboard", "public.notifications", "public.notification_read"),
    ),
    "APPLICATIONS": grant(PUBLIC, "public.vacancies_search", "public.vacancy"),
    "FAIRS_REPORTS": grant(PUBLIC, "public.fairs_list", "public.fair"),
    "CONSENT": combine(
        grant(PUBLIC, "public.privacy_index", "public.privacy_notice"),
        grant(SEEKER | STUDENT, "public.my_consents", "public.consent_give", "public.consent_withdraw",
                                "public.consent_review"),
    ),
    "CITY_FIGURES": grant(PUBLIC, "public.open_data", "public.open_data_json", "public.open_data_csv"),
    "PDP": grant(_PERSONS, "public.my_data", "public.my_data_json", "public.my_data_html"),
    # UU PDP: a resident's erasure request (own requests only, checked in the service).
    "ERASURE": grant(SEEKER | STUDENT, "public.erasure_request", "public.erasure_request_status"),
    # the feeds of the vacancy search
    "API": grant(PUBLIC, "public.vacancies_feed_atom", "public.vacancies_feed_rss"),
    # The digest e-mail's one-click unsubscribe works without login: its signed token names the saved search.
    "SAVED_SEARCHES": grant(PUBLIC, "public.saved_search_unsubscribe"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
