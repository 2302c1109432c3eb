"""Schemathesis fuzzes the generated OpenAPI document against a live server on 127.0.0.1, once per role (no
token, a company token, an office token): no 5xx, and every response matches its documented status, content
type, headers and schema. Bounded examples per operation and a fixed seed, so a run is short and repeatable."""

import subprocess  # noqa: S404 - runs the schemathesis CLI of this virtualenv
import sys
import urllib.request

import pytest
from openapi_spec_validator import validate

from tests.api import live_api

CHECKS = ",".join(["not_a_server_error", "status_code_conformance", "content_type_conformance",
                   "response_headers_conformance", "response_schema_conformance"])
MAX_EXAMPLES = "12"
RUNS = {  # role -> (token attribute or None, the paths it fuzzes)
    "public": (None, r"^/api/v1/(vacancies|fairs|open-data)"),
    "company": ("company_token", r"^/api/v1/company/"),
    "office": ("office_token", r"^/api/v1/office/"),
}


@pytest.fixture(scope="module")
def live():
    yield from live_api.serve()


def test_the_served_document_is_valid_openapi_3_1(live):
    import json

    with urllib.request.urlopen(f"{live.base_url}/api/v1/openapi.json", timeout=10) as response:  # noqa: S310
        spec = json.load(response)
    assert spec["openapi"] == "3.1.0"
    validate(spec)


@pytest.mark.parametrize("role", sorted(RUNS))
def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(live, role, tmp_path):
    token_attribute, paths = RUNS[role]
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{live.base_url}/api/v1/openapi.json",
               "--checks", CHECKS, "--max-examples", MAX_EXAMPLES, "--seed", "14", "--workers", "1",
               "--phases", "examples,coverage,fuzzing", "--include-path-regex", paths,
               "--generation-database", "none", "--no-color", "--request-timeout", "20",
               "--report", "junit", "--report-dir", str(tmp_path)]
    if token_attribute:
        command += ["--header", f"Authorization: Bearer {getattr(live, token_attribute)}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    print(output[-2500:])
    assert "No issues found" in output or " passed" in output, output[-3000:]
