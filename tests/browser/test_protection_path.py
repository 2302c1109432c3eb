"""The worker-protection path of issue 5 in a real (headless) Chromium on a 360 px phone screen.

An officer downloads the import template, uploads an XLSX of eight workers (five valid; one bad NIK, one aged 65,
one earning above the UMK), reads the errors on the page and in the downloadable report, imports only the valid
rows, records the sector verification of each enrolment, puts all five in one mayoral decree (SK), activates them,
generates a month of the ledger, marks it paid, and the figures page counts the five covered workers by category,
kecamatan and sex; the list pages show masked NIKs only.

Bugs worked around by typing a URL (no page links to them; see the report of this test's author):
the import page (/perlindungan/impor), the ledger (/perlindungan/buku-besar) and the figures page
(/perlindungan/angka) are not linked from the navigation, the register, the programme pages or the office desk.
"""

import io
import re
from datetime import date

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Locator, Page, expect

from jobfair.rules.eligibility import age_on
from jobfair.services.protection.protection_figures import CHARTS
from jobfair.services.protection.protection_import_read import HEADERS
from tests import factories
from tests.browser.conftest import PHONE_VIEWPORT, open_menu, pass_second_factor

PROGRAMME = "Subsidi iuran BPJS Ketenagakerjaan JKK+JKM"
PROGRAMME_CHOICE = f"{PROGRAMME} (2025)"
SECTOR_OFFICE = "Dinas Kelautan dan Perikanan"
DECREE_NUMBER = "100.3.3.2/045/HK/2025"
DECREE_DATE = "2024-12-16"
REGISTRATION_DAY = date(2024, 12, 16)  # "today" for the services: the 2025 registration window, the decree's day
PAYMENT_REFERENCE = "SP2D 0412/BPJS-TK/III/2025"
LEDGER_MONTH = "2025-03"
FILE_NAME = "pekerja-rentan-2025.xlsx"
SCREENSHOTS = {"import": "/tmp/jobfair-protection-import-status-360.png",
               "figures": "/tmp/jobfair-protection-figures-360.png"}
TEMPLATE_HEADERS = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Alamat", "Kecamatan", "Kelurahan", "No HP",
                    "Kategori", "Penghasilan", "KTP Sejak", "Mulai", "Sampai", "Pembayar", "KPJ", "Disabilitas",
                    "Lansia", "Sudah Peserta BPJS TK"]

# name, NIK, sex, birth date, kecamatan, kelurahan, category, monthly income (Rupiah)
VALID = [
    ("Ahmad Fauzi", "6471011205800001", "L", "1980-05-12", "Balikpapan Timur", "Manggar", "Nelayan", 2_400_000),
    ("Siti Aminah", "6471014308850002", "P", "1985-08-03", "Balikpapan Timur", "Lamaru", "Nelayan", 1_900_000),
    ("Rina Marlina", "6471036111900003", "P", "1990-11-21", "Balikpapan Utara", "Batu Ampar", "Pedagang kecil",
     2_000_000),
    ("Budi Santoso", "6471021402780004", "L", "1978-02-14", "Balikpapan Barat", "Kariangau", "Tukang bangunan",
     3_200_000),
    ("Joko Susilo", "6471010907720005", "L", "1972-07-09", "Balikpapan Timur", "Teritip", "Petani", 1_500_000),
]
NAMES_SORTED = sorted(row[0] for row in VALID)


def _over_age_row() -> tuple:
    """Born on 31 December 66 years before the registration year: 65 years old on the registration day."""
    birth = date(REGISTRATION_DAY.year - 66, 12, 31)
    nik = f"64710531{birth:%m%y}0007"
    return ("Hasan Basri", nik, "L", birth.isoformat(), "Balikpapan Selatan", "Sepinggan", "Pedagang kecil",
            1_800_000)


BAD_NIK = ("Dedi Kurniawan", "647101120580", "L", "1980-05-12", "Balikpapan Timur", "Manggar", "Nelayan", 2_000_000)
ABOVE_UMK = ("Wahyu Hidayat", "6471051004880008", "L", "1988-04-10", "Balikpapan Selatan", "Sepinggan",
             "Tukang bangunan", 4_500_000)


def _rows() -> list[tuple]:
    """Spreadsheet rows 2-9 (row 1 is the header): valid rows with the bad ones in between."""
    return [VALID[0], BAD_NIK, VALID[1], _over_age_row(), VALID[2], ABOVE_UMK, VALID[3], VALID[4]]


def _write_workbook(path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data Pekerja"
    sheet.append(TEMPLATE_HEADERS)
    for number, (name, nik, sex, birth, kecamatan, kelurahan, category, income) in enumerate(_rows(), start=1):
        sheet.append([nik, name, sex, birth, f"Jl. Mulawarman RT {number:02d}", kecamatan, kelurahan,
                      f"08125550{number:04d}", category, income, "2015-01-10", "2025-01", "2025-12",
                      "Pemkot Balikpapan", "", "tidak", "tidak", "belum"])
    for cell in sheet["A"]:
        cell.number_format = "@"  # NIK as text, as the template asks
    workbook.save(path)


def _masked(nik: str) -> str:
    return f"{nik[:4]}{'•' * 8}{nik[-4:]}"


# --- helpers --------------------------------------------------------------------------------------------------

def _nav(page: Page, name: str) -> None:
    open_menu(page)
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()


def _flash(page: Page) -> Locator:
    return page.locator(".flashes")


def _fact(page: Page, term: str) -> str:
    dd = page.locator(f"xpath=//main//dt[normalize-space()='{term}']/following-sibling::dd[1]")
    expect(dd).to_have_count(1)
    return dd.inner_text().strip()


def _table_rows(table: Locator) -> list[list[str]]:
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]


def _section_counts(page: Page, heading: str) -> dict[str, int]:
    section = page.locator("main section", has=page.get_by_role("heading", name=heading, exact=True))
    return {label: int(count.replace(".", "")) for label, count in _table_rows(section.locator("table"))}


def _page_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def _download(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    with open(info.value.path(), "rb") as stream:
        return stream.read()


def _xlsx_rows(data: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _login(page: Page, email: str) -> None:
    page.goto("/")
    page.locator("main").get_by_role("link", name="Masuk").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(factories.PASSWORD)
    page.locator("main form").get_by_role("button", name="Masuk").click()
    pass_second_factor(page, email)
    expect(_flash(page)).to_contain_text("Selamat datang")


def _open_programme(page: Page) -> None:
    _nav(page, "Perlindungan")
    page.locator("main").get_by_role("link", name="Program", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Program perlindungan dan bantuan")
    page.get_by_role("link", name=PROGRAMME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME_CHOICE)


def _participants(page: Page) -> Locator:
    return page.locator("main form table")


# --- the steps --------------------------------------------------------------------------------------------------

def _download_template(page: Page) -> None:
    _nav(page, "Perlindungan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register perlindungan pekerja")
    page.get_by_role("navigation", name="Perlindungan pekerja dan bantuan sosial").get_by_role(
        "link", name="Impor Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor data pekerja dan kepesertaan")
    rows = _xlsx_rows(_download(page, "Unduh templat XLSX"))
    assert list(rows[0]) == TEMPLATE_HEADERS == [label for label, _aliases in HEADERS.values()]
    assert len(rows) == 1  # only the header: the example row is on its own sheet, never imported by mistake


def _upload_and_read_errors(page: Page, workbook_path) -> None:
    over_age = _over_age_row()
    expected_age = age_on(date.fromisoformat(over_age[3]), REGISTRATION_DAY)
    page.get_by_label("Program").select_option(label=PROGRAMME_CHOICE)
    page.get_by_label(re.compile("^Berkas data pekerja")).set_input_files(str(workbook_path))
    page.get_by_role("button", name="Unggah dan periksa").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Impor: {FILE_NAME}")
    expect(page.locator("main")).to_contain_text("Status: Menunggu keputusan")
    assert (_fact(page, "Baris data"), _fact(page, "Baris valid"), _fact(page, "Baris bermasalah")) == ("8", "5", "3")
    problems = page.locator("#masalah table")
    expect(problems.locator("tbody tr")).to_have_count(3)
    rows = _table_rows(problems)
    assert [row[:2] for row in rows] == [["3", "NIK"], ["5", "Tanggal Lahir"], ["7", "Penghasilan"]]
    assert rows[0][2] == "NIK harus terdiri dari 16 angka; Anda memasukkan 12 angka. Periksa kembali KTP Anda."
    assert rows[1][2] == f"Usia {expected_age} tahun melebihi batas 64 tahun untuk program ini."
    assert rows[2][2].startswith("Penghasilan Rp4.500.000 di atas UMK Rp3.701.508;")
    _no_clear_nik(page)
    expect(page.locator("#keputusan")).to_contain_text(
        "5 baris valid dapat diimpor; 3 baris bermasalah tidak akan diimpor.")
    page.screenshot(path=SCREENSHOTS["import"], full_page=True)
    assert _page_width(page) <= PHONE_VIEWPORT["width"], "import status page scrolls sideways at 360 px"

    report = _xlsx_rows(_download(page, "Unduh laporan lengkap (XLSX)"))
    assert report[0] == ("Baris", "Kolom", "Masalah", "Jenis")
    assert [row[:2] + row[3:] for row in report[1:]] == [
        (3, "NIK", "Kesalahan"), (5, "Tanggal Lahir", "Kesalahan"), (7, "Penghasilan", "Kesalahan")]
    assert [row[2] for row in report[1:]] == [row[2] for row in rows]


def _import_valid_rows(page: Page) -> None:
    page.get_by_role("radio", name="Impor baris yang valid saja").check()
    page.get_by_label("Ya, saya yakin dengan keputusan ini").check()
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(_flash(page)).to_contain_text("5 baris diimpor.")
    expect(page.locator("main")).to_contain_text("Status: Diimpor")
    assert _fact(page, "Diimpor") == "5"
    expect(page.locator("main p[role=status]")).to_have_text(
        "5 orang didaftarkan dengan status terdaftar; lanjutkan dengan verifikasi dinas sektor dan SK.")
    expect(page.locator("#keputusan")).to_have_count(0)


def _verify_each(page: Page) -> None:
    _open_programme(page)
    assert _fact(page, "Peserta / kuota") == "5 / 7.140"
    participants = _participants(page)
    expect(participants.locator("tbody tr")).to_have_count(5)
    assert [row[1] for row in _table_rows(participants)] == NAMES_SORTED
    expect(participants.locator(".badge")).to_have_text(["Terdaftar"] * 5)
    for name in NAMES_SORTED:
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Kepesertaan: {name}")
        expect(page.locator("main .badge")).to_have_text("Terdaftar")
        page.get_by_label("Dinas sektor yang memverifikasi").fill(SECTOR_OFFICE)
        page.get_by_role("button", name="Catat verifikasi dinas sektor").click()
        expect(_flash(page)).to_contain_text("Verifikasi dinas sektor dicatat.")
        expect(page.locator("main .badge")).to_have_text("Terverifikasi dinas sektor")
        expect(page.locator("main")).to_contain_text("Menunggu SK Wali Kota")
        page.get_by_role("link", name=PROGRAMME_CHOICE).click()
    expect(participants.locator(".badge")).to_have_text(["Terverifikasi dinas sektor"] * 5)


def _decree_all(page: Page) -> None:
    for name in NAMES_SORTED:
        page.get_by_role("checkbox", name=f"Pilih {name}").check()
    page.get_by_label("Nomor SK Wali Kota").fill(DECREE_NUMBER)
    page.get_by_label("Tanggal SK").fill(DECREE_DATE)
    page.get_by_role("button", name="Tetapkan dalam SK").click()
    expect(_flash(page)).to_contain_text("5 peserta ditetapkan dalam SK.")
    participants = _participants(page)
    expect(participants.locator(".badge")).to_have_text(["Ditetapkan SK"] * 5)
    assert {row[5] for row in _table_rows(participants)} == {DECREE_NUMBER}
    expect(page.locator("main").get_by_role("checkbox")).to_have_count(0)


def _activate_each(page: Page) -> None:
    for index, name in enumerate(NAMES_SORTED):
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.locator("main")).to_contain_text(f"{DECREE_NUMBER} · 16-12-2024")
        if index == 0:  # the KPJ is optional: one is given at once, the others later
            page.get_by_label("Nomor KPJ BPJS Ketenagakerjaan").fill("25012345678")
        page.get_by_role("button", name="Aktifkan kepesertaan").click()
        expect(_flash(page)).to_contain_text("Kepesertaan aktif.")
        expect(page.locator("main .badge")).to_have_text("Aktif")
        page.get_by_role("link", name=PROGRAMME_CHOICE).click()
    expect(_participants(page).locator(".badge")).to_have_text(["Aktif"] * 5)


def _generate_and_pay_month(page: Page) -> None:
    page.get_by_role("navigation", name="Perlindungan pekerja dan bantuan sosial").get_by_role(
        "link", name="Buku iuran & penyerahan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buku besar bulanan")
    page.get_by_role("link", name=PROGRAMME, exact=True).click()
    page.get_by_label("Bulan", exact=True).fill(LEDGER_MONTH)
    page.locator("main form.filters").get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{PROGRAMME} · {LEDGER_MONTH}")
    expect(page.locator("main")).to_contain_text("Peserta aktif yang tercakup bulan ini: 5")
    expect(page.locator("main")).to_contain_text("Belum ada baris untuk bulan dan status ini.")

    page.get_by_role("link", name="Buat baris bulan ini").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Buat baris bulan {LEDGER_MONTH}: {PROGRAMME}")
    expect(page.locator("main")).to_contain_text("Peserta aktif bulan ini: 5 · baris yang sudah ada: 0")
    page.get_by_label("Ya, buat baris bulan ini untuk semua peserta aktif").check()
    page.get_by_role("button", name="Buat baris").click()
    expect(_flash(page)).to_contain_text(f"Buku besar {LEDGER_MONTH}: 5 baris baru, 0 sudah ada sebelumnya.")

    rows = page.locator("main form table tbody tr")
    expect(rows).to_have_count(5)
    ledger = _table_rows(page.locator("main form table"))
    assert sorted(row[2] for row in ledger) == NAMES_SORTED
    assert {row[4] for row in ledger} == {"Rp16.800"}
    assert sorted(row[1] for row in ledger) == sorted(_masked(row[1]) for row in VALID)
    _no_clear_nik(page)
    for name in NAMES_SORTED:
        page.get_by_role("checkbox", name=f"Pilih {name}").check()
    page.get_by_label("Nomor bukti (SP2D/transfer atau berita acara)").fill(PAYMENT_REFERENCE)
    page.get_by_label("Tanggal dibayar/diserahkan").fill("2025-03-20")
    page.get_by_role("button", name="Tandai dibayar").click()
    expect(_flash(page)).to_contain_text("5 baris ditandai.")
    expect(page.locator("main").get_by_role("checkbox")).to_have_count(0)
    assert {row[6] for row in _table_rows(page.locator("main form table"))} == {PAYMENT_REFERENCE}
    expect(page.locator("main")).to_contain_text("Dibayar: 5 (Rp84.000)")


def _figures_show_the_five(page: Page) -> None:
    page.get_by_role("navigation", name="Perlindungan pekerja dan bantuan sosial").get_by_role(
        "link", name="Angka & ekspor").click()
    page.get_by_label("Program").select_option(label=PROGRAMME_CHOICE)
    page.get_by_label("Tahun").fill("2025")
    page.locator("main form").get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Angka perlindungan pekerja dan bantuan sosial")
    expect(page.locator("main")).to_contain_text(f"{PROGRAMME} · Jan 2025 – Des 2025")
    assert _fact(page, "Pekerja ditanggung (kepesertaan aktif)") == "5"
    assert _fact(page, "Biaya dibayar/diserahkan") == "Rp84.000"
    assert _fact(page, "Belum dibayar/diserahkan") == "Rp0"
    assert _section_counts(page, "Per kategori pekerjaan") == {"Nelayan": 2, "Pedagang kecil": 1, "Petani": 1,
                                                               "Tukang bangunan": 1}
    assert _section_counts(page, "Per kecamatan") == {"Balikpapan Timur": 3, "Balikpapan Barat": 1,
                                                      "Balikpapan Utara": 1}
    assert _section_counts(page, "Per jenis kelamin") == {"Laki-laki": 3, "Perempuan": 2}
    expect(page.locator("main")).to_contain_text("Usia dihitung pada 31-12-2025.")
    assert _section_counts(page, "Per kelompok usia") == {"< 25": 0, "25–34": 0, "35–44": 2, "45–54": 3,
                                                          "55–64": 0, "65+": 0}
    cost = page.locator("main section", has=page.get_by_role("heading", name="Biaya per bulan"))
    assert ["Mar 2025", "Rp84.000", "Rp0", "Rp84.000"] in _table_rows(cost.locator("table"))
    charts = page.locator("main figure.chart img")
    expect(charts).to_have_count(len(CHARTS))  # one chart per figure
    for chart in charts.all():  # lazily loaded: scroll to each, as a reader would
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_js_property("complete", True)
        assert chart.evaluate("img => img.naturalWidth") > 0, chart.get_attribute("src")
    page.screenshot(path=SCREENSHOTS["figures"], full_page=True)
    assert _page_width(page) <= PHONE_VIEWPORT["width"], "figures page scrolls sideways at 360 px"


def _no_clear_nik(page: Page) -> None:
    html = page.content()
    assert not [row[1] for row in _rows() if row[1] in html], f"a clear NIK on {page.url}"


def _list_pages_mask_the_nik(page: Page) -> None:
    _nav(page, "Perlindungan")
    expect(page.locator("main")).to_contain_text("5 orang")
    register = page.locator("main table")
    expect(register.locator("tbody tr")).to_have_count(5)
    assert sorted(row[1] for row in _table_rows(register)) == sorted(_masked(row[1]) for row in VALID)
    _no_clear_nik(page)
    _open_programme(page)
    assert sorted(row[2] for row in _table_rows(_participants(page))) == sorted(_masked(row[1]) for row in VALID)
    _no_clear_nik(page)


# --- the test ---------------------------------------------------------------------------------------------------

def test_officer_imports_workers_decrees_pays_a_month_and_sees_the_figures(app, page: Page, tmp_path, pin_today):
    pin_today(REGISTRATION_DAY)
    with app.app_context():
        officer = factories.make_user("officer")
        email = officer.email
        factories.bpjs_programme(2025, actor=officer)  # UMK 2025 (Rp3.701.508) is reference data
    workbook_path = tmp_path / FILE_NAME
    _write_workbook(workbook_path)

    _login(page, email)
    _download_template(page)
    _upload_and_read_errors(page, workbook_path)
    _import_valid_rows(page)
    _verify_each(page)
    _decree_all(page)
    _activate_each(page)
    _generate_and_pay_month(page)
    _figures_show_the_five(page)
    _list_pages_mask_the_nik(page)
