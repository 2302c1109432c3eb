"""Vacancy search for everyone (published, verified company, within its dates) and recommendations for seekers."""

from datetime import date, datetime

from sqlalchemy import String, cast, func, literal, null, or_, select, union_all

from jobfair.extensions import db
from jobfair.messages import translated
from jobfair.models import (
    Application,
    Company,
    CompanyStatus,
    EducationLevel,
    JobFair,
    Kecamatan,
    SeekerProfile,
    User,
    Vacancy,
    VacancyStatus,
)
from jobfair.rules import kbli_sections, search_query
from jobfair.rules.fit import FitResult, SeekerFacts, VacancyFacts, fit_score
from jobfair.rules.vacancy_rules import NO_EDUCATION_MINIMUM
from jobfair.services.hiring import search_index

MAX_PER_PAGE = 50
RECOMMENDATION_CANDIDATES = 300  # the fit score is computed in Python over at most this many open vacancies


def open_conditions(today: date) -> list:
    """What makes a vacancy visible and open to applications."""
    return [
        Vacancy.status == VacancyStatus.PUBLISHED.value,
        Company.status == CompanyStatus.VERIFIED.value,
        Vacancy.valid_from <= today,
        Vacancy.valid_until >= today,
    ]


def open_vacancies(today: date):
    return select(Vacancy).join(Company, Vacancy.company_id == Company.id).where(*open_conditions(today))


def find_open(vacancy_id: int, today: date) -> Vacancy | None:
    return db.session.scalar(open_vacancies(today).where(Vacancy.id == vacancy_id))


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally anywhere (escape char: backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def filtered_open_vacancies(today: date, *, job_fair_id: int | None = None, sector: str | None = None,
                            education: str | None = None, kecamatan: str | None = None,
                            employment_type: str | None = None, disability_friendly: bool = False,
                            wage_min: int | None = None):
    """Open vacancies (joined to Company) with the search page's filters applied (the words are matched later)."""
    query = open_vacancies(today)
    if job_fair_id:
        query = query.where(Vacancy.job_fair_id == job_fair_id)
    if sector:
        query = query.where(func.substr(Company.kbli_code, 1, 2).in_(kbli_sections.divisions(sector) or ["--"]))
    if education:
        rank = db.session.scalar(select(EducationLevel.rank).where(EducationLevel.code == education))
        if rank is not None:
            allowed = select(EducationLevel.code).where(EducationLevel.rank <= rank)
            query = query.where(or_(Vacancy.education_min.is_(None), Vacancy.education_min.in_(allowed)))
    if kecamatan:
        query = query.where(Vacancy.kecamatan_code == kecamatan)
    if employment_type:
        query = query.where(Vacancy.employment_type == employment_type)
    if disability_friendly:
        query = query.where(Vacancy.disability_friendly.is_(True))
    if wage_min:
        query = query.where(or_(Vacancy.wage_max >= wage_min, Vacancy.wage_min >= wage_min))
    return query


def new_matches(*, q: str = "", since: datetime, today: date, exclude=None, limit: int = MAX_PER_PAGE,
                **filters) -> list[Vacancy]:
    """Open vacancies that the search page would find for these words and filters, published after `since`, best
    match first (at most `limit`). For a saved search's alert (services/hiring/saved_searches.py): only true matches,
    never the "similar titles" the search page shows when the words match nothing. `exclude` is a select of
    vacancy ids to leave out (those already sent)."""
    query = filtered_open_vacancies(today, **filters).where(Vacancy.published_at > since)
    if exclude is not None:
        query = query.where(Vacancy.id.not_in(exclude))
    page = search_index.search_page(query, search_query.parse(q), per_page=max(1, limit))
    if page.mode in (search_index.SIMILAR, search_index.NO_WORDS):
        return []
    return page.items


def search_vacancies(*, q: str = "", job_fair_id: int | None = None, sector: str | None = None,
                     education: str | None = None, kecamatan: str | None = None, employment_type: str | None = None,
                     disability_friendly: bool = False, wage_min: int | None = None, after: str | None = None,
                     before: str | None = None, page: int = 1, per_page: int = 20,
                     today: date) -> search_index.SearchPage:
    """A page of open vacancies: ranked by relevance to `q` (full-text index), or newest first without `q`.

    `sector` is a KBLI 2020 section letter (A–U). `education` is the seeker's level: vacancies whose minimum is at
    or below it (or without a minimum). `after` / `before` are the opaque cursors of the next / previous links
    (keyset pages); `page` serves old `?page=N` links within search_index.OFFSET_ROWS_LIMIT rows.
    See services/hiring/search_index.py for the contract on PostgreSQL and SQLite.
    """
    query = filtered_open_vacancies(today, job_fair_id=job_fair_id, sector=sector, education=education,
                                    kecamatan=kecamatan, employment_type=employment_type,
                                    disability_friendly=disability_friendly, wage_min=wage_min)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    return search_index.search_page(query, search_query.parse(q), after=after, before=before, page=max(1, page),
                                    per_page=per_page)


def legacy_page_served(page: int, per_page: int = 20) -> bool:
    """Whether an old `?page=N` link is served (bounded OFFSET) rather than sent back to the first page."""
    return (max(1, page) - 1) * per_page < search_index.OFFSET_ROWS_LIMIT


def fair_choices(today: date) -> list[tuple[str, str]]:
    """Job fairs that have open vacancies, for the search filter."""
    query = (select(JobFair.id, JobFair.name).where(JobFair.id.in_(
        open_vacancies(today).with_only_columns(Vacancy.job_fair_id).where(Vacancy.job_fair_id.is_not(None))))
        .order_by(JobFair.starts_on.desc()))
    return [(str(fair_id), name) for fair_id, name in db.session.execute(query)]


def filter_choices(today: date) -> dict[str, list[tuple[str, str]]]:
    """The search form's lists in ONE query (the page is the most requested one): job fairs with open vacancies
    (newest first), education levels (by rank) and kecamatan (by name)."""
    fairs = select(literal("fair").label("kind"), cast(JobFair.id, String).label("code"), JobFair.name,
                   null().label("rank"), JobFair.starts_on).where(JobFair.id.in_(
                       open_vacancies(today).with_only_columns(Vacancy.job_fair_id)
                       .where(Vacancy.job_fair_id.is_not(None))))
    levels = select(literal("education"), EducationLevel.code, EducationLevel.name, EducationLevel.rank,
                    null())
    places = select(literal("kecamatan"), Kecamatan.code, Kecamatan.name, null(), null())
    rows = db.session.execute(union_all(fairs, levels, places)).all()
    order = {"fair": lambda row: (-row[4].toordinal(), row[1]), "education": lambda row: (row[3], row[1]),
             "kecamatan": lambda row: (row[2], row[1])}
    return {kind: [(row[1], row[2]) for row in sorted((r for r in rows if r[0] == kind), key=key)]
            for kind, key in order.items()}


def seeker_facts(profile: SeekerProfile | None) -> SeekerFacts:
    if profile is None:
        return SeekerFacts()
    rank = None
    if profile.education_level:
        rank = db.session.scalar(select(EducationLevel.rank).where(EducationLevel.code == profile.education_level))
    return SeekerFacts(education_rank=rank, major=profile.major or "", skills=profile.skills or "",
                       kecamatan_code=profile.kecamatan_code, has_disability=bool(profile.has_disability))


def _education_ranks() -> dict[str, int]:
    return {code: rank for code, rank in db.session.execute(select(EducationLevel.code, EducationLevel.rank))}


def vacancy_facts(vacancy: Vacancy, ranks: dict[str, int] | None = None) -> VacancyFacts:
    ranks = ranks if ranks is not None else _education_ranks()
    no_minimum = vacancy.education_min in (None, NO_EDUCATION_MINIMUM)  # "Tanpa syarat pendidikan"
    return VacancyFacts(education_min_rank=None if no_minimum else ranks.get(vacancy.education_min),
                        majors=vacancy.majors or "", skills=vacancy.skills or "",
                        kecamatan_code=vacancy.kecamatan_code, disability_friendly=bool(vacancy.disability_friendly))


def fit_of(seeker: SeekerFacts, vacancy: VacancyFacts) -> FitResult:
    """rules.fit's score with its reasons in the reader's language."""
    fit = fit_score(seeker, vacancy)
    return FitResult(score=fit.score, reasons=tuple(translated(reason) for reason in fit.reasons))


def fit_for(profile: SeekerProfile | None, vacancy: Vacancy) -> FitResult:
    return fit_of(seeker_facts(profile), vacancy_facts(vacancy))


def profile_of(actor: User) -> SeekerProfile | None:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == actor.id))


def recommendations(actor: User, today: date, limit: int = 10) -> list[tuple[Vacancy, FitResult]]:
    """Open vacancies ranked by fit score (ties: newest first), each with its reasons."""
    profile = profile_of(actor)
    facts = seeker_facts(profile)
    query = open_vacancies(today)
    if profile is not None:
        applied = select(Application.vacancy_id).where(Application.seeker_id == profile.id)
        query = query.where(Vacancy.id.not_in(applied))
        if profile.kecamatan_code or profile.education_level:
            # Prefer likely matches in the bounded candidate set: same kecamatan first.
            query = query.order_by((Vacancy.kecamatan_code == (profile.kecamatan_code or "")).desc())
    query = query.order_by(Vacancy.valid_until.desc(), Vacancy.id.desc()).limit(RECOMMENDATION_CANDIDATES)
    ranks = _education_ranks()
    scored = [(vacancy, fit_of(facts, vacancy_facts(vacancy, ranks))) for vacancy in db.session.scalars(query)]
    scored.sort(key=lambda pair: (-pair[1].score, -pair[0].id))
    return scored[:max(0, limit)]
