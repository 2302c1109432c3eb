"""The monthly report counts each record in the month of its business date — an application when it was
submitted, a hire when the company reported it, a placement when the office verified it — so the report for the
month a fair was held shows the fair page's figures; and it opens on the latest month that has data."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Application, JobFair, Placement
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import applicants, applications, fairs, placements
from jobfair.services.office import monthly_report as mr
from jobfair.services.office import monthly_report_months as months
from tests import factories as f

JULY, AUGUST = date(2025, 7, 1), date(2025, 8, 1)
FAIR_DAY = date(2025, 7, 23)
MORNING = datetime(2025, 7, 23, 1, 0, tzinfo=UTC)  # 09.00 WITA


def july_2025_fair() -> tuple[int, object]:
    """A fair on 23–24 July 2025 with 5 applications, 2 hires and 1 verified placement, made through the
    services with the dates they happened (the moments passed in as `now`)."""
    officer = f.make_officer()
    fair = f.make_fair(officer, starts_on=FAIR_DAY, ends_on=FAIR_DAY + timedelta(days=1))
    company = f.fair_verified_company()
    fairs.take_booth(company, fair.id, today=date(2025, 7, 1))
    fair = db.session.get(JobFair, fair.id)
    vacancy = f.fair_vacancy(company, fair=fair, openings=100, valid_from=date(2025, 7, 10),
                             valid_until=date(2025, 8, 31), published_at=datetime(2025, 7, 10, 1, tzinfo=UTC))
    applied = []
    for n in range(5):
        seeker = f.seeker_with_cv()
        applied.append(applications.apply(seeker, vacancy.id, today=FAIR_DAY, now=MORNING + timedelta(hours=n)))
    hired = []
    for n, application in enumerate(applied[:2]):
        applicants.change_status(company, application.id, "shortlisted", now=MORNING + timedelta(days=2))
        hired.append(applicants.hire(company, application.id, start_date=date(2025, 8, 4), contract_type="PKWT",
                                     wage=3_701_508, now=MORNING + timedelta(days=4, hours=n)))
    placements.verify(officer, hired[0].id, now=datetime(2025, 7, 31, 1, tzinfo=UTC))
    return fair.id, officer


def figure(report, label):
    return next(x for x in report.section("bursa-kerja").figures if x.label == label)


def test_the_report_of_the_fairs_month_shows_the_fair_pages_figures(db):
    fair_id, officer = july_2025_fair()
    page = fairs.fair_figures(fair_id)
    assert (page["applications"], page["hires"], page["verified_placements"], page["openings"]) == (5, 2, 1, 100)
    report = mr.monthly_report(officer, JULY)
    assert figure(report, "Bursa kerja diselenggarakan").value == 1
    assert figure(report, "Formasi (potensi serapan)").value == page["openings"]
    assert figure(report, "Lamaran masuk").value == page["applications"]
    assert figure(report, "Diterima kerja (dilaporkan perusahaan)").value == page["hires"]
    assert figure(report, "Penempatan terverifikasi").value == page["verified_placements"]
    assert figure(report, "Tingkat penempatan").value == page["placement_rate"] == 1.0
    # the fair held that month is listed with the fair page's own figures
    (heading, lines), = report.section("bursa-kerja").lists
    assert len(lines) == 1 and "5 lamaran, 2 diterima kerja, 1 penempatan terverifikasi" in lines[0]
    assert "(tingkat penempatan 1,0 %)" in lines[0]
    # ... and nothing of it falls in August (nor in the month the test runs)
    later = mr.monthly_report(officer, AUGUST)
    assert figure(later, "Lamaran masuk").value == 0 and figure(later, "Lamaran masuk").previous == 5
    assert figure(later, "Diterima kerja (dilaporkan perusahaan)").value == 0


def test_the_history_carries_the_dates_passed_in(db):
    july_2025_fair()
    application = db.session.scalars(select(Application).order_by(Application.id)).first()
    assert application.created_at == MORNING
    assert [e.created_at.date() for e in application.events] == [date(2025, 7, 23), date(2025, 7, 25),
                                                                  date(2025, 7, 27)]
    placement = db.session.scalar(select(Placement).where(Placement.application_id == application.id))
    assert placement.created_at == MORNING + timedelta(days=4)
    assert placement.verified_at == datetime(2025, 7, 31, 1, tzinfo=UTC)


def test_the_report_opens_on_the_latest_complete_month_with_data(db):
    officer = f.make_officer()
    today = date(2026, 12, 2)
    month, choices = months.pick_month(officer, None, today=today)
    assert month == date(2026, 11, 1) and choices == [date(2026, 11, 1)]  # nothing yet: last month
    july_2025_fair()
    month, choices = months.pick_month(officer, "", today=today)
    assert month == JULY
    assert choices[0] == date(2026, 11, 1) and choices[-1] == JULY and len(choices) == 17
    assert months.pick_month(officer, "2025-08", today=today)[0] == AUGUST
    with pytest.raises(ValidationFailed):
        months.pick_month(officer, "2027-01", today=today)
