"""Who may call each endpoint of the seekers blueprint (/pencari-kerja): job seekers only."""

from jobfair.policy_types import SEEKER, area_policy, grant

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": grant(SEEKER, "seekers.dashboard"),
    "SEEKERS_AK1": grant(SEEKER, "seekers.profile", "seekers.profile_edit", "seekers.cv_upload",
                                 "seekers.cv_download", "seekers.ak1_status", "seekers.ak1_request",
                                 "seekers.ak1_report", "seekers.ak1_print", "seekers.ak1_qr"),
    "APPLICATIONS": grant(SEEKER, "seekers.apply_vacancy", "seekers.my_applications", "seekers.my_application",
                                  "seekers.withdraw_application", "seekers.recommendations"),
    "FAIRS_REPORTS": grant(SEEKER, "seekers.fair_register", "seekers.fair_ticket", "seekers.fair_ticket_qr"),
    # Job alerts: a seeker's saved searches (at most 10, owned: another's answers 404).
    "SAVED_SEARCHES": grant(SEEKER, "seekers.saved_searches_list", "seekers.saved_search_new",
                                    "seekers.saved_search_frequency", "seekers.saved_search_delete"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
