"""Who may call each endpoint of the public blueprint (/): public pages, the dashboard dispatcher, notifications,
privacy notices and consents, open data, and UU PDP's "Data saya" and erasure requests.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import AUTHENTICATED, COMPANY, PUBLIC, SEEKER, STUDENT, merge_policies

# UU PDP: everyone with personal data here has a "Data saya" page.
_PERSONS = SEEKER | STUDENT | COMPANY

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
        "public.index": PUBLIC,
        "public.set_language": PUBLIC,
        "public.dashboard": AUTHENTICATED,
        "public.notifications": AUTHENTICATED,
        "public.notification_read": AUTHENTICATED,
    },
    "APPLICATIONS": {
        "public.vacancies_search": PUBLIC,
        "public.vacancy": PUBLIC,
    },
    "FAIRS_REPORTS": {
        "public.fairs_list": PUBLIC,
        "public.fair": PUBLIC,
    },
    "CONSENT": {
        "public.privacy_index": PUBLIC,
        "public.privacy_notice": PUBLIC,
        "public.my_consents": SEEKER | STUDENT,
        "public.consent_give": SEEKER | STUDENT,
        "public.consent_withdraw": SEEKER | STUDENT,
        "public.consent_review": SEEKER | STUDENT,
    },
    "CITY_FIGURES": {
        "public.open_data": PUBLIC,
        "public.open_data_json": PUBLIC,
        "public.open_data_csv": PUBLIC,
    },
    "PDP": {
        "public.my_data": _PERSONS,
        "public.my_data_json": _PERSONS,
        "public.my_data_html": _PERSONS,
    },
    # UU PDP: a resident's erasure request (own requests only, checked in the service).
    "ERASURE": {
        "public.erasure_request": SEEKER | STUDENT,
        "public.erasure_request_status": SEEKER | STUDENT,
    },
    # the feeds of the vacancy search
    "API": {
        "public.vacancies_feed_atom": PUBLIC,
        "public.vacancies_feed_rss": PUBLIC,
    },
    # The digest e-mail's one-click unsubscribe works without login: its signed token names the saved search.
    "SAVED_SEARCHES": {
        "public.saved_search_unsubscribe": PUBLIC,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
