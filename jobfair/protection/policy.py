"""Who may call each endpoint of the protection blueprint (/perlindungan).

Worker protection and aid: sensitive personal data, officers (and admins) only; the UMK table is admin-only.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import ADMIN, OFFICE, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "PROTECTION_REGISTER": {
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
    },
    "PROTECTION_LEDGER": {
        "protection.ledger_index": OFFICE,
        "protection.ledger_month": OFFICE,
        "protection.ledger_generate": OFFICE,
        "protection.ledger_settle": OFFICE,
        "protection.ledger_delivery_new": OFFICE,
        "protection.claims_list": OFFICE,
        "protection.claim_new": OFFICE,
        "protection.claim_detail": OFFICE,
    },
    "PROTECTION_IMPORT": {
        "protection.import_upload": OFFICE,
        "protection.import_template": OFFICE,
        "protection.import_status": OFFICE,
        "protection.import_report": OFFICE,
        "protection.import_apply": OFFICE,
    },
    "PROTECTION_FIGURES": {
        "protection.figures_page": OFFICE,
        "protection.figures_chart": OFFICE,
        "protection.figures_xlsx": OFFICE,
        "protection.figures_bpjs_export": OFFICE,
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
