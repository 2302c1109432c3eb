"""Places, choices, ranking and match pages: company → office → students → office publishes → results."""

from datetime import date, timedelta

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Apprenticeship, ApprenticeshipPlace, MatchRound, StudentChoice
from tests import factories
from tests.conftest import csrf_token, login


def _client(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _post(client, path, data, token_page=None):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, token_page or path)})


def _place_form(**overrides):
    fields = factories.place_fields()
    form = {key: str(value) for key, value in fields.items() if key != "eligible_majors"}
    form["eligible_majors"] = fields["eligible_majors"]
    form["allowance_transport"] = "500.000"
    form.update(overrides)
    return form


def _one(app, model, **where):
    with app.app_context():
        return db.session.scalars(select(model).filter_by(**where).order_by(model.id)).all()


def test_full_path_through_the_pages(app, officer_client):
    with app.app_context():
        company_email = factories.match_company(headcount=40).email
        student = factories.make_student(login=True)
        student_email, student_id = student.user.email, student.id
    company = _client(app, company_email)
    assert _post(company, "/perusahaan/tempat-magang/baru", _place_form()).status_code == 302
    [place] = _one(app, ApprenticeshipPlace)
    assert place.allowance_transport == 500_000 and place.eligible_majors == "TKJ"
    assert "Magang Teknisi Jaringan" in company.get("/perusahaan/tempat-magang").get_data(as_text=True)

    review = f"/disnaker/tempat-magang/{place.id}"
    assert "Magang Teknisi Jaringan" in officer_client.get("/disnaker/tempat-magang").get_data(as_text=True)
    assert _post(officer_client, review + "/setujui", {}, review).status_code == 302
    assert _one(app, ApprenticeshipPlace)[0].status == "approved"

    pupil = _client(app, student_email)
    assert "Magang Teknisi Jaringan" in pupil.get("/smk/tempat-magang").get_data(as_text=True)
    response = _post(pupil, "/smk/tempat-magang/pilihan", {"choices-0": str(place.id)})
    assert response.status_code == 302
    assert [c.place_id for c in _one(app, StudentChoice)] == [place.id]

    ranking = f"/perusahaan/tempat-magang/{place.id}/peringkat"
    page = company.get(ranking).get_data(as_text=True)
    assert "Siswa" in page and f'name="rank_{student_id}"' in page
    assert _post(company, ranking, {f"rank_{student_id}": "1"}).status_code == 302

    response = _post(officer_client, "/disnaker/putaran-magang/jalankan", {}, "/disnaker/putaran-magang")
    assert response.status_code == 302
    [match_round] = _one(app, MatchRound)
    preview = f"/disnaker/putaran-magang/{match_round.id}"
    page = officer_client.get(preview).get_data(as_text=True)
    assert "Sebaran pilihan" in page and "Magang Teknisi Jaringan" in page
    assert _post(officer_client, preview + "/terbitkan", {}, preview).status_code == 422   # not confirmed
    assert _one(app, Apprenticeship) == []
    assert _post(officer_client, preview + "/terbitkan", {"confirm": "y"}, preview).status_code == 302
    [apprenticeship] = _one(app, Apprenticeship)
    assert apprenticeship.student_id == student_id
    result = pupil.get("/smk/tempat-magang/hasil").get_data(as_text=True)
    assert "Anda mendapat tempat" in result and apprenticeship.agreement_number in result
    assert apprenticeship.agreement_number in company.get(
        f"/perusahaan/tempat-magang/{place.id}/hasil").get_data(as_text=True)


def test_bad_place_input_is_shown_beside_the_fields(app):
    with app.app_context():
        email = factories.match_company().email
        start = factories.place_fields()["starts_on"]
    company = _client(app, email)
    response = _post(company, "/perusahaan/tempat-magang/baru",
                     _place_form(places="0", ends_on=(start + timedelta(days=500)).isoformat()))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "12 bulan" in page and "paling sedikit 1" in page
    assert _one(app, ApprenticeshipPlace) == []


def test_unverified_company_is_told_why(app, company_client):
    response = _post(company_client, "/perusahaan/tempat-magang/baru", _place_form())
    assert response.status_code == 422 and "belum diverifikasi" in response.get_data(as_text=True)


def test_ranking_the_same_place_twice_in_the_form(app):
    with app.app_context():
        place = factories.approved_place()
        student = factories.make_student(login=True)
        email, place_id = student.user.email, place.id
    pupil = _client(app, email)
    response = _post(pupil, "/smk/tempat-magang/pilihan", {"choices-0": str(place_id), "choices-1": str(place_id)})
    assert response.status_code == 422
    assert "Tempat yang sama dipilih dua kali" in response.get_data(as_text=True)
    assert _one(app, StudentChoice) == []


def test_company_cannot_open_another_company_place_or_rank_strangers(app):
    with app.app_context():
        place = factories.approved_place()
        other_email = factories.match_company().email
        owner_email = db.session.get(ApprenticeshipPlace, place.id).company.users[0].email
        stranger = factories.make_student(login=True).id
        place_id = place.id
    other = _client(app, other_email)
    assert other.get(f"/perusahaan/tempat-magang/{place_id}").status_code == 404
    assert other.get(f"/perusahaan/tempat-magang/{place_id}/peringkat").status_code == 404
    owner = _client(app, owner_email)
    ranking = f"/perusahaan/tempat-magang/{place_id}/peringkat"
    page = owner.get(ranking).get_data(as_text=True)
    assert f"rank_{stranger}" not in page
    assert _post(owner, ranking, {f"rank_{stranger}": "1"}).status_code == 404


def test_officer_return_needs_a_reason_and_over_cap_is_explained(app, officer_client):
    with app.app_context():
        company = factories.match_company(headcount=5)     # cap: 1
        from jobfair.services.smk import places
        place_id = places.propose_place(company, **factories.place_fields(places=2)).id
    review = f"/disnaker/tempat-magang/{place_id}"
    response = _post(officer_client, review + "/setujui", {}, review)
    assert response.status_code == 302
    assert "20%" in officer_client.get(review).get_data(as_text=True)
    assert _one(app, ApprenticeshipPlace)[0].status == "proposed"
    assert _post(officer_client, review + "/kembalikan", {"reason": "", "confirm": "y"}, review).status_code == 422
    response = _post(officer_client, review + "/kembalikan", {"reason": "Kurangi jumlah tempat.", "confirm": "y"},
                     review)
    assert response.status_code == 302
    assert _one(app, ApprenticeshipPlace)[0].status == "returned"


def test_pages_need_the_right_role(app, student_client, company_client):
    assert student_client.get("/disnaker/putaran-magang").status_code == 403
    assert company_client.get("/smk/tempat-magang").status_code == 403
    assert student_client.get("/smk/tempat-magang").status_code == 404    # a login without a student record


def test_company_marks_a_candidate_not_acceptable_and_the_student_is_told_why(app, officer_client):
    from jobfair.models import CompanyRefusal
    from jobfair.services.smk import matching_rounds, preferences

    with app.app_context():
        company = factories.match_company()
        place = factories.approved_place(company)
        student = factories.make_student(login=True)
        preferences.set_choices(student.user, [place.id])
        company_email, student_email, place_id, student_id = company.email, student.user.email, place.id, student.id
    owner = _client(app, company_email)
    ranking = f"/perusahaan/tempat-magang/{place_id}/peringkat"
    assert f'name="refuse_{student_id}"' in owner.get(ranking).get_data(as_text=True)
    response = _post(owner, ranking, {f"rank_{student_id}": "1", f"refuse_{student_id}": "y"})
    assert response.status_code == 422 and "tidak dapat diterima" in response.get_data(as_text=True)
    assert _one(app, CompanyRefusal) == []
    assert _post(owner, ranking, {f"rank_{student_id}": "", f"refuse_{student_id}": "y"}).status_code == 302
    assert [(r.place_id, r.student_id) for r in _one(app, CompanyRefusal)] == [(place_id, student_id)]
    assert "checked" in owner.get(ranking).get_data(as_text=True)
    with app.app_context():
        officer = factories.make_officer()
        matching_rounds.publish(officer, matching_rounds.run_round(officer).id)
    page = _client(app, student_email).get("/smk/tempat-magang/hasil").get_data(as_text=True)
    assert "Perusahaan menandai Anda tidak dapat diterima di tempat ini." in page


def test_a_student_too_young_on_the_first_day_is_told_why(app):
    from jobfair.rules.apprenticeship_rules import add_months
    from jobfair.services.smk import matching_rounds, preferences

    with app.app_context():
        place = factories.approved_place()
        young = factories.make_student(login=True, consent=True,
                                       birth_date=add_months(place.starts_on, -17 * 12) + timedelta(days=1))
        preferences.set_choices(young.user, [place.id])
        officer = factories.make_officer()
        match_round = matching_rounds.run_round(officer)
        matching_rounds.publish(officer, match_round.id)
        email = young.user.email
    page = _client(app, email).get("/smk/tempat-magang/hasil").get_data(as_text=True)
    assert "Anda belum mendapat tempat" in page and "Umur Anda belum 17 tahun pada hari magang ini dimulai" in page


# --- no form that can only fail; a place no student can choose is pointed out -----------------------------------

def test_an_approved_place_is_not_offered_for_editing(app):
    with app.app_context():
        company = factories.match_company(headcount=40)
        email, place_id = company.email, factories.approved_place(company).id
    client = _client(app, email)
    detail = client.get(f"/perusahaan/tempat-magang/{place_id}").get_data(as_text=True)
    assert f'href="/perusahaan/tempat-magang/{place_id}/ubah"' not in detail
    response = client.get(f"/perusahaan/tempat-magang/{place_id}/ubah")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "sudah disetujui Disnaker tidak dapat diubah lagi" in page
    assert "Kirim ke Disnaker" not in page and 'name="title"' not in page
    # the service still refuses an edit posted from an old tab, and the place stays approved
    assert _post(client, f"/perusahaan/tempat-magang/{place_id}/ubah", _place_form(title="Baru"),
                 f"/perusahaan/tempat-magang/{place_id}").status_code == 409
    [place] = _one(app, ApprenticeshipPlace)
    assert place.status == "approved" and place.title == "Magang Teknisi Jaringan"


def test_a_proposed_place_can_still_be_edited(app):
    with app.app_context():
        company = factories.match_company(headcount=40)
        email = company.email
    client = _client(app, email)
    assert _post(client, "/perusahaan/tempat-magang/baru", _place_form()).status_code == 302
    [place] = _one(app, ApprenticeshipPlace)
    page = client.get(f"/perusahaan/tempat-magang/{place.id}/ubah").get_data(as_text=True)
    assert "Kirim ke Disnaker" in page and "tidak dapat diubah lagi" not in page


def _propose(app, **overrides) -> tuple:
    with app.app_context():
        email = factories.match_company(headcount=40).email
    client = _client(app, email)
    response = _post(client, "/perusahaan/tempat-magang/baru", _place_form(**overrides))
    assert response.status_code == 302
    return client, client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_place_whose_dates_fit_no_students_window_is_warned_about(app, officer_client):
    with app.app_context():
        factories.make_student()  # TKJ, graduating in 120 days: window from day 30 to day 120
    today = date.today()
    client, page = _propose(app, starts_on=(today + timedelta(days=100)).isoformat(),
                            ends_on=(today + timedelta(days=150)).isoformat())
    assert "tidak masuk masa magang siswa mana pun" in page
    graduation = today + timedelta(days=120)
    assert f"– {graduation:%d-%m-%Y}" in page  # the window that would fit
    [place] = _one(app, ApprenticeshipPlace)
    assert place.status == "proposed"  # a warning, not a refusal
    assert "tidak masuk masa magang siswa mana pun" in officer_client.get(
        f"/disnaker/tempat-magang/{place.id}").get_data(as_text=True)


def test_a_place_that_fits_a_students_window_has_no_warning(app):
    with app.app_context():
        factories.make_student()
    _client_, page = _propose(app)
    assert "masa magang siswa" not in page and "Belum ada siswa SMK terdaftar" not in page


def test_a_place_for_a_major_without_students_is_warned_about(app):
    with app.app_context():
        factories.make_student()  # TKJ only
    _client_, page = _propose(app, eligible_majors=["TPL"])
    assert "Belum ada siswa SMK terdaftar dari jurusan yang dipilih" in page


def test_without_places_on_offer_the_student_gets_no_choices_form(app):
    with app.app_context():
        email = factories.make_student(login=True).user.email
    pupil = _client(app, email)
    offered = pupil.get("/smk/tempat-magang").get_data(as_text=True)
    assert 'href="/smk/tempat-magang/pilihan"' not in offered
    page = pupil.get("/smk/tempat-magang/pilihan").get_data(as_text=True)
    assert "Belum ada tempat magang yang ditawarkan untuk Anda." in page
    assert "Simpan pilihan" not in page and 'name="choices-0"' not in page
