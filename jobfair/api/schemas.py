"""marshmallow schemas of the API: what the OpenAPI document says and what requests are checked against.

Inputs are bounded to what the database columns hold (lengths, 32-bit integers, no NUL character, which
PostgreSQL refuses in text), so a client gets a 422 with the field named, never a database error. The business
rules (Perpres 57/2023 fields, dates, wage range) stay in the services, which answer 422 with field errors too.
"""

import marshmallow as ma
from marshmallow import validate

from jobfair.rules.application_states import COMPANY_TRANSITIONS

INT32_MAX = 2_147_483_647
ID = validate.Range(min=1, max=INT32_MAX)
WAGE = validate.Range(min=0, max=1_000_000_000)
EMPLOYMENT_TYPES = ("permanent", "contract", "daily", "part_time", "internship")


class Text(ma.fields.String):
    """A string without NUL characters (PostgreSQL text cannot hold them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ma.ValidationError("Teks tidak boleh memuat karakter NUL.")
        return text


# --- public -----------------------------------------------------------------------------------------------------

class CompanyRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


class VacancySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    company = ma.fields.Nested(CompanyRefSchema, required=True)
    kbji_code = ma.fields.String(allow_none=True)
    description = ma.fields.String(required=True)
    majors = ma.fields.String(required=True)
    skills = ma.fields.String(required=True)
    openings = ma.fields.Integer(required=True)
    hired_count = ma.fields.Integer(required=True)
    valid_from = ma.fields.Date(required=True)
    valid_until = ma.fields.Date(required=True)
    education_min = ma.fields.String(allow_none=True)
    experience_years = ma.fields.Integer(required=True)
    age_min = ma.fields.Integer(allow_none=True)
    age_max = ma.fields.Integer(allow_none=True)
    sex_required = ma.fields.String(allow_none=True)
    wage_min = ma.fields.Integer(allow_none=True)
    wage_max = ma.fields.Integer(allow_none=True)
    wage_negotiable = ma.fields.Boolean(required=True)
    kecamatan_code = ma.fields.String(allow_none=True)
    employment_type = ma.fields.String(required=True)
    disability_friendly = ma.fields.Boolean(required=True)
    job_fair_id = ma.fields.Integer(allow_none=True)
    published_at = ma.fields.DateTime(allow_none=True)
    url = ma.fields.String(required=True, metadata={"description": "The vacancy's public web page"})


class CursorPageSchema(ma.Schema):
    """The keyset fields of a list's page (api/paging.py); the same pages are in the `Link` header."""

    count = ma.fields.Integer(required=True, metadata={"description": "Exact up to 1,000 rows, else an estimate"})
    count_exact = ma.fields.Boolean(required=True, metadata={"description": "false: `count` is an estimate"})
    next_cursor = ma.fields.String(allow_none=True, metadata={"description": "Pass as `after` for the next page"})
    prev_cursor = ma.fields.String(allow_none=True, metadata={"description": "Pass as `before`"})


class CursorArgs(ma.Schema):
    """An invalid or tampered cursor (or one of another list) serves the first page, as on the web pages."""

    after = Text(validate=validate.Length(max=400), metadata={"description": "next_cursor of the previous page"})
    before = Text(validate=validate.Length(max=400), metadata={"description": "prev_cursor of the next page"})


class VacancyPageSchema(CursorPageSchema):
    items = ma.fields.List(ma.fields.Nested(VacancySchema), required=True)


class VacancySearchArgs(CursorArgs):
    """The filters of the /lowongan page."""

    q = Text(load_default="", validate=validate.Length(max=200))
    job_fair_id = ma.fields.Integer(validate=ID)
    sector = Text(validate=validate.Length(max=1), metadata={"description": "KBLI 2020 section letter A-U"})
    education = Text(validate=validate.Length(max=16), metadata={"description": "The seeker's education level"})
    kecamatan = Text(validate=validate.Length(max=16))
    employment_type = Text(validate=validate.OneOf(EMPLOYMENT_TYPES))
    disability_friendly = ma.fields.Boolean(load_default=False)
    wage_min = ma.fields.Integer(validate=WAGE)
    per_page = ma.fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))


class FairSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    venue = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    booth_count = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True)


class FairPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(FairSchema), required=True)
    page = ma.fields.Integer(required=True)
    pages = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)


class PageArgs(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    per_page = ma.fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class NumberedPageArgs(PageArgs, CursorArgs):
    """A list paged by cursor (`after` / `before`, cheap at any depth) or, as before, by `page` number."""

    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000), metadata={
        "description": "Page number (OFFSET and an exact count); ignored when `after` or `before` is given"})


class FigureSchema(ma.Schema):
    key = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    value = ma.fields.Raw(required=True, allow_none=True, metadata={"type": "number"})
    unit = ma.fields.String(required=True)
    computed_at = ma.fields.String(required=True)
    computed_on = ma.fields.String(required=True)


class OpenDataSchema(ma.Schema):
    source = ma.fields.String(required=True)
    figures = ma.fields.List(ma.fields.Nested(FigureSchema), required=True)


# --- company ----------------------------------------------------------------------------------------------------

class CompanyVacancySchema(VacancySchema):
    status = ma.fields.String(required=True)
    return_reason = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime(required=True)


class NumberedCursorPageSchema(CursorPageSchema):
    """A page with its number too (the page-number clients' fields)."""

    page = ma.fields.Integer(required=True)
    pages = ma.fields.Integer(required=True, allow_none=True, metadata={
        "description": "null when the count is an estimate (a page asked by cursor)"})
    total = ma.fields.Integer(required=True, metadata={"description": "The same as `count`"})


class CompanyVacancyPageSchema(NumberedCursorPageSchema):
    items = ma.fields.List(ma.fields.Nested(CompanyVacancySchema), required=True)


class VacancyDraftSchema(ma.Schema):
    """A new vacancy; it is saved as a draft (submit it for moderation with /submit)."""

    title = Text(required=True, validate=validate.Length(max=160))
    kbji_code = Text(allow_none=True, validate=validate.Length(max=6))
    description = Text(load_default="", validate=validate.Length(max=5000))
    majors = Text(load_default="", validate=validate.Length(max=500))
    skills = Text(load_default="", validate=validate.Length(max=500))
    openings = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100_000))
    valid_from = ma.fields.Date(allow_none=True)
    valid_until = ma.fields.Date(allow_none=True)
    education_min = Text(allow_none=True, validate=validate.Length(max=16))
    experience_years = ma.fields.Integer(load_default=0, validate=validate.Range(min=0, max=60))
    age_min = ma.fields.Integer(allow_none=True, validate=validate.Range(min=0, max=100))
    age_max = ma.fields.Integer(allow_none=True, validate=validate.Range(min=0, max=100))
    sex_required = Text(allow_none=True, validate=validate.OneOf(["L", "P"]))
    wage_min = ma.fields.Integer(allow_none=True, validate=WAGE)
    wage_max = ma.fields.Integer(allow_none=True, validate=WAGE)
    wage_negotiable = ma.fields.Boolean(load_default=False)
    kecamatan_code = Text(allow_none=True, validate=validate.Length(max=16))
    employment_type = Text(load_default="permanent", validate=validate.OneOf(EMPLOYMENT_TYPES))
    disability_friendly = ma.fields.Boolean(load_default=False)
    job_fair_id = ma.fields.Integer(allow_none=True, validate=ID)


class ApplicantSchema(ma.Schema):
    """An application as the company sees it: no NIK, no address, no birth date."""

    id = ma.fields.Integer(required=True)
    vacancy_id = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    fit_score = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    full_name = ma.fields.String(required=True)
    education_level = ma.fields.String(allow_none=True)
    major = ma.fields.String(required=True)
    skills = ma.fields.String(required=True)
    experience_years = ma.fields.Integer(required=True)
    kecamatan_code = ma.fields.String(allow_none=True)
    cover_letter = ma.fields.String(required=True)
    next_statuses = ma.fields.List(ma.fields.String(), required=True)


class ApplicantPageSchema(NumberedCursorPageSchema):
    items = ma.fields.List(ma.fields.Nested(ApplicantSchema), required=True)


STATUS_TARGETS = sorted({s for targets in COMPANY_TRANSITIONS.values() for s in targets})


class ApplicantArgs(NumberedPageArgs):
    status = Text(validate=validate.OneOf([*STATUS_TARGETS, "submitted"]))


class StatusChangeSchema(ma.Schema):
    status = Text(required=True, validate=validate.OneOf(["reviewed", "shortlisted", "rejected"]),
                  metadata={"description": "Interviews and hires are made on the web page"})
    note = Text(load_default="", validate=validate.Length(max=2000))


# --- office -----------------------------------------------------------------------------------------------------

class PlacementRowSchema(ma.Schema):
    label = ma.fields.String(required=True)
    vacancies = ma.fields.Integer(required=True)
    openings = ma.fields.Integer(required=True)
    applications = ma.fields.Integer(required=True)
    hires = ma.fields.Integer(required=True)
    verified = ma.fields.Integer(required=True)
    rate = ma.fields.Raw(required=True, allow_none=True, metadata={"type": "number"})


class PlacementReportSchema(ma.Schema):
    title = ma.fields.String(required=True)
    fair_id = ma.fields.Integer(allow_none=True)
    totals = ma.fields.Nested(PlacementRowSchema, required=True)
    by_sector = ma.fields.List(ma.fields.Nested(PlacementRowSchema), required=True)
    by_kecamatan = ma.fields.List(ma.fields.Nested(PlacementRowSchema), required=True)


class PlacementArgs(ma.Schema):
    fair_id = ma.fields.Integer(validate=ID)


class DecreeArgs(ma.Schema):
    year = ma.fields.Integer(validate=validate.Range(min=2000, max=2100))


class DecreeListSchema(ma.Schema):
    programme_id = ma.fields.Integer(required=True)
    columns = ma.fields.List(ma.fields.String(), required=True)
    rows = ma.fields.List(ma.fields.List(ma.fields.Raw()), required=True)
