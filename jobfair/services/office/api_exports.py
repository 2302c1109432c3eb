"""The office's read-only exports through the API (office tokens): every call is audited, no NIK leaves.

They call the services behind the office's own downloads (reports.placement_report, the December decree list of
enrolment_cycle), so the figures are the web page's figures.
"""

from jobfair.extensions import db
from jobfair.services import audit
from jobfair.services.access import require_office
from jobfair.services.hiring import reports
from jobfair.services.protection import enrolment_cycle

NIK_COLUMN = "NIK"


def placements_export(actor, *, fair_id: int | None = None) -> dict:
    require_office(actor)
    report = reports.placement_report(actor, fair_id=fair_id)
    audit.record(actor, "api.placements_exported", object_type="placement_report", object_id=fair_id,
                 detail={"fair_id": fair_id})
    db.session.commit()
    return {"title": report["title"], "fair_id": fair_id, "totals": report["totals"],
            "by_sector": report["by_sector"], "by_kecamatan": report["by_kecamatan"]}


def decree_export(actor, programme_id: int, *, year: int | None = None) -> dict:
    """The decree list of a BPJS programme without the NIK column (an API answer may be kept anywhere);
    the people are matched at BPJS by name, birth date and the membership data."""
    headers, rows = enrolment_cycle.decree_list(actor, programme_id, year)  # audits protection.decree_list_exported
    keep = [i for i, name in enumerate(headers) if name != NIK_COLUMN]
    audit.record(actor, "api.decree_list_exported", object_type="programme", object_id=programme_id,
                 detail={"year": year, "rows": len(rows)})
    db.session.commit()
    return {"programme_id": programme_id, "columns": [headers[i] for i in keep],
            "rows": [[row[i] for i in keep] for row in rows]}
