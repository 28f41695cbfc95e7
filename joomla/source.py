"""The Joomla database, opened read-only, outside Django's DATABASES.

PyMySQL (pure Python, no C headers to install) talks to MySQL and MariaDB.
The session is read-only (`SET SESSION TRANSACTION READ ONLY` and a
read-only transaction), so the import cannot change the old site. The
version is recognised by the schema: 4.x and 5.x have workflow tables, 3.x
has none; the installed version comes from the `files_joomla` manifest."""

import datetime
import json
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors

# Every table the import reads (without the prefix); the first ones must exist.
REQUIRED_TABLES = ("content", "categories")
OPTIONAL_TABLES = (
    "languages",
    "associations",
    "tags",
    "contentitem_tag_map",
    "contact_details",
    "redirect_links",
    "menu",
    "extensions",
)
PREFIX_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,20}$")


class SourceError(Exception):
    """The Joomla database cannot be read: a message for the operator."""


@dataclass
class DatabaseAddress:
    host: str
    port: int
    user: str
    password: str
    name: str

    @classmethod
    def parse(cls, url):
        parts = urlsplit(url)
        if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
            raise SourceError(
                f"--database must look like mysql://USER:PASS@HOST:PORT/DBNAME, not {url!r}."
            )
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            name=unquote(parts.path.strip("/")),
        )


class JoomlaSource:
    """Rows of one Joomla site. Use as a context manager."""

    def __init__(self, url, prefix=None):
        self.address = DatabaseAddress.parse(url)
        self.requested_prefix = prefix
        self.connection = None
        self.prefix = None
        self.tables = set()
        self.version = None

    def __enter__(self):
        try:
            self.connection = pymysql.connect(
                host=self.address.host,
                port=self.address.port,
                user=self.address.user,
                password=self.address.password,
                database=self.address.name,
                charset="utf8mb4",
                cursorclass=pymysql.cursors.DictCursor,
                autocommit=False,
                connect_timeout=10,
            )
        except pymysql.MySQLError as error:
            raise SourceError(f"Cannot open the Joomla database: {error}") from error
        with self.connection.cursor() as cursor:
            cursor.execute("SET SESSION TRANSACTION READ ONLY")
            # Joomla stores UTC; keep the server from converting.
            cursor.execute("SET time_zone = '+00:00'")
            cursor.execute("START TRANSACTION READ ONLY")
        self.prefix = self._find_prefix()
        self.version = self._find_version()
        return self

    def __exit__(self, *exc):
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()

    # --- the schema -------------------------------------------------------

    def _all_tables(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW TABLES")
            return [next(iter(row.values())) for row in cursor.fetchall()]

    def _find_prefix(self):
        names = self._all_tables()
        if self.requested_prefix is not None:
            prefix = self.requested_prefix
            if not PREFIX_PATTERN.match(prefix):
                raise SourceError(f"{prefix!r} is not a table prefix.")
        else:
            candidates = sorted(
                name[: -len("content")]
                for name in names
                if name.endswith("_content") and f"{name[: -len('content')]}categories" in names
            )
            if len(candidates) != 1:
                found = ", ".join(candidates) or "none"
                raise SourceError(
                    f"Cannot tell the table prefix (found: {found}); give it with --prefix."
                )
            prefix = candidates[0]
        self.tables = {name[len(prefix) :] for name in names if name.startswith(prefix)}
        missing = [table for table in REQUIRED_TABLES if table not in self.tables]
        if missing:
            raise SourceError(
                f"No Joomla site with prefix {prefix!r} here: "
                f"{', '.join(prefix + t for t in missing)} missing."
            )
        return prefix

    def _find_version(self):
        """ "3", "4" or "5" (the major version), with the full version when
        the manifest gives it."""
        major = "4" if "workflows" in self.tables else "3"
        full = None
        if "extensions" in self.tables:
            rows = self.rows(
                "extensions",
                where="type = 'file' AND element = 'joomla'",
                columns="manifest_cache",
            )
            for row in rows:
                try:
                    full = json.loads(row["manifest_cache"] or "{}").get("version")
                except ValueError:
                    full = None
        manifest_major = (full or "").split(".")[0]
        # The manifest tells 5.x from 4.x; the schema alone does not. A
        # manifest that contradicts the schema (an unfinished upgrade) loses.
        if manifest_major in ("3", "4", "5", "6") and (manifest_major == "3") == (major == "3"):
            major = manifest_major
        return {"major": major, "full": full or f"{major}.x"}

    def has(self, table):
        return table in self.tables

    def rows(self, table, where="", columns="*", order="", params=()):
        """Rows of `#__table` as dicts; [] if the site has no such table."""
        if not self.has(table):
            return []
        sql = f"SELECT {columns} FROM `{self.prefix}{table}`"  # noqa: S608 - names are ours
        if where:
            sql += f" WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())


def joomla_datetime(value):
    """An aware UTC datetime from a Joomla column, or None for NULL (4.x)
    and the zero date "0000-00-00 00:00:00" (3.x), which PyMySQL returns as
    text because Python has no year 0."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=datetime.UTC)
    return None
