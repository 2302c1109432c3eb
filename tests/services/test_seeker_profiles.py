"""The seeker's profile and CV upload: validation, content check, size limit, storage."""

import io
from pathlib import Path

import pytest
from flask import current_app

from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import seeker_profiles
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def test_update_profile_stores_fields(db):
    user = factories.make_seeker()
    profile = factories.complete_profile(user, skills="las listrik, K3, las listrik")
    assert profile.kecamatan_code == "647101" and profile.education_level == "SMK"
    assert profile.skills == "las listrik, K3"
    assert seeker_profiles.missing_for_ak1(profile) == {}


def test_kelurahan_must_belong_to_the_kecamatan(db):
    user = factories.make_seeker()
    with pytest.raises(ValidationFailed) as info:
        factories.complete_profile(user, kecamatan_code="647102", kelurahan_code="6471011001")
    assert "kelurahan_code" in info.value.field_errors
    assert seeker_profiles.get_profile(user).kecamatan_code is None  # nothing changed


@pytest.mark.parametrize("field, value", [
    ("address", "<script>alert(1)</script>"), ("skills", "<b>las</b>"), ("education_level", "XX"),
    ("marital_status", "poligami"), ("graduation_year", 1800), ("experience_years", 99), ("phone", "12"),
    ("kecamatan_code", "999999"),
])
def test_bad_profile_input_is_refused(db, field, value):
    user = factories.make_seeker()
    with pytest.raises(ValidationFailed) as info:
        factories.complete_profile(user, **{field: value})
    assert field in info.value.field_errors


def test_only_seekers_have_a_profile(db):
    with pytest.raises(PermissionDenied):
        seeker_profiles.get_profile(factories.make_user("company"))


def test_upload_a_pdf_cv_by_content(db):
    user = factories.make_seeker()
    profile = seeker_profiles.upload_cv(user, filename="cv.txt", stream=io.BytesIO(factories.tiny_pdf()))
    path = seeker_profiles.cv_path(profile)
    assert path is not None and path.read_bytes().startswith(b"%PDF-")
    assert path.parent == Path(current_app.config["UPLOAD_FOLDER"]) / "cv"
    assert len(path.stem) == 32 and "cv" not in path.stem
    own_path, name = seeker_profiles.own_cv(user)
    assert own_path == path and name == "cv.pdf"


@pytest.mark.parametrize("content", [PNG, b"<html><body>CV</body></html>", b"%PDF-1.4 truncated without end", b""])
def test_non_pdf_cv_is_refused_even_when_named_pdf(db, content):
    user = factories.make_seeker()
    with pytest.raises(ValidationFailed) as info:
        seeker_profiles.upload_cv(user, filename="cv.pdf", stream=io.BytesIO(content))
    assert "cv" in info.value.field_errors
    assert seeker_profiles.get_profile(user).cv_storage_name is None


def test_oversized_cv_is_refused_and_read_only_up_to_the_limit(db):
    user = factories.make_seeker()
    limit = current_app.config["CV_MAX_BYTES"]
    big = factories.tiny_pdf(extra=b"%" + b"x" * limit + b"\n")

    class Counting(io.BytesIO):
        asked = []

        def read(self, size=-1):
            self.asked.append(size)
            return super().read(size)

    stream = Counting(big)
    with pytest.raises(ValidationFailed) as info:
        seeker_profiles.upload_cv(user, filename="cv.pdf", stream=stream)
    assert "2 MB" in info.value.field_errors["cv"]
    assert stream.asked == [limit + 1]
    assert seeker_profiles.get_profile(user).cv_storage_name is None


def test_replacing_the_cv_removes_the_old_file(db):
    user = factories.make_seeker()
    first = seeker_profiles.cv_path(seeker_profiles.upload_cv(user, filename="a.pdf",
                                                              stream=io.BytesIO(factories.tiny_pdf())))
    second = seeker_profiles.cv_path(seeker_profiles.upload_cv(user, filename="b.pdf",
                                                               stream=io.BytesIO(factories.tiny_pdf())))
    assert first != second and not first.exists() and second.exists()


def test_own_cv_without_upload_is_not_found(db):
    with pytest.raises(NotFound):
        seeker_profiles.own_cv(factories.make_seeker())
