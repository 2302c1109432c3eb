"""The city's open data: the headline figures as records (key, Indonesian label, value, unit, when computed),
as JSON rows and as CSV. Aggregates only, read from the figures snapshot."""

from jobfair import messages
from jobfair.rules.dates import WITA
from jobfair.services import exports
from jobfair.services.office.city_figures import Figure


def as_records(figures: list[Figure]) -> list[dict]:
    """Open data rows: key, Indonesian label, value, unit and the computation time (UTC) and date (WITA)."""
    return [{"key": fig.key, "label": messages.indonesian(fig.label), "value": fig.value, "unit": fig.unit,
             "computed_at": fig.computed_at.isoformat(timespec="seconds"),
             "computed_on": fig.computed_at.astimezone(WITA).date().isoformat()} for fig in figures]


def open_records() -> list[dict]:
    """The public open data: the city-wide headline figures (no filter), aggregates only, from the snapshot."""
    from jobfair.services.office import figure_snapshots
    return as_records(figure_snapshots.city().figures)


OPEN_DATA_HEADERS = ["key", "label", "value", "unit", "computed_on", "computed_at"]


def open_csv() -> bytes:
    rows = [[r[h] if r[h] is not None else "" for h in OPEN_DATA_HEADERS] for r in open_records()]
    return exports.to_csv(OPEN_DATA_HEADERS, rows)
