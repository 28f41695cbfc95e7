"""The site as it runs in production, started by a test: manage.py commands
and gunicorn (deploy/gunicorn.conf.py) in subprocesses, DEBUG off, on a
loopback port of this suite's own, stopped when the test is done."""

import contextlib
import http.cookiejar
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def production_environment(**overrides):
    """Production values, as .ci/prod-smoke uses, plus `overrides`."""
    environ = _outside_environment()
    environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no HTTPS redirect, cookies over HTTP.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_MEDIA_ROOT=tempfile.mkdtemp(prefix="embassy-media-"),
    )
    environ.update(overrides)
    return environ


def _outside_environment():
    """This process's environment without the test run's settings."""
    prefixes = ("DJANGO_", "DATABASE", "REDIS_URL", "AWS_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


_static_root = None


def shared_static_root():
    """collectstatic once per test run: the pages need the manifest."""
    global _static_root
    if _static_root is None:
        _static_root = Path(tempfile.mkdtemp(prefix="embassy-static-"))
        environ = {**_outside_environment(), "DJANGO_SECRET_KEY": "collectstatic"}
        environ["DJANGO_STATIC_ROOT"] = str(_static_root)
        manage(environ, "collectstatic", "--no-input", "--verbosity", "0")
    return _static_root


def manage(environ, *args, check=True):
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-5000:]}")
    return result


@contextlib.contextmanager
def gunicorn(environ, port, *, workers=2, timeout=30):
    """A running gunicorn; yields its base URL."""
    log_fd, log_name = tempfile.mkstemp(prefix="embassy-gunicorn-", suffix=".log")
    log_path = Path(log_name)
    with os.fdopen(log_fd, "w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "embassy.wsgi"],
            cwd=ROOT,
            env={
                "DJANGO_STATIC_ROOT": str(shared_static_root()),
                **environ,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": str(workers),
                "GUNICORN_TIMEOUT": str(timeout),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log_path)
        yield base
    finally:
        process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        # pytest shows this only for a failing test.
        print(f"--- gunicorn log ---\n{log_path.read_text()[-20000:]}")
        log_path.unlink()


def _wait_until_up(base, process, log_path):
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log_path.read_text()}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()  # noqa: S310
            return
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not start:\n{log_path.read_text()}")


# Single-use second-factor codes of the seeded administrator (conftest.SEED):
# each login takes the next one, as a real editor would type a fresh code.
RECOVERY_CODES = [f"opsrecovery{number:02d}" for number in range(60)]
_unused_codes = iter(RECOVERY_CODES)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A client with a cookie jar, like one browser (urllib, no redirects)."""

    def __init__(self, cookies=None):
        self.cookies = cookies if cookies is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, url, data=None, headers=None, timeout=40):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def login(self, base, username, password):
        self.request(f"{base}/admin/login/")
        status, _headers, _body = self.request(
            f"{base}/admin/login/?next=/admin/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, "the admin login failed"
        status, _headers, _body = self.request(
            f"{base}/admin/second-factor/?next=/admin/",
            {"token": next(_unused_codes), "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, "the second factor was refused"

    def csrf(self):
        return self.cookie("csrftoken")
