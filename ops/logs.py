"""Log lines an operator can search: JSON in production, readable in development.

Every record carries the id of the request it was logged in (`request_id`,
also sent to the client as X-Request-ID), so one request's lines can be found
among many workers' and servers'. The access line of each request (logger
`ops.access`, written by ops.middleware) adds method, path, status, duration
and, for staff, the user id.
"""

import contextvars
import datetime
import json
import logging

# The request being served by this thread, "-" outside a request.
request_id = contextvars.ContextVar("request_id", default="-")

# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Stamp each record with the current request id (a handler filter, so
    records of every logger get it, Django's and libraries' included)."""

    def filter(self, record):
        # django.request logs a response's status after the middleware is
        # done, passing the request along: its id is on it.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger,
    message, request_id, the record's extra fields and any exception."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update((key, value) for key, value in vars(record).items() if key not in _STANDARD)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def config(*, level, json_lines):
    """The LOGGING setting: everything to stderr, one format for all."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": RequestIdFilter},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "text",
                "filters": ["request_id"],
            },
            # Server errors (500) and security errors are mailed to ADMINS.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "request_id"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"handlers": ["console", "mail_admins"], "propagate": False},
            "django.security": {"handlers": ["console", "mail_admins"], "propagate": False},
            # Invalid Host headers are noise from scanners, not errors.
            "django.security.DisallowedHost": {"handlers": [], "propagate": False},
            # Our access lines replace the development server's own.
            "django.server": {"level": "WARNING"},
        },
    }
