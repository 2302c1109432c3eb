"""The values of a route policy, and the merge that refuses an endpoint declared twice.

A leaf module: each area's policy.py (jobfair/<area>/policy.py) imports its values from here, and
jobfair/route_policy.py assembles those areas' tables into ROUTE_POLICY (and re-exports these names).

Values: PUBLIC (anyone), ANONYMOUS (only when logged out, e.g. the registration forms), AUTHENTICATED (any
logged-in role), a frozenset of role names, or an ApiAccess (a bearer token of a kind and scope).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from jobfair.models import Role

PUBLIC = "public"
ANONYMOUS = "anonymous"
AUTHENTICATED = "authenticated"

ALL_ROLES = frozenset(Role.values())
OFFICE = frozenset({Role.OFFICER.value, Role.ADMIN.value})
SEEKER = frozenset({Role.SEEKER.value})
COMPANY = frozenset({Role.COMPANY.value})
STUDENT = frozenset({Role.STUDENT.value})
SCHOOL = frozenset({Role.SCHOOL.value})
ADMIN = frozenset({Role.ADMIN.value})


@dataclass(frozen=True)
class ApiAccess:
    """The gate (security.enforce_route_policy -> api.auth.enforce) accepts only an `Authorization: Bearer` token
    of this kind holding this scope, never a browser session."""

    kind: str    # "company" or "office": who made the token
    scope: str   # the scope the token must hold


class DuplicateEndpoint(ValueError):
    """An endpoint declared in two tables: one of them would silently win, so the app refuses to start."""


def merge_policies(tables: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """One table from named tables ({"office.policy": {...}, ...}); raises DuplicateEndpoint naming both places."""
    merged: dict[str, object] = {}
    declared_in: dict[str, str] = {}
    for name, table in tables.items():
        for endpoint, policy in table.items():
            if endpoint in declared_in:
                raise DuplicateEndpoint(f"endpoint {endpoint!r} is declared in both {declared_in[endpoint]} "
                                        f"and {name}; keep one row")
            declared_in[endpoint] = name
            merged[endpoint] = policy
    return merged


def grant(access: object, *endpoints: str) -> dict[str, object]:
    """Rows that give each endpoint the same access: an area's section states a role once, not once per row."""
    repeated = sorted({endpoint for endpoint in endpoints if endpoints.count(endpoint) > 1})
    if repeated:
        raise DuplicateEndpoint(f"endpoint(s) {repeated} listed twice in one grant; keep one")
    return dict.fromkeys(endpoints, access)


def combine(*grants: Mapping[str, object]) -> dict[str, object]:
    """A section whose rows have different access: its grants merged, an endpoint in two of them refused."""
    return merge_policies({f"grant {number}": rows for number, rows in enumerate(grants, start=1)})


def area_policy(module_name: str, sections: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """An area's POLICY: its sections merged, an endpoint declared in two sections refused by name."""
    return merge_policies({f"{module_name} {name}": table for name, table in sections.items()})
