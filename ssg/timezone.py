"""Asia/Shanghai without a tz database: China has kept UTC+8 without DST since 1991."""

from __future__ import annotations

import datetime as dt

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")


def today() -> dt.date:
    """Today's date in Asia/Shanghai: the default build date (ARCHITECTURE §1.2)."""
    return dt.datetime.now(SHANGHAI).date()
