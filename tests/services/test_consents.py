"""Consent per purpose (UU PDP): recorded at registration, append-only, the latest record decides, withdrawal
stops the processing at once (CV and profile to companies, e-mails, AK/1, the match), new notice versions are
asked again, the summary for "Data saya"."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair import privacy_notices
from jobfair.models import AuditEvent, ConsentRecord, Notification, OutboxEmail, StudentChoice
from jobfair.models.consent import ConsentImmutableError
from jobfair.privacy_notices import AK1, CV_SHARING, EMAIL, MATCH_SHARING, PLACEMENT, PROTECTION
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring import ak1, applicants, applications
from jobfair.services.notifications import notify
from jobfair.services.privacy import consents
from jobfair.services.smk import match_inputs, preferences, students
from tests import factories


def _records(db, user):
    return db.session.scalars(select(ConsentRecord).where(ConsentRecord.person_id == user.person_id)
                              .order_by(ConsentRecord.id)).all()


def test_registration_records_every_seeker_purpose_given_or_refused(db):
    user = factories.make_seeker(consents=(PLACEMENT, CV_SHARING))
    rows = {r.purpose: r for r in _records(db, user)}
    assert set(rows) == {PLACEMENT, CV_SHARING, AK1, EMAIL}
    assert rows[PLACEMENT].given and rows[CV_SHARING].given
    assert not rows[AK1].given and not rows[EMAIL].given
    assert {(r.channel, r.notice_version, r.user_id, r.recorded_by_id) for r in rows.values()} == {
        ("web", 1, user.id, user.id)}
    assert consents.has_consent(user, CV_SHARING) and not consents.has_consent(user, EMAIL)
    assert consents.withdrawn(user, EMAIL) and not consents.withdrawn(user, PLACEMENT)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "consent_record")
                                 .order_by(AuditEvent.id)).all()
    assert sorted(actions) == ["consent.given", "consent.given", "consent.refused", "consent.refused"]
    consents.withdraw(user, CV_SHARING)
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == "consent.withdrawn"


def test_registration_without_the_required_consent_is_refused_beside_the_box(db):
    with pytest.raises(ValidationFailed) as exc:
        factories.make_seeker(consents=(CV_SHARING, EMAIL))
    assert set(exc.value.field_errors) == {"consent_placement"}
    assert "wajib" in exc.value.field_errors["consent_placement"]
    assert db.session.scalar(select(func.count()).select_from(ConsentRecord)) == 0


def test_consent_records_are_append_only(db):
    user = factories.make_seeker()
    row = _records(db, user)[0]
    row.given = not row.given
    with pytest.raises(ConsentImmutableError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(ConsentImmutableError):
        db.session.delete(_records(db, user)[0])
        db.session.flush()
    db.session.rollback()


def test_the_latest_record_decides_and_withdrawal_is_immediate(db):
    user = factories.make_seeker()
    consents.withdraw(user, CV_SHARING)
    assert not consents.has_consent(user, CV_SHARING)
    consents.give(user, CV_SHARING)
    assert consents.has_consent(user, CV_SHARING)
    assert [r.given for r in _records(db, user) if r.purpose == CV_SHARING] == [True, False, True]
    consents.withdraw(user, EMAIL)
    with pytest.raises(ValidationFailed):
        consents.withdraw(user, EMAIL)   # twice: nothing left to withdraw
    with pytest.raises(NotFound):
        consents.withdraw(user, MATCH_SHARING)   # not a seeker's purpose
    with pytest.raises(NotFound):
        consents.give(user, "marketing")


def _applied(cv=True):
    company = factories.application_company()
    vacancy = factories.published_vacancy(company)
    seeker = factories.seeker_with_cv(cv=cv)
    application = applications.apply(seeker, vacancy.id, cover_letter="Saya berminat.", today=date.today())
    return company, seeker, vacancy, application


def test_a_company_no_longer_sees_the_cv_or_profile_after_withdrawal(db):
    company, seeker, vacancy, application = _applied()
    detail = applicants.applicant(company, application.id)
    assert detail.profile_shared and detail.cv_available and detail.fit.reasons
    assert applicants.cv_for_company(company, application.id)[0].exists()
    score_before = detail.fit.score

    consents.withdraw(seeker, CV_SHARING)
    detail = applicants.applicant(company, application.id)
    assert not detail.profile_shared and not detail.cv_available and detail.fit.reasons == ()
    assert detail.fit.score == score_before > 0   # the ranking stays, its reasons (quoting the profile) go
    with pytest.raises(NotFound):
        applicants.cv_for_company(company, application.id)
    _vacancy, page, fits = applicants.applicants(company, vacancy.id)
    assert [a.id for a in page.items] == [application.id] and fits[application.id].reasons == ()

    consents.give(seeker, CV_SHARING)   # given again: shared again
    assert applicants.applicant(company, application.id).cv_available


def test_emails_stop_after_withdrawal_but_in_app_notifications_stay(db):
    seeker = factories.make_seeker()

    def counts():
        return (db.session.scalar(select(func.count()).select_from(Notification)
                                  .where(Notification.user_id == seeker.id)),
                db.session.scalar(select(func.count()).select_from(OutboxEmail)
                                  .where(OutboxEmail.recipient == seeker.email)))

    notify(seeker, "Pesan satu")
    db.session.commit()
    assert counts() == (1, 1)
    consents.withdraw(seeker, EMAIL)
    notify(seeker, "Pesan dua")
    db.session.commit()
    assert counts() == (2, 1)
    staff = factories.make_officer()   # a work account without a person: not subject to the consent
    notify(staff, "Untuk petugas")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)
                             .where(OutboxEmail.recipient == staff.email)) == 1


def test_a_seeker_who_never_consented_to_emails_gets_none(db):
    seeker = factories.make_seeker(consents=(PLACEMENT,))
    notify(seeker, "Pesan")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)
                             .where(OutboxEmail.recipient == seeker.email)) == 0


def test_withdrawn_match_sharing_removes_the_student_from_the_next_round(db):
    officer = factories.make_officer()
    company = factories.match_company(officer=officer)
    place = factories.approved_place(company, officer, places=2)
    staying = factories.make_student(login=True, report_score="90")
    leaving = factories.make_student(login=True, report_score="85")
    for student in (staying, leaving):
        preferences.set_choices(student.user, [place.id])
    inputs = match_inputs.gather(date.today())
    assert set(inputs.student_prefs) == {staying.id, leaving.id}

    consents.give(leaving.user, MATCH_SHARING)
    consents.withdraw(leaving.user, MATCH_SHARING)
    inputs = match_inputs.gather(date.today())
    assert set(inputs.student_prefs) == {staying.id}
    assert [e["student_id"] for e in inputs.excluded] == [leaving.id]
    assert "ditarik" in inputs.excluded[0]["reason"]
    assert db.session.scalar(select(func.count()).select_from(StudentChoice)) == 2   # choices kept, only unused
    assert [c.student_id for c in preferences.candidates(company, place.id)] == [staying.id]   # hidden from it


def test_the_guardian_consent_is_a_match_sharing_record_given_by_the_guardian(db):
    officer = factories.make_officer()
    minor = factories.make_student(birth_date=date(date.today().year - 17, 1, 1))
    students.record_guardian_consent(officer, minor.id)
    row = consents.latest(minor.person, MATCH_SHARING)
    assert row.given and row.by_guardian and row.channel == "office" and row.recorded_by_id == officer.id


def test_withdrawn_ak1_consent_stops_requests_and_the_office_issuing(db):
    seeker = factories.make_seeker(consents=(PLACEMENT,))
    factories.complete_profile(seeker)
    with pytest.raises(InvalidState, match="Persetujuan saya"):
        ak1.request_card(seeker)
    consents.give(seeker, AK1)
    card = ak1.request_card(seeker)
    consents.withdraw(seeker, AK1)
    with pytest.raises(InvalidState, match="menarik persetujuan"):
        ak1.issue(factories.make_officer(), card.id)


def test_a_new_notice_version_is_asked_again(db, monkeypatch):
    seeker = factories.make_seeker()
    assert consents.pending_review(seeker) == []
    notice = privacy_notices.PURPOSES[CV_SHARING]
    newer = replace(notice.current, version=2, published_on=date(2027, 1, 1))
    monkeypatch.setitem(privacy_notices.PURPOSES, CV_SHARING, replace(notice, versions=notice.versions + (newer,)))
    pending = consents.pending_review(seeker)
    assert [row["purpose"].code for row in pending] == [CV_SHARING] and pending[0]["outdated"]
    assert consents.has_consent(seeker, CV_SHARING)    # the old consent holds until answered
    with pytest.raises(ValidationFailed) as exc:
        consents.review(seeker, {})
    assert set(exc.value.field_errors) == {"consent_cv_sharing"}
    assert consents.review(seeker, {CV_SHARING: False}) == []
    assert not consents.has_consent(seeker, CV_SHARING)
    assert consents.latest(seeker, CV_SHARING).notice_version == 2


def test_a_required_consent_cannot_be_refused_in_the_review(db):
    seeker = factories.make_seeker()
    consents.withdraw(seeker, PLACEMENT)
    assert [row["purpose"].code for row in consents.pending_review(seeker)] == [PLACEMENT]
    with pytest.raises(ValidationFailed) as exc:
        consents.review(seeker, {PLACEMENT: False})
    assert "Data saya" in exc.value.field_errors["consent_placement"]
    assert consents.review(seeker, {PLACEMENT: True}) == []


def test_protection_enrolment_records_the_office_consent(db):
    enrolment = factories.make_enrolment(status="registered")
    row = consents.latest(enrolment.worker.person, PROTECTION)
    assert row.given and row.channel == "office" and row.recorded_by_id == enrolment.created_by_id


def test_summary_for_lists_every_record_with_the_current_one_marked(db):
    seeker = factories.make_seeker()
    consents.withdraw(seeker, EMAIL)
    summary = consents.summary_for(seeker)
    assert len(summary) == 5
    email_rows = [row for row in summary if row["purpose"] == EMAIL]
    assert [(row["given"], row["current"]) for row in email_rows] == [(True, False), (False, True)]
    assert set(summary[0]) == {"purpose", "purpose_title", "notice_version", "given", "at", "channel",
                               "by_guardian", "recorded_by_role", "current"}
    assert consents.summary_for(factories.make_officer()) == []
    other = factories.make_seeker()
    assert all(row["at"] for row in consents.summary_for(other)) and len(consents.summary_for(other)) == 4
