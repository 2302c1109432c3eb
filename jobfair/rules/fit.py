"""Fit score of a job seeker for a vacancy: 0..100 with its reasons (Indonesian N_() texts the services
translate), pure Python.

Weights: education 30, major 20, skills up to 30 (share of the vacancy's skills the seeker has), same kecamatan 10,
disability fit 10. A vacancy without a requirement (no minimum education, no majors, no skills) gives that part in full.
"""

from dataclasses import dataclass

from jobfair.rules.translatable import N_, Text

EDUCATION_POINTS = 30
MAJOR_POINTS = 20
SKILL_POINTS = 30
KECAMATAN_POINTS = 10
DISABILITY_POINTS = 10


@dataclass(frozen=True)
class SeekerFacts:
    education_rank: int | None = None
    major: str = ""
    skills: str = ""              # comma-separated
    kecamatan_code: str | None = None
    has_disability: bool = False


@dataclass(frozen=True)
class VacancyFacts:
    education_min_rank: int | None = None
    majors: str = ""              # comma-separated
    skills: str = ""              # comma-separated
    kecamatan_code: str | None = None
    disability_friendly: bool = False


@dataclass(frozen=True)
class FitResult:
    score: int
    reasons: tuple[Text, ...]  # services/hiring/search.py translates them


def split_list(text: str | None) -> list[str]:
    """'Las, las listrik ,,K3' -> ['las', 'las listrik', 'k3'] (case-insensitive, unique, order kept)."""
    seen: list[str] = []
    for part in (text or "").split(","):
        item = " ".join(part.split()).casefold()
        if item and item not in seen:
            seen.append(item)
    return seen


def fit_score(seeker: SeekerFacts, vacancy: VacancyFacts) -> FitResult:
    score = 0
    reasons: list[str] = []

    if vacancy.education_min_rank is None:
        score += EDUCATION_POINTS
        reasons.append(N_("Tidak ada syarat pendidikan minimum."))
    elif seeker.education_rank is not None and seeker.education_rank >= vacancy.education_min_rank:
        score += EDUCATION_POINTS
        reasons.append(N_("Pendidikan memenuhi syarat minimum."))
    else:
        reasons.append(N_("Pendidikan belum memenuhi syarat minimum."))

    majors = split_list(vacancy.majors)
    seeker_major = " ".join((seeker.major or "").split()).casefold()
    if not majors:
        score += MAJOR_POINTS
    elif seeker_major and seeker_major in majors:
        score += MAJOR_POINTS
        reasons.append(N_("Jurusan sesuai dengan yang dicari."))
    else:
        reasons.append(N_("Jurusan tidak termasuk yang dicari."))

    wanted = split_list(vacancy.skills)
    if not wanted:
        score += SKILL_POINTS
    else:
        have = set(split_list(seeker.skills))
        matched = [skill for skill in wanted if skill in have]
        score += SKILL_POINTS * len(matched) // len(wanted)
        if matched:
            reasons.append(N_("Keahlian yang cocok: %(skills)s (%(matched)s dari %(wanted)s).",
                              skills=", ".join(matched), matched=len(matched), wanted=len(wanted)))
        else:
            reasons.append(N_("Belum ada keahlian yang cocok."))

    if seeker.kecamatan_code and seeker.kecamatan_code == vacancy.kecamatan_code:
        score += KECAMATAN_POINTS
        reasons.append(N_("Lokasi kerja sekecamatan dengan tempat tinggal pelamar."))

    if seeker.has_disability and vacancy.disability_friendly:
        score += DISABILITY_POINTS
        reasons.append(N_("Lowongan terbuka bagi penyandang disabilitas."))

    return FitResult(score=max(0, min(100, score)), reasons=tuple(reasons))
