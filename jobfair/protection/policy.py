"""Who may call each endpoint of the protection blueprint (/perlindungan).

Worker protection and aid: sensitive personal data, officers (and admins) only; the UMK table is admin-only.
"""

from jobfair.policy_types import ADMIN, OFFICE, area_policy, combine, grant

SECTIONS: dict[str, dict[str, object]] = {
    "PROTECTION_REGISTER": combine(
        grant(OFFICE, "protection.workers", "protection.worker_new", "protection.worker_detail",
                      "protection.worker_edit", "protection.worker_find", "protection.enrol",
                      "protection.programmes_list", "protection.programme_new", "protection.programme_edit",
                      "protection.programme_detail", "protection.programme_decree_xlsx",
                      "protection.enrolment_detail", "protection.enrolment_verify", "protection.enrolment_activate",
                      "protection.enrolment_kpj", "protection.enrolment_end", "protection.enrolment_reject",
                      "protection.reregister"),
        grant(ADMIN, "protection.umk"),
    ),
    "PROTECTION_LEDGER": grant(OFFICE, "protection.ledger_index", "protection.ledger_month",
                                       "protection.ledger_generate", "protection.ledger_settle",
                                       "protection.ledger_delivery_new", "protection.claims_list",
                                       "protection.claim_new", "protection.claim_detail"),
    "PROTECTION_IMPORT": grant(OFFICE, "protection.import_upload", "protection.import_template",
                                       "protection.import_status", "protection.import_report",
                                       "protection.import_apply"),
    "PROTECTION_FIGURES": grant(OFFICE, "protection.figures_page", "protection.figures_chart",
                                        "protection.figures_xlsx", "protection.figures_bpjs_export"),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
