"""The English and Russian search indexes hold every word twice: stemmed, as
before, and as written ("simple"), so that a name is found in any grammatical
case. PostgreSQL only, like release_search_indexes (0003), whose reasons
apply here too: the new expression is frozen below as
releases.discovery.search builds it now, and the old one is 0003's own, for
rolling back. Hindi's index is unchanged: without a stemmer its words are
already indexed as written.
"""

import functools
from importlib import import_module

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf

before = import_module("releases.migrations.0003_release_search_indexes")

CONFIGS = {"en": ["english", "simple"], "ru": ["russian", "simple"]}


def localized(field, language):
    """The column in `language`, or in English where it is empty."""
    if language == "en":
        return F(f"{field}_en")
    own = NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField())
    return Coalesce(own, F(f"{field}_en"), output_field=TextField())


def search_vector(language):
    vectors = [
        SearchVector(localized(field, language), config=config, weight=weight)
        for config in CONFIGS[language]
        for field, weight in before.WEIGHTS.items()
    ]
    return functools.reduce(lambda left, right: left + right, vectors)


class ReplaceSearchIndex(migrations.operations.base.Operation):
    reversible = True

    def __init__(self, language):
        self.language = language

    def index(self, vector):
        return GinIndex(vector, name=f"release_search_{self.language}")

    def replace(self, schema_editor, model, old, new):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(model, self.index(old))
            schema_editor.add_index(model, self.index(new))

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, "release")
        old, new = before.search_vector(self.language), search_vector(self.language)
        self.replace(schema_editor, model, old, new)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, "release")
        old, new = before.search_vector(self.language), search_vector(self.language)
        self.replace(schema_editor, model, new, old)

    def describe(self):
        return f"Index the words of releases in {self.language!r} also as written (PostgreSQL)"

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.language], {})


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0007_unguessable_upload_paths"),
    ]

    operations = [ReplaceSearchIndex(language) for language in CONFIGS]
