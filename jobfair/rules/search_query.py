"""The words of a vacancy search and the page cursor, made safe for the full-text engines (pure Python).

The user's text never becomes SQL or engine syntax: it is cut to MAX_QUERY_CHARS, split into words on white space,
each word into its runs of letters and digits (so `%`, `_`, quotes, `*`, `-`, `(`, `)` are separators, never
operators), Indonesian function words are dropped, and at most MAX_WORDS words are kept. PostgreSQL gets each word
as a bound parameter of `phraseto_tsquery`; SQLite FTS5 gets each word as a double-quoted string (a phrase), so even
`NEAR`, `AND`, `OR`, `NOT` are plain words there.
"""

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_TOKEN_CHARS = 40
PREFIX_MIN_CHARS = 3      # SQLite: a word of at least 3 letters also matches longer words it begins
MAX_CURSOR_CHARS = 120

# Function words that say nothing about a job (conjunctions, prepositions, particles, pronouns). A query of only
# these finds nothing: searching "yang dan di" would otherwise match every description.
STOP_WORDS = frozenset("""
ada adalah agar akan aku anda atau atas bagi bahwa baik bisa dalam dan dapat dari demikian dengan di dia ia
ini itu jika juga ka kalau kami kamu karena ke kita maka masih mereka namun oleh pada para saja sampai sangat
saya sebagai secara sedang sehingga sejak serta setelah sudah supaya tapi tetapi untuk yaitu yakni yang
""".split())

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchWords:
    words: tuple[tuple[str, ...], ...]   # each typed word as its letter/digit tokens, lower case
    typed: bool                          # the user typed something (perhaps nothing searchable)

    @property
    def searchable(self) -> bool:
        return bool(self.words)

    def plain(self) -> str:
        """All tokens separated by spaces (for trigram similarity)."""
        return " ".join(" ".join(tokens) for tokens in self.words)


def parse(text: str | None) -> SearchWords:
    """'Dibutuhkan operator_gudang!' -> (('dibutuhkan',), ('operator', 'gudang'))."""
    text = unicodedata.normalize("NFKC", (text or "")[:MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS].lower()
    words: list[tuple[str, ...]] = []
    for chunk in text.split():
        tokens = tuple(token[:MAX_TOKEN_CHARS] for token in _TOKEN.findall(chunk))
        if not tokens or all(token in STOP_WORDS for token in tokens) or tokens in words:
            continue
        words.append(tokens)
        if len(words) == MAX_WORDS:
            break
    return SearchWords(words=tuple(words), typed=bool(text.strip()))


def about(count: int) -> int:
    """An estimated count as people say it: two significant digits (32,914 -> 33,000; 1,234 -> 1,200)."""
    if count < 100:
        return max(0, count)
    digits = len(str(count)) - 2
    return round(count, -digits)


def _fts5_string(tokens) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def fts5_query(search: SearchWords) -> str:
    """Every word must match (as a phrase of its tokens); a last token of 3+ letters also matches as a prefix."""
    parts = []
    for tokens in search.words:
        parts.append(_fts5_string(tokens) + ("*" if len(tokens[-1]) >= PREFIX_MIN_CHARS else ""))
    return " AND ".join(parts)


def similar_stem(token: str) -> str:
    """The first letters a mistyped word most likely still has right: 3 of a short word, 4 of a longer one."""
    return token[:4] if len(token) >= 6 else token[:3]


def fts5_similar_query(search: SearchWords) -> str | None:
    """SQLite's typo fallback: the title holds words beginning like each typed word ('operatr' -> oper*)."""
    stems = [similar_stem(token) for tokens in search.words for token in tokens if len(token) >= PREFIX_MIN_CHARS]
    if not stems:
        return None
    return "{title} : (" + " AND ".join(_fts5_string((stem,)) + "*" for stem in stems) + ")"


# --- the page cursor -------------------------------------------------------------------------------------------
# Opaque to the user: base64 of "mode.page.score.microseconds.id". A cursor that does not decode is ignored (the
# first page is served), never an error. Modes: l = listing (newest first), t = full-text rank, s = similar titles.

MODES = ("l", "t", "s")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    mode: str
    page: int                    # the page this cursor leads to (for "Halaman N")
    score: int | None
    published_at: datetime
    vacancy_id: int

    def key(self) -> tuple:
        keys = (self.published_at, self.vacancy_id)
        return keys if self.score is None else (self.score, *keys)


def encode_cursor(cursor: Cursor) -> str:
    micros = (cursor.published_at - _EPOCH) // timedelta(microseconds=1)
    score = "" if cursor.score is None else str(cursor.score)
    raw = f"{cursor.mode}.{cursor.page}.{score}.{micros}.{cursor.vacancy_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str | None) -> Cursor | None:
    if not text or len(text) > MAX_CURSOR_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
        mode, page, score, micros, vacancy_id = raw.split(".")
        cursor = Cursor(mode=mode, page=int(page), score=int(score) if score else None,
                        published_at=_EPOCH + timedelta(microseconds=int(micros)), vacancy_id=int(vacancy_id))
    except (ValueError, UnicodeDecodeError, binascii.Error, OverflowError):
        return None
    if cursor.mode not in MODES or not 1 <= cursor.page <= 1_000_000 or (cursor.score is None) != (mode == "l"):
        return None
    return cursor
