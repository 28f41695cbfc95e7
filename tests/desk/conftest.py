from tests.workflow.conftest import editor, editor_client, publisher, publisher_client  # noqa: F401
