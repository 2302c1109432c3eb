"""The whole demo of `flask seed-demo`: the city's 2025 records as published, and a platform alive on the seeding day.

1. the six demo logins (demo/seed.py);
2. 2025 as the city published it, unchanged: the July fair with its visitors (demo_fair, demo_people), August's SMK
   programme (demo_smk), the protection register and its aid (demo_protection);
3. the seeding day (`today`, passed down so that tests can stand on a fixed day and `make run` next year looks as
   alive as today): vacancies open now and the next fair (demo_jobs), seekers applying now (demo_seekers), the SMK
   cohort graduating in the coming months (demo_cohort), the protection cycles up to this month (demo_cycle), and
   the demo logins at work (demo_accounts).

Each part checks what exists first: running the seed again adds nothing. The living parts never date anything in
2025, so every 2025 figure stays exactly as published.
"""

from datetime import date

from jobfair.demo import fair as demo_fair
from jobfair.demo import people as demo_people
from jobfair.demo import protection as demo_protection
from jobfair.demo import seed as demo
from jobfair.demo import smk as demo_smk
from jobfair.demo.accounts import company_places, prepare_company, seed_account_work
from jobfair.demo.cohort import seed_cohort
from jobfair.demo.common import FIRST_LIVING_DAY
from jobfair.demo.cycle import seed_cycles
from jobfair.demo.fair import Progress, say
from jobfair.demo.jobs import seed_jobs
from jobfair.demo.seekers import seed_seekers
from jobfair.models import User
from jobfair.services.office import figure_snapshots


@figure_snapshots.refreshed_once  # many commits: the city's figures once, at the end
def seed_today(officer: User, *, today: date, password_hash: str, progress: Progress = None) -> None:
    """What a living platform holds on `today` (after 2025), each part once per database."""
    if today < FIRST_LIVING_DAY:
        raise ValueError(f"the living demo stands on a day after 2025, not on {today:%d-%m-%Y}")
    seed_jobs(officer, today=today, password_hash=password_hash, progress=progress)
    seed_seekers(officer, today=today, password_hash=password_hash, progress=progress)
    prepare_company(today)
    seed_cohort(officer, today=today, password_hash=password_hash, progress=progress,
                before_ranking=lambda pupils, graduation: company_places(officer, pupils, graduation, today))
    seed_cycles(officer, today=today, progress=progress)
    seed_account_work(officer, today=today, progress=progress)


def seed_all(*, today: date | None = None, progress: Progress = None, covered: int = demo_protection.COVERED,
             fair_seekers: int = demo_people.SEEKER_COUNT) -> dict[str, str]:
    """The whole demo. Returns {e-mail: password} of the demo logins created now (empty on a second run).
    `covered` and `fair_seekers` default to the published figures; tests may ask for a smaller register."""
    from jobfair.services.office import figure_snapshots

    today = today or date.today()
    with figure_snapshots.deferred():  # thousands of commits: the city's figures are computed once, at the end
        created = demo.seed_demo()
        password_hash = demo.record_only_password_hash()  # one hash for every record-only account
        fair = demo_fair.seed_july_2025_fair(password_hash=password_hash, progress=progress)
        demo_people.seed_fair_people(fair, seekers=fair_seekers, password_hash=password_hash, progress=progress)
        for line in demo_people.fair_summary(fair.id):
            say(progress, line)
        officer = demo_fair.demo_officer()
        demo_smk.seed_smk_programme(officer, password_hash=password_hash, progress=progress)
        for line in demo_smk.smk_summary():
            say(progress, line)
        demo_protection.seed_protection(officer, covered=covered, progress=progress)
        for line in demo_protection.protection_summary(officer):
            say(progress, line)
        seed_today(officer, today=today, password_hash=password_hash, progress=progress)
    return created
