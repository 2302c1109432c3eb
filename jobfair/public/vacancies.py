"""public blueprint: vacancy search and vacancy pages, for everyone (anonymous visitors too)."""

from datetime import date

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.models import ApplicationStatus, EmploymentType, Role
from jobfair.public.blueprint import bp
from jobfair.public.forms_vacancies import VacancySearchForm
from jobfair.rules import feed_text
from jobfair.security import public_url
from jobfair.seekers.forms_saved_searches import save_form_for
from jobfair.services import clock
from jobfair.services.hiring import applications, search, vacancies, vacancy_feed


def _search_form(today: date) -> VacancySearchForm:
    form = VacancySearchForm(request.args)
    anything = [("", _("— semua —"))]
    choices = search.filter_choices(today)
    form.job_fair_id.choices = anything + choices["fair"]
    form.sector.choices = anything + labels.choices(labels.Sector)
    form.education.choices = anything + choices["education"]
    form.kecamatan.choices = anything + choices["kecamatan"]
    form.employment_type.choices = anything + labels.choices(EmploymentType)
    return form


@bp.route("/lowongan")
def vacancies_search():
    """Search (ranked) or the newest listing; `setelah` / `sebelum` are the keyset cursors of the pager links."""
    today = date.today()
    page = request.args.get("page", 1, type=int)
    if not search.legacy_page_served(page):   # an old deep ?page=N link: back to the first page
        return redirect(url_for("public.vacancies_search",
                                **{k: v for k, v in request.args.items() if k != "page"}))
    form = _search_form(today)
    filters = _filters(form)
    results = search.search_vacancies(**filters, after=request.args.get("setelah"),
                                      before=request.args.get("sebelum"), page=page, today=today)
    seeker = current_user.is_authenticated and current_user.role == Role.SEEKER.value
    return render_template("public/vacancies_search.html", form=form, results=results,
                           save_form=save_form_for(filters) if seeker else None)


def _filters(form: VacancySearchForm) -> dict:
    """The search form's filters as search.search_vacancies' arguments (an invalid form filters nothing)."""
    data = form.data if form.validate() else {}
    return {"q": data.get("q") or "", "job_fair_id": int(data["job_fair_id"]) if data.get("job_fair_id") else None,
            "sector": data.get("sector") or None, "education": data.get("education") or None,
            "kecamatan": data.get("kecamatan") or None, "employment_type": data.get("employment_type") or None,
            "disability_friendly": bool(data.get("disability_friendly")), "wage_min": data.get("wage_min")}


def _feed(template: str, mimetype: str) -> Response:
    today = clock.today()
    feed = vacancy_feed.feed(today=today, **_filters(_search_form(today)))
    query = feed_text.xml_text(request.query_string.decode("ascii", "replace"))
    body = render_template(template, feed=feed, query=query, public_url=public_url, feed_text=feed_text)
    return Response(body, mimetype=mimetype, headers={"Cache-Control": "public, max-age=300"})


@bp.route("/lowongan/feed.atom")
def vacancies_feed_atom():
    """Atom feed of the search (the same query string as /lowongan), for the city's website and Satu Data."""
    return _feed("public/vacancies_feed.atom.xml", "application/atom+xml")


@bp.route("/lowongan/feed.rss")
def vacancies_feed_rss():
    """RSS 2.0 feed of the same search."""
    return _feed("public/vacancies_feed.rss.xml", "application/rss+xml")


@bp.route("/lowongan/<int:vacancy_id>")
def vacancy(vacancy_id: int):
    vacancy = vacancies.public_vacancy(vacancy_id, date.today())
    applied = applications.has_applied(current_user, vacancy.id) if current_user.is_authenticated else None
    return render_template("public/vacancies_detail.html", vacancy=vacancy, applied=applied,
                           label=labels.labeller(ApplicationStatus))
