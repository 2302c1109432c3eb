"""Issue 15, point 5: the fair figures count only vacancies that were published. A draft (or a vacancy still
waiting for moderation) that the company closes was never an offer: it adds no vacancy and no openings to the fair
page, the placement report, the city's headline figures or their chart."""

from datetime import date, timedelta

from jobfair.services.hiring import fairs, reports, vacancies
from jobfair.services.office import city_charts, city_figures
from tests import factories


def _fields(fair, **overrides):
    fields = dict(title="Operator Forklift", openings=50, valid_from=date.today(),
                  valid_until=date.today() + timedelta(days=30), employment_type="contract", job_fair_id=fair.id,
                  kecamatan_code="647103", education_min="SMA", wage_min=3_701_508, wage_max=4_000_000)
    fields.update(overrides)
    return fields


def _headline(fair) -> dict:
    return {fig.key: fig.value for fig in city_figures.headline(fair_id=fair.id)}


def test_a_vacancy_closed_before_it_was_published_is_not_counted(db):
    officer = factories.make_officer()
    fair = factories.make_fair(officer)
    company = factories.fair_verified_company()
    fairs.take_booth(company, fair.id)

    published = vacancies.create_draft(company, **_fields(fair, openings=3))
    vacancies.submit(company, published.id)
    vacancies.publish(officer, published.id)
    vacancies.close(company, published.id)       # published, then closed: it was an offer, it counts
    draft = vacancies.create_draft(company, **_fields(fair, title="Kasir"))
    vacancies.close(company, draft.id)           # closed as a draft: never an offer
    waiting = vacancies.create_draft(company, **_fields(fair, title="Satpam", openings=20))
    vacancies.submit(company, waiting.id)
    vacancies.close(company, waiting.id)         # closed while waiting for moderation: never an offer

    figures = fairs.fair_figures(fair.id)
    assert (figures["vacancies"], figures["openings"], figures["job_titles"]) == (1, 3, 1)
    assert [v.id for v in fairs.fair_vacancies(fair.id).items] == [published.id]
    totals = reports.placement_report(officer, fair_id=fair.id)["totals"]
    assert (totals["vacancies"], totals["openings"]) == (1, 3)
    headline = _headline(fair)
    assert (headline["fairs.vacancies"], headline["fairs.openings"]) == (1, 3)
    charts = {c["slug"]: c["rows"] for c in city_charts.dashboard(officer, fair_id=fair.id)["charts"]}
    assert charts["formasi-per-kecamatan"] == [("Balikpapan Utara", 3)]
