"""The search document of every release is stored, once per language, in a
generated column (`search_en`, `search_ru`, `search_hi`) that PostgreSQL
computes itself on every insert and update, and the GIN indexes move onto
those columns. PostgreSQL only, like 0003 and 0008.

Why: with the document as an index expression, PostgreSQL had to build it
again, with two text configurations over title, summary and body, for every
row it rechecked and for every row it ranked. A word found in most releases
cost over a second at 2,000 releases. Read from a stored column, both cost
next to nothing. The database computes the column, so no way of writing
(bulk inserts, `update()`, the Joomla import, raw SQL) can leave it stale.

The columns are not fields of the model, on purpose: Django would read
them (kilobytes a release) with every release it loads. The document is
0008's expression for English and Russian and 0003's for Hindi, frozen
here; releases.discovery.search reads the columns by name.

On a large archive this migration takes minutes and holds the releases
table locked meanwhile (see the README's "Upgrading").
"""

from importlib import import_module

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models.sql import Query

initial_indexes = import_module("releases.migrations.0003_release_search_indexes")
exact_forms = import_module("releases.migrations.0008_release_search_exact_forms")

LANGUAGES = ("en", "ru", "hi")


def document(language):
    """The weighted search document of `language`, as 0008 left it indexed."""
    if language in exact_forms.CONFIGS:
        return exact_forms.search_vector(language)
    return initial_indexes.search_vector(language)


def column(language):
    return f"search_{language}"


def index_name(language):
    return f"release_search_{language}"


def compiled(expression, model, schema_editor):
    """`expression` as SQL with its values inlined, columns unqualified (as
    a column definition needs them)."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(
        compiler, schema_editor.connection
    )
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def no_statement_timeout(schema_editor):
    """Computing the documents of every release takes minutes on a large
    archive (about a minute per language for 100,000 releases), far beyond
    the site's statement timeout (DJANGO_DB_STATEMENT_TIMEOUT_MS, meant for
    requests). SET LOCAL lifts it for this migration's transaction only."""
    schema_editor.execute("SET LOCAL statement_timeout = 0")


class StoreSearchDocument(migrations.operations.base.Operation):
    reversible = True

    def __init__(self, language):
        self.language = language

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, "release")
        table = schema_editor.quote_name(model._meta.db_table)
        name = schema_editor.quote_name(column(self.language))
        index = schema_editor.quote_name(index_name(self.language))
        expression = compiled(document(self.language), model, schema_editor)
        no_statement_timeout(schema_editor)
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {name} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({name})")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, "release")
        table = schema_editor.quote_name(model._meta.db_table)
        no_statement_timeout(schema_editor)
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(self.language))}")
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN {schema_editor.quote_name(column(self.language))}"
        )
        schema_editor.add_index(
            model, GinIndex(document(self.language), name=index_name(self.language))
        )

    def state_forwards(self, app_label, state):
        pass

    def describe(self):
        return f"Store the {self.language!r} search document of releases in a column (PostgreSQL)"

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.language], {})


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0013_pending_correction_message"),
    ]

    operations = [StoreSearchDocument(language) for language in LANGUAGES]
