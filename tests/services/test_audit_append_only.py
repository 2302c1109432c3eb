"""Audit rows cannot be changed or deleted: the ORM refuses everywhere; on PostgreSQL the database refuses too."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from jobfair.models import AuditEvent
from jobfair.models.audit import AuditImmutableError
from jobfair.services import audit
from tests import factories


@pytest.fixture
def event_id(db):
    officer = factories.make_user("officer")
    event = audit.record(officer, "company.verified", object_type="company", object_id=1)
    db.session.commit()
    return event.id


def _count(db) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)))


def test_orm_refuses_update(db, event_id):
    event = db.session.get(AuditEvent, event_id)
    event.action = "company.rejected"
    with pytest.raises(AuditImmutableError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event_id).action == "company.verified"


def test_orm_refuses_delete(db, event_id):
    before = _count(db)
    db.session.delete(db.session.get(AuditEvent, event_id))
    with pytest.raises(AuditImmutableError):
        db.session.commit()
    db.session.rollback()
    assert _count(db) == before


def _require_postgres(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only; SQLite relies on the ORM guard "
                    "(run with TEST_DATABASE_URL=postgresql+psycopg://…)")


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event",
                                       "UPDATE audit_event SET detail = NULL WHERE id = :id",
                                       "DELETE FROM audit_event WHERE id = :id"])
def test_postgres_refuses_raw_update_and_delete(db, event_id, statement):
    _require_postgres(db)
    before = _count(db)
    with pytest.raises(DBAPIError, match="audit_event is append-only"):
        db.session.execute(text(statement), {"id": event_id})
    db.session.rollback()
    assert _count(db) == before
    assert db.session.get(AuditEvent, event_id).action == "company.verified"


def test_postgres_still_appends(db, event_id):
    _require_postgres(db)
    audit.record(None, "ak1.lapsed", object_type="ak1_card", object_id=2)
    db.session.commit()
    assert db.session.scalar(select(func.count()).where(AuditEvent.action == "ak1.lapsed")) == 1
