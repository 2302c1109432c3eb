"""The import's page while its rows are written by the job queue, and after that job failed: no JavaScript needed
(Refresh header and meta refresh), no decision form while importing, the reason shown when it failed."""

import re

from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import BackgroundJob, ImportBatch
from tests.conftest import csrf_token
from tests.services.test_protection_import import person_row, xlsx
from tests.views.test_protection_import import programme_id, upload  # noqa: F401  (fixture)


def _validated_batch(officer_client, programme_id) -> int:  # noqa: F811
    response = upload(officer_client, programme_id, xlsx([person_row(1), person_row(2)]))
    return int(re.search(r"/impor/(\d+)", response.headers["Location"]).group(1))


def test_the_page_follows_the_apply_job_then_shows_its_failure(app, officer_client, programme_id):  # noqa: F811
    batch_id = _validated_batch(officer_client, programme_id)
    with app.app_context():
        batch = db.session.get(ImportBatch, batch_id)
        job = BackgroundJob(kind="protection.apply", params={"batch_id": batch_id, "mode": "valid_only"},
                            subject_type="import_batch", subject_id=batch_id, status="queued", attempts=0,
                            max_attempts=3, progress_done=0, created_by_id=batch.created_by_id)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
        db.session.remove()

    page = officer_client.get(f"/perlindungan/impor/{batch_id}")
    body = page.get_data(as_text=True)
    assert page.headers.get("Refresh") == "2" and 'http-equiv="refresh"' in body
    assert "Mengimpor 2 baris valid" in body and 'id="keputusan"' not in body

    token = csrf_token(officer_client, f"/perlindungan/impor/{batch_id}")
    again = officer_client.post(f"/perlindungan/impor/{batch_id}/putuskan",
                                data={"csrf_token": token, "mode": "valid_only", "confirm": "y"}, follow_redirects=True)
    assert "sedang diproses" in again.get_data(as_text=True)  # no second apply job
    with app.app_context():
        assert db.session.scalars(select(BackgroundJob.id).where(BackgroundJob.kind == "protection.apply")).all() \
            == [job_id]
        job = db.session.get(BackgroundJob, job_id)
        job.status, job.attempts = "failed", 3
        job.error = "Tugas berhenti karena kesalahan sistem dan sudah dicoba 3 kali"
        db.session.commit()
        db.session.remove()

    page = officer_client.get(f"/perlindungan/impor/{batch_id}")
    body = page.get_data(as_text=True)
    assert "Refresh" not in page.headers and 'http-equiv="refresh"' not in body
    assert "Impor gagal: Tugas berhenti karena kesalahan sistem dan sudah dicoba 3 kali" in body
    assert 'id="keputusan"' in body  # the officer may try again

    done = officer_client.post(f"/perlindungan/impor/{batch_id}/putuskan",
                               data={"csrf_token": token, "mode": "valid_only", "confirm": "y"}, follow_redirects=True)
    assert "2 baris diimpor" in done.get_data(as_text=True)  # the in-process queue ran the new job
    page = officer_client.get(f"/disnaker/tugas/{job_id + 1}")
    assert page.status_code == 200 and "Selesai" in page.get_data(as_text=True)
    assert f"/perlindungan/impor/{batch_id}" in page.get_data(as_text=True)  # link to the result
