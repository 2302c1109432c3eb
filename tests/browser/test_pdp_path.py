"""Issue 12's whole path in a real (headless) Chromium, the seeker with JavaScript off on a 360 px phone: the seeker
registers (consents recorded), applies, downloads "Data saya" (their applications and no one else's), withdraws CV
sharing (the company's applicant page stops offering the CV), asks for erasure; the officer approves it on the
review desk; every city figure is what it was before."""

import json
from datetime import date

from playwright.sync_api import Browser, expect
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import ConsentRecord, Person, User
from jobfair.services.hiring import applications
from tests import factories
from tests.browser.conftest import pass_second_factor
from tests.browser.test_consent_path import SEEKER_EMAIL, _context, _give_cv, _register
from tests.services.test_erasure import city_outputs


def _figures(officer_id: int, fair_id: int) -> dict:
    """The city's figures, with the report's fair object (one per database session) named by its id."""
    outputs = city_outputs(db.session.get(User, officer_id), fair_id)
    outputs["placements_fair"] = {**outputs["placements_fair"], "fair": fair_id}
    return outputs


def _log_in(page, email: str) -> None:
    page.goto("/akun/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)


def test_register_apply_download_withdraw_erase_and_the_figures_stay(app, browser: Browser, live_server: str):
    with app.app_context():
        officer = factories.make_officer()
        officer_email, officer_id = officer.email, officer.id
        fair_id = factories.make_fair(officer).id
        company_user = factories.application_company()
        company_email = company_user.email
        vacancy_id = factories.published_vacancy(company_user, title="Staf Gudang").id
        other = factories.seeker_with_cv()   # another applicant: must not appear in our seeker's download
        applications.apply(other, vacancy_id, cover_letter="Surat pelamar lain.", today=date.today())

    seeker_context = _context(browser, live_server, javascript=False)
    company_context, officer_context = _context(browser, live_server), _context(browser, live_server)
    seeker, company, office = seeker_context.new_page(), company_context.new_page(), officer_context.new_page()
    try:
        _register(seeker)
        with app.app_context():
            assert {r.purpose for r in db.session.scalars(select(ConsentRecord).where(ConsentRecord.given))} >= {
                "placement", "cv_sharing"}
            _give_cv(SEEKER_EMAIL)
            seeker_user = db.session.scalar(select(User).where(User.email == SEEKER_EMAIL))
            application_id = applications.apply(seeker_user, vacancy_id, cover_letter="Saya teliti dan rapi.",
                                                today=date.today()).id

        # "Data saya": the page and the JSON download hold this seeker's application, not the other's
        seeker.goto("/data-saya")
        expect(seeker.locator("main")).to_contain_text("Staf Gudang")
        download = seeker.request.get("/data-saya/unduh.json")
        assert download.status == 200
        text = download.text()
        assert "Saya teliti dan rapi." in text and "Surat pelamar lain." not in text
        assert "6471025003960012" not in text   # the NIK only masked
        assert json.loads(text)

        # withdrawn CV sharing: the company's applicant page stops offering the CV
        _log_in(company, company_email)
        company.goto(f"/perusahaan/pelamar/{application_id}")
        expect(company.get_by_role("link", name="Unduh CV (PDF)")).to_be_visible()
        seeker.goto("/persetujuan")
        card = seeker.locator("main article", has=seeker.get_by_role("heading", name="Berbagi profil dan CV"))
        card.get_by_role("link", name="Tarik persetujuan").click()
        seeker.get_by_label("Saya mengerti akibatnya dan ingin menarik persetujuan ini.").check()
        seeker.get_by_role("button", name="Tarik persetujuan").click()
        company.reload()
        expect(company.get_by_role("link", name="Unduh CV (PDF)")).to_have_count(0)

        # the erasure request, and the city's figures before the decision
        seeker.goto("/data-saya/penghapusan")
        seeker.get_by_label("Ya, saya minta data pribadi saya dihapus dan akun saya ditutup.").check()
        seeker.get_by_role("button", name="Kirim permintaan penghapusan").click()
        expect(seeker.locator("main")).to_contain_text("Permintaan penghapusan Anda diterima")
        with app.app_context():
            before = _figures(officer_id, fair_id)

        _log_in(office, officer_email)
        office.goto("/disnaker/permintaan-data")
        office.locator("main").get_by_role("link", name="Penghapusan data — Dewi Lestari").click()
        office.get_by_label("Ya, hapus data pribadi orang ini sekarang. Ini tidak dapat dibatalkan.").check()
        office.get_by_role("button", name="Setujui dan hapus data").click()
        expect(office.locator("main")).not_to_contain_text("Dewi Lestari")

        with app.app_context():
            after = _figures(officer_id, fair_id)
            assert after == before
            erased = db.session.scalar(select(Person).where(Person.anonymised_at.is_not(None)))
            assert erased is not None and erased.full_name != "Dewi Lestari"
        # the erased login is closed: the seeker's next page is the login form
        seeker.goto("/data-saya")
        expect(seeker.locator("main form").get_by_role("button", name="Masuk")).to_be_visible()
    finally:
        for context in (seeker_context, company_context, officer_context):
            context.close()
