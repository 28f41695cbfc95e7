"""A real SMTP server and a real worker process for the e-mail alert tests.

The server is aiosmtpd on loopback (this suite's ports: 19150-19199); every
message is parsed with Python's `email` parser, headers included. The worker
is `manage.py db_worker` in a subprocess, on the test database (tests using
it are transactional, so it sees what they commit)."""

import contextlib
import email
import email.policy
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SMTP_PORT = 19151


class Inbox:
    def __init__(self):
        self.messages = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@contextlib.contextmanager
def smtp_server():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def database_url():
    """The URL of the test database this process uses."""
    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


@contextlib.contextmanager
def worker():
    """`manage.py db_worker` running beside the test, stopped after it."""
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "EMAIL"))},
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}?tls=0",
        "DJANGO_SITE_URL": "https://embassy.example",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--queue-name",
            "*",
        ],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition, timeout=20.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def settle(seconds=2.0):
    """Let the worker run what is due (to show that nothing is sent)."""
    time.sleep(seconds)


def link(message, path_part):
    """The first https link in the plain-text part containing `path_part`."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.findall(r"https://embassy\.example/\S+", text)
    return next(url for url in found if path_part in url)


def site_path(url):
    return url.removeprefix("https://embassy.example")
