"""public blueprint: the one-click unsubscribe of a job alert (the link in every digest e-mail), without login.

GET shows what stops and a button; POST (CSRF) deletes the saved search. The URL holds the signed token: the
pages are never cached nor sent on as a Referer. A tampered or spent token answers 404 with an explanation."""

from flask import make_response, render_template
from flask_wtf import FlaskForm

from jobfair.public.blueprint import bp
from jobfair.services.errors import NotFound
from jobfair.services.hiring import saved_searches


def _private(body: str, status: int = 200):
    response = make_response(body, status)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/berhenti-langganan/<token>", methods=["GET", "POST"])
def saved_search_unsubscribe(token: str):
    form = FlaskForm()
    try:
        if form.validate_on_submit():
            return _private(render_template("public/unsubscribe_done.html", name=saved_searches.unsubscribe(token)))
        row = saved_searches.row_for_token(token)
    except NotFound:
        return _private(render_template("public/unsubscribe_invalid.html"), 404)
    return _private(render_template("public/unsubscribe.html", form=form, row=row))
