"""KBLI 2020 sections (categories A–U) and the 2-digit divisions (golongan pokok) each one covers.

The one source of a sector's name: every page, filter, report, export and chart that names a sector writes
label() or label_of_code(), so "C – Industri pengolahan" reads the same everywhere.
"""

from flask_babel import lazy_gettext as _l

SECTIONS: dict[str, tuple[object, range]] = {
    "A": (_l("Pertanian, kehutanan, dan perikanan"), range(1, 4)),
    "B": (_l("Pertambangan dan penggalian"), range(5, 10)),
    "C": (_l("Industri pengolahan"), range(10, 34)),
    "D": (_l("Pengadaan listrik, gas, uap/air panas, dan udara dingin"), range(35, 36)),
    "E": (_l("Pengadaan air, pengelolaan sampah dan limbah, dan daur ulang"), range(36, 40)),
    "F": (_l("Konstruksi"), range(41, 44)),
    "G": (_l("Perdagangan besar dan eceran; reparasi mobil dan sepeda motor"), range(45, 48)),
    "H": (_l("Pengangkutan dan pergudangan"), range(49, 54)),
    "I": (_l("Penyediaan akomodasi dan makan minum"), range(55, 57)),
    "J": (_l("Informasi dan komunikasi"), range(58, 64)),
    "K": (_l("Aktivitas keuangan dan asuransi"), range(64, 67)),
    "L": (_l("Real estat"), range(68, 69)),
    "M": (_l("Aktivitas profesional, ilmiah, dan teknis"), range(69, 76)),
    "N": (_l("Aktivitas penyewaan, ketenagakerjaan, agen perjalanan, dan penunjang usaha"), range(77, 83)),
    "O": (_l("Administrasi pemerintahan, pertahanan, dan jaminan sosial wajib"), range(84, 85)),
    "P": (_l("Pendidikan"), range(85, 86)),
    "Q": (_l("Aktivitas kesehatan manusia dan kegiatan sosial"), range(86, 89)),
    "R": (_l("Kesenian, hiburan, dan rekreasi"), range(90, 94)),
    "S": (_l("Aktivitas jasa lainnya"), range(94, 97)),
    "T": (_l("Aktivitas rumah tangga sebagai pemberi kerja"), range(97, 99)),
    "U": (_l("Aktivitas badan internasional dan badan ekstra internasional lainnya"), range(99, 100)),
}

UNKNOWN = _l("Tidak diketahui")  # no KBLI code, or one whose division is not in KBLI 2020


def divisions(section: str) -> list[str]:
    """'C' -> ['10', ..., '33']; unknown section -> []."""
    entry = SECTIONS.get((section or "").strip().upper())
    return [f"{n:02d}" for n in entry[1]] if entry else []


def section_of(kbli_code: str | None) -> str | None:
    if not kbli_code or len(kbli_code) < 2 or not kbli_code[:2].isdigit():
        return None
    division = int(kbli_code[:2])
    return next((letter for letter, (_name, span) in SECTIONS.items() if division in span), None)


def label(section: str | None):
    """'C' -> 'C – Industri pengolahan' (in the reader's language, lazily); UNKNOWN for anything else."""
    entry = SECTIONS.get((section or "").strip().upper())
    return _l("%(letter)s – %(name)s", letter=section.strip().upper(), name=entry[0]) if entry else UNKNOWN


def label_of_code(kbli_code: str | None) -> str:
    """The sector of a company's KBLI code: '10710' -> 'C – Industri pengolahan'; UNKNOWN when none."""
    return label(section_of((kbli_code or "").strip()))


def choices() -> list[tuple[str, str]]:
    return [(letter, label(letter)) for letter in SECTIONS]
