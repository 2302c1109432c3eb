"""What the office's review desks share: the queue (rows in one status, the longest waiting first), the written
reason of a return, rejection or drop-out, and one decision applied to several ticked items (each through the
single-item service, one unit of work each)."""

from collections.abc import Callable, Iterable

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.services import keyset
from jobfair.services.access import ONLY_OFFICE, require_office
from jobfair.services.errors import DomainError, InvalidState, ValidationFailed

REASON_MIN = 5      # characters: enough for the other side to know what to correct
BULK_MAX = 100      # items ticked at once


def queue(model, status: str, waiting_since, *, not_allowed=ONLY_OFFICE):
    """The list service (keyset.listing) of a desk: the `model` rows in `status`, the longest waiting first (by
    `waiting_since`, then id). For the office only; anyone else gets PermissionDenied(`not_allowed`)."""
    def waiting(actor):
        require_office(actor, not_allowed)
        return select(model).where(model.status == status).order_by(waiting_since, model.id)
    return keyset.listing(waiting)


def still_in(found, status: str, message):
    """`found` while it is in `status` (nobody has decided it yet); InvalidState(`message`) once it has moved on
    (decided by another officer, withdrawn, finished)."""
    if found.status != status:
        raise InvalidState(message)
    return found


def written_reason(text: str | None, message, *, maximum: int | None = None) -> str:
    """`text` without its surrounding spaces when it is a reason of REASON_MIN (to `maximum`) characters;
    otherwise ValidationFailed on the form's "reason" field with `message`."""
    reason = (text or "").strip()
    if len(reason) < REASON_MIN or (maximum is not None and len(reason) > maximum):
        raise ValidationFailed({"reason": message})
    return reason


def decide_each(item_ids: Iterable | None, decide: Callable[[int], object], *, none_ticked,
                too_many) -> tuple[list[int], dict[int, str]]:
    """`decide(id)` for each distinct id, in the order given (the caller has checked the actor's role). An item
    that fails is rolled back and does not stop the rest. Returns (decided ids, {id: why it was not decided}).

    No id: ValidationFailed `none_ticked`; more than BULK_MAX: ValidationFailed `too_many` (nothing decided)."""
    ids = list(dict.fromkeys(int(i) for i in item_ids or ()))
    if not ids:
        raise ValidationFailed({"ids": none_ticked})
    if len(ids) > BULK_MAX:
        raise ValidationFailed({"ids": too_many})
    done, problems = [], {}
    for item_id in ids:
        try:
            decide(item_id)
        except DomainError as exc:
            db.session.rollback()
            problems[item_id] = exc.message
        else:
            done.append(item_id)
    return done, problems
