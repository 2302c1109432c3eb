"""KBLI sections cover every division once."""

from jobfair.rules import kbli_sections


def test_sections_map_divisions_both_ways():
    assert kbli_sections.divisions("c")[:2] == ["10", "11"] and kbli_sections.divisions("C")[-1] == "33"
    assert kbli_sections.divisions("Z") == [] and kbli_sections.divisions("") == []
    assert kbli_sections.section_of("49431") == "H" and kbli_sections.section_of("01111") == "A"
    assert kbli_sections.section_of(None) is None and kbli_sections.section_of("x") is None
    every = [d for letter in kbli_sections.SECTIONS for d in kbli_sections.divisions(letter)]
    assert len(every) == len(set(every))


def test_one_label_per_sector():
    assert kbli_sections.label("C") == kbli_sections.label(" c ") == "C – Industri pengolahan"
    assert kbli_sections.label_of_code("10710") == "C – Industri pengolahan"
    assert kbli_sections.label_of_code("47111").startswith("G – Perdagangan")
    assert kbli_sections.label_of_code("01111").startswith("A – ")
    for missing in (None, "", "04", "x", "Z"):
        assert kbli_sections.label_of_code(missing) == kbli_sections.UNKNOWN
    assert kbli_sections.label("Z") == kbli_sections.label(None) == kbli_sections.UNKNOWN
    assert kbli_sections.choices()[0] == ("A", kbli_sections.label("A")) and len(kbli_sections.choices()) == 21
