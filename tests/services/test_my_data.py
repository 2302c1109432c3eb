"""UU PDP "Data saya": the sections collected for the acting user only, the reads of their record, the audited
download, the registry a consent section plugs into."""

import json

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent
from jobfair.services.errors import PermissionDenied, ValidationFailed
from jobfair.services.hiring import ak1, applicants
from jobfair.services.privacy import my_data
from tests import factories


def _sections(export_or_overview) -> dict:
    return {section.key: section for section in export_or_overview.sections}


def _texts(section) -> list[str]:
    return [it.text for record in section.records for it in record]


@pytest.fixture
def two_applicants(db):
    """Two seekers who applied to different vacancies of one company."""
    company = factories.application_company()
    welder = factories.published_vacancy(company, title="Juru Las Pipa")
    driver = factories.published_vacancy(company, title="Sopir Truk Tambang")
    alice, bob = factories.seeker_with_cv(), factories.seeker_with_cv()
    first = factories.fair_application(welder, alice)
    second = factories.fair_application(driver, bob)
    return company, alice, bob, first, second


def test_the_json_holds_the_seekers_own_applications_and_no_one_elses(two_applicants):
    _company, alice, bob, _first, _second = two_applicants
    body = json.loads(my_data.export(alice, "json").json_bytes())
    records = body["sections"]["applications"]["records"]
    assert [r["vacancy"] for r in records] == ["Juru Las Pipa"]
    text = json.dumps(body, ensure_ascii=False)
    assert "Sopir Truk Tambang" not in text and bob.email not in text and bob.full_name not in text
    assert body["sections"]["account"]["records"][0]["email"] == alice.email


def test_the_nik_is_masked_everywhere_in_the_copy(db):
    nik = factories.valid_nik(serial=4321)
    seeker = factories.make_seeker(nik=nik)
    text = my_data.export(seeker, "json").json_bytes().decode()
    assert nik not in text
    assert "6471••••••••4321" in text


def test_the_protection_register_entry_of_the_same_nik_is_included(db):
    seeker = factories.make_seeker()
    programme = factories.bpjs_programme()
    person = seeker.person
    worker = factories.make_worker(nik=_clear_nik_of(seeker), full_name=person.full_name, sex=person.sex,
                                   birth_date=person.birth_date, address="Jl. Pelabuhan Semayang 7")
    factories.make_enrolment(worker=worker, programme=programme)
    sections = _sections(my_data.export(seeker, "json"))
    assert "protection" in sections
    assert "Jl. Pelabuhan Semayang 7" in _texts(sections["protection"])
    assert programme.name in _texts(sections["protection"])


def _clear_nik_of(user) -> str:
    from jobfair.services.people import reveal_nik
    return reveal_nik(user.person)


def test_someone_else_in_the_register_is_not_included(db):
    seeker = factories.make_seeker()
    factories.make_worker(address="Jl. Orang Lain 1")
    assert "protection" not in _sections(my_data.export(seeker, "json"))


def test_reads_by_others_are_listed_with_role_and_institution_but_no_officer_identity(two_applicants):
    company, alice, _bob, first, _second = two_applicants
    officer = factories.make_officer()
    officer.full_name = "Budi Santoso Petugas"
    applicants.open_applicant(company, first.id)
    applicants.cv_for_company(company, first.id)
    factories.complete_profile(alice)
    card = ak1.request_card(alice)
    ak1.office_card(officer, card.id)
    overview = my_data.overview(alice)
    rows = [[it.text for it in record] for record in overview.read_records]
    whats = [row[2] for row in rows]
    assert any("CV" in what for what in whats) and any("profil lamaran" in what for what in whats)
    assert any("NIK lengkap" in what for what in whats)
    whos = {row[1] for row in rows}
    assert f"Perusahaan {company.company.name}" in whos and "Petugas Disnaker Kota Balikpapan" in whos
    flat = " ".join(" ".join(row) for row in rows)
    assert officer.email not in flat and "Budi Santoso Petugas" not in flat


def test_reads_of_another_person_are_not_shown(two_applicants):
    company, alice, bob, first, second = two_applicants
    applicants.open_applicant(company, second.id)      # bob's application
    assert my_data.overview(alice).read_records == []
    assert len(my_data.overview(bob).read_records) == 1


def test_the_download_is_audited_without_data(two_applicants):
    _company, alice, _bob, _first, _second = two_applicants
    my_data.export(alice, "html")
    event = db_event("privacy.data_downloaded")
    assert event.actor_id == alice.id and event.subject_person_id == alice.person_id
    assert event.detail == {"format": "html"}
    # the person's own download is not shown as "someone read your data"
    assert my_data.overview(alice).read_records == []


def db_event(action):
    from jobfair.extensions import db
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


def test_a_company_user_gets_their_account_only(db):
    hr = factories.application_company()
    sections = _sections(my_data.export(hr, "json"))
    assert set(sections) == {"account"}
    assert hr.company.name in _texts(sections["account"])


def test_a_student_gets_their_school_record(db):
    student = factories.make_student(login=True)
    sections = _sections(my_data.export(student.user, "json"))
    assert student.nisn in _texts(sections["student"])


def test_office_and_school_staff_are_refused(db):
    for role in ("officer", "admin", "school"):
        with pytest.raises(PermissionDenied):
            my_data.overview(factories.make_user(role))


def test_an_unknown_format_is_refused(db):
    with pytest.raises(ValidationFailed):
        my_data.export(factories.make_seeker(), "pdf")


def test_a_section_from_another_module_plugs_in_with_one_line(db, monkeypatch):
    """The consent helper's summary_for(user) becomes a section through section_from_summary."""
    seeker = factories.make_seeker()
    summary = lambda user: [{"purpose": "placement", "given_at": "2026-12-01", "user": user.id}]  # noqa: E731
    monkeypatch.setattr(my_data, "COLLECTORS", [*my_data.COLLECTORS[:-1],
                                                my_data.section_from_summary("consents", "Persetujuan", summary),
                                                my_data.COLLECTORS[-1]])
    body = json.loads(my_data.export(seeker, "json").json_bytes())
    assert body["sections"]["consents"]["records"] == [{"purpose": "placement", "given_at": "2026-12-01",
                                                        "user": seeker.id}]


def test_seeker_profile_belongs_to_the_user(db):
    seeker = factories.seeker_with_cv(major="Teknik Alat Berat")
    profile = my_data.export(seeker, "json")
    assert "Teknik Alat Berat" in _texts(_sections(profile)["seeker_profile"])


def test_years_and_statuses_read_as_words_not_codes(db):
    seeker = factories.make_seeker()
    factories.complete_profile(seeker, graduation_year=2015)
    ak1.request_card(seeker)
    sections = _sections(my_data.export(seeker, "json"))
    graduation = next(it for it in sections["seeker_profile"].records[0] if it.key == "graduation_year")
    assert graduation.text == "2015"
    status = next(it for it in sections["ak1"].records[0] if it.key == "status")
    assert status.text == "Menunggu pemeriksaan petugas" and status.value == "Menunggu pemeriksaan petugas"


def test_a_students_ranked_places_are_listed_by_title(db):
    from jobfair.extensions import db as _db
    from jobfair.models import StudentChoice

    student = factories.appr_student()
    place = factories.appr_place()
    _db.session.add(StudentChoice(student_id=student.id, place_id=place.id, rank=1))
    _db.session.commit()
    sections = _sections(my_data.export(student.user, "json"))
    assert f"1. {place.title}" in _texts(sections["apprenticeship"])
