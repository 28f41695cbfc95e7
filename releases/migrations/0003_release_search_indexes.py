"""GIN indexes for full-text search of releases, one per language, on
PostgreSQL only.

They are not in Release.Meta.indexes on purpose: SQLite cannot build them,
and SQLite rebuilds a table with every index of the model's state whenever a
later migration alters that table. The index expression is the one
releases.discovery.search builds for the query, frozen here as it was when
this migration was written, so that later changes to the search code cannot
change what this migration did. PostgreSQL uses an index only for an
identical expression (tests/discovery/test_search_postgresql.py checks the
plan). If search_vector() changes, add a migration that drops and recreates
these indexes.
"""

import functools
import operator

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf

SEARCH_CONFIGS = {"en": "english", "ru": "russian", "hi": "simple"}
WEIGHTS = {"title": "A", "summary": "B", "body": "C"}


def search_vector(language):
    """The weighted document of a release in `language`: each column in that
    language, or in English where it is empty."""

    def shown(field):
        english = F(f"{field}_en")
        if language == "en":
            return english
        own = NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField())
        return Coalesce(own, english, output_field=TextField())

    config = SEARCH_CONFIGS[language]
    vectors = [SearchVector(shown(f), config=config, weight=w) for f, w in WEIGHTS.items()]
    return functools.reduce(operator.add, vectors)


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
