"""One assertion for the access checks: every service call named refuses every actor named."""

import pytest

from jobfair.services.errors import PermissionDenied


def assert_refused(calls, *actors, error=PermissionDenied) -> None:
    """`call(actor)` raises `error` for each call and each actor (None: nobody logged in)."""
    for actor in actors:
        for call in calls:
            with pytest.raises(error):
                call(actor)
