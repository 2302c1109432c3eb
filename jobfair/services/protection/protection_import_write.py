"""Set-based checks and bulk writes of the protection import (services/protection/protection_import.py).

The rows of a file go into a temporary table (COPY on PostgreSQL, one executemany on SQLite), and the register is
checked with two joins against it instead of loading the register into Python. Apply writes persons, workers and
enrolments with ids taken up front (a sequence on PostgreSQL; on SQLite the write lock is already held by the quota
UPDATE, so max(id) cannot move) through COPY / executemany, and the database itself generates the cover months
(generate_series / a recursive CTE), 12 a row. The unique keys (person.nik_hmac, one cover month per person, kind
and month) and the quota CHECK stay the guards against a concurrent import: a violation is raised as SQLAlchemy's
IntegrityError whichever path it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import CoverMonth, Enrolment, Person, ProtectionStatus, Worker
from jobfair.models.base import utcnow

ACTIVE = [s.value for s in ProtectionStatus if s not in (ProtectionStatus.REJECTED, ProtectionStatus.ENDED)]
ALREADY_ENROLLED = _l("NIK ini sudah terdaftar di program ini; tidak perlu didaftarkan lagi.")

# Not in db.metadata: a per-connection scratch table, never part of the schema (tests/test_migrations.py).
_scratch = MetaData()
candidates = Table("import_candidate", _scratch, Column("row_number", Integer), Column("nik_hmac", String(64)),
                   Column("cover_from", Date), Column("cover_to", Date), prefixes=["TEMPORARY"])


def _dialect() -> str:
    return db.session.connection().dialect.name


def bulk_insert(table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert plain rows (values in `columns` order, Python types) in the session's transaction: COPY on
    PostgreSQL, one DBAPI executemany on SQLite (dates and datetimes stored as SQLAlchemy stores them)."""
    connection = db.session.connection()
    dialect = connection.dialect
    driver = connection.connection.driver_connection
    try:
        if dialect.name == "postgresql":
            from psycopg import sql

            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns))
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        order = [columns.index(key) for key in compiled.positiontup]
        converted = [(position, convert) for position, convert in
                     enumerate(_sqlite_converter(table.c[columns[i]].type, dialect) for i in order) if convert]

        def prepared(row):
            values = [row[i] for i in order]
            for position, convert in converted:
                if values[position] is not None:
                    values[position] = convert(values[position])
            return values

        values = map(prepared, rows)
        cursor = driver.cursor()
        try:
            cursor.executemany(str(compiled), values)
        finally:
            cursor.close()
    except dialect.dbapi.IntegrityError as exc:
        raise IntegrityError(f"bulk insert into {table.name}", None, exc) from exc


def _sqlite_converter(column_type, dialect):
    """What SQLAlchemy does to a value of this column before handing it to sqlite3, made cheap: a date is stored as
    its ISO text (SQLAlchemy's SQLite format), anything else through SQLAlchemy's own processor but once per
    distinct value (every row of an import carries the same created_at; booleans are two values)."""
    if isinstance(column_type, Date):
        return date.isoformat
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None

    @lru_cache(maxsize=64)
    def once(value):
        return process(value)

    return once


def fill_candidates(rows: Iterable[tuple[int, str, date, date]]) -> None:
    """(row number, NIK HMAC, cover from, cover to) into this connection's import_candidate table."""
    connection = db.session.connection()
    candidates.drop(connection, checkfirst=True)
    candidates.create(connection)
    bulk_insert(candidates, ("row_number", "nik_hmac", "cover_from", "cover_to"), rows)


def drop_candidates() -> None:
    candidates.drop(db.session.connection(), checkfirst=True)


def register_conflicts(programme, rows: list[tuple[int, str, date, date]]) -> dict[int, str]:
    """{row number: reason} for rows whose person already has cover of the programme's kind in their period, or an
    open enrolment in this programme: two joins against the rows in import_candidate (filled here, left in place
    for the caller; drop_candidates() removes it)."""
    fill_candidates(rows)
    if not rows:
        return {}
    c = candidates.c
    enrolled = select(c.row_number).join(Person, Person.nik_hmac == c.nik_hmac) \
        .join(Worker, Worker.person_id == Person.id).join(Enrolment, Enrolment.worker_id == Worker.id) \
        .where(Enrolment.programme_id == programme.id, Enrolment.status.in_(ACTIVE)).distinct()
    conflicts = {number: ALREADY_ENROLLED for number in db.session.scalars(enrolled)}
    clashes = select(c.row_number, func.min(CoverMonth.month), func.max(CoverMonth.month)) \
        .join(Person, Person.nik_hmac == c.nik_hmac) \
        .join(CoverMonth, (CoverMonth.person_id == Person.id) & (CoverMonth.cover_kind == programme.cover_kind)
              & (CoverMonth.month >= c.cover_from) & (CoverMonth.month <= c.cover_to)) \
        .group_by(c.row_number)
    for number, first, last in db.session.execute(clashes):
        if number in conflicts:
            continue
        if first == last:
            conflicts[number] = _l("Orang ini sudah mendapat perlindungan jenis yang sama pada %(month)s (dibayar "
                                   "pihak lain atau program lain); periode tidak boleh tumpang tindih.",
                                   month=format_date(first, "yyyy-MM"))
        else:
            conflicts[number] = _l("Orang ini sudah mendapat perlindungan jenis yang sama pada %(first)s s.d. "
                                   "%(last)s (dibayar pihak lain atau program lain); periode tidak boleh tumpang "
                                   "tindih.", first=format_date(first, "yyyy-MM"), last=format_date(last, "yyyy-MM"))
    return conflicts


def _new_ids(table: Table, count: int) -> list[int]:
    """`count` fresh primary keys for `table`. On SQLite the caller holds the write lock (the quota UPDATE ran in
    this transaction), so nobody else can insert before us."""
    if not count:
        return []
    if _dialect() == "postgresql":
        return list(db.session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
            {"table": table.name, "count": count}))
    start = db.session.scalar(select(func.coalesce(func.max(table.c.id), 0))) + 1
    return list(range(start, start + count))


_PERSON = ("id", "nik_encrypted", "nik_hmac", "nik_last4", "nik_region", "full_name", "sex", "birth_date",
           "created_at")
_WORKER = ("address", "kecamatan_code", "kelurahan_code", "phone", "category_code", "monthly_income", "ktp_since",
           "has_disability", "is_elderly")
_ENROLMENT = ("id", "programme_id", "worker_id", "status", "verifying_office", "cover_from", "cover_to", "payer",
              "already_bpjs_member", "kpj_number", "created_by_id", "created_at")

_MONTHS_POSTGRESQL = text(
    "INSERT INTO cover_month (enrolment_id, person_id, cover_kind, month) "
    "SELECT e.id, w.person_id, :kind, m.month::date FROM unnest(CAST(:ids AS integer[])) AS n(id) "
    "JOIN enrolment e ON e.id = n.id JOIN worker w ON w.id = e.worker_id "
    "CROSS JOIN LATERAL generate_series(e.cover_from::timestamp, e.cover_to::timestamp, interval '1 month') "
    "AS m(month)")
_MONTHS_SQLITE = text(
    "WITH RECURSIVE m(enrolment_id, person_id, month, last) AS ("
    " SELECT e.id, w.person_id, e.cover_from, e.cover_to FROM enrolment e JOIN worker w ON w.id = e.worker_id"
    " WHERE e.id BETWEEN :first AND :last"
    " UNION ALL SELECT enrolment_id, person_id, date(month, '+1 month'), last FROM m WHERE month < last) "
    "INSERT INTO cover_month (enrolment_id, person_id, cover_kind, month) "
    "SELECT enrolment_id, person_id, :kind, month FROM m")


def insert_rows(actor, programme, rows: list[dict]) -> list[int]:
    """Persons (found by HMAC or new), workers (updated or new), one enrolment and its cover months per row;
    returns the persons' ids.
    Expects import_candidate filled with these rows (register_conflicts) and the quota already taken."""
    d = date.fromisoformat
    c = candidates.c
    found = db.session.execute(select(c.nik_hmac, Person.id, Worker.id).join(Person, Person.nik_hmac == c.nik_hmac)
                               .outerjoin(Worker, Worker.person_id == Person.id))
    person_ids: dict[str, int] = {}
    worker_ids: dict[int, int] = {}
    for digest, person_id, worker_id in found:
        person_ids[digest] = person_id
        if worker_id is not None:
            worker_ids[person_id] = worker_id
    now = utcnow()
    new_people = [r for r in rows if r["nik_hmac"] not in person_ids]
    for r, person_id in zip(new_people, _new_ids(Person.__table__, len(new_people)), strict=True):
        person_ids[r["nik_hmac"]] = person_id
    bulk_insert(Person.__table__, _PERSON, (
        (person_ids[r["nik_hmac"]], r["nik_encrypted"], r["nik_hmac"], r["nik_last4"], r["nik_region"],
         r["full_name"], r["sex"], d(r["birth_date"]), now) for r in new_people))

    def worker_values(r):
        return (r["address"], r["kecamatan_code"], r["kelurahan_code"], r["phone"], r["category_code"],
                r["monthly_income"], r["ktp_since"] and d(r["ktp_since"]), r["has_disability"], r["is_elderly"])

    existing = [{"id": worker_ids[person_ids[r["nik_hmac"]]], "updated_at": now,
                 **dict(zip(_WORKER, worker_values(r), strict=True))}
                for r in rows if person_ids[r["nik_hmac"]] in worker_ids]
    if existing:
        db.session.execute(update(Worker), existing)
    fresh = [r for r in rows if person_ids[r["nik_hmac"]] not in worker_ids]
    for r, worker_id in zip(fresh, _new_ids(Worker.__table__, len(fresh)), strict=True):
        worker_ids[person_ids[r["nik_hmac"]]] = worker_id
    bulk_insert(Worker.__table__, ("id", "person_id", "created_at", "disability_note", *_WORKER), (
        (worker_ids[person_ids[r["nik_hmac"]]], person_ids[r["nik_hmac"]], now, "", *worker_values(r))
        for r in fresh))
    enrolment_ids = _new_ids(Enrolment.__table__, len(rows))
    actor_id = getattr(actor, "id", None)
    bulk_insert(Enrolment.__table__, _ENROLMENT, (
        (enrolment_id, programme.id, worker_ids[person_ids[r["nik_hmac"]]], ProtectionStatus.REGISTERED.value, "",
         d(r["cover_from"]), d(r["cover_to"]), programme.payer, r.get("already_bpjs_member"), r["kpj"], actor_id, now)
        for r, enrolment_id in zip(rows, enrolment_ids, strict=True)))
    if _dialect() == "postgresql":
        db.session.execute(_MONTHS_POSTGRESQL, {"kind": programme.cover_kind, "ids": enrolment_ids})
    else:  # the ids are consecutive: taken under the write lock
        db.session.execute(_MONTHS_SQLITE, {"kind": programme.cover_kind, "first": enrolment_ids[0],
                                            "last": enrolment_ids[-1]})
    drop_candidates()  # on a failure the rollback removes it (or the next fill_candidates does)
    return list(set(person_ids.values()))
