"""The opaque page cursor of a keyset (seek) list (pure Python; used by services/keyset.py).

A cursor holds the sort-key values of one row (the last row of a page for "Berikutnya", the first for
"Sebelumnya"), the number of the page it leads to (for "Halaman N") and a short tag of the list's ordering, so a
cursor copied from another list (or another sort order) is not applied to this one. It is base64 of JSON
`[tag, page, [[kind, text], ...]]`: each value typed (i int, s str, d date, t datetime, b bool, n null, f float,
m decimal) and checked against the kinds the list expects. Anything that does not decode, or does not fit, is
None: the caller serves the first page, never an error. The cursor is not secret and not signed: editing it only
moves where a page starts, within the same filters (ownership conditions stay in the WHERE clause).
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

MAX_CURSOR_CHARS = 600
MAX_PAGE = 1_000_000
ANY = "*"   # the list does not know a key's kind (an expression): any kind but null is accepted
AWARE_TIME = "T"   # a datetime with its zone (a naive one is refused)


@dataclass(frozen=True)
class KeysetCursor:
    page: int                 # the page this cursor leads to
    values: tuple             # the row's sort-key values, in the order of the keys


def ordering_tag(description: str) -> str:
    """A short tag of a list's ordering (its SQL text): cursors of another ordering are refused."""
    return hashlib.blake2s(description.encode(), digest_size=4).hexdigest()


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


# (kind, Python type, its value from the cursor text), a subclass before its base: bool before int, datetime
# before date. "n" (None) is apart: it has no type to test and no text.
_KINDS = (("b", bool, _flag), ("i", int, int), ("f", float, float), ("m", Decimal, Decimal),
         ("t", datetime, datetime.fromisoformat), ("d", date, date.fromisoformat), ("s", str, str))
_PARSE = {kind: parse for kind, _cls, parse in _KINDS}


def kind_of(value) -> str:
    if value is None:
        return "n"
    kind = kind_of_type(type(value))
    if kind == ANY:
        raise TypeError(f"a sort key of type {type(value).__name__} cannot go in a cursor")
    return kind


def kind_of_type(python_type) -> str:
    """The kind expected of a key whose Python type is `python_type` (ANY when unknown)."""
    for kind, cls, _parse in _KINDS:
        if isinstance(python_type, type) and issubclass(python_type, cls):
            return kind
    return ANY


def _text(value) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)


def _value(kind: str, text: str):
    if kind == "n":
        return None
    if kind not in _PARSE:
        raise ValueError(kind)
    return _PARSE[kind](text)


def encode(tag: str, cursor: KeysetCursor) -> str:
    raw = json.dumps([tag, cursor.page, [[kind_of(v), _text(v)] for v in cursor.values]], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(text: str | None, tag: str, kinds: tuple[str, ...], nullable: tuple[bool, ...] | None = None
           ) -> KeysetCursor | None:
    """The cursor in `text` if it belongs to the ordering `tag` and its values fit `kinds` (None otherwise)."""
    if not text or not isinstance(text, str) or len(text) > MAX_CURSOR_CHARS:
        return None
    nullable = nullable or (False,) * len(kinds)
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8"))
        got_tag, page, values = raw
        if got_tag != tag or type(page) is not int or not 1 <= page <= MAX_PAGE or len(values) != len(kinds):
            return None
        decoded = []
        for (kind, value_text), expected, may_be_null in zip(values, kinds, nullable, strict=True):
            if not isinstance(kind, str) or not isinstance(value_text, str):
                return None
            if kind == "n":
                if not may_be_null:
                    return None
            elif expected == AWARE_TIME:
                if kind != "t":
                    return None
            elif expected != ANY and kind != expected and not (expected == "f" and kind == "i"):
                return None
            value = _value(kind, value_text)
            if expected == AWARE_TIME and value is not None and value.tzinfo is None:
                return None
            decoded.append(value)
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, InvalidOperation, OverflowError,
            RecursionError):
        return None
    return KeysetCursor(page=page, values=tuple(decoded))
