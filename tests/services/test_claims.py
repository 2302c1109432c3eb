"""Claims (JKK accident, JKM death) against a subsidised enrolment covering the incident month."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Claim
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.protection import claims
from tests import factories


@pytest.fixture
def officer(db):
    return factories.make_officer()


def _file(officer, enrolment, **overrides):
    fields = dict(kind="accident", incident_date=date(2025, 6, 12), amount=5_000_000, note="Jatuh dari perancah")
    fields.update(overrides)
    return claims.file_claim(officer, enrolment.id, **fields)


def test_file_claim_for_a_covered_month(db, officer):
    enrolment = factories.ledger_enrolment()
    claim = _file(officer, enrolment)
    assert (claim.status, claim.kind, claim.amount, claim.created_by_id) == ("filed", "accident", 5_000_000,
                                                                              officer.id)
    (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "claim.filed"))
    assert event.object_id == str(claim.id)


def test_claim_outside_the_cover_is_refused_with_an_explanation(db, officer):
    enrolment = factories.ledger_enrolment(cover_from=date(2025, 1, 1), cover_to=date(2025, 3, 1))
    with pytest.raises(ValidationFailed) as exc:
        _file(officer, enrolment, incident_date=date(2025, 6, 12))
    assert "masa perlindungan" in exc.value.field_errors["incident_date"]
    assert "01-2025 s.d. 03-2025" in exc.value.field_errors["incident_date"]
    assert db.session.scalar(select(Claim.id)) is None


def test_claim_for_an_enrolment_not_yet_active_is_refused(db, officer):
    enrolment = factories.ledger_enrolment(status="registered", cover_from=None, cover_to=None)
    with pytest.raises(ValidationFailed) as exc:
        _file(officer, enrolment)
    assert "incident_date" in exc.value.field_errors


def test_claim_for_an_ended_enrolment_in_its_former_cover_is_accepted(db, officer):
    enrolment = factories.ledger_enrolment(status="ended", cover_to=date(2025, 7, 1))
    assert _file(officer, enrolment, kind="death", amount=42_000_000).status == "filed"


def test_claim_on_an_aid_programme_is_refused(db, officer):
    enrolment = factories.ledger_enrolment(factories.ledger_programme("recurring_aid"))
    with pytest.raises(ValidationFailed) as exc:
        _file(officer, enrolment)
    assert "subsidi iuran" in exc.value.field_errors["enrolment_id"]


def test_claim_bad_input(db, officer):
    enrolment = factories.ledger_enrolment()
    with pytest.raises(ValidationFailed) as exc:
        _file(officer, enrolment, kind="theft", incident_date=date.today() + timedelta(days=1), amount=0,
              note="x" * 3000)
    assert set(exc.value.field_errors) == {"kind", "incident_date", "amount", "note"}
    with pytest.raises(NotFound):
        claims.file_claim(officer, 999_999, kind="accident", incident_date=date(2025, 6, 1), amount=1)


def test_a_second_death_claim_is_refused(db, officer):
    enrolment = factories.ledger_enrolment()
    _file(officer, enrolment, kind="death", amount=42_000_000)
    with pytest.raises(ValidationFailed) as exc:
        _file(officer, enrolment, kind="death", amount=42_000_000)
    assert "sudah tercatat" in exc.value.field_errors["kind"]


def test_decide_moves_through_the_allowed_states_and_audits(db, officer):
    claim = _file(officer, factories.ledger_enrolment())
    claims.decide(officer, claim.id, "approved", "Berkas lengkap")
    claims.decide(officer, claim.id, "paid", "Dibayar BPJS 2025-07-01")
    assert claim.status == "paid" and "Berkas lengkap" in claim.note
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "claim")
                                      .order_by(AuditEvent.id)))
    assert actions == ["claim.filed", "claim.approved", "claim.paid"]
    with pytest.raises(InvalidState):
        claims.decide(officer, claim.id, "rejected", "terlambat")


def test_decide_bad_input(db, officer):
    claim = _file(officer, factories.ledger_enrolment())
    with pytest.raises(InvalidState):  # not approved yet
        claims.decide(officer, claim.id, "paid", "")
    with pytest.raises(ValidationFailed):
        claims.decide(officer, claim.id, "bogus", "")
    with pytest.raises(ValidationFailed) as exc:
        claims.decide(officer, claim.id, "rejected", "  ")
    assert "alasan" in exc.value.field_errors["note"]
    with pytest.raises(NotFound):
        claims.decide(officer, 999_999, "approved", "")
    assert db.session.get(Claim, claim.id).status == "filed"


def test_list_claims_filters(db, officer):
    programme = factories.ledger_programme()
    first = _file(officer, factories.ledger_enrolment(programme))
    _file(officer, factories.ledger_enrolment(factories.ledger_programme()))
    claims.decide(officer, first.id, "approved", "")
    assert claims.list_claims(officer).total == 2
    assert [c.id for c in claims.list_claims(officer, programme_id=programme.id).items] == [first.id]
    assert claims.list_claims(officer, status="approved").total == 1


@pytest.mark.parametrize("role", ["seeker", "company"])
def test_only_officers_handle_claims(db, role):
    enrolment = factories.ledger_enrolment()
    user = factories.make_user(role)
    with pytest.raises(PermissionDenied):
        claims.file_claim(user, enrolment.id, kind="accident", incident_date=date(2025, 6, 1), amount=1)
    with pytest.raises(PermissionDenied):
        claims.list_claims(user)
