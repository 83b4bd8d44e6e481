"""Dates as ISO 8601 text: where a source's date can be read, else kept as given.

Only unambiguous layouts are read. ``03/04/2016`` could be March or April, so it is kept
as written rather than guessed.

Examples
--------
>>> iso_date("March 3, 2016 at 4:12 pm"), iso_date("2016-03-04 10:22:13")
('2016-03-03T16:12:00', '2016-03-04T10:22:13')
>>> iso_date("03/04/2016"), iso_date(""), epoch_date(1457087000)
('03/04/2016', None, '2016-03-04T10:23:20+00:00')
"""
from __future__ import annotations

from datetime import datetime, timezone

#: Month-name layouts WordPress themes print (``March 3, 2016 at 4:12 pm``) and a few
#: others; numeric day/month orders are deliberately absent (ambiguous).
_WITH_TIME = ("%B %d, %Y at %I:%M %p", "%B %d, %Y at %H:%M", "%b %d, %Y at %I:%M %p",
              "%d %B %Y at %H:%M", "%Y/%m/%d at %I:%M %p", "%Y/%m/%d %H:%M:%S")
_DATE_ONLY = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def iso_date(value) -> str | None:
    """Return `value` as ISO 8601 where it can be read, else stripped as given.

    Parameters
    ----------
    value : str or None
        A date as the source prints it.

    Returns
    -------
    str or None
        ``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM:SS[+HH:MM]`` for a time; None when
        `value` is empty.

    Examples
    --------
    >>> iso_date("2016-03-04T10:22:13Z"), iso_date("4 April 2016"), iso_date("last week")
    ('2016-03-04T10:22:13+00:00', '2016-04-04', 'last week')
    """
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat() if len(iso) == 10 else parsed.isoformat()
    for layout in _WITH_TIME:
        try:
            return datetime.strptime(text, layout).isoformat()
        except ValueError:
            continue
    for layout in _DATE_ONLY:
        try:
            return datetime.strptime(text, layout).date().isoformat()
        except ValueError:
            continue
    return text


def epoch_date(value) -> str | None:
    """Seconds since 1970 (Reddit's ``created_utc``) as an ISO 8601 UTC time.

    Examples
    --------
    >>> epoch_date("1457087000.0"), epoch_date(None), epoch_date("soon")
    ('2016-03-04T10:23:20+00:00', None, 'soon')
    """
    if value is None or value == "":
        return None
    try:
        seconds = float(value)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return str(value)
