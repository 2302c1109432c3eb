"""The job alerts' digest: for each saved search that is due, ONE e-mail listing the open vacancies that match it
and were published since its last digest, and an in-app notification (`flask alerts-digest`, the job kind
`alerts.digest`, scheduled daily by the worker: jobfair/queue.py).

- Due, in calendar days of Balikpapan (WITA): a daily search whose last digest (before the first: its creation)
  was on an earlier day, a weekly one 7 or more days ago. Days, not hours: the daily run at 07.00 WITA never skips
  a search because yesterday's run reached it a few seconds later, and a search saved yesterday afternoon gets its
  first e-mail this morning.
- Matching: the search page's own open conditions, filters and word match (services/search.new_matches).
- Never twice: a search is claimed with a conditional UPDATE of its last_digest_at (two digests at once: one
  claims it, the other finds it not due), and every vacancy sent is a saved_search_sent row under a unique
  (saved_search_id, vacancy_id) constraint; a vacancy already sent for the search is excluded, and a commit that
  would send one again fails whole (no e-mail).
- The e-mail goes through the outbox (services/mailer.py delivers it) only with the seeker's e-mail consent
  (notifications.email_allowed); it lists title, company and kecamatan with the vacancy's public link, and a
  one-click unsubscribe link. Nothing about the seeker but the address it is sent to.
"""

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import AlertFrequency, Role, SavedSearch, SavedSearchSent, User
from jobfair.rules import numbers
from jobfair.rules.dates import WITA
from jobfair.services import clock, notifications
from jobfair.services.hiring import saved_searches, search

PERIOD_DAYS = {AlertFrequency.DAILY.value: 1, AlertFrequency.WEEKLY.value: 7}
MAX_LISTED = 30   # vacancies in one e-mail; the e-mail links to the whole search for more

LinkFor = Callable[..., str]   # (endpoint, **values) -> absolute URL, e.g. jobfair.security.public_url


def _before(now: datetime, days: int) -> datetime:
    """The start (00.00 WITA) of the day `days - 1` before now's day: a moment before it is `days` days ago."""
    day = now.astimezone(WITA).date() - timedelta(days=days - 1)
    return datetime.combine(day, time(0), WITA).astimezone(UTC)


def is_due(saved: SavedSearch, now: datetime) -> bool:
    return (saved.last_digest_at or saved.created_at) < _before(now, PERIOD_DAYS[saved.frequency])


def _due_condition(now: datetime):
    reference = func.coalesce(SavedSearch.last_digest_at, SavedSearch.created_at)
    return or_(*(and_(SavedSearch.frequency == frequency, reference < _before(now, days))
                 for frequency, days in PERIOD_DAYS.items()))


def due_ids(now: datetime) -> list[int]:
    """Saved searches of active seekers that are due at `now`, oldest first."""
    query = (select(SavedSearch.id).join(User, User.id == SavedSearch.user_id)
             .where(User.active.is_(True), User.role == Role.SEEKER.value, _due_condition(now))
             .order_by(SavedSearch.id))
    return list(db.session.scalars(query))


def run(*, link_for: LinkFor, now: datetime | None = None) -> dict:
    """Send the digest of every due saved search; returns counts. Safe to run again, or twice at once."""
    today = clock.today() if now is None else now.astimezone(WITA).date()   # the open conditions' day
    now = now or clock.now()
    report = {"due": 0, "sent": 0, "vacancies": 0}
    for saved_id in due_ids(now):
        report["due"] += 1
        listed = _digest_one(saved_id, now=now, today=today, link_for=link_for)
        if listed:
            report["sent"] += 1
            report["vacancies"] += listed
    return report


def _claim(saved_id: int, now: datetime) -> bool:
    claimed = db.session.execute(update(SavedSearch).where(SavedSearch.id == saved_id, _due_condition(now))
                                 .values(last_digest_at=now).execution_options(synchronize_session=False))
    return claimed.rowcount == 1


def _digest_one(saved_id: int, *, now: datetime, today, link_for: LinkFor) -> int:
    """One saved search in one transaction; returns the number of vacancies sent (0: nothing sent)."""
    saved = db.session.get(SavedSearch, saved_id)
    if saved is None:
        return 0
    since = saved.last_digest_at or saved.created_at
    if not _claim(saved_id, now):   # another digest took it a moment ago
        db.session.rollback()
        return 0
    already = select(SavedSearchSent.vacancy_id).where(SavedSearchSent.saved_search_id == saved_id)
    found = search.new_matches(**saved.filters(), since=since, today=today, exclude=already, limit=MAX_LISTED)
    if not found:
        db.session.commit()
        return 0
    db.session.add_all(SavedSearchSent(saved_search_id=saved_id, vacancy_id=vacancy.id, sent_at=now)
                       for vacancy in found)
    saved.last_sent_at = now
    user = db.session.get(User, saved.user_id)
    name = saved_searches.label(saved)
    if user.email and notifications.email_allowed(user):
        notifications.email_only(user, f"Lowongan baru: {name}"[:150], _body(saved, found, link_for))
    notifications.notify(user, _l("%(count)s lowongan baru cocok dengan pencarian tersimpan %(name)s.",
                                  count=numbers.number(len(found)), name=str(name)),
                         link=saved_searches.LIST_LINK, email=False)
    try:
        db.session.commit()
    except IntegrityError:   # a vacancy was sent for this search by a digest running beside this one
        db.session.rollback()
        return 0
    return len(found)


def _body(saved: SavedSearch, vacancies: list, link_for: LinkFor) -> str:
    lines = [f"Halo,\n\nAda {len(vacancies)} lowongan baru yang cocok dengan pencarian tersimpan Anda: "
             f"{saved_searches.label(saved)} ({', '.join(map(str, saved_searches.describe(saved)))}):", ""]
    for number, vacancy in enumerate(vacancies, start=1):
        place = vacancy.kecamatan.name if vacancy.kecamatan else "—"
        lines += [f"{number}. {vacancy.title}", f"   {vacancy.company.name} · {place}",
                  f"   {link_for('public.vacancy', vacancy_id=vacancy.id)}", ""]
    frequency = str(saved_searches.FREQUENCY_LABELS[saved.frequency]).lower()
    lines += [f"Semua hasil pencarian ini: {link_for('public.vacancies_search', **saved.query_args())}",
              f"Anda menerima e-mail ini {frequency} karena menyimpan pencarian ini. Ubah frekuensinya atau hapus "
              f"pencarian di {link_for('seekers.saved_searches_list')}",
              "Berhenti menerima e-mail untuk pencarian ini (tanpa masuk): "
              + link_for("public.saved_search_unsubscribe", token=saved_searches.unsubscribe_token(saved))]
    return "\n".join(lines)
