"""jobfair/labels.py: every enum value has one label, in Indonesian and in English."""

import enum

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from jobfair import PROJECT_DIR, labels, models
from jobfair.models import EmploymentType, ProgrammeKind, Role
from tests.views.test_i18n import TRANSLATIONS_DIR, _compile_catalogues

# Labels whose English translation the lead adds when regenerating the catalogue (they were untranslated plain
# strings before jobfair/labels.py). A new label must not join this list: translate it.
KNOWN_UNTRANSLATED: frozenset[str] = frozenset()  # every label has its English translation


def _model_enums() -> list[type]:
    return sorted({obj for obj in vars(models).values() if isinstance(obj, type) and issubclass(obj, enum.Enum)},
                  key=lambda cls: cls.__name__)


def _msgid(text) -> str:
    return text._args[0] if hasattr(text, "_args") else str(text)


def _labels():
    for table in (labels.LABELS, labels.SHORT):
        for cls, values in table.items():
            if cls is not labels.Sector:  # KBLI sections: plain Indonesian (rules/kbli_sections)
                yield from ((cls, value, text) for value, text in values.items())


def test_every_model_enum_value_has_a_label():
    skipped = {models.RequestKind}  # one kind only (erasure); never shown as a choice
    for cls in _model_enums():
        if cls in skipped:
            continue
        assert cls in labels.LABELS, f"{cls.__name__} has no labels in jobfair/labels.py"
        missing = [member.value for member in cls if member.value not in labels.LABELS[cls]]
        assert not missing, f"{cls.__name__}: no label for {missing}"
        extra = set(labels.LABELS[cls]) - {member.value for member in cls}
        assert not extra, f"{cls.__name__}: labels for values the enum does not have: {extra}"


def test_labels_read_as_indonesian_outside_a_request():
    assert str(labels.label(Role, "seeker")) == "Pencari kerja"
    assert str(labels.label(ProgrammeKind, "recurring_aid")) == "Bantuan rutin (bulanan)"
    assert str(labels.label(ProgrammeKind, "recurring_aid", short=True)) == "Bantuan bulanan"
    assert str(labels.label(ProgrammeKind, "one_off_aid", short=True)) == "Bantuan sekali serah"  # full when no short
    assert str(labels.label("Sector", "C")) == "C – Industri pengolahan"
    assert labels.label(Role, "nobody") == "nobody" and labels.label(Role, None) == ""
    assert [(v, str(t)) for v, t in labels.choices(EmploymentType)][:2] == [("permanent", "Tetap (PKWTT)"),
                                                                          ("contract", "Kontrak (PKWT)")]
    assert labels.choices(Role, values=(Role.ADMIN,), blank="—") == [("", "—"), ("admin", labels.label(Role, "admin"))]


def test_every_label_has_an_english_translation():
    with (TRANSLATIONS_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="en")
    untranslated = set()
    for _cls, _value, text in _labels():
        message = catalog.get(_msgid(text))
        if message is None or not message.string or message.fuzzy:
            untranslated.add(_msgid(text))
    assert not untranslated - KNOWN_UNTRANSLATED, f"labels without an English translation: {untranslated}"


@pytest.mark.usefixtures("app")
def test_labels_follow_the_readers_language(app):
    _compile_catalogues(TRANSLATIONS_DIR)
    with app.test_request_context("/"):
        app.extensions["babel"].instance.domain_instance.cache.clear()
        with force_locale("en"):
            english = str(labels.label(Role, "company"))
        with force_locale("id"):
            indonesian = str(labels.label(Role, "company"))
    assert indonesian == "Perusahaan" and english != indonesian


def test_the_template_helpers_are_registered(app):
    env = app.jinja_env
    assert env.globals["enum_label"] is labels.label and env.globals["label_choices"] is labels.choices
    with app.test_request_context("/"):
        assert env.from_string('{{ enum_label("VacancyStatus", "published") }}').render() == "Tayang"
        assert env.from_string('{{ "hired" | label("ApplicationStatus") }}').render() == "Diterima bekerja"
    assert PROJECT_DIR.exists()
