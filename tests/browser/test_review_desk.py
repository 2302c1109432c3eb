"""The office's review desk in a real (headless) Chromium on a 360 px phone screen (issue 6, "Done when").

Set up through the services: a company awaiting verification, a submitted vacancy of another (verified) company,
a requested AK/1 card of a seeker with a complete profile, and a placement a third company reported. The officer
starts at the desk (/disnaker/), opens each queue from its table, decides — verify the company, publish the
vacancy, issue the AK/1 card, verify the placement — and sees the item leave its queue, the desk's count go down
by one, and the decision appear in the audit trail (searched by action and object). Pages are reached by clicking,
except the start page and the audit trail, which is opened by its address.
"""

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from jobfair.services.hiring import ak1, applicants, applications, vacancies
from tests import factories
from tests.browser.conftest import open_menu, pass_second_factor

COMPANY = "PT Mahakam Logistik Nusantara"
VACANCY_COMPANY = "PT Teluk Balikpapan Marine"
VACANCY = "Juru Mudi Kapal Tunda"
AK1_SEEKER = "Siti Rahmawati"
HIRED_SEEKER = "Agus Prasetyo"
HIRED_TITLE = "Operator Forklift Gudang"
QUEUES = {"companies": "Perusahaan menunggu verifikasi", "vacancies": "Lowongan menunggu tayang",
          "ak1": "Kartu AK/1 menunggu diterbitkan", "placements": "Penempatan menunggu verifikasi"}


def _set_up_the_four_queues() -> dict:
    officer = factories.make_user("officer")
    company_id = factories.make_company_user(company_name=COMPANY).company_id

    vacancy_company = factories.verified_company_user(officer, company_name=VACANCY_COMPANY)
    vacancy = factories.make_vacancy(vacancy_company, publish=False, title=VACANCY)
    vacancies.submit(vacancy_company, vacancy.id)

    seeker = factories.make_seeker(full_name=AK1_SEEKER)
    factories.complete_profile(seeker)
    card_id = ak1.request_card(seeker).id

    employer = factories.application_company()
    posting = factories.published_vacancy(employer, title=HIRED_TITLE)
    hired = factories.seeker_with_cv(cv=True)
    hired.person.full_name = HIRED_SEEKER
    application = applications.apply(hired, posting.id, today=date.today())
    applicants.change_status(employer, application.id, "shortlisted")
    placement = applicants.hire(employer, application.id, start_date=date.today() + timedelta(days=7),
                                contract_type="PKWT", wage=4_100_000)
    return {"officer_email": officer.email, "company_id": company_id, "vacancy_id": vacancy.id, "card_id": card_id,
            "placement_id": placement.id}


def _login(page: Page, email: str) -> None:
    page.goto("/")
    page.locator("main").get_by_role("link", name="Masuk").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)
    expect(page.locator(".flashes")).to_contain_text("Selamat datang")


def _desk(page: Page) -> None:
    open_menu(page)
    page.locator("header nav").get_by_role("link", name="Meja kerja", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meja kerja Disnaker")


def _count_cell(page: Page, queue: str):
    row = page.locator("main tr", has=page.get_by_role("link", name=QUEUES[queue], exact=True))
    return row.locator("td").nth(1)


def _open_queue(page: Page, queue: str) -> int:
    """From the desk: read the queue's count, then open the queue by its link."""
    _desk(page)
    cell = _count_cell(page, queue)
    expect(cell).to_have_text(re.compile(r"^\d+$"))
    count = int(cell.inner_text())
    assert count >= 1, f"{queue}: the set-up item is not counted"
    page.locator("main").get_by_role("link", name=QUEUES[queue], exact=True).click()
    return count


def _desk_count_is(page: Page, queue: str, expected: int) -> None:
    _desk(page)
    expect(_count_cell(page, queue)).to_have_text(str(expected))


def _audit_shows(page: Page, action: str, object_type: str, object_id: int, officer_email: str) -> None:
    page.goto("/disnaker/audit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jejak audit")
    page.get_by_label("Tindakan", exact=True).fill(action)
    page.get_by_label("Jenis objek", exact=True).fill(object_type)
    page.get_by_label("ID objek", exact=True).fill(str(object_id))
    page.locator("main form").get_by_role("button", name="Cari", exact=True).click()
    expect(page.locator("#audit-count")).to_have_text("1 catatan ditemukan, terbaru lebih dulu.")
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(action)
    expect(row).to_contain_text(f"{object_type} #{object_id}")
    expect(row).to_contain_text(officer_email)
    expect(row).to_contain_text("Petugas Disnaker")
    expect(row).to_contain_text("127.0.0.1")


def test_officer_works_through_every_queue_and_each_decision_is_audited(app, page: Page, live_server: str):
    with app.app_context():
        ids = _set_up_the_four_queues()
    officer_email = ids["officer_email"]
    _login(page, officer_email)

    # 1. verify the company
    before = _open_queue(page, "companies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Perusahaan menunggu verifikasi")
    page.locator("main").get_by_role("link", name=COMPANY).click()
    page.get_by_role("button", name="Verifikasi perusahaan").click()
    expect(page.locator(".flashes")).to_contain_text(f"{COMPANY} sudah diverifikasi.")
    expect(page.locator("main").get_by_role("link", name=COMPANY)).to_have_count(0)
    _desk_count_is(page, "companies", before - 1)
    _audit_shows(page, "company.verified", "company", ids["company_id"], officer_email)

    # 2. publish the vacancy
    before = _open_queue(page, "vacancies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lowongan menunggu moderasi")
    page.locator("main").get_by_role("link", name=VACANCY).click()
    page.get_by_role("button", name="Tayangkan lowongan").click()
    expect(page.locator(".flashes")).to_contain_text(f"Lowongan '{VACANCY}' ditayangkan.")
    expect(page.locator("main").get_by_role("link", name=VACANCY)).to_have_count(0)
    _desk_count_is(page, "vacancies", before - 1)
    _audit_shows(page, "vacancy.published", "vacancy", ids["vacancy_id"], officer_email)

    # 3. issue the AK/1 card
    before = _open_queue(page, "ak1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrean kartu AK/1")
    page.locator("main tr", has_text=AK1_SEEKER).get_by_role("link", name="Periksa").click()
    page.get_by_label("Data sudah saya periksa sesuai KTP; terbitkan kartu.").check()
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    expect(page.locator(".flashes")).to_contain_text("diterbitkan.")
    page.locator("main").get_by_role("link", name="Antrean kartu AK/1").click()
    expect(page.locator("main tr", has_text=AK1_SEEKER)).to_have_count(0)
    _desk_count_is(page, "ak1", before - 1)
    _audit_shows(page, "ak1.issued", "ak1_card", ids["card_id"], officer_email)

    # 4. verify the placement
    before = _open_queue(page, "placements")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi penempatan")
    card = page.locator("main article", has_text=f"{HIRED_SEEKER} — {HIRED_TITLE}")
    expect(card).to_contain_text("Rp4.100.000")
    card.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.locator(".flashes")).to_contain_text(f"Penempatan {HIRED_SEEKER} diverifikasi.")
    expect(page.locator("main article", has_text=f"{HIRED_SEEKER} — {HIRED_TITLE}")).to_have_count(0)
    _desk_count_is(page, "placements", before - 1)
    _audit_shows(page, "placement.verified", "placement", ids["placement_id"], officer_email)

    # The whole morning's work, newest first, in one search by the officer.
    page.goto("/disnaker/audit")
    page.get_by_label("Pengguna (e-mail atau nama)").fill(officer_email)
    page.get_by_label("Peran").select_option(label="Petugas Disnaker")
    page.locator("main form").get_by_role("button", name="Cari", exact=True).click()
    actions = page.locator("main table tbody tr td:nth-child(4)")
    expect(actions).to_contain_text(["placement.verified", "ak1.issued", "vacancy.published", "company.verified"])
