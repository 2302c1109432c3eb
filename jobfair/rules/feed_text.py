"""Text made safe for an XML feed (pure): XML 1.0 refuses most control characters even when escaped."""

import re
from datetime import UTC, datetime
from email.utils import format_datetime

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SUMMARY_MAX = 400


def xml_text(value) -> str:
    """The text without the characters XML 1.0 cannot carry (escaping is the template's job)."""
    return _NOT_XML.sub("", str(value or ""))


def summary(description: str, limit: int = SUMMARY_MAX) -> str:
    text = " ".join(xml_text(description).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)
