"""office blueprint: the progress page of a background job (the match, an import, e-mail, a ledger)."""

from flask import Response, render_template, url_for
from flask_login import current_user

from jobfair.office.blueprint import bp
from jobfair.services import jobs

REFRESH_SECONDS = 2


def result_link(job) -> str | None:
    """Where a finished job's result is shown."""
    result = job.result or {}
    if job.kind == "match.run" and "round_id" in result:
        return url_for("office.match_preview", round_id=result["round_id"])
    if job.kind.startswith("protection.") and "batch_id" in (job.params or {}):
        return url_for("protection.import_status", batch_id=job.params["batch_id"])
    if job.kind == "ledger.generate" and "programme_id" in result:
        return url_for("protection.ledger_month", programme_id=result["programme_id"], bulan=result["month"])
    return None


@bp.route("/tugas/<int:job_id>")
def job_status(job_id: int):
    job = jobs.get_job(current_user, job_id)
    body = render_template("office/job_status.html", job=job, label=jobs.label(job), link=result_link(job),
                           refresh=REFRESH_SECONDS)
    return Response(body, headers={"Refresh": str(REFRESH_SECONDS)} if job.active else {})
