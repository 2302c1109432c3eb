"""students blueprint: the apprenticeship places offered to a student, their ranked choices and the match result."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import matching_rounds, places, preferences
from jobfair.students.blueprint import bp
from jobfair.students.forms_choices import ChoicesForm


@bp.route("/tempat-magang")
def places_offered():
    return render_template("students/choices_offered.html", places=preferences.offered_places(current_user),
                           choices=preferences.my_choices(current_user), majors=dict(places.major_choices()))


@bp.route("/tempat-magang/pilihan", methods=["GET", "POST"])
def choices_edit():
    offered = preferences.offered_places(current_user)
    current = [choice.place_id for choice in preferences.my_choices(current_user)]
    form = ChoicesForm(data={"choices": current or [None]})
    form.setup(current_app.config["MAX_STUDENT_CHOICES"],
               [(p.id, f"{p.title} · {p.company.name}") for p in offered])
    if form.validate_on_submit():
        try:
            preferences.set_choices(current_user, form.place_ids())
        except ValidationFailed as exc:  # as text: the template tells a FieldList's own errors by `is string`
            copy_errors(form, ValidationFailed({name: str(error) for name, error in exc.field_errors.items()}))
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Pilihan tempat magang disimpan."), "success")
            return redirect(url_for("students.places_offered"))
    return render_template("students/choices_form.html", form=form, offered=offered), 200 if not form.errors else 422


@bp.route("/tempat-magang/hasil")
def match_result():
    return render_template("students/choices_result.html", result=matching_rounds.student_result(current_user))
