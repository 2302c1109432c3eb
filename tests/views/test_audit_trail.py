"""The audit-trail page: search form, results, filters, exports; officers and admins only; text escaped."""

import re
from datetime import UTC, datetime

import pytest

from jobfair.services import audit
from tests import factories


def _record(app, action, *, detail=None, object_type="company", object_id=5, at=None, role="officer"):
    with app.app_context():
        from jobfair.extensions import db

        actor = factories.make_user(role)
        event = audit.record(actor, action, object_type=object_type, object_id=object_id, detail=detail)
        if at is not None:
            event.occurred_at = at
        db.session.commit()
        return actor.email


def test_page_lists_rows_newest_first_with_who_and_what(app, officer_client):
    email = _record(app, "company.verified", at=datetime(2025, 7, 1, 2, tzinfo=UTC))
    _record(app, "vacancy.published", object_type="vacancy", object_id=11, at=datetime(2025, 7, 2, 2, tzinfo=UTC))
    response = officer_client.get("/disnaker/audit")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Jejak audit" in html and email in html
    assert html.index("<code>vacancy.published</code>") < html.index("<code>company.verified</code>")
    assert "vacancy #11" in html and "1 Jul 2025 10.00.00 WITA" in html
    assert "Petugas Disnaker" in html


def test_filters_by_action_object_person_and_period(app, officer_client):
    email = _record(app, "company.verified", object_id=5, at=datetime(2025, 7, 1, 2, tzinfo=UTC))
    _record(app, "company.rejected", object_id=6, at=datetime(2025, 8, 1, 2, tzinfo=UTC))
    _record(app, "ak1.issued", object_type="ak1_card", object_id=5, at=datetime(2025, 7, 1, 3, tzinfo=UTC))

    def found(**args):
        html = officer_client.get("/disnaker/audit", query_string=args).get_data(as_text=True)
        return {a for a in ("company.verified", "company.rejected", "ak1.issued") if f"<code>{a}</code>" in html}

    assert found(action="company") == {"company.verified", "company.rejected"}
    assert found(object_type="company", object_id="5") == {"company.verified"}
    assert found(person=email) == {"company.verified"}
    assert found(date_from="2025-07-01", date_to="2025-07-31") == {"company.verified", "ak1.issued"}
    assert found(role="admin") == set()


def test_bad_dates_are_explained_beside_the_field(officer_client):
    response = officer_client.get("/disnaker/audit", query_string={"date_from": "2025-13-40"})
    assert response.status_code == 422
    assert "Tanggal tidak valid" in response.get_data(as_text=True)
    response = officer_client.get("/disnaker/audit", query_string={"date_from": "2025-07-03", "date_to": "2025-07-01"})
    assert response.status_code == 422
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in response.get_data(as_text=True)
    assert officer_client.get("/disnaker/audit.csv", query_string={"role": "root"}).status_code == 422


def test_detail_text_is_escaped(app, officer_client):
    _record(app, "company.rejected", detail={"reason": "<script>alert(1)</script><b>x</b>"})
    html = officer_client.get("/disnaker/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_admin_can_search(app, admin_client):
    _record(app, "company.verified")
    assert "<code>company.verified</code>" in admin_client.get("/disnaker/audit").get_data(as_text=True)


@pytest.mark.parametrize("role", ["seeker", "company", "school", "student"])
@pytest.mark.parametrize("path", ["/disnaker/audit", "/disnaker/audit.csv", "/disnaker/audit.xlsx"])
def test_other_roles_get_403(login_as, role, path):
    assert login_as(role).get(path).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get("/disnaker/audit")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_exports_follow_the_search(app, officer_client):
    _record(app, "company.verified")
    _record(app, "vacancy.published", object_type="vacancy")
    response = officer_client.get("/disnaker/audit.csv", query_string={"action": "vacancy"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="jejak-audit-')
    body = response.get_data(as_text=True)
    assert "vacancy.published" in body and "company.verified" not in body
    xlsx = officer_client.get("/disnaker/audit.xlsx", query_string={"action": "vacancy"})
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    page = officer_client.get("/disnaker/audit", query_string={"action": "vacancy"}).get_data(as_text=True)
    assert "/disnaker/audit.csv?action=vacancy" in page


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_no_way_to_change_the_trail(officer_client, method):
    assert getattr(officer_client, method)("/disnaker/audit").status_code == 405


def test_pagination_keeps_the_filters(app, officer_client):
    _record(app, "company.verified")
    with app.app_context():
        from jobfair.extensions import db

        officer = factories.make_user("officer")
        for n in range(40):
            audit.record(officer, "vacancy.published", object_type="vacancy", object_id=n)
        db.session.commit()
    html = officer_client.get("/disnaker/audit", query_string={"action": "vacancy"}).get_data(as_text=True)
    assert "40 catatan ditemukan" in html and "<code>company.verified</code>" not in html
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
    assert "action=vacancy" in next_link and "setelah=" in next_link   # the keyset pager keeps the filter
