"""Bearer-token check of the API endpoints (called by the route gate, before CSRF and before the view).

401 for a missing, unknown or revoked token, 403 for a token of the other kind or without the scope. The token
and the user it acts as are kept in `g.api_token` / `g.api_user` for the views; the browser session is never
consulted.
"""

from flask import g, request

from jobfair.api import problems
from jobfair.api.policy import ApiAccess
from jobfair.services.users import api_tokens


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def enforce(access: ApiAccess):
    token = api_tokens.authenticate(bearer_token())
    if token is None:
        return problems.problem(401, "Kirim token API yang masih berlaku di header Authorization: Bearer <token>.",
                                kind="token", headers={"WWW-Authenticate": 'Bearer realm="jobfair"'})
    if token.kind != access.kind or access.scope not in token.scope_list:
        return problems.problem(403, f"Token ini tidak memiliki hak akses {access.scope}.", kind="scope")
    g.api_token = token
    g.api_user = token.user
    return None


def api_user():
    """The user the current token acts as (set by enforce)."""
    return g.api_user
