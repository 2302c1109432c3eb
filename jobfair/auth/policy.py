"""Who may call each endpoint of the auth blueprint (/akun): login and registration, password reset, the office's
second factor.

Sections group an area's rows by feature (route_policy builds the cross-area feature tables from them, e.g.
APPRENTICESHIPS_POLICY); jobfair/route_policy.py assembles every area's POLICY into ROUTE_POLICY and refuses
an endpoint declared twice.
"""

from jobfair.policy_types import ANONYMOUS, AUTHENTICATED, OFFICE, PUBLIC, merge_policies

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": {
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
    },
}
POLICY: dict[str, object] = merge_policies({f"{__name__} {name}": table for name, table in SECTIONS.items()})
