"""Backups: what `manage.py backup` writes and `manage.py restore` reads.

A backup is one folder, named by its UTC time:

    manifest.json    what is in it: row counts of every table, checksums
    database.dump    PostgreSQL: pg_dump's custom format (pg_restore reads it)
    database.sqlite3 SQLite: a copy made with SQLite's online backup
    media.tar.gz     uploads on the local disk, with their checksums in the
                     manifest; with object storage (S3) only the manifest's
                     listing of every object with its checksum (the bucket's
                     own versioning or replication keeps the objects)

On PostgreSQL the row counts and the dump come from one snapshot, so they
agree even while editors keep working.
"""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT = 1


def sha256_of(stream):
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_checksum(path):
    with open(path, "rb") as stream:
        return sha256_of(stream)


def tables():
    """Every table of every installed model, auto-created ones included."""
    models = apps.get_models(include_auto_created=True)
    return sorted({model._meta.db_table for model in models if model._meta.managed})


def row_counts(cursor, quote):
    counts = {}
    for table in tables():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our own table names
        counts[table] = cursor.fetchone()[0]
    return counts


# --- The database --------------------------------------------------------


def libpq_environment(settings_dict):
    """Connection settings for pg_dump/pg_restore as PG* variables, so a
    password never appears in a process list."""
    env = {**os.environ, "PGDATABASE": settings_dict["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS", {})
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    env["PGCONNECT_TIMEOUT"] = str(options.get("connect_timeout", 10))
    return env


def pg_tool(name):
    """PostgreSQL's client program `name`, from PG_BIN_DIR or the PATH. It
    must be as new as the server (Debian's wrapper in /usr/bin picks one)."""
    found = shutil.which(name, path=os.environ.get("PG_BIN_DIR") or None)
    if not found:
        raise NotImplementedError(f"{name} is needed: apt-get install postgresql-client")
    return found


def dump_database(folder, alias="default"):
    """Write the dump; returns (file name, row counts) of one snapshot."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return PG_DUMP, _dump_postgresql(folder / PG_DUMP, connection)
    if connection.vendor == "sqlite":
        return SQLITE_COPY, _dump_sqlite(folder / SQLITE_COPY, connection)
    raise NotImplementedError(f"Backups of {connection.vendor} are not supported.")


def _dump_postgresql(path, connection):
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor, connection.ops.quote_name)
        # pg_dump sees exactly what the counts saw, while this stays open.
        subprocess.run(  # noqa: S603 - pg_dump with our own arguments
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", f"--file={path}"],
            env=libpq_environment(connection.settings_dict), check=True,
            capture_output=True, text=True,
        )  # fmt: skip
    return counts


def _dump_sqlite(path, connection):
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
        return row_counts(copy.cursor(), connection.ops.quote_name)


def database_is_empty(alias="default"):
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def restore_database(folder, manifest, alias="default"):
    connection = connections[alias]
    name = manifest["database"]["file"]
    if name == PG_DUMP and connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 - pg_restore with our own arguments
            [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
             f"--dbname={connection.settings_dict['NAME']}", str(folder / PG_DUMP)],
            env=libpq_environment(connection.settings_dict), check=True,
            capture_output=True, text=True,
        )  # fmt: skip
    elif name == SQLITE_COPY and connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(folder / SQLITE_COPY, connection.settings_dict["NAME"])
    else:
        raise NotImplementedError(f"{name} cannot be restored into {connection.vendor}.")


def restored_row_counts(alias="default"):
    connection = connections[alias]
    with connection.cursor() as cursor:
        return row_counts(cursor, connection.ops.quote_name)


# --- Uploads ---------------------------------------------------------------


def storage_is_local():
    return isinstance(default_storage, FileSystemStorage)


def media_listing():
    """{name: {"size", "sha256"}} of every upload, read through the storage."""
    listing = {}
    if storage_is_local() and not Path(default_storage.location).exists():
        return listing  # nothing was ever uploaded
    for name in walk(default_storage):
        with default_storage.open(name, "rb") as stream:
            listing[name] = {"size": default_storage.size(name), "sha256": sha256_of(stream)}
    return listing


def walk(storage, folder=""):
    folders, files = storage.listdir(folder)
    for file in sorted(files):
        yield f"{folder}/{file}" if folder else file
    for sub in sorted(folders):
        yield from walk(storage, f"{folder}/{sub}" if folder else sub)


def archive_media(folder, listing):
    """The uploads of the local disk, as one archive (None with S3)."""
    if not storage_is_local():
        return None
    root = Path(default_storage.location)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        for name in listing:
            archive.add(root / name, arcname=name)
    return MEDIA_ARCHIVE


def restore_media(folder, manifest):
    if not manifest["media"]["archive"]:
        return  # object storage: the objects are the bucket's to keep
    root = Path(default_storage.location)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(root, filter="data")


# --- Manifest ---------------------------------------------------------------


def write_manifest(folder, *, database_file, counts, listing, archive):
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {
            "vendor": connections["default"].vendor,
            "file": database_file,
            "sha256": file_checksum(folder / database_file),
            "row_counts": counts,
        },
        "media": {
            "storage": default_storage.__class__.__name__,
            "archive": archive,
            "archive_sha256": file_checksum(folder / archive) if archive else None,
            "files": listing,
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(folder):
    return json.loads((Path(folder) / MANIFEST).read_text())


def damaged_files(folder, manifest):
    """Backup files whose checksum is not the manifest's."""
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    if manifest["media"]["archive"]:
        expected[manifest["media"]["archive"]] = manifest["media"]["archive_sha256"]
    return [
        name
        for name, checksum in expected.items()
        if not (folder / name).exists() or file_checksum(folder / name) != checksum
    ]


def differences(manifest, counts, listing):
    """What the restored database and storage lack or hold differently."""
    problems = []
    for table, expected in manifest["database"]["row_counts"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, backup has {expected}")
    for name, expected in manifest["media"]["files"].items():
        if listing.get(name) != expected:
            problems.append(f"upload {name}: missing or different")
    return problems
