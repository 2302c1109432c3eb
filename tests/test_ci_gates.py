"""The CI gates: the Hypothesis profile without deadlines, browser tests that fail (not skip) in CI, and the
pinned requirements (the runtime file without test tools, every line with a hash)."""

import re
from pathlib import Path

import pytest
from hypothesis import settings

from tests import conftest
from tests.browser import conftest as browser_conftest


@pytest.mark.parametrize("value, profile", [("true", "ci"), ("1", "ci"), ("", None), ("false", None)])
def test_the_ci_profile_is_chosen_by_the_ci_variable(value, profile):
    assert conftest.hypothesis_profile({"CI": value}) == profile
    assert conftest.hypothesis_profile({}) is None


def test_the_ci_profile_has_no_deadline_and_fixed_examples():
    ci = settings.get_profile("ci")
    assert ci.deadline is None and ci.derandomize is True and ci.database is None


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(browser_conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser_conftest._unavailable("no chromium")
    monkeypatch.setattr(browser_conftest, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        browser_conftest._unavailable("no chromium")


def test_the_profile_is_loaded_when_ci_is_set():
    import os

    if conftest.hypothesis_profile(os.environ) is None:
        pytest.skip("CI is not set: the default Hypothesis profile applies")
    assert settings.default.deadline is None and settings.default.derandomize is True


ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "hypothesis", "playwright", "schemathesis", "ruff", "bandit", "aiosmtpd"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _requirements(name: str) -> list[str]:
    """The requirement entries of a compiled file, continuation lines joined, comments and blanks left out."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = [line.split(" #", 1)[0].strip() for line in text.splitlines()]
    return [entry for entry in entries if entry and not entry.startswith("#")]


def _pins(name: str) -> dict[str, str]:
    return {PIN.match(entry).group(1).lower().replace("_", "-"): PIN.match(entry).group(2)
            for entry in _requirements(name) if PIN.match(entry)}


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned_with_a_hash(name):
    entries = _requirements(name)
    assert len(entries) > 10
    unpinned = [entry[:60] for entry in entries if not PIN.match(entry) or "--hash=sha256:" not in entry]
    assert unpinned == [], f"{name}: pin each package with == and --hash (pip-compile --generate-hashes)"


def test_the_runtime_requirements_hold_no_test_tool():
    pins = _pins("requirements.txt")
    assert {"flask", "gunicorn", "psycopg"} <= set(pins)
    tools = sorted(name for name in pins if name in TEST_TOOLS or name.startswith("pytest"))
    assert tools == [], "test and lint tools belong in requirements-dev.in, not in production's requirements.txt"


def test_the_dev_requirements_hold_the_runtime_at_the_same_versions():
    runtime, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime
    assert TEST_TOOLS <= set(dev)
