"""The office dashboard and the city figures page read the figures snapshot: at most 10 SQL statements per page
whatever the data size, the same figures as computed from the records, the time they were computed shown, and the
snapshot refreshed by writes ("sync"), by the job queue's scheduler ("queue") or by `flask refresh-figures`."""

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from jobfair.extensions import db as _db
from jobfair.services.office import city_charts, city_figures, figure_snapshots
from tests import factories
from tests.services.test_city_figures import _grow

PAGES = ["/disnaker/", "/disnaker/angka-kota"]
MAX_STATEMENTS = 10


@contextmanager
def counted_statements(app):
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = _db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-key="([^"]+)" data-value="([^"]*)"', html))


def _live_figures(app) -> dict[str, str]:
    with app.app_context():
        return {fig.key: "" if fig.value is None else str(fig.value) for fig in city_figures.headline()}


def _grow_records(app, rounds: int) -> None:
    with app.app_context():
        _grow(factories.make_officer(), rounds)


@pytest.mark.parametrize("path", PAGES)
def test_a_page_costs_at_most_ten_statements_whatever_the_data_size(app, officer_client, path):
    _grow_records(app, 1)
    assert officer_client.get(path).status_code == 200
    with counted_statements(app) as small:
        assert officer_client.get(path).status_code == 200
    _grow_records(app, 3)
    with counted_statements(app) as large:
        html = officer_client.get(path).get_data(as_text=True)
    assert len(large) <= MAX_STATEMENTS, "\n".join(large)
    assert len(small) == len(large)
    assert _figures(html)["fairs.applications"] == "8"  # four rounds of two applications: the snapshot is current


def test_the_pages_show_the_figures_computed_from_the_records_and_when(app, officer_client):
    _grow_records(app, 2)
    live = _live_figures(app)
    for path in PAGES:
        html = officer_client.get(path).get_data(as_text=True)
        assert _figures(html) == live
        assert "Dihitung pada" in html and "WITA" in html
    with app.app_context():
        officer = factories.make_officer()
        from_snapshot = {c["slug"]: c["rows"] for c in city_charts.dashboard(officer)["charts"]}
        filtered_away = city_charts.dashboard(officer, kecamatan="647103")  # a filter: computed now, not stored
        assert filtered_away["computed_at"] >= figure_snapshots.city().computed_at
        live_charts = {slug: rows(city_figures.Filters()) for slug, rows in city_charts.ROWS.items()}
    assert from_snapshot == live_charts
    assert from_snapshot["formasi-per-kecamatan"] == [("Balikpapan Utara", 10)]


def test_open_data_reads_the_same_snapshot(app, client):
    _grow_records(app, 1)
    body = client.get("/open-data/figures.json").get_json()
    values = {row["key"]: row["value"] for row in body["figures"]}
    assert {k: str(v) for k, v in values.items()} == _live_figures(app)
    with app.app_context():
        computed_at = figure_snapshots.city().computed_at.isoformat(timespec="seconds")
    assert {row["computed_at"] for row in body["figures"]} == {computed_at}


def test_in_queue_mode_a_write_only_asks_the_scheduler_and_the_page_keeps_the_snapshot(app, officer_client):
    _grow_records(app, 1)
    before = _figures(officer_client.get("/disnaker/").get_data(as_text=True))
    asked: list[int] = []
    app.config["FIGURES_REFRESH"] = "queue"
    app.extensions[figure_snapshots.SCHEDULER] = lambda: asked.append(1)
    try:
        _grow_records(app, 1)
        stale = _figures(officer_client.get("/disnaker/").get_data(as_text=True))
    finally:
        app.config["FIGURES_REFRESH"] = "sync"
        del app.extensions[figure_snapshots.SCHEDULER]
    assert asked, "no refresh was scheduled"
    assert stale == before                                  # the page never aggregates the tables itself
    result = app.test_cli_runner().invoke(args=["refresh-figures"])
    assert result.exit_code == 0 and "City figures computed at" in result.output
    fresh = _figures(officer_client.get("/disnaker/").get_data(as_text=True))
    assert fresh["fairs.applications"] == "4" != stale["fairs.applications"]


def test_a_rolled_back_write_does_not_refresh(app):
    with app.app_context():
        figure_snapshots.refresh()
        first = figure_snapshots.latest()
        factories.make_officer()   # a user account is not a figure table
        company = factories.fair_verified_company()
        assert figure_snapshots.latest() > first       # the company's commit refreshed it
        second = figure_snapshots.latest()
        company.company.name = "PT Batal"
        _db.session.flush()
        _db.session.rollback()
        _db.session.commit()
        assert figure_snapshots.latest() == second
