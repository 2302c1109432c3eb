"""Consent in a real (headless) Chromium on a 360 px phone, with JavaScript switched off for the seeker:
the seeker registers ticking the consents (recorded), applies, and the company sees the CV; the seeker withdraws
CV sharing on "Persetujuan saya" after the confirmation step, and the company's applicant page stops offering
the CV (its address answers 404) while the application itself stays."""

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import ConsentRecord, SeekerProfile, User
from jobfair.services.hiring import applications
from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT, open_menu, pass_second_factor

SEEKER_EMAIL = "dewi.lestari@example.id"
PASSWORD = "Kerja-Balikpapan-2025"


def _context(browser: Browser, live_server: str, *, javascript: bool = True):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=live_server,
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context


def _register(seeker) -> None:
    seeker.goto("/akun/daftar/pencari-kerja")
    seeker.get_by_label("NIK (16 angka sesuai KTP)").fill("6471025003960012")   # woman, born 10-03-1996
    seeker.get_by_label("Nama lengkap").fill("Dewi Lestari")
    seeker.get_by_role("radio", name="Perempuan").check()
    seeker.get_by_label("Tanggal lahir").fill("1996-03-10")
    seeker.get_by_label("E-mail").fill(SEEKER_EMAIL)
    seeker.get_by_label("Nomor HP").fill("081255500912")
    seeker.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    seeker.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    seeker.get_by_label("Saya setuju profil dan CV saya dilihat perusahaan yang saya lamar.").check()
    seeker.locator("main form").get_by_role("button", name="Daftar").click()
    # the required consent was left unticked: refused beside its box, nothing created
    box = seeker.locator(".field", has=seeker.locator("#consent_placement"))
    expect(box.locator(".error")).to_contain_text("wajib")
    seeker.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    seeker.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    seeker.get_by_label("Saya setuju data saya diolah untuk pendaftaran dan layanan penempatan kerja").check()
    seeker.locator("main form").get_by_role("button", name="Daftar").click()
    expect(seeker.get_by_role("heading", name="Beranda pencari kerja")).to_be_visible()


def _give_cv(email: str) -> None:
    """The CV file as seeker_profiles would store it (the upload page has its own browser test)."""
    profile = db.session.scalar(select(SeekerProfile).join(User).where(User.email == email))
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "cv"
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex + ".pdf"
    (folder / name).write_bytes(factories.TINY_PDF)
    profile.cv_storage_name, profile.cv_original_name = name, "cv-dewi.pdf"
    profile.cv_uploaded_at = datetime.now(UTC)
    db.session.commit()


def test_withdrawn_cv_sharing_hides_the_cv_from_the_company(app, browser: Browser, live_server: str):
    with app.app_context():
        company_user = factories.application_company()
        company_email = company_user.email
        vacancy_id = factories.published_vacancy(company_user, title="Staf Gudang").id

    seeker_context = _context(browser, live_server, javascript=False)
    company_context = _context(browser, live_server)
    seeker, company = seeker_context.new_page(), company_context.new_page()
    try:
        _register(seeker)
        with app.app_context():
            recorded = {r.purpose: r.given for r in db.session.scalars(select(ConsentRecord))}
            assert recorded == {"placement": True, "cv_sharing": True, "ak1": False, "email": False}
            _give_cv(SEEKER_EMAIL)
            seeker_user = db.session.scalar(select(User).where(User.email == SEEKER_EMAIL))
            application_id = applications.apply(seeker_user, vacancy_id, cover_letter="Saya teliti dan rapi.",
                                                today=date.today()).id

        company.goto("/akun/masuk")
        company.get_by_label("E-mail").fill(company_email)
        company.get_by_label("Kata sandi").fill(factories.PASSWORD)
        company.locator("main form").get_by_role("button", name="Masuk").click()
        pass_second_factor(company, company_email)
        company.goto(f"/perusahaan/pelamar/{application_id}")
        expect(company.get_by_role("link", name="Unduh CV (PDF)")).to_be_visible()
        expect(company.locator("main")).to_contain_text(SEEKER_EMAIL)

        open_menu(seeker)
        seeker.locator("header nav").get_by_role("link", name="Persetujuan saya", exact=True).click()
        card = seeker.locator("main article", has=seeker.get_by_role("heading", name="Berbagi profil dan CV"))
        card.get_by_role("link", name="Tarik persetujuan").click()
        expect(seeker.locator("main")).to_contain_text("Perusahaan tidak lagi dapat melihat atau mengunduh CV Anda")
        seeker.get_by_role("button", name="Tarik persetujuan").click()   # without the confirmation: refused
        expect(seeker.locator(".error-summary")).to_be_visible()
        seeker.get_by_label("Saya mengerti akibatnya dan ingin menarik persetujuan ini.").check()
        seeker.get_by_role("button", name="Tarik persetujuan").click()
        expect(seeker.locator(".flashes")).to_contain_text("berlaku seketika")
        expect(card).to_contain_text("Tidak diberikan / ditarik")

        company.reload()
        expect(company.get_by_role("link", name="Unduh CV (PDF)")).to_have_count(0)
        expect(company.locator("main")).not_to_contain_text(SEEKER_EMAIL)
        expect(company.locator("main")).to_contain_text("Saya teliti dan rapi.")
        assert company.request.get(f"/perusahaan/pelamar/{application_id}/cv").status == 404
    finally:
        seeker_context.close()
        company_context.close()
