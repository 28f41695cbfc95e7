import datetime
import zoneinfo

import pytest

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


@pytest.fixture
def freeze_now(clock):
    """Set the clock the pages read: freeze_now(2027, 1, 25, 10, 0) is that
    wall-clock time in New Delhi."""

    def freeze(*args, tz=KOLKATA):
        clock.set(datetime.datetime(*args, tzinfo=tz))
        return clock.now

    return freeze
