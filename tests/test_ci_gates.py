"""The CI gates: the Hypothesis profile without deadlines, and browser tests that fail (not skip) in CI."""

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
