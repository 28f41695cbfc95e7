"""Demo content for both apps and the `load_demo` command that loads it.

Outside the production path: nothing of the site imports it, and
`load_demo` refuses to run unless DJANGO_DEBUG is on, because it creates
staff accounts with a published password. No models.

- `releases.py`: speakers, topics, events and releases in three languages,
  in every publication state.
- `contacts.py`: the offices, their contact points, hours and closures.
- `management/commands/load_demo.py`: adds both, and the demo staff
  accounts (one per role). Run again, it adds only what is missing and
  changes nothing that exists, so the demo keeps what its users did.

May import every app's models and `releases.workflow.roles`; no app may
import it (the tests do).
"""
