"""The editorial workflow: how a text goes from draft to public and back.

- `services.py`: every write with side effects (submit, publish, withdraw,
  unpublish, restore, embargo links), each checking the permission, saving
  a revision and an audit entry. Views and admin actions call these.
- `roles.py`: the staff roles (Editor, Publisher, Consular officer) as groups.
- `admin.py`: the publishing admin shared by releases and events (states,
  locking, actions, the audit trail).
- `embargo.py`: embargo links: the journalist's view and the admin that issues
  and revokes them.

May import `releases.models` and the `history` helper app; never the public
views or discovery.
"""
