"""Money is integer Rupiah; one way to show it (rules.numbers.rupiah: "Rp3.701.508", Babel, Indonesian style)."""

from jobfair.rules.numbers import rupiah  # noqa: F401  (re-exported: callers import it from here)
