"""Search words and page cursors (pure): what reaches the full-text engines is only quoted words."""

import re
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules import search_query
from jobfair.rules.search_query import Cursor, decode_cursor, encode_cursor, parse

FTS5_SHAPE = re.compile(r'^"[^"]*"\*?( AND "[^"]*"\*?)*$')


def test_words_are_split_lowered_and_stripped_of_function_words():
    words = parse("Dibutuhkan  OPERATOR_gudang, yang di Balikpapan!")
    assert words.words == (("dibutuhkan",), ("operator", "gudang"), ("balikpapan",))
    assert words.typed and words.searchable and words.plain() == "dibutuhkan operator gudang balikpapan"


def test_only_function_words_or_signs_leave_nothing_to_search():
    for text in ("yang dan di", "%", "() * - \" '", "YANG  Dan"):
        words = parse(text)
        assert words.typed and not words.searchable
    assert not parse("").typed and not parse("   ").typed and not parse(None).typed


def test_the_query_is_capped_in_length_and_words():
    assert len(parse("a" * 10_000).words[0][0]) == search_query.MAX_TOKEN_CHARS
    assert len(parse(" ".join(f"kata{n}" for n in range(50))).words) == search_query.MAX_WORDS
    assert parse("x " * 150 + "operator").words == (("x",),)   # past 200 characters is not read
    assert parse("las las LAS").words == (("las",),)


def test_fts5_query_quotes_every_word_and_marks_prefixes():
    assert search_query.fts5_query(parse('admin gudang 50% NEAR "x" -y')) == (
        '"admin"* AND "gudang"* AND "50" AND "near"* AND "x" AND "y"')
    assert search_query.fts5_query(parse("maju_jaya a_m")) == '"maju jaya"* AND "a m"'


def test_typo_fallback_keeps_the_first_letters_of_each_word():
    assert search_query.fts5_similar_query(parse("operatr gudng")) == '{title} : ("oper"* AND "gud"*)'
    assert search_query.fts5_similar_query(parse("ab 12")) is None


@given(st.text(max_size=300))
def test_any_text_becomes_quoted_words_only(text):
    words = parse(text)
    if words.searchable:
        assert FTS5_SHAPE.match(search_query.fts5_query(words))
        assert all(token.isalnum() for tokens in words.words for token in tokens)
    assert len(words.words) <= search_query.MAX_WORDS


@given(st.sampled_from(["l", "t", "s"]), st.integers(1, 10_000), st.integers(0, 10**12),
       st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
       st.integers(1, 2**40))
def test_cursors_round_trip(mode, page, score, published_at, vacancy_id):
    cursor = Cursor(mode=mode, page=page, score=None if mode == "l" else score, published_at=published_at,
                    vacancy_id=vacancy_id)
    assert decode_cursor(encode_cursor(cursor)) == cursor


@given(st.text(max_size=200))
def test_any_text_is_no_cursor_or_a_valid_one(text):
    cursor = decode_cursor(text)
    assert cursor is None or (cursor.mode in search_query.MODES and cursor.page >= 1)


def test_estimates_are_rounded_to_two_significant_digits():
    assert [search_query.about(n) for n in (0, 7, 99, 1_234, 1_501, 32_914, 85_066)] == [
        0, 7, 99, 1_200, 1_500, 33_000, 85_000]
