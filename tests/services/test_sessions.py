"""Server-side sessions: idle and absolute timeouts, last-seen writes at most once a minute, and every way an
account's sessions end (logout ends one; password change, role change, deactivation end all)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from jobfair.models import UserSession
from jobfair.services.office import account_admin
from jobfair.services.users import accounts, sessions
from tests import factories

T0 = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def _start(user, now=T0):
    return sessions.start(user, ip="10.0.0.7", user_agent="Mozilla/5.0 " + "x" * 300, now=now)


def _row(db, token):
    return db.session.scalar(select(UserSession).where(UserSession.token_hash == sessions.token_hash(token)))


def test_only_a_hash_of_the_session_id_is_stored_with_a_short_client_summary(db):
    user = factories.make_user("seeker")
    token = _start(user)
    row = _row(db, token)
    assert row.token_hash != token and len(row.token_hash) == 64 and len(token) >= 40
    assert row.ip == "10.0.0.7" and len(row.user_agent) == sessions.USER_AGENT_MAX
    assert row.expires_at == T0 + timedelta(hours=12) and row.ended_at is None


def test_idle_timeout_is_30_minutes_for_office_staff_and_2_hours_for_others(db):
    seeker, officer = factories.make_user("seeker"), factories.make_user("officer")
    seeker_token, officer_token = _start(seeker), _start(officer)
    at_31 = T0 + timedelta(minutes=31)
    assert sessions.resume(seeker_token, seeker.get_id(), now=at_31) is not None
    assert sessions.resume(officer_token, officer.get_id(), now=at_31) is None
    assert _row(db, officer_token).end_reason == "idle"
    # the seeker was seen at minute 31: idle is counted from there
    assert sessions.resume(seeker_token, seeker.get_id(), now=at_31 + timedelta(minutes=119)) is not None
    assert sessions.resume(seeker_token, seeker.get_id(),
                           now=at_31 + timedelta(minutes=119) + timedelta(hours=2, seconds=1)) is None


def test_absolute_timeout_of_12_hours_even_when_active(db):
    user = factories.make_user("seeker")
    token = _start(user)
    for minutes in range(50, 12 * 60, 50):  # a request every 50 minutes, up to 11 h 40
        assert sessions.resume(token, user.get_id(), now=T0 + timedelta(minutes=minutes)) is not None
    assert sessions.resume(token, user.get_id(), now=T0 + timedelta(hours=12)) is None
    assert _row(db, token).end_reason == "expired"


def test_last_seen_is_written_at_most_once_a_minute(db):
    user = factories.make_user("seeker")
    token = _start(user)
    sessions.resume(token, user.get_id(), now=T0 + timedelta(seconds=30))
    assert _row(db, token).last_seen_at == T0
    sessions.resume(token, user.get_id(), now=T0 + timedelta(seconds=61))
    db.session.expire_all()
    assert _row(db, token).last_seen_at == T0 + timedelta(seconds=61)


def test_a_session_of_another_user_or_an_unknown_id_opens_nothing(db):
    first, second = factories.make_user("seeker"), factories.make_user("seeker")
    token = _start(first)
    assert sessions.resume(token, second.get_id(), now=T0) is None
    assert sessions.resume("made-up-session-id", first.get_id(), now=T0) is None
    assert sessions.resume(None, first.get_id(), now=T0) is None
    assert sessions.resume(_row(db, token).token_hash, first.get_id(), now=T0) is None  # the stored hash is no key


def test_logout_ends_exactly_that_session(db):
    user = factories.make_user("seeker")
    phone, laptop = _start(user), _start(user)
    sessions.end(phone, "logout", now=T0)
    assert sessions.resume(phone, user.get_id(), now=T0) is None
    assert sessions.resume(laptop, user.get_id(), now=T0) is not None
    assert _row(db, phone).end_reason == "logout"


def test_password_change_ends_every_other_session_of_the_account(db):
    user = factories.make_user("seeker")
    here, elsewhere = _start(user), _start(user)
    accounts.change_password(user, current_password=factories.PASSWORD, new_password="Baru-Sekali-2026",
                             keep_session_id=_row(db, here).id, now=T0)
    assert sessions.resume(elsewhere, user.get_id(), now=T0) is None
    assert _row(db, elsewhere).end_reason == "password_changed"
    assert sessions.resume(here, user.get_id(), now=T0) is not None


def test_role_change_and_deactivation_end_all_sessions(db):
    admin, officer = factories.make_user("admin"), factories.make_user("officer")
    tokens = [_start(officer), _start(officer)]
    accounts.change_role(admin, officer.id, "seeker")
    assert {_row(db, t).end_reason for t in tokens} == {"role_changed"}
    token = _start(officer)
    account_admin.deactivate(admin, officer.id, "Pindah dinas")
    assert _row(db, token).end_reason == "deactivated"
    assert sessions.open_sessions(officer) == []


def test_rotation_gives_a_new_id_with_the_same_absolute_end(db):
    user = factories.make_user("officer")
    old = _start(user)
    new = sessions.rotate(old, second_factor=True, now=T0 + timedelta(minutes=1))
    db.session.commit()
    assert new != old
    assert sessions.resume(old, user.get_id(), now=T0 + timedelta(minutes=2)) is None
    resumed = sessions.resume(new, user.get_id(), now=T0 + timedelta(minutes=2))
    assert resumed.second_factor_done and _row(db, new).expires_at == T0 + timedelta(hours=12)


def test_prune_deletes_only_sessions_and_links_that_ended_a_month_ago(db, app):
    from jobfair.models import PasswordReset
    from jobfair.services.users import password_reset

    now = datetime.now(UTC)  # the command runs at the real time
    user = factories.make_user("seeker")
    old, recent, live = _start(user, now=now - timedelta(days=40)), _start(user, now=now), _start(user, now=now)
    sessions.end(old, now=now - timedelta(days=40))
    sessions.end(recent, now=now - timedelta(days=2))
    password_reset.request_reset(user.email, link_for=str, now=now - timedelta(days=31, hours=2))
    result = app.test_cli_runner().invoke(args=["prune-sessions"])
    assert result.exit_code == 0 and "Deleted 1 old session(s) and 1 old reset link(s)." in result.output
    assert _row(db, old) is None and _row(db, recent) is not None and _row(db, live) is not None
    assert db.session.scalar(select(PasswordReset)) is None
