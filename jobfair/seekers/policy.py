"""Who may call each endpoint of the seekers blueprint (/pencari-kerja): job seekers only.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import SEEKER, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
        "seekers.dashboard": SEEKER,
    },
    "SEEKERS_AK1": {
        "seekers.profile": SEEKER,
        "seekers.profile_edit": SEEKER,
        "seekers.cv_upload": SEEKER,
        "seekers.cv_download": SEEKER,
        "seekers.ak1_status": SEEKER,
        "seekers.ak1_request": SEEKER,
        "seekers.ak1_report": SEEKER,
        "seekers.ak1_print": SEEKER,
        "seekers.ak1_qr": SEEKER,
    },
    "APPLICATIONS": {
        "seekers.apply_vacancy": SEEKER,
        "seekers.my_applications": SEEKER,
        "seekers.my_application": SEEKER,
        "seekers.withdraw_application": SEEKER,
        "seekers.recommendations": SEEKER,
    },
    "FAIRS_REPORTS": {
        "seekers.fair_register": SEEKER,
        "seekers.fair_ticket": SEEKER,
        "seekers.fair_ticket_qr": SEEKER,
    },
    # Job alerts: a seeker's saved searches (at most 10, owned: another's answers 404).
    "SAVED_SEARCHES": {
        "seekers.saved_searches_list": SEEKER,
        "seekers.saved_search_new": SEEKER,
        "seekers.saved_search_frequency": SEEKER,
        "seekers.saved_search_delete": SEEKER,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
