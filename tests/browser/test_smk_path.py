"""The whole SMK apprenticeship path of issue 4 in a real (headless) Chromium on a 360 px phone screen.

school imports students from an XLSX file built on the downloaded template -> a verified company proposes a place
-> officer approves it -> the school invites two students, who activate their logins and rank the place -> the
company ranks them (overriding the default score order) -> officer runs the match, checks the preview, publishes it
with confirmation and legalises the agreement -> the matched student writes this week's logbook entry, the other
sees why not -> the mentor signs it and gives the final assessment -> the student sees the certificate number.
Each actor has its own browser context; pages are reached by clicking, except the start page and the activation
link the school hands over. Dates follow date.today(): the place runs from today to today + 13 days (the logbook
accepts the running week, and today lies in the last 14 days, when the mentor may give the final assessment) and the
students graduate in 75 days, so their window (3 months before graduation) holds it. The ranking page and the
mentor's logbook page must fit a 360 px screen without sideways scrolling.
"""

import re
from datetime import date, timedelta

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Browser, Locator, Page, expect

from jobfair.services.hiring import companies
from jobfair.services.smk import schools
from jobfair.services.users import registration
from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT, open_menu, pass_second_factor, phone_page

STUDENT_PASSWORD = "Magang-Kariangau-2025"
SCHOOL = "SMK Negeri 4 Balikpapan"
COMPANY = "PT Kariangau Las Mandiri"
COMPANY_EMAIL = "hr@kariangaulas.example.id"
MENTOR = "Bambang Wijaya"   # the company's HR user is also the named mentor
TITLE = "Magang Juru Las Pipa"
MAJOR = "Teknik Pengelasan"  # TPL
LOCATION = "Bengkel Kariangau, Balikpapan Barat"
ANDI, BUNGA, CITRA = "Andi Saputra", "Bunga Lestari", "Citra Maharani"
SCREENSHOTS = {"ranking": "/tmp/jobfair-smk-ranking-360.png", "logbook_form": "/tmp/jobfair-smk-logbook-form-360.png",
               "logbook": "/tmp/jobfair-smk-logbook-360.png", "certificate": "/tmp/jobfair-smk-certificate-360.png",
               "mentor": "/tmp/jobfair-smk-mentor-360.png"}

TODAY = date.today()
PLACE_STARTS = TODAY
PLACE_ENDS = TODAY + timedelta(days=13)   # today is within the last 14 days: the final assessment is open
GRADUATION = TODAY + timedelta(days=75)   # window: about TODAY - 16 days .. TODAY + 75 days


def _student(name: str, nisn: str, *, female: bool, birth: date, score: str, serial: int) -> dict:
    nik = factories.valid_nik(serial=serial, female=female, birth=birth)
    return {"nisn": nisn, "full_name": name, "nik": nik, "birth_date": birth.isoformat(),
            "sex": "P" if female else "L", "major": "TPL", "class_name": "XII TPL 1", "report_score": score,
            "expected_graduation": GRADUATION.isoformat(), "phone": f"0812555{serial:05d}",
            "guardian_name": "Suparman", "guardian_phone": f"0813555{serial:05d}"}


# Adults (19 this year), so no guardian consent is needed. Andi has the best score of the two who rank the place.
STUDENTS = [
    _student(ANDI, "0071234501", female=False, birth=date(TODAY.year - 19, 3, 7), score="88,5", serial=4501),
    _student(BUNGA, "0071234502", female=True, birth=date(TODAY.year - 19, 1, 21), score="79", serial=4502),
    _student(CITRA, "0071234503", female=True, birth=date(TODAY.year - 19, 2, 14), score="91,25", serial=4503),
]
# Template header -> key in STUDENTS (the import also accepts other spellings; we use the template's own).
TEMPLATE_KEYS = {"NISN": "nisn", "Nama": "full_name", "NIK": "nik", "Tanggal Lahir": "birth_date",
                 "Jenis Kelamin": "sex", "Jurusan": "major", "Kelas": "class_name", "Nilai Rata-rata": "report_score",
                 "Tanggal Lulus": "expected_graduation", "No HP": "phone", "Nama Wali": "guardian_name",
                 "No HP Wali": "guardian_phone"}


# --- helpers --------------------------------------------------------------------------------------------------

def _nav(page: Page, name: str) -> None:
    open_menu(page)
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()


def _flash(page: Page) -> Locator:
    return page.locator(".flashes")


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _row(page: Page, text: str) -> Locator:
    return page.locator("main tbody tr", has_text=text)


def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _widths(page: Page) -> list[int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def _fits_phone(page: Page, control: Locator, what: str) -> None:
    """No sideways scrolling at 360 px, and `control` lies wholly inside the screen's width."""
    width = PHONE_VIEWPORT["width"]
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{what} scrolls sideways at {width} px: scrollWidth {scroll_width}"
    box = control.bounding_box()
    assert box is not None, f"{what}: control not rendered"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what}: control outside the {width} px screen: {box}"


def _login(page: Page, email: str, password: str) -> None:
    page.goto("/")
    page.locator("main").get_by_role("link", name="Masuk").click()
    _login_form(page, email, password)


def _login_form(page: Page, email: str, password: str) -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)
    expect(_flash(page)).to_contain_text("Selamat datang")


# --- the steps --------------------------------------------------------------------------------------------------

def _school_imports_students(school: Page, tmp_path) -> None:
    _nav(school, "Impor siswa")
    expect(_h1(school)).to_have_text("Impor data siswa")
    with school.expect_download() as info:
        school.get_by_role("link", name="Unduh templat XLSX").click()
    template = tmp_path / info.value.suggested_filename
    info.value.save_as(template)
    headers = [cell.value for cell in next(load_workbook(template).active.iter_rows(max_row=1))]
    assert headers == list(TEMPLATE_KEYS), f"the import template's columns changed: {headers}"

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data Siswa"
    sheet.append(headers)
    for student in STUDENTS:  # every cell a text, as the template asks (NIK and NISN keep their digits)
        sheet.append([student[TEMPLATE_KEYS[header]] for header in headers])
    upload = tmp_path / "siswa-kelas-xii-tpl.xlsx"
    workbook.save(upload)

    school.get_by_label(re.compile(r"^Berkas data siswa")).set_input_files(str(upload))
    school.get_by_role("button", name="Periksa dan impor").click()
    result = school.locator("#hasil")
    expect(result.get_by_role("heading", level=2)).to_have_text(f"Hasil impor: {upload.name}")
    expect(result).to_contain_text("Berhasil 3 siswa disimpan.")
    expect(result.get_by_role("alert")).to_have_count(0)
    result.get_by_role("link", name="Lihat daftar siswa").click()

    expect(_h1(school)).to_have_text("Siswa")
    for student in STUDENTS:
        row = _row(school, student["full_name"])
        expect(row).to_contain_text(student["nisn"])
        expect(row).to_contain_text("TPL")
        expect(row).to_contain_text(_ddmmyyyy(GRADUATION))


def _school_invites(school: Page, name: str) -> str:
    """The school opens the student's page and makes an activation link (shown once); returns it."""
    _nav(school, "Siswa")
    school.get_by_role("link", name=name).click()
    expect(_h1(school)).to_have_text(name)
    expect(school.locator("main")).to_contain_text("Siswa sudah berumur 18 tahun: persetujuan wali tidak diperlukan.")
    school.get_by_role("button", name="Buat tautan aktivasi").click()
    expect(_h1(school)).to_have_text(f"Tautan aktivasi untuk {name}")
    link = school.locator("code.activation-link").inner_text().strip()
    assert "/smk/aktivasi/" in link, link
    school.get_by_role("link", name="Kembali ke data siswa").click()
    expect(school.locator("code.activation-link")).to_have_count(0)  # shown once only
    return link


def _student_activates_and_logs_in(student: Page, link: str, name: str, email: str) -> None:
    student.goto(link)
    expect(_h1(student)).to_have_text("Aktivasi akun siswa")
    expect(student.locator("main")).to_contain_text(f"Halo, {name}.")
    student.get_by_label("E-mail").fill(email)
    student.get_by_label("Kata sandi (minimal 10 karakter)").fill(STUDENT_PASSWORD)
    student.get_by_role("button", name="Aktifkan akun").click()
    expect(_flash(student)).to_contain_text("Akun siswa aktif. Silakan masuk")
    _login_form(student, email, STUDENT_PASSWORD)
    expect(_h1(student)).to_have_text("Beranda siswa")
    expect(student.locator("main")).to_contain_text(SCHOOL)


def _company_proposes_place(company: Page) -> None:
    _nav(company, "Tempat magang")
    company.locator("main").get_by_role("link", name="Usulkan tempat magang").click()
    expect(_h1(company)).to_have_text("Usulkan tempat magang")
    company.get_by_label("Nama program magang").fill(TITLE)
    company.get_by_label(MAJOR, exact=True).check()
    company.get_by_label("Jumlah tempat (orang)").fill("1")
    company.get_by_label("Mulai", exact=True).fill(PLACE_STARTS.isoformat())
    company.get_by_label("Selesai", exact=True).fill(PLACE_ENDS.isoformat())
    company.get_by_label("Nama mentor (pembimbing)").fill(MENTOR)
    company.get_by_label("Uang saku transport per bulan (Rp)").fill("500000")
    company.get_by_label("Uang makan per bulan (Rp)").fill("400.000")
    company.get_by_label("Insentif per bulan (Rp)").fill("300000")
    company.get_by_label("Lokasi magang").fill(LOCATION)
    company.get_by_role("button", name="Kirim ke Disnaker").click()
    expect(_flash(company)).to_contain_text("Usulan tempat magang dikirim ke Disnaker untuk disetujui.")
    expect(_h1(company)).to_have_text(TITLE)
    main = company.locator("main")
    expect(main).to_contain_text("Status: Menunggu persetujuan")
    expect(main).to_contain_text(f"{_ddmmyyyy(PLACE_STARTS)} – {_ddmmyyyy(PLACE_ENDS)}")
    expect(main).to_contain_text("transport Rp500.000, makan Rp400.000, insentif Rp300.000")


def _officer_approves_place(officer: Page) -> None:
    _nav(officer, "Magang")
    expect(_h1(officer)).to_have_text("Usulan tempat magang")
    expect(_row(officer, TITLE)).to_contain_text(COMPANY)
    officer.get_by_role("link", name=TITLE).click()
    main = officer.locator("main")
    expect(main).to_contain_text("Jumlah karyawan: 10")
    expect(main).to_contain_text("bertumpang tindih dengan usulan ini): 0; dengan usulan ini: 1")
    officer.get_by_role("button", name="Setujui").click()
    expect(_flash(officer)).to_contain_text(f"Tempat magang '{TITLE}' disetujui.")
    expect(main).to_contain_text("Tidak ada usulan yang menunggu persetujuan.")


def _student_ranks_place(student: Page) -> None:
    _nav(student, "Tempat magang")
    expect(_h1(student)).to_have_text("Tempat magang untuk Anda")
    offered = student.locator("main section.card", has=student.get_by_role("heading", name=TITLE))
    expect(offered).to_contain_text(COMPANY)
    expect(offered).to_contain_text(LOCATION)
    student.get_by_role("link", name="Atur pilihan saya").click()
    student.get_by_label("Pilihan ke-1", exact=True).select_option(label=f"{TITLE} · {COMPANY}")
    student.get_by_role("button", name="Simpan pilihan").click()
    expect(_flash(student)).to_contain_text("Pilihan tempat magang disimpan.")
    mine = student.locator("main section.card", has=student.get_by_role("heading", name="Pilihan saya"))
    expect(mine.locator("li")).to_have_text([TITLE])


def _company_ranks_students(company: Page) -> None:
    _nav(company, "Tempat magang")
    expect(_row(company, TITLE)).to_contain_text("Disetujui")
    company.get_by_role("link", name=TITLE).click()
    company.get_by_role("link", name="Peringkat pendaftar").click()
    expect(_h1(company)).to_have_text(f"Peringkat pendaftar: {TITLE}")
    # Only the two students who ranked the place; the default order is the school score (Andi 88,50 first).
    expect(company.locator("main tbody tr")).to_have_count(2)
    expect(_row(company, ANDI).locator("td").first).to_have_text("1")
    expect(_row(company, BUNGA).locator("td").first).to_have_text("2")
    expect(company.locator("main")).not_to_contain_text(CITRA)
    expect(_row(company, ANDI)).to_contain_text("88,50")
    _fits_phone(company, company.get_by_label(f"Peringkat untuk {BUNGA}"), "ranking page (Peringkat Anda)")

    company.get_by_label(f"Peringkat untuk {BUNGA}").fill("1")
    company.get_by_label(f"Peringkat untuk {ANDI}").fill("2")
    company.get_by_role("button", name="Simpan peringkat").click()
    expect(_flash(company)).to_contain_text("Peringkat disimpan.")
    expect(_row(company, BUNGA).locator("td").first).to_have_text("1")
    expect(_row(company, ANDI).locator("td").first).to_have_text("2")
    expect(company.get_by_label(f"Peringkat untuk {BUNGA}")).to_have_value("1")
    company.screenshot(path=SCREENSHOTS["ranking"], full_page=True)


def _officer_runs_and_publishes_match(officer: Page) -> None:
    _nav(officer, "Magang")
    officer.get_by_role("link", name="Putaran penempatan magang").click()
    expect(_h1(officer)).to_have_text("Putaran penempatan magang")
    officer.get_by_role("button", name="Jalankan putaran baru (pratinjau)").click()

    expect(_h1(officer)).to_have_text(re.compile(r"^Putaran penempatan 1\s+· Pratinjau$"))
    main = officer.locator("main")
    expect(main).to_contain_text("Siswa ikut: 2 · ditempatkan: 1 · belum ditempatkan: 1")
    expect(_row(officer, "ke-1").locator("td")).to_have_text(["ke-1", "1"])
    expect(_row(officer, "tidak mendapat tempat").locator("td")).to_have_text(["tidak mendapat tempat", "1"])
    expect(_row(officer, COMPANY).first.locator("td")).to_have_text([TITLE, COMPANY, "1", "1", "0"])
    expect(_row(officer, BUNGA).locator("td")).to_have_text([BUNGA, SCHOOL, f"{TITLE} · {COMPANY}", "1"])
    expect(_row(officer, ANDI).locator("td")).to_have_text([ANDI, SCHOOL, "belum mendapat tempat", "—"])

    # Publishing is final: without the ticked box nothing happens.
    officer.get_by_role("button", name="Terbitkan hasil").click()
    expect(officer.locator(".error-summary")).to_be_visible()
    expect(_h1(officer)).to_contain_text("Pratinjau")
    officer.get_by_label("Ya, saya yakin").check()
    officer.get_by_role("button", name="Terbitkan hasil").click()
    expect(_flash(officer)).to_contain_text("Hasil penempatan diterbitkan; siswa dan perusahaan diberi tahu.")
    expect(_h1(officer)).to_have_text(re.compile(r"^Putaran penempatan 1\s+· Diterbitkan$"))
    expect(officer.get_by_role("button", name="Terbitkan hasil")).to_have_count(0)


def _officer_legalises_agreement(officer: Page) -> str:
    _nav(officer, "Meja kerja")
    queue = _row(officer, "Perjanjian magang menunggu pengesahan")
    expect(queue.locator("td").nth(1)).to_have_text("1")
    queue.get_by_role("link", name="Perjanjian magang menunggu pengesahan").click()
    expect(_h1(officer)).to_have_text("Perjanjian pemagangan menunggu pengesahan")
    row = _row(officer, BUNGA)
    expect(row).to_contain_text(f"{COMPANY} · {TITLE}")
    number = row.get_by_role("link").inner_text().strip()
    assert re.fullmatch(r"PKS/MAG/\d{4}/\d{6}", number), number
    row.get_by_role("link").click()
    expect(_h1(officer)).to_have_text(f"{BUNGA} · {COMPANY}")
    expect(officer.locator("main .badge")).to_have_text("Menunggu pengesahan perjanjian")
    officer.get_by_role("link", name="Sahkan perjanjian").click()
    expect(_h1(officer)).to_have_text(f"Sahkan perjanjian {number}")
    expect(officer.locator("main h2")).to_have_text(["1. Hak dan kewajiban peserta", "2. Hak dan kewajiban perusahaan",
                                                     "3. Program pemagangan", "4. Jangka waktu", "5. Uang saku"])
    expect(officer.locator("main")).to_contain_text("Jumlah uang saku: Rp1.200.000 per bulan")
    officer.get_by_label("Saya sudah memeriksa kelima bagian perjanjian dan mengesahkannya").check()
    officer.get_by_role("button", name="Sahkan", exact=True).click()
    expect(_flash(officer)).to_contain_text("Perjanjian pemagangan disahkan; siswa dan perusahaan sudah diberi tahu.")
    expect(officer.locator("main")).to_contain_text("Tidak ada perjanjian yang menunggu pengesahan.")
    return number


def _students_see_results(bunga: Page, andi: Page, number: str) -> None:
    _nav(bunga, "Hasil penempatan")
    main = bunga.locator("main")
    expect(main).to_contain_text(f"Anda mendapat tempat {TITLE} di {COMPANY} (pilihan ke-1).")
    expect(main).to_contain_text(f"{_ddmmyyyy(PLACE_STARTS)} – {_ddmmyyyy(PLACE_ENDS)} · {LOCATION}")
    expect(main).to_contain_text(f"Nomor perjanjian: {number}")

    _nav(andi, "Hasil penempatan")
    main = andi.locator("main")
    expect(main).to_contain_text("Anda belum mendapat tempat pada putaran 1.")
    expect(main.locator("li", has_text=TITLE)).to_contain_text(
        "Tempat ini sudah penuh oleh siswa yang diperingkat lebih tinggi oleh perusahaan.")


def _student_writes_logbook(student: Page) -> date:
    _nav(student, "Magang saya")
    card = student.locator("main section.card", has_text=TITLE)
    expect(card.locator(".badge")).to_have_text("Sedang magang")
    expect(card).to_contain_text("Belum ada catatan logbook.")
    card.get_by_role("link", name="Tulis logbook minggu ini").click()
    expect(_h1(student)).to_have_text("Catatan logbook baru")
    week_field = student.get_by_label("Tanggal dalam minggu yang dicatat")
    expect(week_field).to_have_value(TODAY.isoformat())  # any day of the running week; stored as its Monday
    student.get_by_label("Kegiatan minggu ini").fill(
        "Pengenalan K3 bengkel, membaca gambar kerja pipa, latihan las SMAW posisi 1G pada pelat 8 mm.")
    student.get_by_label("Jumlah jam kerja minggu ini").fill("40")
    student.screenshot(path=SCREENSHOTS["logbook_form"], full_page=True)
    form_widths = _widths(student)
    student.get_by_role("button", name="Simpan").click()
    expect(_flash(student)).to_contain_text("Catatan logbook disimpan. Mentor akan memeriksa")
    monday = TODAY - timedelta(days=TODAY.weekday())
    entry = _row(student, _ddmmyyyy(monday))
    expect(entry).to_contain_text("latihan las SMAW")
    expect(entry).to_contain_text("40")
    expect(entry.locator(".badge")).to_have_text("Belum ditandatangani")
    student.screenshot(path=SCREENSHOTS["logbook"], full_page=True)
    assert form_widths[0] <= PHONE_VIEWPORT["width"], f"logbook form scrolls sideways at 360 px: {form_widths}"
    return monday


def _mentor_signs_and_assesses(company: Page, monday: date) -> None:
    _nav(company, "Peserta magang")
    expect(_row(company, BUNGA).locator(".badge")).to_have_text("Sedang magang")
    company.get_by_role("link", name=BUNGA).click()
    expect(_h1(company)).to_have_text(BUNGA)
    entry = _row(company, _ddmmyyyy(monday))
    expect(entry).to_contain_text("latihan las SMAW")
    # Nothing signed yet: no final assessment, only a hint saying what is missing.
    expect(company.get_by_role("link", name="Penilaian akhir")).to_have_count(0)
    expect(company.locator("main .assessment-hint")).to_contain_text("setelah minimal satu catatan logbook")
    company.screenshot(path=SCREENSHOTS["mentor"], full_page=True)
    _fits_phone(company, entry.get_by_role("button", name="Tandatangani"), "mentor page (Tandatangani)")
    entry.get_by_label("Catatan mentor (boleh kosong)").fill("Rapi dan disiplin K3. Lanjutkan posisi 2G.")
    entry.get_by_role("button", name="Tandatangani").click()
    expect(_flash(company)).to_contain_text("Catatan logbook ditandatangani.")
    entry = _row(company, _ddmmyyyy(monday))
    expect(entry.locator(".badge")).to_have_text("Ditandatangani")
    expect(entry).to_contain_text("Lanjutkan posisi 2G.")

    company.get_by_role("link", name="Penilaian akhir").click()
    expect(_h1(company)).to_have_text(f"Penilaian akhir: {BUNGA}")
    company.get_by_label("Nilai akhir (0–100)").fill("88")
    company.get_by_label("Catatan penilaian").fill("Teliti, menguasai las SMAW 1G dan 2G, disiplin K3.")
    company.get_by_role("button", name="Simpan penilaian akhir").click()  # not confirmed: refused
    expect(company.locator("main .field.has-error")).to_contain_text("Centang kotak ini untuk melanjutkan.")
    company.get_by_label(re.compile(r"^Saya yakin: penilaian ini final")).check()
    company.get_by_role("button", name="Simpan penilaian akhir").click()
    expect(_flash(company)).to_contain_text("Penilaian akhir disimpan; pemagangan selesai dan sertifikat terbit.")
    expect(company.locator("main .badge").first).to_have_text("Selesai (bersertifikat)")
    expect(company.locator("main")).to_contain_text("88")


def _student_sees_certificate(student: Page, number: str) -> None:
    _nav(student, "Magang saya")
    card = student.locator("main section.card", has_text=TITLE)
    expect(card.locator(".badge").first).to_have_text("Selesai (bersertifikat)")
    expect(card.locator("xpath=.//dt[normalize-space()='Nilai akhir']/following-sibling::dd[1]")).to_have_text("88")
    expect(card.get_by_role("link", name="Tulis logbook minggu ini")).to_have_count(0)
    card.get_by_role("link", name="Cetak sertifikat").click()
    certificate = student.locator("article.certificate")
    expect(certificate.get_by_role("heading", level=1)).to_have_text("SERTIFIKAT PEMAGANGAN")
    expect(certificate.locator("p.name")).to_have_text(BUNGA)
    expect(certificate).to_contain_text(f"telah menyelesaikan program pemagangan {TITLE} di {COMPANY}")
    expect(certificate).to_contain_text("dengan nilai akhir 88.")
    expect(certificate).to_contain_text(f"Perjanjian {number}")
    cert_number = certificate.locator("p", has_text="Nomor").locator("strong")
    expect(cert_number).to_have_text(re.compile(rf"^SERT/MAG/{TODAY.year}/\d{{6}}$"))
    student.screenshot(path=SCREENSHOTS["certificate"], full_page=True)


# --- the test ---------------------------------------------------------------------------------------------------

def test_smk_students_from_xlsx_import_to_apprenticeship_certificate(app, browser: Browser, live_server: str,
                                                                     tmp_path):
    with app.app_context():
        officer_user = factories.make_user("officer")
        officer_email = officer_user.email
        school = schools.create_school(officer_user, name=SCHOOL, npsn="30404040", address="Jl. Pupuk Raya No. 4",
                                       kecamatan_code="647102", bkk_number="BKK/004/2025")
        staff_email = schools.create_school_staff(officer_user, school.id, full_name="Rina Kartika",
                                                  email="bkk@smkn4bpp.example.id", password=factories.PASSWORD).email
        company_user = registration.register_company(
            company_name=COMPANY, nib="9120004445556", kecamatan_code="647102",
            address="Jl. Sultan Hasanuddin No. 12, Kariangau", contact_name=MENTOR, phone="081355500012",
            email=COMPANY_EMAIL, password=factories.PASSWORD)
        company = companies.verify(officer_user, company_user.company_id)
        companies.update_profile(company_user, name=company.name, kbli_code="25111", address=company.address,
                                 kecamatan_code=company.kecamatan_code, headcount=10,  # 20% cap: 2 apprentices
                                 contact_name=company.contact_name, contact_phone=company.contact_phone,
                                 wlkp_status="reported")

    school_page, company_page, officer, andi, bunga = (phone_page(browser, live_server, accept_downloads=True)
                                                       for _ in range(5))
    try:
        _login(school_page, staff_email, factories.PASSWORD)
        expect(_h1(school_page)).to_have_text(SCHOOL)
        _login(company_page, COMPANY_EMAIL, factories.PASSWORD)
        _login(officer, officer_email, factories.PASSWORD)

        _school_imports_students(school_page, tmp_path)
        _company_proposes_place(company_page)
        _officer_approves_place(officer)

        _student_activates_and_logs_in(andi, _school_invites(school_page, ANDI), ANDI, "andi.saputra@example.id")
        _student_activates_and_logs_in(bunga, _school_invites(school_page, BUNGA), BUNGA, "bunga.lestari@example.id")
        _student_ranks_place(andi)
        _student_ranks_place(bunga)
        _company_ranks_students(company_page)

        _officer_runs_and_publishes_match(officer)
        number = _officer_legalises_agreement(officer)
        _students_see_results(bunga, andi, number)

        monday = _student_writes_logbook(bunga)
        _mentor_signs_and_assesses(company_page, monday)
        _student_sees_certificate(bunga, number)
    finally:
        for page in (school_page, company_page, officer, andi, bunga):
            page.context.close()
