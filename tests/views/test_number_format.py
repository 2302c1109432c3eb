"""Numbers are written one way on every page (rules.numbers behind the number/percent/rupiah filters), and no
template or module writes them by hand any more."""

import re
from datetime import date, timedelta
from pathlib import Path

from jobfair.extensions import db
from jobfair.models import JobFair
from jobfair.services.hiring import fairs
from tests import factories
from tests.conftest import csrf_token

ROOT = Path(__file__).resolve().parents[2]


def test_the_fair_page_groups_thousands_and_writes_the_rate_with_a_comma_and_a_space(app, client):
    with app.app_context():
        start = date.today() + timedelta(days=10)
        fair = factories.make_fair(starts_on=start, ends_on=start + timedelta(days=1), capacity=5000)
        company = factories.fair_verified_company()
        fairs.take_booth(company, fair.id)
        fair = db.session.get(JobFair, fair.id)
        vacancy = factories.fair_vacancy(company, fair=fair, openings=7040)
        factories.fair_vacancy(company, fair=fair, title="Juru Las", openings=100)
        for _ in range(3):
            factories.fair_application(vacancy, factories.make_seeker(), status="hired", placement="verified")
        fair_id = fair.id
    page = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert ">7.140<" in page                          # openings: 7.040 + 100
    assert "0,0 %" in page                            # 3 / 7.140 verified placements
    assert "5.000" in page and "7140" not in page and "7,140" not in page


def test_the_english_page_writes_numbers_the_same_way(app, client):
    with app.app_context():
        fair = factories.make_fair(capacity=12500)
        fair_id = fair.id
    response = client.post("/bahasa", data={"lang": "en", "next": f"/bursa-kerja/{fair_id}",
                                            "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    page = client.get(f"/bursa-kerja/{fair_id}").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "12.500" in page and "12,500" not in page


HAND_WRITTEN = [
    re.compile(r"""\{:,\}|:,\}|:,\.\d*f\}"""),                      # "{:,}".format(n), f"{n:,}", f"{x:,.1f}"
    re.compile(r"""replace\(\s*["'],["']\s*,\s*["']\.["']\s*\)"""),  # .replace(",", ".")
    re.compile(r"""replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)"""),  # .replace(".", ",")
    re.compile(r"""\|\s*(numberformat|decimalformat|percentformat|currencyformat)\b"""),  # follow the reader's locale
]
INPUT_PARSERS = {"jobfair/rules/student_rows.py"}  # reads "85,5" typed in a spreadsheet: input, not output


def test_no_number_is_formatted_by_hand():
    offenders = []
    for path in [*ROOT.joinpath("jobfair").rglob("*.py"), *ROOT.joinpath("templates").rglob("*.html")]:
        relative = path.relative_to(ROOT).as_posix()
        if relative in INPUT_PARSERS or relative == "jobfair/rules/numbers.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(pattern.search(line) for pattern in HAND_WRITTEN):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "write numbers with jobfair.rules.numbers or the number/percent/rupiah filters"


def test_open_data_writes_the_label_the_indonesian_way_and_keeps_json_values_plain(app, client):
    with app.app_context():
        company = factories.fair_verified_company()
        fair = factories.make_fair()
        fairs.take_booth(company, fair.id)
        factories.fair_vacancy(company, fair=db.session.get(JobFair, fair.id), openings=7140)
    page = client.get("/open-data").get_data(as_text=True)
    assert "<code>fairs.openings</code>" in page and "7.140 orang" in page
    records = {r["key"]: r for r in client.get("/open-data/figures.json").get_json()["figures"]}
    assert records["fairs.openings"]["value"] == 7140 and records["fairs.placement_rate"]["value"] == 0.0
    csv_rows = client.get("/open-data/figures.csv").get_data(as_text=True).splitlines()
    assert any(row.startswith("fairs.openings,") and ",7140," in row for row in csv_rows)
