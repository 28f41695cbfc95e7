"""The newsroom's models, all in the `releases` app label.

- `publishable.py`: what every public item shares (status and state, the
  `published()` queryset, optimistic locking). Imports nothing of the newsroom.
- `newsroom.py`: topics, speakers, events and their participants, releases
  and their attachments.
- `editorial.py`: the workflow's own records: change notes, embargo links and
  their openings, the audit trail.

May import `embassy`, `translations` and the app's `uploads` and `validators`;
nothing here imports views, admin, workflow or discovery code. Import from
`releases.models`, not from the modules: these re-exports are how Django
finds the models.
"""

from .editorial import (
    AuditAction,
    AuditEntry,
    ChangeNote,
    ChangeNoteBase,
    EmbargoAccess,
    EmbargoAccessOutcome,
    EmbargoLink,
    EmbargoLinkState,
    PendingRevision,
    PendingRevisionStatus,
    hash_token,
)
from .newsroom import (
    Attachment,
    Event,
    EventKind,
    EventParticipant,
    EventStatus,
    Release,
    ReleaseKind,
    ReleaseSpeaker,
    Speaker,
    Topic,
)
from .publishable import (
    EDITORIAL_STATUSES,
    CurrentTime,
    PublicationState,
    PublicationStatus,
    Publishable,
    StaleObjectError,
)

__all__ = [
    "EDITORIAL_STATUSES",
    "Attachment",
    "AuditAction",
    "AuditEntry",
    "ChangeNote",
    "ChangeNoteBase",
    "CurrentTime",
    "EmbargoAccess",
    "EmbargoAccessOutcome",
    "EmbargoLink",
    "EmbargoLinkState",
    "Event",
    "EventKind",
    "EventParticipant",
    "EventStatus",
    "PendingRevision",
    "PendingRevisionStatus",
    "PublicationState",
    "PublicationStatus",
    "Publishable",
    "Release",
    "ReleaseKind",
    "ReleaseSpeaker",
    "Speaker",
    "StaleObjectError",
    "Topic",
    "hash_token",
]
