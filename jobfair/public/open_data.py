"""public blueprint: open data (Satu Data) — the city's headline figures, aggregates only, never a person.

Stable URLs: /open-data (this page), /open-data/figures.json, /open-data/figures.csv.
"""

import json

from flask import Response, render_template

from jobfair.downloads import send_download
from jobfair.public.blueprint import bp
from jobfair.services import exports
from jobfair.services.office import open_data as open_data_service

CACHE = {"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"}


@bp.route("/open-data")
def open_data():
    return render_template("public/open_data.html", records=open_data_service.open_records())


@bp.route("/open-data/figures.json")
def open_data_json():
    body = json.dumps({"source": "Dinas Tenaga Kerja Kota Balikpapan", "figures": open_data_service.open_records()},
                      ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers=CACHE)


@bp.route("/open-data/figures.csv")
def open_data_csv():
    return send_download(open_data_service.open_csv(), "figures.csv", exports.CSV_MIMETYPE, personal=False,
                         cache_control=CACHE["Cache-Control"], headers={"Access-Control-Allow-Origin": "*"})
