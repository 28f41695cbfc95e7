"""GIN indexes for full-text search of releases, one per language, on
PostgreSQL only.

They are not in Release.Meta.indexes on purpose: SQLite cannot build them,
and SQLite rebuilds a table with every index of the model's state whenever a
later migration alters that table. The index expression is the one
releases.search builds for the query; PostgreSQL uses an index only for an
identical expression (tests/discovery/test_search_postgresql.py checks the
plan). If search_vector() changes, add a migration that drops and recreates
these indexes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from releases.search import SEARCH_CONFIGS, search_vector


class AddSearchIndex(migrations.operations.base.Operation):
    reversible = True

    def __init__(self, language):
        self.language = language

    @property
    def index(self):
        return GinIndex(search_vector(self.language), name=f"release_search_{self.language}")

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(to_state.apps.get_model(app_label, "release"), self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(from_state.apps.get_model(app_label, "release"), self.index)

    def describe(self):
        return f"Create the full-text search index of releases in {self.language!r} (PostgreSQL)"

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.language], {})


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0002_translation_fingerprints"),
    ]

    operations = [AddSearchIndex(language) for language in SEARCH_CONFIGS]
