"""Backup and restore, the whole round trip on a real PostgreSQL: what
`manage.py backup` wrote comes back in an empty database and uploads folder,
and `restore --verify` proves it against the manifest."""

import json
from pathlib import Path

import pytest

from .servers import manage, production_environment

pytestmark = pytest.mark.servers

UPLOAD = "releases/2018/02/Zq3kL0x9Yb2V/photo.png"


@pytest.fixture
def backup_folder(site_database, tmp_path):
    media = tmp_path / "media"
    (media / UPLOAD).parent.mkdir(parents=True)
    (media / UPLOAD).write_bytes(b"\x89PNG not really, but bytes to keep")
    environ = production_environment(DATABASE_URL=site_database, DJANGO_MEDIA_ROOT=str(media))
    output = manage(environ, "backup", str(tmp_path / "backups")).stdout
    assert "uploads" in output
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


def empty_site(cluster, name, tmp_path):
    cluster.psql(f"CREATE DATABASE {name}")
    return production_environment(
        DATABASE_URL=cluster.url_for(name), DJANGO_MEDIA_ROOT=str(tmp_path / f"media-{name}")
    )


def test_restore_brings_back_every_row_and_upload(backup_folder, postgres_primary, tmp_path):
    environ = empty_site(postgres_primary, "restored", tmp_path)

    output = manage(environ, "restore", str(backup_folder), "--verify").stdout

    assert "Verified:" in output
    title = "SELECT title_en FROM releases_release WHERE slug = 'public-release'"
    assert postgres_primary.psql(title, "restored") == "A public release"
    restored = Path(environ["DJANGO_MEDIA_ROOT"]) / UPLOAD
    assert restored.read_bytes() == b"\x89PNG not really, but bytes to keep"
    # Restoring twice into the same database would mix two sites: refused.
    again = manage(environ, "restore", str(backup_folder), check=False)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_manifest_counts_every_table(backup_folder, postgres_primary):
    manifest = json.loads((backup_folder / "manifest.json").read_text())
    counts = manifest["database"]["row_counts"]
    assert counts["releases_release"] == 1
    assert counts["auth_user"] == 1
    assert manifest["media"]["files"][UPLOAD]["size"] == 34


def test_verify_reports_what_differs_from_the_manifest(backup_folder, postgres_primary, tmp_path):
    manifest_path = backup_folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["database"]["row_counts"]["releases_release"] = 2  # as if a row got lost
    manifest_path.write_text(json.dumps(manifest))

    result = manage(
        empty_site(postgres_primary, "restored_short", tmp_path),
        "restore",
        str(backup_folder),
        "--verify",
        check=False,
    )
    assert result.returncode != 0
    assert "table releases_release: 1 rows, backup has 2" in result.stderr


def test_a_damaged_backup_is_not_restored(backup_folder, postgres_primary, tmp_path):
    with open(backup_folder / "database.dump", "ab") as dump:
        dump.write(b"garbage")
    environ = empty_site(postgres_primary, "restored_damaged", tmp_path)
    result = manage(environ, "restore", str(backup_folder), check=False)
    assert result.returncode != 0 and "damaged" in result.stderr
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    assert postgres_primary.psql(tables, "restored_damaged") == "0"
