"""Fit score: bounds, monotonic in skills, deterministic, and the reasons it gives."""

from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules.fit import SeekerFacts, VacancyFacts, fit_score, split_list

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=8).map(str.strip).filter(bool)
skill_lists = st.lists(words, max_size=5).map(", ".join)
kecamatan = st.sampled_from([None, "647101", "647102", "647103"])
ranks = st.one_of(st.none(), st.integers(min_value=0, max_value=11))

seekers = st.builds(SeekerFacts, education_rank=ranks, major=st.sampled_from(["", "Teknik Pengelasan", "Akuntansi"]),
                    skills=skill_lists, kecamatan_code=kecamatan, has_disability=st.booleans())
vacancies = st.builds(VacancyFacts, education_min_rank=ranks,
                      majors=st.sampled_from(["", "Teknik Pengelasan", "akuntansi, perhotelan"]),
                      skills=skill_lists, kecamatan_code=kecamatan, disability_friendly=st.booleans())


@given(seekers, vacancies)
def test_score_is_between_0_and_100(seeker, vacancy):
    result = fit_score(seeker, vacancy)
    assert 0 <= result.score <= 100
    assert all(str(reason).strip() for reason in result.reasons)


@given(seekers, vacancies, words)
def test_adding_a_matching_skill_never_lowers_the_score(seeker, vacancy, skill):
    vacancy = VacancyFacts(**{**vacancy.__dict__, "skills": vacancy.skills + ", " + skill})
    before = fit_score(seeker, vacancy).score
    more = SeekerFacts(**{**seeker.__dict__, "skills": seeker.skills + ", " + skill.upper()})
    assert fit_score(more, vacancy).score >= before


@given(seekers, vacancies)
def test_the_score_is_deterministic(seeker, vacancy):
    assert fit_score(seeker, vacancy) == fit_score(seeker, vacancy)


def test_a_perfect_match_scores_100_with_every_reason():
    seeker = SeekerFacts(education_rank=4, major="teknik pengelasan", skills="Las Listrik, K3, mengemudi",
                         kecamatan_code="647103", has_disability=True)
    vacancy = VacancyFacts(education_min_rank=3, majors="Teknik Pengelasan, Teknik Alat Berat",
                           skills="las listrik, k3", kecamatan_code="647103", disability_friendly=True)
    result = fit_score(seeker, vacancy)
    assert result.score == 100
    text = " ".join(map(str, result.reasons))
    for phrase in ("Pendidikan memenuhi", "Jurusan sesuai", "las listrik, k3 (2 dari 2)", "kecamatan", "disabilitas"):
        assert phrase in text


def test_a_mismatch_explains_what_is_missing():
    seeker = SeekerFacts(education_rank=2, major="Akuntansi", skills="excel")
    vacancy = VacancyFacts(education_min_rank=3, majors="Teknik Pengelasan", skills="las listrik",
                           kecamatan_code="647101")
    result = fit_score(seeker, vacancy)
    assert result.score == 0
    assert "Pendidikan belum memenuhi syarat minimum." in result.reasons
    assert "Jurusan tidak termasuk yang dicari." in result.reasons
    assert "Belum ada keahlian yang cocok." in result.reasons


def test_half_the_skills_give_half_the_skill_points():
    seeker = SeekerFacts(education_rank=None, skills="las")
    vacancy = VacancyFacts(skills="las, k3")
    assert fit_score(seeker, vacancy).score == 30 + 20 + 15


def test_split_list_normalises_case_spaces_and_duplicates():
    assert split_list(" Las,  las ,,K3 ,las  listrik") == ["las", "k3", "las listrik"]
    assert split_list(None) == []
