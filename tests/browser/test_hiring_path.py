"""The whole hiring path of issue 3 in a real (headless) Chromium on a 360 px phone screen.

company registers -> officer verifies -> company takes a booth and posts a vacancy in the fair -> officer publishes
-> seeker registers, completes the profile, uploads a PDF CV, finds the vacancy and applies -> company shortlists,
invites and hires -> officer verifies the placement -> the fair report and the public fair page count one more
verified placement. Company, officer and seeker each have their own browser context (own cookies); every page is
reached by clicking links and buttons, never by typing a URL (except the public start page).
"""

import re
from datetime import date, timedelta

from playwright.sync_api import Browser, Locator, Page, expect

from jobfair.services.hiring import fairs
from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT, open_menu, pass_second_factor

PASSWORD = "Kerja-Balikpapan-2025"
COMPANY = "PT Samudra Teknik Balikpapan"
COMPANY_EMAIL = "hr@samudrateknik.example.id"
SEEKER = "Rudi Hartono"
SEEKER_EMAIL = "rudi.hartono@example.id"
SEEKER_NIK = "6471031208980007"  # Balikpapan Utara (6471 03), man, born 12-08-1998, serial 0007
FAIR = "Job Fair Balikpapan Juli 2025"
FAIR_STARTS_IN_DAYS = 10
TITLE = "Teknisi Perawatan Kapal"
WAGE = "4250000"
SCREENSHOTS = {"vacancy_form": "/tmp/jobfair-vacancy-form-360.png",
               "applicants": "/tmp/jobfair-applicants-list-360.png", "hire": "/tmp/jobfair-hire-form-360.png"}
# A tiny but well-formed one-page PDF (the upload is checked by content, not by name).
PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
       b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


# --- helpers --------------------------------------------------------------------------------------------------

def _new_page(browser: Browser, live_server: str) -> Page:
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", base_url=live_server)
    context.set_default_timeout(10_000)
    return context.new_page()


def _nav(page: Page, name: str) -> None:
    open_menu(page)
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()


def _flash(page: Page) -> Locator:
    return page.locator(".flashes")


def _no_sideways_scroll(page: Page) -> list[int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def _fact(page: Page, term: str) -> int:
    """The whole number in the <dd> after the <dt> ``term`` (figures are formatted like 1.234)."""
    dd = page.locator(f"xpath=//dt[normalize-space()='{term}']/following-sibling::dd[1]")
    expect(dd).to_have_count(1)
    return int(dd.inner_text().strip().replace(".", ""))


def _report_cell(page: Page, header: str) -> int:
    """A column of the totals row of the placement report ("Jumlah" table)."""
    table = page.get_by_role("table", name="Jumlah")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    cell = table.locator("tbody tr").first.locator("td").nth(headers.index(header))
    return int(cell.inner_text().strip().replace(".", ""))


def _fair_report_verified(officer: Page, live_server: str, fair_id: int) -> int:
    _nav(officer, "Laporan")
    officer.get_by_label("Bursa kerja").select_option(label=FAIR)
    officer.get_by_role("button", name="Tampilkan").click()
    expect(officer).to_have_url(re.compile(re.escape(live_server) + rf"/disnaker/laporan/penempatan\?bursa={fair_id}$"))
    expect(officer.locator("main .lead")).to_have_text(FAIR)
    return _report_cell(officer, "Terverifikasi")


def _public_fair_verified(visitor: Page) -> int:
    _nav(visitor, "Bursa kerja")
    visitor.get_by_role("link", name=FAIR).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(FAIR)
    return _fact(visitor, "Penempatan terverifikasi")


def _login(page: Page, email: str, password: str) -> None:
    page.goto("/")
    page.locator("main").get_by_role("link", name="Masuk").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)
    expect(_flash(page)).to_contain_text("Selamat datang")


# --- the steps --------------------------------------------------------------------------------------------------

def _company_registers(company: Page) -> None:
    company.goto("/")
    company.locator("main").get_by_role("link", name="Daftarkan perusahaan").click()
    company.get_by_label("Nama perusahaan").fill(COMPANY)
    company.get_by_label("NIB (13 angka)").fill("9120007654321")
    company.get_by_label("Kecamatan").select_option(label="Balikpapan Utara")
    company.get_by_label("Alamat").fill("Jl. Mulawarman No. 8, Batu Ampar")
    company.get_by_label("Nama penanggung jawab (HR)").fill("Dewi Lestari")
    company.get_by_label("Nomor HP penanggung jawab").fill("081345670011")
    company.get_by_label("E-mail").fill(COMPANY_EMAIL)
    company.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    company.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    company.locator("main form").get_by_role("button", name="Daftar").click()
    expect(company.get_by_role("heading", level=1)).to_have_text(COMPANY)
    expect(company.locator(".badge")).to_have_text("Menunggu verifikasi")


def _officer_verifies_company(officer: Page) -> None:
    _nav(officer, "Perusahaan")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Perusahaan menunggu verifikasi")
    officer.get_by_role("link", name=COMPANY).click()
    expect(officer.locator("main")).to_contain_text("9120007654321")
    expect(officer.locator("main")).to_contain_text("Menunggu verifikasi")
    officer.get_by_role("button", name="Verifikasi perusahaan").click()
    expect(_flash(officer)).to_contain_text(f"{COMPANY} sudah diverifikasi.")
    expect(officer.locator("main")).to_contain_text("Tidak ada perusahaan yang menunggu verifikasi.")


def _company_takes_booth_and_posts_vacancy(company: Page) -> None:
    _nav(company, "Beranda perusahaan")
    expect(company.locator(".badge")).to_have_text("Terverifikasi")

    _nav(company, "Bursa kerja")
    company.get_by_role("link", name=FAIR).click()
    company.get_by_label("Perusahaan kami akan mengisi stan ini selama bursa kerja berlangsung.").check()
    company.get_by_role("button", name="Ambil stan").click()
    expect(_flash(company)).to_contain_text("Stan nomor 1 sudah menjadi milik perusahaan Anda.")
    expect(company.locator("main .badge")).to_have_text("Stan nomor 1")

    _nav(company, "Lowongan")
    company.locator("main").get_by_role("link", name="Buat lowongan").click()
    expect(company.get_by_role("heading", level=1)).to_have_text("Lowongan baru")
    today = date.today()
    company.get_by_label("Nama jabatan").fill(TITLE)
    company.get_by_label("Uraian pekerjaan").fill("Merawat mesin dan kelistrikan kapal tunda di Pelabuhan Semayang.")
    company.get_by_label("Jumlah kebutuhan (orang)").fill("2")
    company.get_by_label("Berlaku mulai").fill(today.isoformat())
    company.get_by_label("Berlaku sampai").fill((today + timedelta(days=45)).isoformat())
    company.get_by_label("Pendidikan minimum").select_option("SMA")
    company.get_by_label("Jurusan (pisahkan dengan koma)").fill("Teknik Mesin, Teknika Kapal")
    company.get_by_label("Keahlian (pisahkan dengan koma)").fill("mesin diesel, kelistrikan, K3")
    company.get_by_label("Pengalaman kerja minimum (tahun)").fill("1")
    company.get_by_label("Usia minimum").fill("20")
    company.get_by_label("Usia maksimum").fill("40")
    company.get_by_label("Upah minimum per bulan (Rp)").fill("3701508")
    company.get_by_label("Upah maksimum per bulan (Rp)").fill("5000000")
    company.get_by_label("Lokasi kerja (kecamatan)").select_option(label="Balikpapan Utara")
    company.get_by_label("Hubungan kerja").select_option(label="Kontrak (PKWT)")
    fair_start = date.today() + timedelta(days=FAIR_STARTS_IN_DAYS)
    company.get_by_label("Bursa kerja (boleh kosong)").select_option(label=f"{FAIR} ({fair_start:%d-%m-%Y})")
    company.screenshot(path=SCREENSHOTS["vacancy_form"], full_page=True)
    form_widths = _no_sideways_scroll(company)
    # After a full-page screenshot, focusing the button scrolls the page in Chromium: the mouse-down of a click
    # moved the button away from under the mouse-up (no submit). Focus it first, then click where it now is.
    save = company.get_by_role("button", name="Simpan draf")
    save.focus()
    save.click()

    expect(_flash(company)).to_contain_text("Draf lowongan disimpan.")
    expect(company.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(company.locator("main .badge")).to_have_text("Draf")
    expect(company.locator("main dl.facts")).to_contain_text(FAIR)
    company.get_by_role("button", name="Ajukan untuk ditayangkan").click()
    expect(_flash(company)).to_contain_text("Lowongan diajukan. Disnaker akan memeriksanya")
    expect(company.locator("main .badge")).to_have_text("Menunggu moderasi")
    assert form_widths[0] <= PHONE_VIEWPORT["width"], f"vacancy form scrolls sideways at 360 px: {form_widths}"


def _officer_publishes_vacancy(officer: Page) -> None:
    _nav(officer, "Lowongan")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Lowongan menunggu moderasi")
    officer.get_by_role("link", name=TITLE).click()
    expect(officer.locator("main .badge").first).to_have_text("Menunggu moderasi")
    expect(officer.locator("main dl.facts")).to_contain_text(FAIR)
    officer.get_by_role("button", name="Tayangkan lowongan").click()
    expect(_flash(officer)).to_contain_text(f"Lowongan '{TITLE}' ditayangkan.")
    expect(officer.locator("main")).to_contain_text("Tidak ada lowongan yang menunggu moderasi.")


def _seeker_registers_completes_profile_and_cv(seeker: Page, cv_path) -> None:
    seeker.goto("/")
    seeker.locator("main").get_by_role("link", name="Daftar sebagai pencari kerja").click()
    seeker.get_by_label("NIK (16 angka sesuai KTP)").fill(SEEKER_NIK)
    seeker.get_by_label("Nama lengkap").fill(SEEKER)
    seeker.get_by_role("radio", name="Laki-laki").check()
    seeker.get_by_label("Tanggal lahir").fill("1998-08-12")
    seeker.get_by_label("E-mail").fill(SEEKER_EMAIL)
    seeker.get_by_label("Nomor HP").fill("081255500777")
    seeker.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    seeker.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    seeker.get_by_label("Saya setuju data saya diolah untuk pendaftaran dan layanan penempatan kerja").check()
    seeker.get_by_label("Saya setuju profil dan CV saya dilihat perusahaan yang saya lamar.").check()
    seeker.locator("main form").get_by_role("button", name="Daftar").click()
    expect(seeker.get_by_role("heading", name="Beranda pencari kerja")).to_be_visible()

    _nav(seeker, "Profil & CV")
    seeker.get_by_role("link", name="Ubah profil").click()
    seeker.get_by_label("Tempat lahir").fill("Balikpapan")
    seeker.get_by_label("Status perkawinan").select_option(label="Belum kawin")
    seeker.get_by_label("Agama/kepercayaan").select_option(label="Islam")
    seeker.get_by_label("Alamat (sesuai KTP atau surat domisili)").fill("Jl. Soekarno-Hatta Km 5 RT 12")
    seeker.get_by_label("Kecamatan").select_option(label="Balikpapan Utara")
    seeker.get_by_label("Kelurahan").select_option(label="Batu Ampar (Balikpapan Utara)")
    seeker.get_by_label("Pendidikan terakhir").select_option("SMK")
    seeker.get_by_label("Nama sekolah/kampus").fill("SMK Negeri 2 Balikpapan")
    seeker.get_by_label("Jurusan").fill("Teknik Mesin")
    seeker.get_by_label("Tahun lulus").fill("2016")
    seeker.get_by_label("Keahlian").fill("mesin diesel, kelistrikan, K3")
    seeker.get_by_label("Pengalaman kerja").fill("Mekanik bengkel kapal 4 tahun")
    seeker.get_by_label("Lama pengalaman (tahun)").fill("4")
    seeker.get_by_role("button", name="Simpan").click()
    expect(_flash(seeker)).to_contain_text("Profil sudah disimpan.")
    expect(seeker.locator("main")).to_contain_text("SMK Negeri 2 Balikpapan")
    expect(seeker.locator("main")).to_contain_text("Batu Ampar")

    seeker.get_by_role("link", name="Unggah CV (PDF)").click()
    cv_path.write_bytes(PDF)
    seeker.get_by_label("Berkas CV (PDF, paling besar 2 MB)").set_input_files(str(cv_path))
    seeker.get_by_role("button", name="Unggah", exact=True).click()
    expect(_flash(seeker)).to_contain_text("CV sudah diunggah.")
    expect(seeker.locator("main")).to_contain_text(cv_path.name)
    expect(seeker.get_by_role("link", name="Ganti CV")).to_be_visible()


def _seeker_finds_and_applies(seeker: Page) -> None:
    _nav(seeker, "Cari lowongan")
    seeker.get_by_label("Kata kunci").fill("perawatan kapal")
    seeker.locator("main form").get_by_role("button", name="Cari", exact=True).click()
    expect(seeker.locator("main")).to_contain_text("1 lowongan ditemukan.")
    result = seeker.locator("main article", has=seeker.get_by_role("link", name=TITLE))
    expect(result).to_contain_text(COMPANY)
    result.get_by_role("link", name=TITLE).click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(TITLE)
    seeker.locator("main").get_by_role("link", name="Lamar", exact=True).click()
    expect(seeker.locator("main")).to_contain_text("Lamaran dikirim bersama CV yang tersimpan di profil Anda.")
    seeker.get_by_label("Surat lamaran (boleh kosong)").fill("Saya mekanik kapal berpengalaman 4 tahun.")
    seeker.get_by_role("button", name="Kirim lamaran").click()
    expect(_flash(seeker)).to_contain_text("Lamaran terkirim.")
    expect(seeker.locator("main .badge")).to_have_text("Dikirim")


def _company_shortlists_invites_hires(company: Page) -> None:
    # The only way from the company's pages to the applicants list: the "new application" notification,
    # then the back link on the applicant's page (the vacancy page has no link to its applicants).
    _nav(company, "Pemberitahuan")
    note = company.locator("main li", has_text=f"Lamaran baru untuk {TITLE} dari {SEEKER}.")
    note.get_by_role("button", name="Buka").click()
    expect(company.get_by_role("heading", level=1)).to_have_text(SEEKER)
    company.get_by_role("link", name=f"Pelamar {TITLE}").click()

    expect(company.get_by_role("heading", level=1)).to_have_text(f"Pelamar: {TITLE}")
    expect(company.locator("main")).to_contain_text("Kebutuhan 2 orang, sudah diterima 0.")
    applicant = company.locator("main article", has=company.get_by_role("link", name=SEEKER))
    expect(applicant.locator(".badge")).to_have_text("Dikirim")
    expect(applicant).to_contain_text("Skor kecocokan")
    company.screenshot(path=SCREENSHOTS["applicants"], full_page=True)
    list_widths = _no_sideways_scroll(company)
    applicant.get_by_role("link", name=SEEKER).click()

    company.get_by_label("Ubah status menjadi").select_option(label="Masuk daftar pendek")
    company.get_by_label("Catatan untuk pelamar (boleh kosong)").fill("Pengalaman sesuai kebutuhan kami.")
    company.get_by_role("button", name="Simpan status").click()
    expect(_flash(company)).to_contain_text("Status lamaran diubah dan pelamar sudah diberi tahu.")
    expect(company.locator("main h1 + p .badge")).to_have_text("Masuk daftar pendek")

    company.get_by_role("link", name="Undang wawancara").click()
    interview_day = date.today() + timedelta(days=3)
    company.get_by_label("Tanggal wawancara").fill(interview_day.isoformat())
    company.get_by_label("Jam (WITA)").fill("10:00")
    company.get_by_label("Tempat").fill("Kantor PT Samudra Teknik, Jl. Mulawarman No. 8, ruang HR")
    company.get_by_role("button", name="Kirim undangan").click()
    expect(_flash(company)).to_contain_text("Undangan wawancara terkirim ke pelamar.")
    expect(company.locator("main h1 + p .badge")).to_have_text("Undangan wawancara")
    expect(company.locator("main")).to_contain_text("ruang HR")

    company.get_by_role("link", name="Terima bekerja").click()
    company.get_by_label("Tanggal mulai bekerja").fill((date.today() + timedelta(days=14)).isoformat())
    company.get_by_label("Jenis kontrak").select_option("PKWT")
    company.get_by_label("Upah per bulan (Rupiah)").fill(WAGE)
    company.get_by_label(re.compile("^Saya yakin menerima pelamar ini")).check()
    company.screenshot(path=SCREENSHOTS["hire"], full_page=True)
    company.get_by_role("button", name="Terima dan laporkan ke Disnaker").click()
    expect(_flash(company)).to_contain_text("Pelamar diterima. Penempatan dilaporkan ke Disnaker")
    expect(company.locator("main h1 + p .badge")).to_have_text("Diterima bekerja")
    expect(company.locator("main")).to_contain_text("Rp4.250.000")
    expect(company.locator("main")).to_contain_text("Menunggu verifikasi")
    assert list_widths[0] <= PHONE_VIEWPORT["width"], f"applicants list scrolls sideways at 360 px: {list_widths}"


def _officer_verifies_placement(officer: Page) -> None:
    _nav(officer, "Penempatan")
    card = officer.locator("main article", has_text=f"{SEEKER} — {TITLE}")
    expect(card).to_contain_text(COMPANY)
    expect(card).to_contain_text("PKWT")
    expect(card).to_contain_text("Rp4.250.000")
    card.get_by_role("button", name="Verifikasi").click()
    expect(_flash(officer)).to_contain_text(f"Penempatan {SEEKER} diverifikasi.")
    expect(officer.locator("main")).to_contain_text("Tidak ada laporan penempatan yang menunggu.")


# --- the test ---------------------------------------------------------------------------------------------------

def test_whole_hiring_path_adds_one_verified_placement_to_the_fair(app, browser: Browser, live_server: str,
                                                                    tmp_path):
    with app.app_context():
        officer_user = factories.make_user("officer")
        officer_email = officer_user.email
        start = date.today() + timedelta(days=FAIR_STARTS_IN_DAYS)
        fair_id = fairs.create_fair(officer_user, name=FAIR, starts_on=start, ends_on=start + timedelta(days=1),
                                    venue="BSCC Dome, Jl. Ruhui Rahayu", booth_count=20, capacity=500).id

    company, officer, seeker = (_new_page(browser, live_server) for _ in range(3))
    try:
        _login(officer, officer_email, factories.PASSWORD)
        report_before = _fair_report_verified(officer, live_server, fair_id)
        seeker.goto("/")  # an anonymous visitor for now
        public_before = _public_fair_verified(seeker)

        _company_registers(company)
        _officer_verifies_company(officer)
        _company_takes_booth_and_posts_vacancy(company)
        _officer_publishes_vacancy(officer)
        _seeker_registers_completes_profile_and_cv(seeker, tmp_path / "cv-rudi-hartono.pdf")
        _seeker_finds_and_applies(seeker)
        _company_shortlists_invites_hires(company)

        _nav(seeker, "Lamaran saya")
        seeker.get_by_role("link", name=TITLE).click()
        expect(seeker.locator("main .badge")).to_have_text("Diterima bekerja")
        expect(seeker.locator("main")).to_contain_text("ruang HR")

        _officer_verifies_placement(officer)
        assert _fair_report_verified(officer, live_server, fair_id) == report_before + 1
        open_menu(seeker)
        seeker.locator("header").get_by_role("button", name="Keluar").click()
        # wait for the logged-out page: opened earlier, the menu would be the old page's (a flaky timeout on PG)
        expect(_flash(seeker)).to_contain_text("Anda telah keluar.")
        assert _public_fair_verified(seeker) == public_before + 1
    finally:
        for page in (company, officer, seeker):
            page.context.close()


def test_unverified_company_can_neither_take_a_booth_nor_submit_a_vacancy(app, page: Page, live_server: str):
    with app.app_context():
        officer_user = factories.make_user("officer")
        start = date.today() + timedelta(days=FAIR_STARTS_IN_DAYS)
        fairs.create_fair(officer_user, name=FAIR, starts_on=start, ends_on=start, venue="BSCC Dome",
                          booth_count=5, capacity=50)
        email = factories.make_company_user(company_name=COMPANY).email
    _login(page, email, factories.PASSWORD)
    expect(page.locator("main .badge")).to_have_text("Menunggu verifikasi")

    _nav(page, "Bursa kerja")
    page.get_by_role("link", name=FAIR).click()
    expect(page.locator("main .badge")).to_have_text(
        "Perusahaan Anda belum diverifikasi Disnaker. Stan dapat diambil setelah verifikasi.")
    expect(page.get_by_role("button", name="Ambil stan")).to_have_count(0)

    _nav(page, "Lowongan")
    page.locator("main").get_by_role("link", name="Buat lowongan").click()
    page.get_by_label("Nama jabatan").fill(TITLE)
    page.get_by_label("Jumlah kebutuhan (orang)").fill("1")
    page.get_by_label("Berlaku mulai").fill(date.today().isoformat())
    page.get_by_label("Berlaku sampai").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Simpan draf").click()
    expect(_flash(page)).to_contain_text("Draf lowongan disimpan.")
    page.get_by_role("button", name="Ajukan untuk ditayangkan").click()
    expect(page.locator(".flash-error")).to_contain_text("Perusahaan Anda belum diverifikasi Disnaker")
    expect(page.locator("main .badge")).to_have_text("Draf")
