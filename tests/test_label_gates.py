"""Gates for issue 13: one label per enum value (jobfair/labels.py), numbers and dates written one way.

Grep-based, like tests/test_ci_gates.py: they fail when a new label table, a hand-written month list, a
hand-made WITA offset or a `replace(",", ".")` number format appears outside the shared modules."""

import re
from pathlib import Path

from jobfair import PROJECT_DIR

PACKAGE = PROJECT_DIR / "jobfair"
TEMPLATES = PROJECT_DIR / "templates"

# Tables that are not enumerations of jobfair.models and stay where they are used (each with its reason).
LABEL_TABLES_ALLOWED = {
    "jobfair/services/privacy/incidents.py": "breach categories and deadline states (rules/breach), not model enums",
    "jobfair/services/privacy/my_data.py": "READ_LABELS: audit actions of the read log",
    "jobfair/services/protection/protection_import_read.py": "LABELS: the file's column headings",
    "jobfair/services/smk/student_import.py": "LABELS: the file's column headings",
}
CHOICES_ALLOWED = {
    "jobfair/companies/forms.py": "WLKP answers and the vacancy's sex requirement ('Hanya laki-laki'), not enums",
    "jobfair/protection/forms_figures.py": "MONTH_CHOICES built from rules/dates month names",
}
TEMPLATE_TABLES_ALLOWED = {
    "templates/seekers/ak1_macros.html": "slot states of the half-year report (computed, not a model enum)",
}

LABEL_TABLE = re.compile(r"^\s*[A-Z_]*LABELS\s*=\s*\{", re.M)
CHOICES_LIST = re.compile(r"^\s*[A-Z_]*_CHOICES\s*=\s*\[\s*\(", re.M)
TEMPLATE_TABLE = re.compile(r"{%\s*set\s+\w*labels\s*=\s*\{")
NUMBER_REPLACE = re.compile(r"""replace\(\s*(['"])[,.]\1\s*,\s*(['"])[,.]\2\s*\)""")
MONTH_LIST = re.compile(r"Januari\W+Februari", re.I)
HAND_WITA = re.compile(r"timedelta\(\s*hours\s*=\s*8\s*\)")


def _python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "translations" not in path.parts:
            yield path.relative_to(PROJECT_DIR).as_posix(), path.read_text(encoding="utf-8")


def _offenders(pattern: re.Pattern, allowed=(), files=None) -> list[str]:
    return [name for name, text in (files or _python_files()) if name not in allowed and pattern.search(text)]


def test_enum_labels_live_only_in_jobfair_labels():
    offenders = _offenders(LABEL_TABLE, {"jobfair/labels.py", *LABEL_TABLES_ALLOWED})
    assert not offenders, f"label tables outside jobfair/labels.py (use labels.label/table/choices): {offenders}"


def test_select_choices_of_enums_come_from_jobfair_labels():
    offenders = _offenders(CHOICES_LIST, set(CHOICES_ALLOWED))
    assert not offenders, f"hand-written choices lists (use labels.choices(Enum)): {offenders}"


def test_templates_hold_no_label_tables():
    files = [(p.relative_to(PROJECT_DIR).as_posix(), p.read_text(encoding="utf-8")) for p in TEMPLATES.rglob("*.html")]
    offenders = _offenders(TEMPLATE_TABLE, set(TEMPLATE_TABLES_ALLOWED), files)
    assert not offenders, f"label tables in templates (use enum_label('Enum', value)): {offenders}"


def test_numbers_are_not_formatted_by_swapping_separators():
    offenders = _offenders(NUMBER_REPLACE)
    assert not offenders, f'replace(",", ".") style number formatting (use jobfair.rules.numbers): {offenders}'


def test_no_hand_written_month_names_or_wita_offsets():
    months = _offenders(MONTH_LIST, {"jobfair/rules/dates.py"})
    offsets = _offenders(HAND_WITA)
    assert not months, f"month-name lists (use jobfair.rules.dates): {months}"
    assert not offsets, f"hand-made WITA offsets (use jobfair.rules.dates.WITA / local): {offsets}"


def test_the_gates_can_fail():
    assert LABEL_TABLE.search('STATUS_LABELS = {"draft": "Draf"}')
    assert CHOICES_LIST.search('SEX_CHOICES = [("L", "Laki-laki")]')
    assert TEMPLATE_TABLE.search('{% set labels = {"draft": _("Draf")} %}')
    assert NUMBER_REPLACE.search("""f"{n:,}".replace(",", ".")""") and NUMBER_REPLACE.search("x.replace('.', ',')")
    assert MONTH_LIST.search('("Januari", "Februari")') and HAND_WITA.search("timedelta(hours=8)")
    assert Path(PACKAGE / "labels.py").exists()
