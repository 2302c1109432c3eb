"""Walk every page of each role in English and in Indonesian: no sentence of the other language is left.

On the seeded demo (tests/browser/seeded_demo.py) with the app's test client (no browser needed): for anonymous
visitors and each demo account, `/` and the pages its links lead to (inside the site, one visit per URL shape,
at most MAX_PAGES per role). The text a person reads (text nodes, placeholders, titles, labels of buttons) is
checked for function words of the other language, after taking out names and data: every text value stored in
the demo database (vacancy titles and descriptions, company and person names, addresses...) is data, whatever
its language. All problems are reported together.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from sqlalchemy import JSON, String, Text, inspect, select

from jobfair.demo import seed as demo
from jobfair.extensions import db
from tests.conftest import login

MAX_PAGES = 80
ROLES = [None, "seeker", "company", "student", "school", "officer", "admin"]
SKIP = re.compile(r"(\.(csv|xlsx|svg|pdf|png|zip|json|atom|rss)$)|(/cv$)|(/unduh(\.\w+)?$)|(^/static/)"
                  r"|(^/akun/keluar)|(^/bahasa)|(^/api/)")
# Words that only one of the two languages uses in running text (never in the other's names or codes).
INDONESIAN = {"yang", "dan", "untuk", "dengan", "tidak", "belum", "sudah", "telah", "anda", "akan", "dari", "pada",
              "atau", "oleh", "dalam", "dapat", "harus", "sebagai", "kepada", "setiap", "semua", "jika", "tanpa",
              "juga", "masih", "bisa", "menunggu", "lihat", "simpan", "kembali", "sedang", "baru"}
ENGLISH = {"the", "and", "of", "to", "your", "you", "with", "for", "this", "not", "has", "have", "been", "will",
           "from", "are", "is", "was", "please", "only", "there", "which", "when", "who", "yet", "waiting", "open"}
WORD = re.compile(r"[A-Za-z]+")
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Text(HTMLParser):
    """The text a reader sees: text nodes outside script/style, and the visible attributes. A subtree marked as
    another language (`lang`) or not to translate (`translate="no"`: file headers, stored data) is left out."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden from here down)

    def _hidden(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        hidden = self._hidden() or tag in ("script", "style") or values.get("translate") == "no" or (
            "lang" in values and tag != "html")
        if not hidden:
            self.chunks.extend(values[name] for name in VISIBLE_ATTRIBUTES if values.get(name))
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.chunks.append(values["value"])
        if tag not in self.VOID:
            self._open.append((tag, hidden))

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):  # tolerate unclosed inner tags
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break

    def handle_data(self, data):
        if not self._hidden() and data.strip():
            self.chunks.append(" ".join(data.split()))


def _shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _texts(value):
    """The strings inside a stored value (a JSON column holds them in lists and objects)."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [str(value)] if value not in (None, "") else []


def _data_values(app) -> list[str]:
    """Every text stored in the demo database, longest first (so a long value goes before its parts)."""
    values: set[str] = set()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = [column for column in table.columns if isinstance(column.type, String | Text | JSON)]
            if not columns or not inspect(db.engine).has_table(table.name):
                continue
            for row in db.session.execute(select(*columns).limit(20000)):
                values.update(" ".join(text.split()) for value in row for text in _texts(value) if len(text) >= 3)
        db.session.remove()
    return sorted(values, key=len, reverse=True)


@pytest.fixture(scope="module")
def data_values(seeded_demo):
    return _data_values(seeded_demo.app)


def _found(text: str, words: set[str]) -> set[str]:
    return {word for word in WORD.findall(text) if word.lower() in words}


def _foreign_words(text: str, data: list[str], words: set[str]) -> set[str]:
    if not _found(text, words):  # most texts: nothing to look at, skip the data scan
        return set()
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    return _found(text, words)


def _walk(client, data: list[str], words: set[str]) -> list[str]:
    """One line per text found (with the first page it was seen on)."""
    problems: dict[str, str] = {}
    seen, queue = set(), ["/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if _shape(url) in seen:
            continue
        seen.add(_shape(url))
        response = client.get(url)
        if response.status_code != 200 or not response.mimetype.startswith("text/html"):
            continue
        parser = _Text()
        parser.feed(response.get_data(as_text=True))
        for chunk in parser.chunks:
            found = _foreign_words(chunk, data, words)
            if found and chunk not in problems:
                problems[chunk] = f"{url}: {chunk[:120]!r} ({', '.join(sorted(found))})"
        for href in parser.links:
            target = urldefrag(urljoin("http://localhost" + url, href)).url
            parts = urlsplit(target)
            if parts.netloc == "localhost" and not SKIP.search(parts.path):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(problems.values())


def _client(seeded_demo, role: str | None, lang: str):
    client = seeded_demo.app.test_client()
    if role is not None:
        email, password = seeded_demo.credentials(role)
        response = login(client, email, password)
        assert response.status_code == 302, f"the demo {role} could not log in"
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


@pytest.mark.parametrize("role", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_english_pages_hold_no_indonesian_sentence(seeded_demo, data_values, role):
    problems = _walk(_client(seeded_demo, role, "en"), data_values, INDONESIAN)
    assert not problems, f"{len(problems)} Indonesian texts in English mode:\n" + "\n".join(problems[:80])


@pytest.mark.parametrize("role", ROLES, ids=[role or "anonymous" for role in ROLES])
def test_indonesian_pages_hold_no_english_sentence(seeded_demo, data_values, role):
    problems = _walk(_client(seeded_demo, role, "id"), data_values, ENGLISH)
    assert not problems, f"{len(problems)} English texts in Indonesian mode:\n" + "\n".join(problems[:80])


def test_the_walk_finds_a_sentence_of_the_other_language(seeded_demo, data_values):
    """The check can fail: an Indonesian sentence that is not data is caught, a stored name is not."""
    name = next(value for value in data_values if " " in value)
    assert _foreign_words(f"{name} belum membayar", data_values, INDONESIAN) == {"belum"}
    assert _foreign_words(name, data_values, INDONESIAN) == set()
    assert demo.demo_email("seeker") in seeded_demo.passwords
