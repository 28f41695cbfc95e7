"""The app's models, all in the `notices` app label (import from here).

- `notices.py`: the consular notice and its change notes.
- `alerts.py`: e-mail alert subscriptions and the record of what was sent.
"""

from .alerts import (
    Delivery,
    DigestRun,
    Dispatch,
    DispatchKind,
    DispatchState,
    Frequency,
    Subscription,
)
from .notices import Notice, NoticeChangeNote, NoticeQuerySet, Severity

__all__ = [
    "Delivery",
    "DigestRun",
    "Dispatch",
    "DispatchKind",
    "DispatchState",
    "Frequency",
    "Notice",
    "NoticeChangeNote",
    "NoticeQuerySet",
    "Severity",
    "Subscription",
]
