"""public blueprint: "Data saya" (UU PDP) — what the platform holds about the logged-in person, who read it, and a
download of all of it as JSON or as a printable HTML page. No id in any URL: the service reads the acting user."""

from flask import render_template
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.paging import page_args
from jobfair.public.blueprint import bp
from jobfair.services.privacy import my_data as service


@bp.route("/data-saya")
def my_data():
    args = page_args()
    overview = service.overview(current_user, reads_page=args["page"], reads_after=args["after"],
                                reads_before=args["before"])
    return render_template("public/my_data.html", overview=overview)


@bp.route("/data-saya/unduh.json")
def my_data_json():
    export = service.export(current_user, "json")
    return send_download(export.json_bytes(), export.filename, "application/json")


@bp.route("/data-saya/unduh.html")
def my_data_html():
    export = service.export(current_user, "html")
    page = render_template("public/my_data_print.html", export=export, user=current_user)
    return send_download(page, export.filename, "text/html")
