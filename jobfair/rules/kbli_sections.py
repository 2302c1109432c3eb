"""KBLI 2020 sections (categories A–U) and the 2-digit divisions (golongan pokok) each one covers.

The one source of a sector's name: every page, filter, report, export and chart that names a sector reads
label() or label_of_code(), so "C – Industri pengolahan" reads the same everywhere. The names are N_() texts
(Indonesian); jobfair.labels gives them in the reader's language (label(Sector, letter), sector_of_code).
"""

from jobfair.rules.translatable import N_, Text

SECTIONS: dict[str, tuple[Text, range]] = {
    "A": (N_("Pertanian, kehutanan, dan perikanan"), range(1, 4)),
    "B": (N_("Pertambangan dan penggalian"), range(5, 10)),
    "C": (N_("Industri pengolahan"), range(10, 34)),
    "D": (N_("Pengadaan listrik, gas, uap/air panas, dan udara dingin"), range(35, 36)),
    "E": (N_("Pengadaan air, pengelolaan sampah dan limbah, dan daur ulang"), range(36, 40)),
    "F": (N_("Konstruksi"), range(41, 44)),
    "G": (N_("Perdagangan besar dan eceran; reparasi mobil dan sepeda motor"), range(45, 48)),
    "H": (N_("Pengangkutan dan pergudangan"), range(49, 54)),
    "I": (N_("Penyediaan akomodasi dan makan minum"), range(55, 57)),
    "J": (N_("Informasi dan komunikasi"), range(58, 64)),
    "K": (N_("Aktivitas keuangan dan asuransi"), range(64, 67)),
    "L": (N_("Real estat"), range(68, 69)),
    "M": (N_("Aktivitas profesional, ilmiah, dan teknis"), range(69, 76)),
    "N": (N_("Aktivitas penyewaan, ketenagakerjaan, agen perjalanan, dan penunjang usaha"), range(77, 83)),
    "O": (N_("Administrasi pemerintahan, pertahanan, dan jaminan sosial wajib"), range(84, 85)),
    "P": (N_("Pendidikan"), range(85, 86)),
    "Q": (N_("Aktivitas kesehatan manusia dan kegiatan sosial"), range(86, 89)),
    "R": (N_("Kesenian, hiburan, dan rekreasi"), range(90, 94)),
    "S": (N_("Aktivitas jasa lainnya"), range(94, 97)),
    "T": (N_("Aktivitas rumah tangga sebagai pemberi kerja"), range(97, 99)),
    "U": (N_("Aktivitas badan internasional dan badan ekstra internasional lainnya"), range(99, 100)),
}

UNKNOWN = N_("Tidak diketahui")  # no KBLI code, or one whose division is not in KBLI 2020


def divisions(section: str) -> list[str]:
    """'C' -> ['10', ..., '33']; unknown section -> []."""
    entry = SECTIONS.get((section or "").strip().upper())
    return [f"{n:02d}" for n in entry[1]] if entry else []


def section_of(kbli_code: str | None) -> str | None:
    if not kbli_code or len(kbli_code) < 2 or not kbli_code[:2].isdigit():
        return None
    division = int(kbli_code[:2])
    return next((letter for letter, (_name, span) in SECTIONS.items() if division in span), None)


def label(section: str | None) -> Text:
    """'C' -> 'C – Industri pengolahan'; UNKNOWN for anything else."""
    entry = SECTIONS.get((section or "").strip().upper())
    return N_("%(letter)s – %(name)s", letter=section.strip().upper(), name=entry[0]) if entry else UNKNOWN


def label_of_code(kbli_code: str | None) -> Text:
    """The sector of a company's KBLI code: '10710' -> 'C – Industri pengolahan'; UNKNOWN when none."""
    return label(section_of((kbli_code or "").strip()))


def choices() -> list[tuple[str, Text]]:
    return [(letter, label(letter)) for letter in SECTIONS]
