"""Who may call each endpoint of the auth blueprint (/akun): login and registration, password reset, the office's
second factor."""

from jobfair.policy_types import ANONYMOUS, AUTHENTICATED, OFFICE, PUBLIC, area_policy, combine, grant

SECTIONS: dict[str, dict[str, object]] = {
    "FOUNDATION": combine(
        grant(PUBLIC, "auth.login"),
        grant(AUTHENTICATED, "auth.logout"),
        grant(ANONYMOUS, "auth.register_seeker", "auth.register_company"),
        grant(AUTHENTICATED, "auth.change_password"),
        grant(ANONYMOUS, "auth.forgot_password", "auth.forgot_password_sent", "auth.reset_password"),
        grant(OFFICE, "auth.two_factor", "auth.two_factor_enrol", "auth.two_factor_qr"),
    ),
}
POLICY: dict[str, object] = area_policy(__name__, SECTIONS)
