"""UU PDP: every read of personal data writes an audit row (who, role, what, which person, when, from where),
no audit row holds a NIK or a phone number, and the person sees the reads on "Data saya"."""

import re

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent
from jobfair.services.hiring import ak1
from jobfair.services.people import reveal_nik
from tests import factories
from tests.conftest import login

NIK_LIKE = re.compile(r"\d{16}")
PHONE_LIKE = re.compile(r"(\+62|0)8\d{7,11}")


def _client(app, user_email):
    client = app.test_client()
    assert login(client, user_email).status_code == 302
    return client


@pytest.fixture
def world(app):
    """A seeker who applied (with CV), holds an AK/1 request, and is in the protection register with an
    enrolment and a claim; a student in an apprenticeship; the officer and the company who read them."""
    with app.app_context():
        officer = factories.make_officer()
        company = factories.application_company()
        seeker = factories.seeker_with_cv()
        factories.complete_profile(seeker, phone="081399887766")
        application = factories.fair_application(factories.published_vacancy(company), seeker)
        card = ak1.request_card(seeker)
        person = seeker.person
        worker = factories.make_worker(nik=reveal_nik(person), full_name=person.full_name, sex=person.sex,
                                       birth_date=person.birth_date, phone="081277665544", actor=officer)
        enrolment = factories.make_enrolment(worker=worker, actor=officer)
        claim = factories.figures_claim(enrolment)
        student = factories.appr_student(phone="085211223344")
        appr = factories.make_apprenticeship(student=student)
        school_staff = factories.make_school_staff(school=student.school)
        return dict(officer=officer.email, company=company.email, school=school_staff.email, student=student.id,
                    seeker=seeker.email, person_id=person.id,
                    nik=reveal_nik(person), phones=["081399887766", "081277665544", "085211223344", seeker.phone],
                    student_person_id=student.person_id, card=card.id, worker=worker.id, enrolment=enrolment.id,
                    claim=claim.id, application=application.id, apprenticeship=appr.id)


def _rows(app, action) -> list[AuditEvent]:
    with app.app_context():
        from jobfair.extensions import db

        return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


READS = [  # (who reads, path, audit action, whose record)
    ("officer", "/disnaker/ak1/{card}", "ak1.nik_revealed", "person_id"),
    ("officer", "/disnaker/ak1/{card}/cetak", "ak1.nik_revealed", "person_id"),
    ("officer", "/perlindungan/pekerja/{worker}", "protection.person_viewed", "person_id"),
    ("officer", "/perlindungan/kepesertaan/{enrolment}", "protection.enrolment_viewed", "person_id"),
    ("officer", "/perlindungan/klaim/{claim}", "protection.claim_viewed", "person_id"),
    ("officer", "/disnaker/pemagangan/{apprenticeship}", "apprenticeship.viewed", "student_person_id"),
    ("officer", "/disnaker/pemagangan/{apprenticeship}/perjanjian", "apprenticeship.viewed", "student_person_id"),
    ("officer", "/perlindungan/pekerja/{worker}/ubah", "protection.person_opened", "person_id"),
    ("officer", "/perlindungan/pekerja/{worker}/daftarkan", "protection.person_opened", "person_id"),
    ("school", "/smk/sekolah/siswa/{student}", "student.viewed", "student_person_id"),
    ("company", "/perusahaan/pelamar/{application}", "application.applicant_viewed", "person_id"),
    ("company", "/perusahaan/pelamar/{application}/cv", "application.cv_downloaded", "person_id"),
]


@pytest.mark.parametrize("reader, path, action, subject", READS)
def test_each_read_of_personal_data_is_audited_with_the_person(app, world, reader, path, action, subject):
    client = _client(app, world[reader])
    response = client.get(path.format(**world))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    rows = _rows(app, action)
    assert len(rows) == 1
    row = rows[0]
    assert row.subject_person_id == world[subject]
    assert row.actor_role == reader and row.actor_id is not None
    assert row.origin == "127.0.0.1" and row.occurred_at is not None and row.object_id


def test_a_list_export_of_personal_data_is_audited(app, world):
    client = _client(app, world["officer"])
    assert client.get("/disnaker/antrean/ak1.csv").status_code == 200
    assert client.get("/disnaker/antrean/ak1.xlsx").status_code == 200
    rows = _rows(app, "desk.queue_exported")
    assert [(r.object_id, r.detail["rows"], r.actor_role) for r in rows] == [("ak1", 1, "officer")] * 2


def test_no_audit_row_holds_a_nik_or_a_phone(app, world):
    clients = {reader: _client(app, world[reader]) for reader in ("officer", "company", "school")}
    officer = clients["officer"]
    for reader, path, _action, _subject in READS:
        clients[reader].get(path.format(**world))
    officer.get("/disnaker/antrean/ak1.csv")
    officer.get("/disnaker/antrean/enrolments.xlsx")
    _client(app, world["seeker"]).get("/data-saya/unduh.json")
    with app.app_context():
        from jobfair.extensions import db

        rows = db.session.scalars(select(AuditEvent)).all()
        assert len(rows) > len(READS)
        for row in rows:
            text = " ".join(str(value) for value in (row.action, row.object_type, row.object_id, row.origin,
                                                       row.detail))
            assert world["nik"] not in text, row.action
            assert not NIK_LIKE.search(text), row.action
            assert not PHONE_LIKE.search(text), row.action
            assert not any(phone and phone in text for phone in world["phones"]), row.action


def test_the_person_sees_the_reads_on_data_saya(app, world):
    _client(app, world["officer"]).get("/perlindungan/pekerja/{worker}".format(**world))
    _client(app, world["company"]).get("/perusahaan/pelamar/{application}/cv".format(**world))
    page = _client(app, world["seeker"]).get("/data-saya").get_data(as_text=True)
    section = page[page.index('id="section-reads"'):]
    assert "Petugas Disnaker Kota Balikpapan" in section and "register perlindungan pekerja" in section
    assert "Mengunduh CV Anda" in section and "Perusahaan PT Contoh" in section
    assert world["officer"] not in section
