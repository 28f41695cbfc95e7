"""The Nu HTML Checker (vnu-jar from npm) finds no error on any public page.

No browser is needed: the pages are rendered by Django's test client, saved,
and checked in one run of the checker (starting Java once per page would
cost more than all the checks).
"""

import json
import subprocess

import pytest

from .pages import EXPECTED_STATUS, public_pages, public_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_public_pages_are_valid_html(client, demo_content, vnu_command, tmp_path):
    files = {}
    for page, language in public_pages():
        path = public_path(page, language)
        response = client.get(path)
        assert response.status_code == EXPECTED_STATUS.get(page, 200), path
        file = tmp_path / f"{page}-{language}.html"
        file.write_bytes(response.content)
        files[file.name] = path

    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [
            *vnu_command,
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *map(str, sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr
