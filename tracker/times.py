"""Moments as the project reads and writes them: ISO 8601 text <-> aware datetimes.

One parser for every date the project reads (--at, --since/--until, --from/--to, the store's
`seen`, feed and watch-list dates), the same on every supported Python: `datetime.fromisoformat`
before 3.11 rejects "Z" and the basic form (20240501). A moment without a zone is UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_DATE = r"(?P<year>\d{4})(?P<dash>-?)(?P<month>\d{2})(?P=dash)(?P<day>\d{2})"
_TIME = (
    r"(?:[Tt ](?P<hour>\d{2})(?::?(?P<minute>\d{2})"
    r"(?::?(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?)?"
)
_ZONE = r"(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
_ISO = re.compile(_DATE + _TIME + r"\s*" + _ZONE)
_EXAMPLE = "2024-05-01, 20240501, 2024-05-01T14:30:00Z or 2024-05-01T14:30:00+02:00"


def parse_time(value: str, *, end_of_day: bool = False) -> datetime:
    """An ISO 8601 date or date-time as an aware datetime (UTC when no zone is given).

    A date alone is the start of that day, or its last moment with `end_of_day` (so that
    `--until 2024-05-01` and `--to 20240501` include the whole day). Raises ValueError naming
    the value and the accepted forms when it is not one of them.
    """
    text = value.strip()
    m = _ISO.fullmatch(text)
    if m is None:
        raise ValueError(f"{value!r} is not an ISO 8601 date or time (e.g. {_EXAMPLE})")
    try:
        moment = datetime(
            int(m["year"]), int(m["month"]), int(m["day"]), *_clock(m), tzinfo=_zone(m["zone"])
        )
    except ValueError as e:
        raise ValueError(f"{value!r} is not a valid date or time ({e})") from None
    if end_of_day and m["hour"] is None:
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
    return moment


def aware(moment: datetime) -> datetime:
    """The moment with a zone: a naive one is taken as UTC, an aware one kept as it is."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def iso(moment: datetime) -> str:
    """The moment as ISO 8601 text in UTC ('2024-05-01T14:30:00+00:00'); naive means UTC."""
    return aware(moment).astimezone(timezone.utc).isoformat()


def _clock(m: re.Match[str]) -> tuple[int, int, int, int]:
    fraction = (m["fraction"] or "").ljust(6, "0")[:6]
    return int(m["hour"] or 0), int(m["minute"] or 0), int(m["second"] or 0), int(fraction)


def _zone(text: str | None) -> timezone:
    if text is None or text in {"Z", "z"}:
        return timezone.utc
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"offset {text} is out of range")
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if text[0] == "-" else offset)
