"""Application status machine (pure): which status may follow which, and who may move it."""

SUBMITTED = "submitted"
REVIEWED = "reviewed"
SHORTLISTED = "shortlisted"
INTERVIEW = "interview"
HIRED = "hired"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

FINAL = frozenset({HIRED, REJECTED, WITHDRAWN})
OPEN = frozenset({SUBMITTED, REVIEWED, SHORTLISTED, INTERVIEW})

# Moves a company makes.
COMPANY_TRANSITIONS: dict[str, frozenset[str]] = {
    SUBMITTED: frozenset({REVIEWED, SHORTLISTED, REJECTED}),
    REVIEWED: frozenset({SHORTLISTED, REJECTED}),
    SHORTLISTED: frozenset({INTERVIEW, REJECTED, HIRED}),
    INTERVIEW: frozenset({HIRED, REJECTED}),
}

ALL = (SUBMITTED, REVIEWED, SHORTLISTED, INTERVIEW, HIRED, REJECTED, WITHDRAWN)


def is_final(status: str) -> bool:
    return status in FINAL


def company_can_move(from_status: str, to_status: str) -> bool:
    return to_status in COMPANY_TRANSITIONS.get(from_status, frozenset())


def seeker_can_withdraw(status: str) -> bool:
    return status in OPEN


def can_move(from_status: str, to_status: str) -> bool:
    """Any allowed move, by either side."""
    if to_status == WITHDRAWN:
        return seeker_can_withdraw(from_status)
    return company_can_move(from_status, to_status)


def next_for_company(status: str) -> list[str]:
    """Targets a company may pick in a plain status change, in a stable order."""
    order = [REVIEWED, SHORTLISTED, INTERVIEW, HIRED, REJECTED]
    return [s for s in order if s in COMPANY_TRANSITIONS.get(status, frozenset())]
