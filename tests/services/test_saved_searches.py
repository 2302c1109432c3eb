"""Saved searches (job alerts): the limit, ownership, the due days, the digest (never twice, only true matches,
the e-mail consent), the unsubscribe token, the job kind and the command."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db as _db
from jobfair.models import Notification, OutboxEmail, SavedSearch, SavedSearchSent
from jobfair.security import public_url
from jobfair.services import jobs, notifications
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import saved_search_digest, saved_searches
from jobfair.services.job_tasks import RUN_ALERTS
from jobfair.services.privacy import consents
from tests import factories
from tests.concurrency import run_at_once


def _vacancy(company=None, **fields):
    """Published a minute from now by default (after the saved search of the test was made)."""
    fields.setdefault("published_at", datetime.now(UTC) + timedelta(minutes=1))
    return factories.published_vacancy(company, **fields)


def _run(now=None):
    """The digest, by default the next day (a search saved today is due tomorrow)."""
    return saved_search_digest.run(link_for=public_url, now=now or datetime.now(UTC) + timedelta(days=1))


def _outbox() -> list[OutboxEmail]:
    return list(_db.session.scalars(select(OutboxEmail).where(OutboxEmail.subject.contains("Lowongan baru"))
                                    .order_by(OutboxEmail.id)))


@pytest.fixture
def seeker(db):
    return factories.make_seeker()


@pytest.fixture
def company(db):
    return factories.application_company(company_name="PT Maju Logistik")


def test_a_seeker_saves_the_search_with_its_filters(seeker):
    saved = saved_searches.save(seeker, name="  Operator  utara ", frequency="daily", q="operator  forklift",
                                kecamatan="647101", employment_type="contract", wage_min=4_000_000,
                                disability_friendly=True)
    assert (saved.name, saved.q, saved.frequency) == ("Operator utara", "operator forklift", "daily")
    assert saved.query_args() == {"q": "operator forklift", "kecamatan": "647101", "employment_type": "contract",
                                  "wage_min": 4_000_000, "disability_friendly": "y"}
    row, = saved_searches.page_for(seeker)["rows"]
    assert row.label == "Operator utara"
    assert "Kata kunci: operator forklift" in row.parts and "Hubungan kerja: Kontrak (PKWT)" in row.parts
    assert "Upah minimal: Rp4.000.000" in row.parts


def test_a_search_saved_at_a_given_moment_is_dated_then_and_due_from_it(seeker):
    saved_at = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)   # 20.00 WITA (the demo dates its rows this way)
    saved = saved_searches.save(seeker, q="operator", frequency="daily", now=saved_at)
    assert saved.created_at == saved_at
    assert saved_search_digest.is_due(saved, saved_at + timedelta(days=1))


def test_the_eleventh_saved_search_is_refused(seeker):
    for n in range(saved_searches.MAX_PER_SEEKER):
        saved_searches.save(seeker, q=f"kata{n}")
    with pytest.raises(ValidationFailed) as refused:
        saved_searches.save(seeker, q="satu lagi")
    assert "10 pencarian" in refused.value.field_errors["saved_search"]
    assert saved_searches.count_for(seeker) == 10
    saved_searches.delete(seeker, saved_searches.list_for(seeker)[0].id)
    saved_searches.save(seeker, q="satu lagi")   # room again after a delete


def test_the_same_search_twice_and_unknown_values_are_refused(seeker):
    saved_searches.save(seeker, q="kasir", kecamatan="647101")
    with pytest.raises(ValidationFailed) as twice:
        saved_searches.save(seeker, q=" kasir ", kecamatan="647101", frequency="daily")
    assert "sudah tersimpan" in twice.value.field_errors["saved_search"]
    with pytest.raises(ValidationFailed) as bad:
        saved_searches.save(seeker, q="kasir", frequency="hourly", kecamatan="999999")
    assert set(bad.value.field_errors) == {"frequency", "saved_search"}
    with pytest.raises(ValidationFailed) as long_words:
        saved_searches.save(seeker, q="x" * 201)
    assert "200 karakter" in long_words.value.field_errors["q"]


def test_another_seekers_saved_search_is_not_found(seeker):
    saved = saved_searches.save(seeker, q="las")
    other = factories.make_seeker()
    for call in (lambda: saved_searches.get_own(other, saved.id),
                 lambda: saved_searches.set_frequency(other, saved.id, "daily"),
                 lambda: saved_searches.delete(other, saved.id)):
        with pytest.raises(NotFound):
            call()
    assert saved_searches.list_for(other) == []
    with pytest.raises(PermissionDenied):
        saved_searches.save(factories.make_company_user(), q="las")
    assert _db.session.get(SavedSearch, saved.id).frequency == "weekly"


def test_due_in_calendar_days_of_balikpapan(seeker):
    saved = saved_searches.save(seeker, q="las", frequency="daily")
    saved.created_at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)        # Monday 10.00 WITA
    assert not saved_search_digest.is_due(saved, datetime(2026, 3, 2, 15, 59, tzinfo=UTC))  # 23.59 the same day
    assert saved_search_digest.is_due(saved, datetime(2026, 3, 2, 16, 0, tzinfo=UTC))   # 00.00 WITA Tuesday
    saved.last_digest_at = datetime(2026, 3, 2, 23, 0, 30, tzinfo=UTC)   # Tuesday 07.00.30 WITA
    assert not saved_search_digest.is_due(saved, datetime(2026, 3, 3, 15, 0, tzinfo=UTC))   # Tuesday 23.00
    assert saved_search_digest.is_due(saved, datetime(2026, 3, 3, 23, 0, 0, tzinfo=UTC))    # Wednesday 07.00
    saved.frequency = "weekly"
    assert not saved_search_digest.is_due(saved, datetime(2026, 3, 8, 23, 0, tzinfo=UTC))   # Monday: 6 days
    assert saved_search_digest.is_due(saved, datetime(2026, 3, 9, 23, 0, tzinfo=UTC))       # Tuesday: 7 days
    _db.session.commit()
    assert saved_search_digest.due_ids(datetime(2026, 3, 9, 23, 0, tzinfo=UTC)) == [saved.id]
    assert saved_search_digest.due_ids(datetime(2026, 3, 8, 23, 0, tzinfo=UTC)) == []


def test_the_digest_mails_the_new_matches_once(seeker, company, app):
    now = datetime.now(UTC)
    saved = saved_searches.save(seeker, q="operator", frequency="daily")
    forklift = _vacancy(company, title="Operator Forklift", description="Memindahkan palet.")
    _vacancy(company, title="Kasir", description="Melayani pembeli.")
    _vacancy(company, title="Operator Crane", description="Lama.", published_at=now - timedelta(days=3))
    assert _run(now) == {"due": 0, "sent": 0, "vacancies": 0}   # saved today: first digest tomorrow
    assert _run() == {"due": 1, "sent": 1, "vacancies": 1}
    email, = _outbox()
    assert email.recipient == seeker.email and email.subject == "[Disnaker Balikpapan] Lowongan baru: “operator”"
    assert "Operator Forklift" in email.body and "PT Maju Logistik" in email.body
    assert "Kasir" not in email.body and "Operator Crane" not in email.body   # not matching / published before
    base = app.config["PUBLIC_BASE_URL"]
    assert f"{base}/lowongan/{forklift.id}\n" in email.body
    assert f"{base}/lowongan?q=operator" in email.body and f"{base}/berhenti-langganan/" in email.body
    assert seeker.phone not in email.body and seeker.full_name not in email.body
    note, = _db.session.scalars(select(Notification).where(Notification.user_id == seeker.id,
                                                          Notification.message.contains("lowongan baru")))
    assert notifications.path_of(note) == "/pencari-kerja/pencarian-tersimpan"
    assert _run() == {"due": 0, "sent": 0, "vacancies": 0}   # the same morning again: not due
    assert _db.session.get(SavedSearch, saved.id).last_sent_at is not None
    _vacancy(company, title="Operator Excavator", description="Baru.", published_at=now + timedelta(days=1, hours=1))
    assert _run(now + timedelta(days=2)) == {"due": 1, "sent": 1, "vacancies": 1}
    second = _outbox()[1]
    assert "Operator Excavator" in second.body and "Operator Forklift" not in second.body


def test_a_vacancy_already_sent_is_never_sent_again(seeker, company):
    saved = saved_searches.save(seeker, q="operator", frequency="daily")
    _vacancy(company, title="Operator Forklift")
    assert _run()["sent"] == 1
    _db.session.get(SavedSearch, saved.id).last_digest_at = None   # as if the claim had been lost
    _db.session.commit()
    assert _run(datetime.now(UTC) + timedelta(days=2)) == {"due": 1, "sent": 0, "vacancies": 0}
    assert len(_outbox()) == 1
    _db.session.add(SavedSearchSent(saved_search_id=saved.id,
                                    vacancy_id=_db.session.scalar(select(SavedSearchSent.vacancy_id))))
    with pytest.raises(IntegrityError):   # the database itself refuses a second row for the pair
        _db.session.commit()
    _db.session.rollback()


def test_two_digests_at_once_send_one_email(app, seeker, company):
    saved_searches.save(seeker, q="operator", frequency="daily")
    _vacancy(company, title="Operator Forklift")
    reports = run_at_once(app, _run, 2)
    assert sorted(report["sent"] for report in reports) == [0, 1]
    assert len(_outbox()) == 1


def test_words_matching_nothing_send_no_similar_titles(seeker, company):
    saved_searches.save(seeker, q="operatr", frequency="daily")   # the search page would show similar titles
    _vacancy(company, title="Operator Forklift")
    assert _run()["sent"] == 0 and _outbox() == []


def test_filters_of_the_search_page_apply(seeker, company):
    saved_searches.save(seeker, kecamatan="647101", frequency="daily")
    _vacancy(company, title="Staf Gudang Satu", kecamatan_code="647101")
    _vacancy(company, title="Staf Gudang Dua", kecamatan_code="647103")
    _vacancy(company, title="Staf Tutup", kecamatan_code="647101", status="closed")
    assert _run()["vacancies"] == 1
    email, = _outbox()
    assert "Staf Gudang Satu" in email.body and "Dua" not in email.body and "Staf Tutup" not in email.body


def test_without_the_email_consent_only_the_in_app_notification(seeker, company):
    consents.withdraw(seeker, "email")
    saved_searches.save(seeker, q="operator", frequency="daily")
    _vacancy(company, title="Operator Forklift")
    assert _run()["sent"] == 1
    assert _outbox() == []
    assert _db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == seeker.id, Notification.message.contains("lowongan baru"))) == 1


def test_the_unsubscribe_token_names_one_saved_search(seeker, app):
    saved = saved_searches.save(seeker, q="las")
    token = saved_searches.unsubscribe_token(saved)
    assert saved_searches.by_token(token).id == saved.id
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (tampered, "", "abc", token + "x", token.replace(".", "", 1)):
        with pytest.raises(NotFound):
            saved_searches.by_token(bad)
    other_secret = saved_searches.URLSafeSerializer("another-secret", salt=saved_searches.TOKEN_SALT)
    with pytest.raises(NotFound):
        saved_searches.by_token(other_secret.dumps([saved.id, seeker.id, int(saved.created_at.timestamp())]))
    assert saved_searches.unsubscribe(token) == "“las”"
    assert _db.session.get(SavedSearch, saved.id) is None
    with pytest.raises(NotFound):   # spent
        saved_searches.unsubscribe(token)


def test_the_job_kind_and_the_command_run_the_digest(seeker, company, app, runner, pin_today):
    saved_searches.save(seeker, q="operator", frequency="daily")
    _vacancy(company, title="Operator Forklift")
    pin_today(datetime.now(UTC).date() + timedelta(days=1))
    job = jobs.enqueue(RUN_ALERTS)   # in-process queue in the tests
    assert job.status == "done" and job.result == {"due": 1, "sent": 1, "vacancies": 1}
    result = runner.invoke(args=["alerts-digest"])
    assert result.exit_code == 0 and "Alerts digest: due=0, sent=0, vacancies=0" in result.output
    queued = runner.invoke(args=["alerts-digest", "--queue"])
    assert queued.exit_code == 0 and "Alerts digest queued as job" in queued.output
    assert len(_outbox()) == 1


def test_data_saya_lists_the_seekers_own_saved_searches(seeker):
    import json

    from jobfair.services.privacy import my_data

    saved_searches.save(seeker, name="Juru las", q="las", frequency="daily")
    saved_searches.save(factories.make_seeker(), name="Punya orang lain", q="kasir")
    records = json.loads(my_data.export(seeker, "json").json_bytes())["sections"]["saved_searches"]["records"]
    assert [(r["name"], r["search"], r["frequency"]) for r in records] == [("Juru las", "Kata kunci: las", "Harian")]
