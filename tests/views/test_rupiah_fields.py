"""Rupiah typed as Indonesians type it ("4.000.000", "Rp 4.000.000", "4000000") in every money field, and an
Indonesian message beside the field for anything else — never WTForms' "Not a valid integer value"."""

import importlib
import pkgutil
from datetime import date, timedelta

from sqlalchemy import select
from wtforms import BooleanField, Form
from wtforms.fields.choices import SelectFieldBase

import jobfair
from jobfair.extensions import db
from jobfair.forms_util import RupiahField
from jobfair.models import Placement, Programme, User, Vacancy
from jobfair.services.hiring import applicants, applications
from tests import factories
from tests.conftest import csrf_token, login

TODAY = date.today()
NEW = "/perusahaan/lowongan/baru"
VACANCY = {"title": "Juru Las", "kbji_code": "721201", "description": "Pengelasan pipa.", "openings": "4",
           "valid_from": TODAY.isoformat(), "valid_until": (TODAY + timedelta(days=20)).isoformat(),
           "education_min": "SMA", "majors": "", "skills": "las listrik", "experience_years": "0",
           "age_min": "18", "age_max": "35", "sex_required": "", "kecamatan_code": "647102",
           "employment_type": "contract", "job_fair_id": ""}
RUPIAH_MESSAGE = "Tulis nominal rupiah dengan angka, misalnya 4.000.000."
MONEY_WORDS = ("rp", "rupiah", "upah", "uang", "insentif", "iuran", "anggaran", "penghasilan", "nilai (", "umk")


def _client(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _post(client, path, data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def test_every_money_field_of_every_form_is_a_rupiah_field(app):
    forms = []
    for module in pkgutil.walk_packages(jobfair.__path__, "jobfair."):
        if ".forms" in module.name:
            imported = importlib.import_module(module.name)
            forms += [obj for obj in vars(imported).values()
                      if isinstance(obj, type) and issubclass(obj, Form) and obj.__module__ == module.name]
    assert len(forms) > 20
    money = []
    with app.test_request_context():
        for form in forms:
            for name, unbound in vars(form).items():
                label = str(unbound.args[0]).casefold() if getattr(unbound, "args", None) else ""
                if not hasattr(unbound, "field_class") or issubclass(unbound.field_class,
                                                                     (BooleanField, SelectFieldBase)):
                    continue  # a checkbox or a list of choices is not typed money
                if any(word in label for word in MONEY_WORDS) and "syarat" not in label:
                    money.append((f"{form.__name__}.{name}", unbound.field_class))
    assert len(money) >= 13, money
    assert [name for name, cls in money if not issubclass(cls, RupiahField)] == []


def test_vacancy_wages_read_dots_and_rp_and_refuse_words_beside_the_field(app):
    with app.app_context():
        email = factories.verified_company_user().email
    client = _client(app, email)
    page = client.get(NEW).get_data(as_text=True)
    assert 'id="wage_min" inputmode="numeric" name="wage_min" type="text"' in page  # a number input drops dots
    response = _post(client, NEW, {**VACANCY, "wage_min": "empat juta", "wage_max": "4,5"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count(RUPIAH_MESSAGE) == 2 and "Not a valid integer" not in page
    assert page.index('name="wage_min"') < page.index(RUPIAH_MESSAGE) < page.index('name="wage_max"')
    assert 'value="empat juta"' in page  # what was typed is kept
    response = _post(client, NEW, {**VACANCY, "wage_min": "Rp 4.000.000", "wage_max": "4500000"})
    assert response.status_code == 302
    with app.app_context():
        vacancy = db.session.scalar(select(Vacancy))
        assert (vacancy.wage_min, vacancy.wage_max) == (4_000_000, 4_500_000)
        vacancy_id = vacancy.id
    edit = client.get(f"/perusahaan/lowongan/{vacancy_id}/ubah").get_data(as_text=True)
    assert 'value="4.000.000"' in edit and 'value="4.500.000"' in edit


def test_hire_wage_with_dots(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company)
        application_id = applications.apply(factories.seeker_with_cv(), vacancy.id, cover_letter="", today=TODAY).id
        applicants.change_status(db.session.get(User, company.id), application_id, "shortlisted", "")
        email = company.email
    client = _client(app, email)
    path = f"/perusahaan/pelamar/{application_id}/terima"
    form = {"start_date": TODAY.isoformat(), "contract_type": "PKWT", "confirm": "y"}
    bad = _post(client, path, {**form, "wage": "4.00.000"})
    assert bad.status_code == 422 and RUPIAH_MESSAGE in bad.get_data(as_text=True)
    assert _post(client, path, {**form, "wage": "Rp 4.000.000"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Placement.wage)) == 4_000_000


def test_public_search_wage_filter(app, client):
    with app.app_context():
        factories.published_vacancy(title="Juru Las Pipa", wage_min=5_000_000, wage_max=6_000_000)
        factories.published_vacancy(title="Kasir Toko", wage_min=3_701_508, wage_max=3_800_000)
    page = client.get("/lowongan?wage_min=4.500.000").get_data(as_text=True)
    assert "Juru Las Pipa" in page and "Kasir Toko" not in page
    page = client.get("/lowongan?wage_min=banyak").get_data(as_text=True)
    assert RUPIAH_MESSAGE in page and "Not a valid integer" not in page


def test_applicant_filter_score_error_is_indonesian(app):
    with app.app_context():
        company = factories.application_company()
        vacancy_id = factories.published_vacancy(company).id
        email = company.email
    page = _client(app, email).get(f"/perusahaan/lowongan/{vacancy_id}/pelamar?min_score=tinggi")
    text = page.get_data(as_text=True)
    assert "Not a valid integer" not in text and "Isi dengan angka bulat" in text


def test_programme_budget_and_unit_value_in_rupiah(app, officer_client):
    path = "/perlindungan/program/baru"
    response = _post(officer_client, path, {
        "name": "Paket sembako lansia", "kind": "recurring_aid", "cover_kind": "aid_sembako",
        "owning_office": "Dinas Sosial", "funder": "city", "payer": "city", "year": "2025", "amount_per_month": "0",
        "item_name": "Paket sembako", "unit_value": "Rp300.000,-", "quota": "80", "budget": "Rp 288.000.000",
        "requires_elderly": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        programme = db.session.scalar(select(Programme))
        assert (programme.unit_value, programme.budget) == (300_000, 288_000_000)


def test_whole_number_fields_never_read_a_decimal_point_as_thousands(app):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    from jobfair.companies.forms import WholeNumberField

    class HoursForm(FlaskForm):
        hours = WholeNumberField("Jam")

    with app.test_request_context():
        for typed, expected in (("7.5", None), ("1.200", 1200), ("40", 40), ("-3", None), ("", None)):
            form = HoursForm(formdata=MultiDict({"hours": typed}), meta={"csrf": False})
            assert form.validate() == (typed != "7.5" and typed != "-3"), typed
            assert form.hours.data == expected, typed
        assert HoursForm(formdata=MultiDict({"hours": "7.5"}), meta={"csrf": False}).hours.process_errors == [
            "Tulis angka bulat saja, tanpa huruf (contoh 3701508)."]
