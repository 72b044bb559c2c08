"""The one clock of the build. `CCHC_NOW` sets it, so a preview or a test can build "as of" a date."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ENV_VAR = "CCHC_NOW"


class ClockError(ValueError):
    pass


def now() -> datetime:
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return datetime.now(TZ)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ClockError(
            f"{ENV_VAR}={raw!r} không phải thời điểm hợp lệ; viết dạng 2024-03-05 hoặc 2024-03-05T08:30"
        ) from None
    return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)
