"""The admin's start page: a desk per role (editor, publisher, consular
officer) listing the work waiting, each entry one click from its form.
No models, no URLs of its own: accounts/admin_site.py calls `desk_context()`
for the admin index. Reads releases, notices, contacts and services (their
models and querysets only, never their admin)."""
